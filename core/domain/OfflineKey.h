#pragma once

#include "core/domain/DigitalKey.h"
#include "core/domain/FacilityZone.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Keydesk::Core {

/// When an offline key issued at `issuedAt` expires: the end of that facility day, or earlier when the
/// key stops opening first (its validity ends, it is revoked, or the current window ends). Invalid when
/// the key cannot open at `issuedAt` (then no offline key may be issued). A window crossing midnight is
/// still cut at midnight: offline keys never outlive the facility day.
QDateTime offlineKeyExpiry(const DigitalKey &key, const FacilityZone &zone, const QDateTime &issuedAt);

/// A user's "Offline Key Expiration" field: `Never issued`, `Expired`, or the latest expiry instant.
struct OfflineKeySummary
{
    enum Kind { NeverIssued, Expired, ValidUntil };
    Kind kind = NeverIssued;
    QDateTime until; ///< ValidUntil only: the latest expiry (UTC)

    /// "Never issued", "Expired" or "Thu 26 Nov 2026 00:00 (Europe/Berlin)" (translated).
    QString text(const FacilityZone &zone) const;

    friend bool operator==(const OfflineKeySummary &, const OfflineKeySummary &) = default;
};

/// Summarises the expiries of a user's issued, not invalidated offline keys. `everIssued` tells
/// "Expired" from "Never issued" when the list is empty (a non-empty list implies it).
OfflineKeySummary summarizeOfflineKeys(const QList<QDateTime> &expiries, bool everIssued, const QDateTime &now);

} // namespace Keydesk::Core
