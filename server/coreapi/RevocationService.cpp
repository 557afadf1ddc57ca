#include "server/coreapi/RevocationService.h"

#include <QSqlQuery>

namespace Keydesk::Server {

using Core::Result;

Core::RevocationState RevocationService::stateOf(const LockRecord &lock) const
{
    Core::RevocationState state;
    state.version = lock.revocationVersion;
    state.minEpoch = lock.revocationMinEpoch;
    // Only credentials that could still open: unexpired, and not already covered by min_epoch.
    auto r = m_db.exec(
        QStringLiteral("SELECT key_id FROM offline_keys WHERE lock_id = ? AND invalidated_at IS NOT "
                       "NULL AND expires_at > ? AND epoch >= ? ORDER BY key_id LIMIT ?"),
        { lock.id, m_clock.now().toMSecsSinceEpoch(), lock.revocationMinEpoch, Core::RevocationState::MaxRevokedKeys });
    if (r) {
        while (r.value().next())
            state.revokedKeyIds.append(r.value().value(0).toULongLong());
    }
    return state;
}

Result<void> RevocationService::revokeOfflineKeys(const QString &lockId, const QStringList &offlineKeyIds)
{
    if (offlineKeyIds.isEmpty())
        return {};
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    for (const QString &id : offlineKeyIds) {
        auto r = m_db.exec(QStringLiteral("UPDATE offline_keys SET invalidated_at = ? WHERE id = ? AND lock_id = ? AND "
                                          "invalidated_at IS NULL"),
                           { now, id, lockId });
        if (!r)
            return r.error();
    }
    auto listed
        = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM offline_keys o JOIN locks l ON l.id = o.lock_id "
                                     "WHERE o.lock_id = ? AND o.invalidated_at IS NOT NULL AND o.expires_at > ? "
                                     "AND o.epoch >= l.revocation_min_epoch"),
                      { lockId, now });
    if (!listed)
        return listed.error();
    if (listed.value().toInt() > Core::RevocationState::MaxRevokedKeys) {
        if (auto all = revokeAll(lockId); !all)
            return all.error();
    } else if (auto r = m_db.exec(QStringLiteral("UPDATE locks SET revocation_version = revocation_version + 1 WHERE "
                                                 "id = ?"),
                                  { lockId });
               !r) {
        return r.error();
    }
    return tx.commit();
}

Result<void> RevocationService::revokeAll(const QString &lockId)
{
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    if (auto r = m_db.exec(QStringLiteral("UPDATE offline_keys SET invalidated_at = ? WHERE lock_id = ? AND "
                                          "invalidated_at IS NULL AND expires_at > ?"),
                           { now, lockId, now });
        !r)
        return r.error();
    if (auto r = m_db.exec(QStringLiteral("UPDATE locks SET revocation_version = revocation_version + 1, "
                                          "revocation_min_epoch = revocation_min_epoch + 1 WHERE id = ?"),
                           { lockId });
        !r)
        return r.error();
    return tx.commit();
}

Result<void> RevocationService::markDelivered(const QString &lockId, quint32 version)
{
    auto r = m_db.exec(QStringLiteral("UPDATE locks SET delivered_revocation_version = ? WHERE id = ? AND "
                                      "delivered_revocation_version < ? AND ? <= revocation_version"),
                       { version, lockId, version, version });
    if (!r)
        return r.error();
    return {};
}

} // namespace Keydesk::Server
