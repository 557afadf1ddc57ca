#include "server/v1/KeyService.h"

#include "server/ServerContext.h"
#include "server/coreapi/RevocationService.h"
#include "server/store/Database.h"
#include "server/v1/V1Api.h"
#include "server/v1/V1Common.h"

#include <QJsonDocument>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace Keydesk::Server::V1 {

using Core::DigitalKey;
using Core::Error;
using Core::Result;

namespace {

const QStringList kDayNames { QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                              QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                              QStringLiteral("sun") };

Result<QTime> readTime(const QJsonValue &v, const QString &field)
{
    const QTime t = v.isString() ? QTime::fromString(v.toString(), QStringLiteral("HH:mm")) : QTime();
    if (!t.isValid())
        return Error::make(QStringLiteral("window_time_invalid"),
                           QStringLiteral("\"%1\" must be a time like \"08:00\" (24-hour HH:mm).").arg(field), field);
    return t;
}

QDateTime fromMs(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

Result<void> done(const Result<QSqlQuery> &q)
{
    if (!q)
        return q.error();
    return {};
}

} // namespace

Result<QList<Core::AccessWindow>> windowsFromJson(const QJsonValue &value, const QString &field)
{
    QList<Core::AccessWindow> out;
    if (value.isUndefined() || value.isNull())
        return out;
    if (!value.isArray())
        return Error::make(QStringLiteral("wrong_type"),
                           QStringLiteral("\"%1\" must be an array of windows.").arg(field), field);
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString prefix = QStringLiteral("%1[%2]").arg(field).arg(i);
        if (!array.at(i).isObject())
            return Error::make(QStringLiteral("wrong_type"),
                               QStringLiteral("\"%1\" must be an object {days, start, end}.").arg(prefix), prefix);
        const QJsonObject w = array.at(i).toObject();
        const QJsonValue days = w.value(QStringLiteral("days"));
        if (!days.isArray())
            return Error::make(QStringLiteral("window_no_days"),
                               QStringLiteral("\"%1.days\" must list days: 1 (Monday) to 7 (Sunday) or \"mon\".."
                                              "\"sun\".")
                                   .arg(prefix),
                               prefix + QStringLiteral(".days"));
        Core::AccessWindow window;
        for (const QJsonValue &d : days.toArray()) {
            int iso = 0;
            if (d.isDouble() && d.toDouble() == double(d.toInt()))
                iso = d.toInt();
            else if (d.isString())
                iso = int(kDayNames.indexOf(d.toString().toLower().left(3))) + 1;
            if (iso < 1 || iso > 7)
                return Error::make(
                    QStringLiteral("window_day_invalid"),
                    QStringLiteral("\"%1.days\" contains %2; use 1 (Monday) to 7 (Sunday) or "
                                   "\"mon\"..\"sun\".")
                        .arg(prefix, QString::fromUtf8(QJsonDocument(QJsonArray { d }).toJson(QJsonDocument::Compact))),
                    prefix + QStringLiteral(".days"));
            window.days.add(Qt::DayOfWeek(iso));
        }
        auto start = readTime(w.value(QStringLiteral("start")), prefix + QStringLiteral(".start"));
        if (!start)
            return start.error();
        auto end = readTime(w.value(QStringLiteral("end")), prefix + QStringLiteral(".end"));
        if (!end)
            return end.error();
        window.start = *start;
        window.end = *end;
        out.append(window);
    }
    return out;
}

QJsonArray windowsToJson(const QList<Core::AccessWindow> &windows)
{
    QJsonArray out;
    for (const Core::AccessWindow &w : windows) {
        QJsonArray days;
        for (Qt::DayOfWeek d : w.days.toList())
            days.append(int(d));
        out.append(QJsonObject { { QStringLiteral("days"), days },
                                 { QStringLiteral("start"), w.start.toString(QStringLiteral("HH:mm")) },
                                 { QStringLiteral("end"), w.end.toString(QStringLiteral("HH:mm")) } });
    }
    return out;
}

