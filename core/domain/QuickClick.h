#pragma once

#include "core/domain/Result.h"

#include <QString>
#include <QStringList>

namespace Keydesk::Core {

/// Quick-click rules: a code of short (0) and long (1) presses typed on the lock's button.
namespace QuickClick {
inline constexpr int kMinCodeLength = 3;
inline constexpr int kMaxCodeLength = 24;
inline constexpr int kMinUses = 1;
inline constexpr int kMaxLimitedUses = 254;
inline constexpr int kUnlimitedUses = 255; ///< the wire value for "no limit"
inline constexpr int kMaxQuickClicksPerLock = 100;
} // namespace QuickClick

// Top-level aliases, as used by the server and the lock protocol.
inline constexpr int kUnlimitedUses = QuickClick::kUnlimitedUses;
inline constexpr int kMaxQuickClicksPerLock = QuickClick::kMaxQuickClicksPerLock;

/// The code with surrounding blanks removed, or qc_code_not_binary (a character other than 0/1),
/// qc_code_too_short (< 3), qc_code_too_long (> 24).
Result<QString> validateQuickClickCode(const QString &code);

/// 1–254 uses, or 255 for unlimited; anything else is qc_uses_out_of_range.
Result<int> validateQuickClickUses(int uses);

/// "unlimited" or "3 uses" (translated).
QString describeQuickClickUses(int uses);

/// Whether a new code may be issued on a lock that already holds `existingCodesOnLock` (codes whose removal
/// has not reached the lock count as held): the code and uses rules above, then qc_code_duplicate, then
/// qc_lock_full (100 codes).
Result<void> validateQuickClickIssue(const QStringList &existingCodesOnLock, const QString &code, int uses);

} // namespace Keydesk::Core
