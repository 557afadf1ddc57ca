#include "server/v1/AccessService.h"

#include "core/domain/OfflineKey.h"
#include "server/store/Database.h"
#include "server/v1/KeyService.h"
#include "server/v1/V1Api.h"
#include "server/v1/V1Common.h"

#include <QHash>

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Result;

Result<UserAccessContext> loadUserContext(Database &db, const QString &companyId, const QString &userId)
{
    auto q = db.exec(QStringLiteral("SELECT u.id, u.name, u.facility_id, f.company_id, u.tracking_key, u.status, "
                                    "f.timezone, f.geofence_lat, f.geofence_lon, f.geofence_radius_m FROM users u JOIN "
                                    "facilities f ON f.id = u.facility_id WHERE u.id = ? AND f.company_id = ?"),
                     { userId, companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(QStringLiteral("user"), userId);
    const QSqlQuery &r = q.value();
    UserAccessContext u;
    u.userId = r.value(0).toString();
    u.name = r.value(1).toString();
    u.facilityId = r.value(2).toString();
    u.companyId = r.value(3).toString();
    u.trackingKey = r.value(4).toString();
    u.status = r.value(5).toString();
    auto zone = Core::FacilityZone::fromIanaId(r.value(6).toString());
    if (!zone)
        return zone.error();
    u.zone = *zone;
    if (!r.value(7).isNull() && !r.value(8).isNull() && !r.value(9).isNull())
        u.geofence = Core::Geofence { { r.value(7).toDouble(), r.value(8).toDouble() }, r.value(9).toDouble() };
    return u;
}

Result<LockAccessInfo> loadLockInfo(Database &db, const QString &companyId, const QString &lockId)
{
    auto q = db.exec(QStringLiteral("SELECT id, name, mac, facility_id FROM locks WHERE id = ? AND company_id = ?"),
                     { lockId, companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(QStringLiteral("lock"), lockId);
    return LockAccessInfo { q.value().value(0).toString(), q.value().value(1).toString(), q.value().value(2).toString(),
                            q.value().value(3).toString() };
}

Result<Core::AccessDecision> decide(Database &db, const UserAccessContext &user, const LockAccessInfo &lock,
                                    const QDateTime &at, const std::optional<Core::GeoPoint> &location)
{
    auto keys = keysForUserOnLock(db, user.userId, lock.id);
    if (!keys)
        return keys.error();
    auto state = Core::userStateFromString(user.status);
    if (!state)
        return state.error();
    Core::AccessRequest request;
    request.userState = *state;
    request.keysOnLock = *keys;
    request.zone = user.zone;
    request.geofence = user.geofence;
    request.phoneLocation = location;
    request.at = at;
    request.lockName = lock.name.isEmpty() ? lock.mac : lock.name;
    return Core::decideAccess(request);
}

QJsonObject decisionJson(const Core::AccessDecision &d, const UserAccessContext &user, const LockAccessInfo &lock,
                         const QDateTime &at)
{
    QJsonArray reasons;
    for (const QString &r : d.reasons)
        reasons.append(r);
    return { { QStringLiteral("allowed"), d.allowed },
             { QStringLiteral("reasons"), reasons },
             { QStringLiteral("granting_key_id"),
               d.grantingKeyId.isEmpty() ? QJsonValue() : QJsonValue(d.grantingKeyId) },
             { QStringLiteral("user_id"), user.userId },
             { QStringLiteral("user_status"), user.status },
             { QStringLiteral("lock_id"), lock.id },
             { QStringLiteral("lock_name"), lock.name },
             { QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs) } };
}

Result<QJsonObject> offlineKeyReport(Database &db, const UserAccessContext &user, const QDateTime &now)
{
    auto q = db.exec(QStringLiteral("SELECT o.id, o.lock_id, l.name, l.mac, o.key_id, o.grant_id, o.issued_at, "
                                    "o.expires_at, o.invalidated_at FROM offline_keys o JOIN locks l ON l.id = "
                                    "o.lock_id WHERE o.user_id = ? ORDER BY o.issued_at DESC LIMIT 1000"),
                     { user.userId });
    if (!q)
        return q.error();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QJsonArray issued;
    QList<QDateTime> validExpiries;
    bool everIssued = false;
    struct PerLock
    {
        QString name, mac;
        qint64 latestValid = 0;
    };
    QHash<QString, PerLock> perLock;
    QStringList lockOrder;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        everIssued = true;
        const qint64 expires = r.value(7).toLongLong();
        const bool invalidated = !r.value(8).isNull();
        const QString state = invalidated ? QStringLiteral("invalidated")
                                          : (expires > nowMs ? QStringLiteral("valid") : QStringLiteral("expired"));
        issued.append(
            QJsonObject { { QStringLiteral("id"), r.value(0).toString() },
                          { QStringLiteral("lock_id"), r.value(1).toString() },
                          { QStringLiteral("key_id"), QString::number(r.value(4).toULongLong()) },
                          { QStringLiteral("grant_id"), r.value(5).isNull() ? QJsonValue() : r.value(5).toString() },
                          { QStringLiteral("issued_at"), instantJson(r.value(6)) },
                          { QStringLiteral("expires_at"), instantJson(r.value(7)) },
                          { QStringLiteral("invalidated_at"), instantJson(r.value(8)) },
                          { QStringLiteral("state"), state } });
        const QString lockId = r.value(1).toString();
        if (!perLock.contains(lockId)) {
            perLock.insert(lockId, { r.value(2).toString(), r.value(3).toString(), 0 });
            lockOrder.append(lockId);
        }
        if (!invalidated) {
            validExpiries.append(QDateTime::fromMSecsSinceEpoch(expires, Qt::UTC));
            perLock[lockId].latestValid = std::max(perLock[lockId].latestValid, expires);
        }
    }
    const Core::OfflineKeySummary summary = Core::summarizeOfflineKeys(validExpiries, everIssued, now);
    QJsonArray locks;
    for (const QString &id : lockOrder) {
        const PerLock &p = perLock.value(id);
        const bool valid = p.latestValid > nowMs;
        locks.append(QJsonObject {
            { QStringLiteral("lock_id"), id },
            { QStringLiteral("lock_name"), p.name },
            { QStringLiteral("mac"), p.mac },
            { QStringLiteral("expires_at"), valid ? instantJson(p.latestValid) : QJsonValue() },
            { QStringLiteral("text"),
              valid ? user.zone.describeInstant(QDateTime::fromMSecsSinceEpoch(p.latestValid, Qt::UTC), now)
                    : QStringLiteral("Expired") } });
    }
    const char *kinds[] = { "never_issued", "expired", "valid_until" };
    return QJsonObject {
        { QStringLiteral("user_id"), user.userId },
        { QStringLiteral("offline_key_expiration"),
          QJsonObject { { QStringLiteral("kind"), QLatin1String(kinds[summary.kind]) },
                        { QStringLiteral("until"),
                          summary.kind == Core::OfflineKeySummary::ValidUntil
                              ? QJsonValue(summary.until.toUTC().toString(Qt::ISODateWithMs))
                              : QJsonValue() },
                        { QStringLiteral("text"), summary.text(user.zone) } } },
        { QStringLiteral("locks"), locks },
        { QStringLiteral("offline_keys"), issued },
    };
}

} // namespace Keydesk::Server::V1
