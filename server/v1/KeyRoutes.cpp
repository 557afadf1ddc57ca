// Digital keys: create (with a notification), list, get, edit, revoke one / all of a user / all on a lock.
#include "core/domain/FacilityZone.h"
#include "server/ServerContext.h"
#include "server/store/NotificationOutbox.h"
#include "server/v1/KeyService.h"
#include "server/v1/V1Common.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Keydesk::Server::V1 {

using Core::DigitalKey;
using Core::Error;
using Core::Permission;
using Core::Result;
using Method = QHttpServerRequest::Method;

namespace {

QString selectKey()
{
    return QStringLiteral("SELECT %1 FROM keys k JOIN facilities f ON f.id = k.facility_id WHERE k.id = ? AND "
                          "f.company_id = ?")
        .arg(keyColumns());
}

Result<QJsonObject> loadKey(const Call &call, const QString &id)
{
    auto q = call.ctx.db.exec(selectKey(), { id, call.principal.companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(QStringLiteral("key"), id);
    return keyJson(q.value(), call.now());
}

/// Validity, restriction and windows from a body, on top of `key` (for create and edit).
Result<void> readSchedule(const QJsonObject &body, DigitalKey *key, bool create)
{
    if (create || body.contains(QStringLiteral("valid_from"))) {
        auto text = requiredString(body, QStringLiteral("valid_from"));
        if (!text)
            return text.error();
        auto from = parseInstant(*text, QStringLiteral("valid_from"));
        if (!from)
            return from.error();
        key->validFrom = *from;
    }
    if (body.contains(QStringLiteral("valid_to"))) {
        auto text = optionalString(body, QStringLiteral("valid_to"));
        if (!text)
            return text.error();
        key->validTo = QDateTime();
        if (text->has_value()) {
            auto to = parseInstant(text->value(), QStringLiteral("valid_to"));
            if (!to)
                return to.error();
            key->validTo = *to;
        }
    }
    if (create || body.contains(QStringLiteral("restriction"))) {
        auto text = optionalString(body, QStringLiteral("restriction"));
        if (!text)
            return text.error();
        auto restriction = Core::restrictionFromString(text->value_or(QStringLiteral("none")));
        if (!restriction)
            return Error::make(QStringLiteral("invalid_value"), restriction.error().message,
                               QStringLiteral("restriction"));
        key->restriction = *restriction;
    }
    if (create || body.contains(QStringLiteral("windows"))) {
        auto windows = windowsFromJson(body.value(QStringLiteral("windows")), QStringLiteral("windows"));
        if (!windows)
            return windows.error();
        key->windows = *windows;
    }
    if (create || body.contains(QStringLiteral("role"))) {
        auto text = optionalString(body, QStringLiteral("role"));
        if (!text)
            return text.error();
        auto role = Core::keyRoleFromString(text->value_or(QStringLiteral("USER")));
        if (!role)
            return Error::make(QStringLiteral("invalid_value"), role.error().message, QStringLiteral("role"));
        key->role = *role;
    }
    if (body.contains(QStringLiteral("description"))) {
        auto text = optionalString(body, QStringLiteral("description"));
        if (!text)
            return text.error();
        key->description = text->value_or(QString()).trimmed();
        if (key->description.size() > 500)
            return Error::make(QStringLiteral("invalid_value"),
                               QStringLiteral("\"description\" is longer than 500 characters; shorten it."),
                               QStringLiteral("description"));
    }
    if (auto valid = Core::validateKey(*key); !valid) {
        Error e = valid.error();
        if (e.field.isEmpty())
            e.field
                = e.code.startsWith(QLatin1String("window")) ? QStringLiteral("windows") : QStringLiteral("valid_to");
        return e;
    }
    return {};
}

struct Target
{
    QString column; ///< lock_id / lock_group_id / user_id / user_group_id
    QString id;
    QString facilityId;
};

/// Exactly one of two fields names an object of the caller's company.
Result<Target> readTarget(const Call &call, const QString &single, const QString &group, const QString &singleTable,
                          const QString &groupTable)
{
    auto a = optionalString(call.body, single);
    if (!a)
        return a.error();
    auto b = optionalString(call.body, group);
    if (!b)
        return b.error();
    if (a->has_value() == b->has_value())
        return Error::make(QStringLiteral("missing_field"),
                           QStringLiteral("Give exactly one of \"%1\" and \"%2\".").arg(single, group), single);
    const bool isSingle = a->has_value();
    const QString id = isSingle ? a->value() : b->value();
    const QString table = isSingle ? singleTable : groupTable;
    auto v = call.ctx.db.scalar(table == QLatin1String("locks")
                                    ? QStringLiteral("SELECT facility_id FROM locks WHERE id = ? AND company_id = ?")
                                    : QStringLiteral("SELECT t.facility_id FROM %1 t JOIN facilities f ON f.id = "
                                                     "t.facility_id WHERE t.id = ? AND f.company_id = ?")
                                          .arg(table),
                                {
                                    id,
                                    call.principal.companyId,
                                });
    if (!v)
        return v.error();
    const QString field = isSingle ? single : group;
    if (v->isNull())
        return Error::make(QStringLiteral("not_found"),
                           QStringLiteral("No %1 with id \"%2\" exists in your company.").arg(field.chopped(3), id),
                           field);
    return Target { field, id, v->toString() };
}

/// Queues "you have a new key" for each recipient (the user, or the members of the user group).
Result<int> queueNotifications(const Call &call, const QString &keyId, const DigitalKey &key, const Target &user,
                               const Target &lock, const QString &channelRequest)
{
    auto zoneId = facilityTimezone(call, lock.facilityId);
    if (!zoneId)
        return zoneId.error();
    const Core::FacilityZone zone = Core::FacilityZone::fromIanaId(*zoneId).valueOr(Core::FacilityZone());
    const QString sql = user.column == QLatin1String("user_id")
        ? QStringLiteral("SELECT id, name, email, phone FROM users WHERE id = ?")
        : QStringLiteral("SELECT u.id, u.name, u.email, u.phone FROM users u JOIN user_group_members m ON m.user_id = "
                         "u.id WHERE m.group_id = ?");
    auto recipients = call.ctx.db.exec(sql, { user.id });
    if (!recipients)
        return recipients.error();
    // Keypad locks open with a code: their hardware version says so ("keypad" in hw_version).
    QString lockName;
    bool keypad = false;
    auto lockRow = call.ctx.db.exec(
        lock.column == QLatin1String("lock_id")
            ? QStringLiteral("SELECT name, hw_version FROM locks WHERE id = ?")
            : QStringLiteral("SELECT g.name, COALESCE((SELECT MAX(l.hw_version LIKE '%keypad%') FROM locks l JOIN "
                             "lock_group_members m ON m.lock_id = l.id WHERE m.group_id = g.id), 0) FROM lock_groups "
                             "g WHERE g.id = ?"),
        { lock.id });
    if (!lockRow)
        return lockRow.error();
    if (lockRow.value().next()) {
        lockName = lockRow.value().value(0).toString();
        const QVariant v = lockRow.value().value(1);
        keypad = lock.column == QLatin1String("lock_id")
            ? v.toString().contains(QLatin1String("keypad"), Qt::CaseInsensitive)
            : v.toInt() != 0;
    }
    NotificationOutbox outbox(call.ctx.db);
    int queued = 0;
    while (recipients.value().next()) {
        const QSqlQuery &r = recipients.value();
        const QString email = r.value(2).toString();
        const QString phone = r.value(3).toString();
        QString channel = channelRequest;
        if (channel.isEmpty())
            channel
                = !email.isEmpty() ? QStringLiteral("email") : (!phone.isEmpty() ? QStringLiteral("sms") : QString());
        if (channel == QLatin1String("none") || channel.isEmpty())
            continue;
        const QString recipient = channel == QLatin1String("email") ? email : phone;
        if (recipient.isEmpty())
            continue; // nothing to send to on that channel; the key still exists
        OutgoingNotification n;
        n.id = newId();
        n.userId = r.value(0).toString();
        n.keyId = keyId;
        n.channel = channel;
        n.recipient = recipient;
        // SMS "text keys" and keypad locks get a 6-digit access code.
        if (keypad || channel == QLatin1String("sms"))
            n.accessCode = NotificationOutbox::newAccessCode();
        QString when = QStringLiteral("from %1").arg(zone.describeInstant(key.validFrom));
        if (key.validTo.isValid())
            when += QStringLiteral(" until %1").arg(zone.describeInstant(key.validTo));
        if (key.restriction == Core::Restriction::Scheduled)
            when += QStringLiteral(", %1").arg(Core::describeWindows(key.windows));
        if (key.restriction == Core::Restriction::OneTime)
            when += QStringLiteral(", one entry");
        n.body = QStringLiteral("Hello %1, you have a new digital key \"%2\" for %3, valid %4.")
                     .arg(r.value(1).toString(), key.displayName(), lockName.isEmpty() ? lock.id : lockName, when);
        if (!n.accessCode.isEmpty())
            n.body += QStringLiteral(" Access code: %1.").arg(n.accessCode);
        if (auto e = outbox.enqueue(n, call.nowMs()); !e)
            return e.error();
        ++queued;
    }
    return queued;
}

HttpResponse createKey(Call &call)
{
    auto lock = readTarget(call, QStringLiteral("lock_id"), QStringLiteral("lock_group_id"), QStringLiteral("locks"),
                           QStringLiteral("lock_groups"));
    if (!lock)
        return fail(lock.error());
    auto user = readTarget(call, QStringLiteral("user_id"), QStringLiteral("user_group_id"), QStringLiteral("users"),
                           QStringLiteral("user_groups"));
    if (!user)
        return fail(user.error());
    if (user->facilityId != lock->facilityId)
        return fail(Error::make(QStringLiteral("invalid_value"),
                                QStringLiteral("The user and the lock belong to different facilities; a key must stay "
                                               "inside one facility."),
                                user->column));
    auto channel = optionalString(call.body, QStringLiteral("notify"));
    if (!channel)
        return fail(channel.error());
    const QString notify = channel->value_or(QString());
    if (!notify.isEmpty() && notify != QLatin1String("email") && notify != QLatin1String("sms")
        && notify != QLatin1String("none"))
        return fail(Error::make(QStringLiteral("invalid_value"),
                                QStringLiteral("\"notify\" must be \"email\", \"sms\" or \"none\"."),
                                QStringLiteral("notify")));
    DigitalKey key;
    key.id = newId();
    key.lockId = lock->id;
    key.userId = user->id;
    if (auto s = readSchedule(call.body, &key, true); !s)
        return fail(s.error());
    auto r = call.ctx.db.exec(
        QStringLiteral("INSERT INTO keys(id, facility_id, description, %1, %2, role, valid_from, "
                       "valid_to, restriction, windows_json, created_by, created_at) VALUES (?, "
                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(lock->column, user->column),
        { key.id, lock->facilityId, textValue(key.description), lock->id, user->id, Core::toString(key.role),
          key.validFrom.toMSecsSinceEpoch(),
          key.validTo.isValid() ? QVariant(key.validTo.toMSecsSinceEpoch()) : QVariant(),
          Core::toString(key.restriction),
          QString::fromUtf8(QJsonDocument(windowsToJson(key.windows)).toJson(QJsonDocument::Compact)),
          call.principal.username, call.nowMs() });
    if (!r)
        return fail(r.error());
    auto queued = queueNotifications(call, key.id, key, *user, *lock, notify);
    if (!queued)
        return fail(queued.error());
    auto after = loadKey(call, key.id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("key.create"), QStringLiteral("keys"), key.id, QJsonValue(), *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("key"), *after }, { QStringLiteral("notifications_queued"), *queued } }, 201);
}

HttpResponse listKeys(Call &call)
{
    QString sql
        = QStringLiteral("SELECT %1 FROM keys k JOIN facilities f ON f.id = k.facility_id WHERE f.company_id = ?")
              .arg(keyColumns());
    QVariantList b { call.principal.companyId };
    const struct
    {
        const char *param;
        const char *clause;
    } filters[] = { { "user_id", "k.user_id = ?" },
                    { "user_group_id", "k.user_group_id = ?" },
                    { "lock_id", "k.lock_id = ?" },
                    { "lock_group_id", "k.lock_group_id = ?" },
                    { "facility_id", "k.facility_id = ?" } };
    for (const auto &f : filters) {
        const QString v = call.query(QString::fromLatin1(f.param));
        if (!v.isEmpty()) {
            sql += QStringLiteral(" AND ") + QLatin1String(f.clause);
            b.append(v);
        }
    }
    const QString status = call.query(QStringLiteral("status")).toUpper();
    if (!status.isEmpty() && !Core::keyStatusFromString(status))
        return fail(Error::make(QStringLiteral("invalid_value"),
                                QStringLiteral("\"status\" must be ACTIVE, UPCOMING, EXPIRED or REVOKED."),
                                QStringLiteral("status")));
    auto q = call.ctx.db.exec(sql + QStringLiteral(" ORDER BY k.created_at"), b);
    if (!q)
        return fail(q.error());
    QJsonArray out;
    while (q.value().next()) {
        const QJsonObject k = keyJson(q.value(), call.now());
        if (status.isEmpty() || k.value(QStringLiteral("status")).toString() == status)
            out.append(k);
    }
    return ok({ { QStringLiteral("keys"), out } });
}

HttpResponse getKey(Call &call)
{
    auto k = loadKey(call, call.param(QStringLiteral("id")));
    if (!k)
        return fail(k.error());
    return ok({ { QStringLiteral("key"), *k } });
}

HttpResponse updateKey(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto q = call.ctx.db.exec(selectKey(), { id, call.principal.companyId });
    if (!q)
        return fail(q.error());
    if (!q.value().next())
        return fail(notFoundError(QStringLiteral("key"), id));
    const QJsonObject before = keyJson(q.value(), call.now());
    DigitalKey key = keyFromQuery(q.value());
    if (key.revokedAt.isValid())
        return fail(Error::make(QStringLiteral("already_revoked"),
                                QStringLiteral("The key was revoked and cannot be edited; create a new key.")));
    for (const char *fixed : { "lock_id", "lock_group_id", "user_id", "user_group_id" }) {
        if (call.body.contains(QString::fromLatin1(fixed)))
            return fail(Error::make(QStringLiteral("invalid_value"),
                                    QStringLiteral("A key's lock and user cannot change; revoke it and create a new "
                                                   "one."),
                                    QString::fromLatin1(fixed)));
    }
    if (auto s = readSchedule(call.body, &key, false); !s)
        return fail(s.error());
    auto r = call.ctx.db.exec(
        QStringLiteral("UPDATE keys SET description = ?, role = ?, valid_from = ?, valid_to = ?, "
                       "restriction = ?, windows_json = ? WHERE id = ?"),
        { textValue(key.description), Core::toString(key.role), key.validFrom.toMSecsSinceEpoch(),
          key.validTo.isValid() ? QVariant(key.validTo.toMSecsSinceEpoch()) : QVariant(),
          Core::toString(key.restriction),
          QString::fromUtf8(QJsonDocument(windowsToJson(key.windows)).toJson(QJsonDocument::Compact)), id });
    if (!r)
        return fail(r.error());
    // A schedule edit invalidates the offline keys issued under the old schedule at once (DESIGN.md).
    auto locks
        = Revocations::invalidateOfflineKeys(call.ctx.db, call.ctx.clock, QStringLiteral("grant_id = ?"), { id });
    if (!locks)
        return fail(locks.error());
    auto after = loadKey(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("key.update"), QStringLiteral("keys"), id, before, *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("key"), *after } });
}

