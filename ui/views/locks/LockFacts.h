#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace Keydesk::Core {
class CacheDatabase;
}

namespace Keydesk::Ui {

/// How full a lock's battery is. A coin cell reads 3.0 V full; at 2.85 V the lock may stop opening.
enum class BatteryLevel { Unknown, Ok, Low, Critical };

/// What the locks table shows beside the lock row itself, gathered from other cached entities.
struct LockFacts
{
    QString unitName;
    int pendingQuickClicks = 0; ///< issued or revoked codes the lock has not received yet
    bool revocationPending = false; ///< a revocation the lock has not acknowledged
    qint64 lastActivityMs = -1; ///< latest activity event (its range end), -1 when none
};

/// Battery thresholds and texts, and the facts per lock, as plain functions for tests.
class LockText final
{
    Q_DECLARE_TR_FUNCTIONS(Keydesk::Ui::LockText)

public:
    static constexpr int kFullMv = 3000;
    static constexpr int kLowMv = 2950; ///< below this the battery is low (a third of the way to critical)
    static constexpr int kCriticalMv = 2850; ///< at or below: replace now

    /// 0 (never reported) is Unknown.
    static BatteryLevel batteryLevel(int millivolts);
    /// The semantic tone of a level ("ok", "warning", "danger", "muted").
    static QString batteryTone(BatteryLevel level);
    /// "3.00 V", "2.90 V — low", "2.85 V — replace now", "unknown".
    static QString batteryText(int millivolts);
    /// "2 quick clicks pending, revocation pending delivery" or empty.
    static QString flagsText(const LockFacts &facts);
};

/// Reads locks, units, quick clicks and activity once (on the cache's thread) and returns lock id → facts.
Core::Result<QHash<QString, LockFacts>> readLockFacts(Core::CacheDatabase &db);

} // namespace Keydesk::Ui
