#include "server/coreapi/OfflineKeyService.h"

#include "core/domain/AccessDecision.h"
#include "core/domain/OfflineKey.h"
#include "core/lockproto/OfflineCredential.h"
#include "server/coreapi/RevocationService.h"
#include "server/store/AccessRepository.h"
#include "server/store/Companies.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

quint64 newKeyId()
{
    // Random 62-bit ids: never 0, never reused in practice, and UNIQUE(lock_id, key_id) catches the rest.
    quint64 id = 0;
    while (id == 0)
        id = QRandomGenerator::system()->generate64() & 0x3fffffffffffffffULL;
    return id;
}

OfflineKeyRow rowFromQuery(const QSqlQuery &q)
{
    OfflineKeyRow row;
    row.id = q.value(0).toString();
    row.lockId = q.value(1).toString();
    row.lockMac = q.value(2).toString();
    row.trackingKey = q.value(3).toString();
    row.offlineKey = q.value(4).toString();
    row.unlockCommand = q.value(5).toString();
    row.keyId = q.value(6).toULongLong();
    row.expiresAt = q.value(7).toLongLong();
    return row;
}

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

} // namespace

Result<OfflineKeyService::LockContext> OfflineKeyService::lockContext(const LockRecord &lock)
{
    if (auto it = m_locks.constFind(lock.id); it != m_locks.cend())
        return *it;
    auto secret = LockRepository::secretOf(lock, m_kek);
    if (!secret)
        return secret.error();
    auto keys = Core::LockKeys::derive(secret.value(), lock.mac);
    if (!keys)
        return Error::make(QStringLiteral("internal"), keys.error().message);
    LockContext context { keys.value(), RevocationService(m_db, m_clock).stateOf(lock),
                          AccessRepository(m_db).zoneOfFacility(lock.facilityId) };
    m_locks.insert(lock.id, context);
    return context;
}

Result<OfflineKeyRow> OfflineKeyService::issue(const QString &companyId, const LockRecord &lock,
                                               const QString &trackingKey)
{
    AccessRepository access(m_db);
    if (!m_users.contains(trackingKey))
        m_users.insert(trackingKey, access.userByTrackingKey(companyId, trackingKey));
    const std::optional<UserRecord> user = m_users.value(trackingKey);
    if (!user)
        return Error::make(QStringLiteral("unknown_tracking_key"),
                           QStringLiteral("No user has the tracking key \"%1\"; create the user and give them a key "
                                          "on lock %2 first.")
                               .arg(trackingKey, lock.mac.toString()),
                           QStringLiteral("tracking_keys"));
    auto context = lockContext(lock);
    if (!context)
        return context.error();
    const QDateTime now = m_clock.now();
    const Core::FacilityZone &zone = context.value().zone;
    Core::AccessRequest request;
    request.userState = user->state;
    request.keysOnLock = access.keysOfUserOnLock(user->id, lock.id);
    request.zone = zone;
    request.at = now;
    request.lockName = lock.name.isEmpty() ? lock.mac.toString() : lock.name;
    const Core::AccessDecision decision = Core::decideAccess(request);
    if (!decision.allowed)
        return Error::make(QStringLiteral("access_denied"), decision.reasons.join(QStringLiteral(" ")),
                           QStringLiteral("tracking_keys"));
    const auto grant = std::find_if(request.keysOnLock.cbegin(), request.keysOnLock.cend(),
                                    [&](const Core::DigitalKey &k) { return k.id == decision.grantingKeyId; });
    if (grant == request.keysOnLock.cend())
        return Error::make(QStringLiteral("internal"), QStringLiteral("The granting key was not found."));
    const QDateTime expiry = Core::offlineKeyExpiry(*grant, zone, now);
    if (!expiry.isValid() || expiry <= now)
        return Error::make(QStringLiteral("access_denied"),
                           QStringLiteral("The key \"%1\" cannot open lock %2 now, so no offline key can be issued.")
                               .arg(grant->displayName(), request.lockName),
                           QStringLiteral("tracking_keys"));

    Core::OfflineGrant offline;
    offline.keyId = newKeyId();
    offline.trackingKey = trackingKey;
    // From the start of today (not "now"), so a lock clock a little behind the server's still accepts it.
    QDateTime notBefore = zone.startOfDay(zone.localDate(now));
    if (grant->validFrom.isValid() && grant->validFrom > notBefore)
        notBefore = grant->validFrom;
    offline.notBefore = notBefore.toSecsSinceEpoch();
    offline.notAfter = expiry.toSecsSinceEpoch();
    if (grant->restriction == Core::Restriction::Scheduled) {
        const QList<Core::Interval> intervals = Core::windowIntervals(grant->windows, zone, notBefore, expiry);
        for (const Core::Interval &interval : intervals) {
            if (offline.windows.size() >= Core::OfflineGrant::MaxWindows)
                break;
            if (!interval.isEmpty())
                offline.windows.append({ interval.start.toSecsSinceEpoch(), interval.end.toSecsSinceEpoch() });
        }
    }
    offline.oneTime = grant->restriction == Core::Restriction::OneTime;
    offline.epoch = lock.revocationMinEpoch;
    offline.revocation = context.value().revocation;
    auto credential = Core::issueOfflineCredential(context.value().keys, lock.mac, offline);
    if (!credential)
        return Error::make(QStringLiteral("internal"), credential.error().message);

    OfflineKeyRow row;
    row.id = newId();
    row.lockId = lock.id;
    row.lockMac = lock.mac.toString();
    row.trackingKey = trackingKey;
    row.offlineKey = credential.value().offlineKeyHex;
    row.unlockCommand = credential.value().unlockCommandHex;
    row.keyId = offline.keyId;
    row.expiresAt = expiry.toMSecsSinceEpoch();
    auto r = m_db.exec(QStringLiteral("INSERT INTO offline_keys(id, lock_id, user_id, tracking_key, key_id, grant_id, "
                                      "offline_key, unlock_command, issued_at, expires_at, epoch) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       { row.id, lock.id, user->id, trackingKey, qint64(row.keyId), grant->id, row.offlineKey,
                         row.unlockCommand, now.toMSecsSinceEpoch(), row.expiresAt, lock.revocationMinEpoch });
    if (!r)
        return r.error();
    return row;
}