Result<QString> readReason(const Call &call)
{
    auto reason = requiredString(call.body, QStringLiteral("reason"));
    if (!reason)
        return reason.error();
    if (reason->size() > 500)
        return Error::make(QStringLiteral("invalid_value"), QStringLiteral("\"reason\" is longer than 500 characters."),
                           QStringLiteral("reason"));
    return *reason;
}

HttpResponse revoke(Call &call)
{
    auto reason = readReason(call);
    if (!reason)
        return fail(reason.error());
    auto after = revokeKey(call, call.param(QStringLiteral("id")), *reason);
    if (!after)
        return fail(after.error());
    return ok({ { QStringLiteral("key"), *after } });
}

/// Revokes every unrevoked key matching `where` (on keys k), then runs `afterwards` (offline invalidation).
HttpResponse revokeMany(Call &call, const QString &where, const QVariantList &bindings,
                        const std::function<Result<void>()> &afterwards)
{
    auto reason = readReason(call);
    if (!reason)
        return fail(reason.error());
    auto q = call.ctx.db.exec(QStringLiteral("SELECT k.id FROM keys k WHERE k.revoked_at IS NULL AND (%1)").arg(where),
                              bindings);
    if (!q)
        return fail(q.error());
    QStringList ids;
    while (q.value().next())
        ids.append(q.value().value(0).toString());
    QJsonArray revoked;
    for (const QString &id : ids) {
        auto k = revokeKey(call, id, *reason);
        if (!k)
            return fail(k.error());
        revoked.append(*k);
    }
    if (auto r = afterwards(); !r)
        return fail(r.error());
    return ok({ { QStringLiteral("revoked"), revoked }, { QStringLiteral("count"), revoked.size() } });
}