QString keyColumns()
{
    return QStringLiteral("k.id, k.facility_id, k.description, k.lock_id, k.lock_group_id, k.user_id, k.user_group_id, "
                          "k.role, k.valid_from, k.valid_to, k.restriction, k.windows_json, k.used_at, k.created_by, "
                          "k.created_at, k.revoked_at, k.revoked_by, k.revoked_reason, k.revision");
}

DigitalKey keyFromQuery(const QSqlQuery &q)
{
    DigitalKey k;
    k.id = q.value(0).toString();
    k.description = q.value(2).toString();
    k.lockId = q.value(3).isNull() ? q.value(4).toString() : q.value(3).toString();
    k.userId = q.value(5).isNull() ? q.value(6).toString() : q.value(5).toString();
    k.role = Core::keyRoleFromString(q.value(7).toString()).valueOr(Core::KeyRole::User);
    k.validFrom = fromMs(q.value(8));
    k.validTo = fromMs(q.value(9));
    k.restriction = Core::restrictionFromString(q.value(10).toString()).valueOr(Core::Restriction::None);
    k.windows
        = windowsFromJson(QJsonDocument::fromJson(q.value(11).toString().toUtf8()).array(), QStringLiteral("windows"))
              .valueOr({});
    k.usedAt = fromMs(q.value(12));
    k.revokedAt = fromMs(q.value(15));
    k.revokedBy = q.value(16).toString();
    k.revokedReason = q.value(17).toString();
    return k;
}

QJsonObject keyJson(const QSqlQuery &q, const QDateTime &now)
{
    QJsonObject o = rowJson(q); // windows_json → "windows"
    o.insert(QStringLiteral("status"), Core::toString(Core::keyStatus(keyFromQuery(q), now)));
    return o;
}

Result<QList<DigitalKey>> keysForUserOnLock(Database &db, const QString &userId, const QString &lockId)
{
    auto q = db.exec(QStringLiteral("SELECT %1 FROM keys k WHERE (k.user_id = ? OR k.user_group_id IN (SELECT group_id "
                                    "FROM user_group_members WHERE user_id = ?)) AND (k.lock_id = ? OR "
                                    "k.lock_group_id IN (SELECT group_id FROM lock_group_members WHERE lock_id = ?)) "
                                    "ORDER BY k.created_at")
                         .arg(keyColumns()),
                     { userId, userId, lockId, lockId });
    if (!q)
        return q.error();
    QList<DigitalKey> out;
    while (q.value().next()) {
        DigitalKey k = keyFromQuery(q.value());
        // decideAccess wants the key as it applies to this lock and user.
        k.lockId = lockId;
        k.userId = userId;
        out.append(k);
    }
    return out;
}

Result<QStringList> locksOfUser(Database &db, const QString &userId)
{
    auto q = db.exec(
        QStringLiteral("SELECT DISTINCT l FROM (SELECT k.lock_id AS l FROM keys k WHERE k.lock_id IS NOT NULL AND "
                       "k.revoked_at IS NULL AND (k.user_id = ?1 OR k.user_group_id IN (SELECT group_id FROM "
                       "user_group_members WHERE user_id = ?1)) UNION SELECT m.lock_id AS l FROM keys k JOIN "
                       "lock_group_members m ON m.group_id = k.lock_group_id WHERE k.revoked_at IS NULL AND "
                       "(k.user_id = ?1 OR k.user_group_id IN (SELECT group_id FROM user_group_members WHERE "
                       "user_id = ?1))) ORDER BY l")
            .replace(QStringLiteral("?1"), QStringLiteral("?")),
        { userId, userId, userId, userId });
    if (!q)
        return q.error();
    QStringList out;
    while (q.value().next())
        out.append(q.value().value(0).toString());
    return out;
}

Result<QStringList> locksOfKey(Database &db, const QString &keyId)
{
    auto q = db.exec(QStringLiteral("SELECT lock_id FROM keys WHERE id = ? AND lock_id IS NOT NULL UNION SELECT "
                                    "m.lock_id FROM keys k JOIN lock_group_members m ON m.group_id = k.lock_group_id "
                                    "WHERE k.id = ?"),
                     { keyId, keyId });
    if (!q)
        return q.error();
    QStringList out;
    while (q.value().next())
        out.append(q.value().value(0).toString());
    return out;
}