QList<OfflineKeyRow> OfflineKeyService::current(const QString &companyId, const QStringList &lockIds,
                                                const QStringList &trackingKeys) const
{
    QString sql = QStringLiteral(
        "SELECT o.id, o.lock_id, l.mac, o.tracking_key, o.offline_key, o.unlock_command, o.key_id, o.expires_at "
        "FROM offline_keys o JOIN locks l ON l.id = o.lock_id "
        "WHERE l.company_id = ? AND o.invalidated_at IS NULL AND o.expires_at > ?");
    QVariantList bindings { companyId, m_clock.now().toMSecsSinceEpoch() };
    if (!lockIds.isEmpty()) {
        sql += QStringLiteral(" AND o.lock_id IN (%1)").arg(placeholders(lockIds.size()));
        for (const QString &id : lockIds)
            bindings.append(id);
    }
    if (!trackingKeys.isEmpty()) {
        sql += QStringLiteral(" AND o.tracking_key IN (%1)").arg(placeholders(trackingKeys.size()));
        for (const QString &key : trackingKeys)
            bindings.append(key);
    }
    sql += QStringLiteral(" ORDER BY l.created_at, l.mac, o.tracking_key, o.issued_at DESC, o.rowid DESC");
    QList<OfflineKeyRow> rows;
    auto r = m_db.exec(sql, bindings);
    if (!r)
        return rows;
    QSet<QString> seen;
    while (r.value().next()) {
        OfflineKeyRow row = rowFromQuery(r.value());
        // Only the newest credential per (lock, tracking key); older ones still work until they expire.
        const QString pair = row.lockId + QLatin1Char('\n') + row.trackingKey;
        if (seen.contains(pair))
            continue;
        seen.insert(pair);
        rows.append(std::move(row));
    }
    return rows;
}

Result<QSet<QString>> OfflineKeyService::revoke(const QString &companyId, const QStringList &lockIds,
                                                const QStringList &trackingKeys)
{
    m_locks.clear(); // revocation states change below
    RevocationService revocations(m_db, m_clock);
    QSet<QString> changed;
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    if (trackingKeys.isEmpty()) {
        for (const QString &lockId : lockIds) {
            if (auto r = revocations.revokeAll(lockId); !r)
                return r.error();
            changed.insert(lockId);
        }
    } else {
        // Every valid credential of those tracking keys, not only the newest per lock.
        QString sql = QStringLiteral("SELECT o.id, o.lock_id FROM offline_keys o JOIN locks l ON l.id = o.lock_id "
                                     "WHERE l.company_id = ? AND o.invalidated_at IS NULL AND o.expires_at > ? "
                                     "AND o.tracking_key IN (%1)")
                          .arg(placeholders(trackingKeys.size()));
        QVariantList bindings { companyId, m_clock.now().toMSecsSinceEpoch() };
        for (const QString &key : trackingKeys)
            bindings.append(key);
        if (!lockIds.isEmpty()) {
            sql += QStringLiteral(" AND o.lock_id IN (%1)").arg(placeholders(lockIds.size()));
            for (const QString &id : lockIds)
                bindings.append(id);
        }
        auto r = m_db.exec(sql, bindings);
        if (!r)
            return r.error();
        QHash<QString, QStringList> byLock;
        while (r.value().next())
            byLock[r.value().value(1).toString()].append(r.value().value(0).toString());
        for (auto it = byLock.cbegin(); it != byLock.cend(); ++it) {
            if (auto revoked = revocations.revokeOfflineKeys(it.key(), it.value()); !revoked)
                return revoked.error();
            changed.insert(it.key());
        }
    }
    if (auto c = tx.commit(); !c)
        return c.error();
    return changed;
}

} // namespace Keydesk::Server
