#pragma once

#include "core/domain/Battery.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace Keydesk::Core {
class CacheDatabase;
}

namespace Keydesk::Ui {

/// What the locks table shows beside the lock row itself, gathered from other cached entities.
struct LockFacts
{
    QString unitName;
    int pendingQuickClicks = 0; ///< issued or revoked codes the lock has not received yet
    bool revocationPending = false; ///< a revocation the lock has not acknowledged
    qint64 lastActivityMs = -1; ///< latest activity event (its range end), -1 when none
};

/// The lock facts in words, as plain functions for tests. The battery scale and its words are Core::Battery's.
class LockText final
{
    Q_DECLARE_TR_FUNCTIONS(Keydesk::Ui::LockText)

public:
    /// Kept for app/SessionBootstrap.h until it reads Core::Battery itself.
    static constexpr int kLowMv = Core::Battery::kLowMv;

    /// "2 quick clicks pending, revocation pending delivery" or empty.
    static QString flagsText(const LockFacts &facts);
};

/// Reads locks, units, quick clicks and activity once (on the cache's thread) and returns lock id → facts.
Core::Result<QHash<QString, LockFacts>> readLockFacts(Core::CacheDatabase &db);

} // namespace Keydesk::Ui