namespace Revocations {

Result<void> raise(Database &db, const QStringList &lockIds)
{
    const QSet<QString> unique(lockIds.cbegin(), lockIds.cend());
    for (const QString &id : unique) {
        if (auto r = done(db.exec(QStringLiteral("UPDATE locks SET revocation_version = revocation_version + 1 WHERE "
                                                 "id = ?"),
                                  { id }));
            !r)
            return r.error();
    }
    return {};
}

Result<QStringList> invalidateOfflineKeys(Database &db, const Core::Clock &clock, const QString &where,
                                          const QVariantList &bindings)
{
    QVariantList b = bindings;
    b.append(clock.now().toMSecsSinceEpoch());
    auto rows = db.exec(QStringLiteral("SELECT id, lock_id FROM offline_keys WHERE (%1) AND invalidated_at IS NULL AND "
                                       "expires_at > ? ORDER BY lock_id")
                            .arg(where),
                        b);
    if (!rows)
        return rows.error();
    QMap<QString, QStringList> byLock;
    while (rows.value().next())
        byLock[rows.value().value(1).toString()].append(rows.value().value(0).toString());
    RevocationService revocations(db, clock);
    for (auto it = byLock.cbegin(); it != byLock.cend(); ++it) {
        if (auto r = revocations.revokeOfflineKeys(it.key(), it.value()); !r)
            return r.error();
    }
    return QStringList(byLock.keys());
}

Result<int> invalidateUser(Database &db, const Core::Clock &clock, const QString &userId)
{
    auto locks = invalidateOfflineKeys(db, clock, QStringLiteral("user_id = ?"), { userId });
    if (!locks)
        return locks.error();
    if (auto r
        = done(db.exec(QStringLiteral("UPDATE users SET offline_epoch = offline_epoch + 1 WHERE id = ?"), { userId }));
        !r)
        return r.error();
    return int(locks->size());
}

Result<void> revokeAllOnLock(Database &db, const Core::Clock &clock, const QString &lockId)
{
    return RevocationService(db, clock).revokeAll(lockId);
}

} // namespace Revocations

Result<QJsonObject> revokeKey(const Call &call, const QString &keyId, const QString &reason)
{
    Database &db = call.ctx.db;
    const QString select = QStringLiteral("SELECT %1 FROM keys k JOIN facilities f ON f.id = k.facility_id WHERE k.id "
                                          "= ? AND f.company_id = ?")
                               .arg(keyColumns());
    auto q = db.exec(select, { keyId, call.principal.companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(QStringLiteral("key"), keyId);
    const QJsonObject before = keyJson(q.value(), call.now());
    if (!q.value().value(15).isNull())
        return Error::make(
            QStringLiteral("already_revoked"),
            QStringLiteral("The key \"%1\" was already revoked on %2.")
                .arg(keyFromQuery(q.value()).displayName(), before.value(QStringLiteral("revoked_at")).toString()));
    if (auto r = done(db.exec(QStringLiteral("UPDATE keys SET revoked_at = ?, revoked_by = ?, revoked_reason = ? WHERE "
                                             "id = ?"),
                              { call.nowMs(), call.principal.username, reason, keyId }));
        !r)
        return r.error();
    auto covered = locksOfKey(db, keyId);
    if (!covered)
        return covered.error();
    auto invalidated
        = Revocations::invalidateOfflineKeys(db, call.ctx.clock, QStringLiteral("grant_id = ?"), { keyId });
    if (!invalidated)
        return invalidated.error();
    // Locks without offline keys of this grant still get a new version: "revocation raised on every lock it covers".
    QStringList rest = *covered;
    for (const QString &done : *invalidated)
        rest.removeAll(done);
    if (auto r = Revocations::raise(db, rest); !r)
        return r.error();
    auto after = db.exec(select, { keyId, call.principal.companyId });
    if (!after)
        return after.error();
    after.value().next();
    const QJsonObject afterJson = keyJson(after.value(), call.now());
    if (auto a = call.audit(QStringLiteral("key.revoke"), QStringLiteral("keys"), keyId, before, afterJson); !a)
        return a.error();
    return afterJson;
}

} // namespace Keydesk::Server::V1
