#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Result.h"
#include "core/lockproto/Revocation.h"
#include "server/store/Database.h"
#include "server/store/LockRepository.h"

#include <QStringList>

namespace Keydesk::Server {

/// A lock's revocation state, as every online command and offline credential carries it to the lock.
///
/// Every revocation touching a lock raises locks.revocation_version; revoking everything on a lock raises
/// revocation_min_epoch (credentials carry the epoch they were issued in); single revocations list the key
/// ids of invalidated, still unexpired credentials. delivered_revocation_version is what the lock acknowledged
/// in its uploaded logs.
class RevocationService final
{
public:
    RevocationService(Database &db, const Core::Clock &clock)
        : m_db(db)
        , m_clock(clock)
    { }

    Core::RevocationState stateOf(const LockRecord &lock) const;
    /// Invalidates these offline_keys rows of the lock and raises its version (more listed ids than the
    /// lock can hold escalates to revokeAll).
    Core::Result<void> revokeOfflineKeys(const QString &lockId, const QStringList &offlineKeyIds);
    /// Invalidates every credential of the lock: min_epoch + 1, version + 1.
    Core::Result<void> revokeAll(const QString &lockId);
    /// The lock reported this version in an authenticated log entry.
    Core::Result<void> markDelivered(const QString &lockId, quint32 version);

    static bool deliveryPending(const LockRecord &lock)
    {
        return lock.deliveredRevocationVersion < lock.revocationVersion;
    }

private:
    Database &m_db;
    const Core::Clock &m_clock;
};

} // namespace Keydesk::Server