HttpResponse revokeAllOfUser(Call &call)
{
    const QString userId = call.param(QStringLiteral("id"));
    auto mine = inCompany(call, QStringLiteral("users"), userId);
    if (!mine)
        return fail(mine.error());
    if (!*mine)
        return fail(notFoundError(QStringLiteral("user"), userId));
    return revokeMany(call, QStringLiteral("k.user_id = ?"), { userId }, [&]() -> Result<void> {
        auto n = Revocations::invalidateUser(call.ctx.db, call.ctx.clock, userId);
        if (!n)
            return n.error();
        return call.audit(QStringLiteral("user.revoke_all_keys"), QStringLiteral("users"), userId, QJsonValue(),
                          QJsonObject { { QStringLiteral("offline_locks_invalidated"), *n } });
    });
}

HttpResponse revokeAllOnLock(Call &call)
{
    const QString lockId = call.param(QStringLiteral("id"));
    auto mine = inCompany(call, QStringLiteral("locks"), lockId);
    if (!mine)
        return fail(mine.error());
    if (!*mine)
        return fail(notFoundError(QStringLiteral("lock"), lockId));
    // Direct keys on the lock are revoked; a lock-group key is revoked as a whole when the group contains the lock.
    return revokeMany(call,
                      QStringLiteral("k.lock_id = ? OR k.lock_group_id IN (SELECT group_id FROM lock_group_members "
                                     "WHERE lock_id = ?)"),
                      { lockId, lockId }, [&]() -> Result<void> {
                          // "Revoke all" raises min_epoch: every credential issued before is refused at once.
                          if (auto r = Revocations::revokeAllOnLock(call.ctx.db, call.ctx.clock, lockId); !r)
                              return r.error();
                          return call.audit(QStringLiteral("lock.revoke_all_keys"), QStringLiteral("locks"), lockId,
                                            QJsonValue(), QJsonObject { { QStringLiteral("min_epoch_raised"), true } });
                      });
}

HttpResponse listNotifications(Call &call)
{
    QString sql = QStringLiteral("SELECT n.id, n.user_id, n.key_id, n.channel, n.recipient, n.body, n.access_code, "
                                 "n.created_at, n.sent_at, n.revision FROM notifications n JOIN users u ON u.id = "
                                 "n.user_id JOIN facilities f ON f.id = u.facility_id WHERE f.company_id = ?");
    QVariantList b { call.principal.companyId };
    if (const QString v = call.query(QStringLiteral("user_id")); !v.isEmpty()) {
        sql += QStringLiteral(" AND n.user_id = ?");
        b.append(v);
    }
    if (const QString v = call.query(QStringLiteral("key_id")); !v.isEmpty()) {
        sql += QStringLiteral(" AND n.key_id = ?");
        b.append(v);
    }
    auto q = call.ctx.db.exec(sql + QStringLiteral(" ORDER BY n.created_at DESC LIMIT 500"), b);
    return listResponse(std::move(q), QStringLiteral("notifications"), rowJson);
}

} // namespace

void registerKeyRoutes(ServerContext &ctx, V1Services &svc)
{
    const auto staff = Access::Staff;
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/keys"), staff, Permission::ViewAll, false, listKeys, {} });
    addRoute(ctx, svc,
             { Method::Post, QStringLiteral("/v1/keys"), staff, Permission::CreateKeys, true, createKey, {} });
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/keys/{id}"), staff, Permission::ViewAll, false, getKey, {} });
    addRoute(ctx, svc,
             { Method::Patch, QStringLiteral("/v1/keys/{id}"), staff, Permission::EditKeys, true, updateKey, {} });
    addRoute(ctx, svc,
             { Method::Post, QStringLiteral("/v1/keys/{id}/revoke"), staff, Permission::RevokeKeys, true, revoke, {} });
    addRoute(ctx, svc,
             { Method::Post,
               QStringLiteral("/v1/users/{id}/revoke-keys"),
               staff,
               Permission::RevokeKeys,
               true,
               revokeAllOfUser,
               {} });
    addRoute(ctx, svc,
             { Method::Post,
               QStringLiteral("/v1/locks/{id}/revoke-keys"),
               staff,
               Permission::RevokeKeys,
               true,
               revokeAllOnLock,
               {} });
    addRoute(
        ctx, svc,
        { Method::Get, QStringLiteral("/v1/notifications"), staff, Permission::ViewAll, false, listNotifications, {} });
}

} // namespace Keydesk::Server::V1
