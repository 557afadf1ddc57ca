// The tenant endpoints a phone app uses (/v1/mobile/...), authenticated with the tenant's mobile credential:
// access check, the day's offline credentials for every lock the tenant may open, and online unlock.
#include "core/domain/OfflineKey.h"
#include "core/lockproto/Commands.h"
#include "core/lockproto/OfflineCredential.h"
#include "server/ServerContext.h"
#include "server/coreapi/OfflineKeyService.h"
#include "server/coreapi/OnlineCommandService.h"
#include "server/store/LockRepository.h"
#include "server/v1/AccessService.h"
#include "server/v1/KeyService.h"
#include "server/v1/V1Common.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Result;
using Method = QHttpServerRequest::Method;

namespace {

std::optional<HttpResponse> rateLimited(Call &call)
{
    const QString key = call.principal.userId;
    if (call.services.mobileLimiter.tryAcquire(key))
        return std::nullopt;
    HttpResponse r = errorResponse(429, QStringLiteral("rate_limited"),
                                   QStringLiteral("Too many attempts; wait a moment and try again."));
    r.headers.append({ QByteArrayLiteral("Retry-After"),
                       QByteArray::number(std::max<qint64>(1, call.services.mobileLimiter.retryAfterSeconds(key))) });
    return r;
}

Result<std::optional<Core::GeoPoint>> readLocation(const QJsonObject &body)
{
    const QJsonValue v = body.value(QStringLiteral("location"));
    if (v.isUndefined() || v.isNull())
        return std::optional<Core::GeoPoint>();
    const QJsonObject o = v.toObject();
    const QJsonValue lat = o.value(QStringLiteral("lat"));
    const QJsonValue lon = o.value(QStringLiteral("lon"));
    if (!v.isObject() || !lat.isDouble() || !lon.isDouble() || std::abs(lat.toDouble()) > 90
        || std::abs(lon.toDouble()) > 180)
        return Error::make(QStringLiteral("invalid_value"),
                           QStringLiteral("\"location\" must be {\"lat\": -90..90, \"lon\": -180..180}."),
                           QStringLiteral("location"));
    return std::optional<Core::GeoPoint>(Core::GeoPoint { lat.toDouble(), lon.toDouble() });
}

/// The locks the request is about: body.lock_id, or every lock the tenant holds a key for.
Result<QList<LockAccessInfo>> targetLocks(const Call &call)
{
    auto one = optionalString(call.body, QStringLiteral("lock_id"));
    if (!one)
        return one.error();
    QStringList ids;
    if (one->has_value()) {
        ids.append(one->value());
    } else {
        auto all = locksOfUser(call.ctx.db, call.principal.userId);
        if (!all)
            return all.error();
        ids = *all;
    }
    QList<LockAccessInfo> out;
    for (const QString &id : ids) {
        auto lock = loadLockInfo(call.ctx.db, call.principal.companyId, id);
        if (!lock)
            return Error::make(lock.error().code, lock.error().message, QStringLiteral("lock_id"));
        out.append(*lock);
    }
    return out;
}

/// The lock's full record (secret still sealed), for S1's credential and command services.
Result<LockRecord> lockRecord(const Call &call, const QString &lockId)
{
    const std::optional<LockRecord> record = LockRepository(call.ctx.db).findById(lockId);
    if (!record || record->companyId != call.principal.companyId)
        return notFoundError(QStringLiteral("lock"), lockId);
    return *record;
}

HttpResponse me(Call &call)
{
    auto user = loadUserContext(call.ctx.db, call.principal.companyId, call.principal.userId);
    if (!user)
        return fail(user.error());
    auto report = offlineKeyReport(call.ctx.db, *user, call.now());
    if (!report)
        return fail(report.error());
    auto locks = locksOfUser(call.ctx.db, user->userId);
    if (!locks)
        return fail(locks.error());
    QJsonArray lockList;
    for (const QString &id : *locks) {
        auto info = loadLockInfo(call.ctx.db, call.principal.companyId, id);
        if (info)
            lockList.append(QJsonObject { { QStringLiteral("id"), info->id },
                                          { QStringLiteral("name"), info->name },
                                          { QStringLiteral("mac"), info->mac } });
    }
    return ok(
        { { QStringLiteral("user"),
            QJsonObject { { QStringLiteral("id"), user->userId },
                          { QStringLiteral("name"), user->name },
                          { QStringLiteral("status"), user->status },
                          { QStringLiteral("tracking_key"), user->trackingKey } } },
          { QStringLiteral("locks"), lockList },
          { QStringLiteral("offline_key_expiration"), report->value(QStringLiteral("offline_key_expiration")) } });
}

HttpResponse accessCheck(Call &call)
{
    if (auto limited = rateLimited(call))
        return *limited;
    auto location = readLocation(call.body);
    if (!location)
        return fail(location.error());
    auto user = loadUserContext(call.ctx.db, call.principal.companyId, call.principal.userId);
    if (!user)
        return fail(user.error());
    auto locks = targetLocks(call);
    if (!locks)
        return fail(locks.error());
    QJsonArray decisions;
    for (const LockAccessInfo &lock : *locks) {
        auto d = decide(call.ctx.db, *user, lock, call.now(), *location);
        if (!d)
            return fail(d.error());
        decisions.append(decisionJson(*d, *user, lock, call.now()));
    }
    return ok({ { QStringLiteral("decisions"), decisions } });
}

HttpResponse issueOfflineKeys(Call &call)
{
    if (auto limited = rateLimited(call))
        return *limited;
    auto location = readLocation(call.body);
    if (!location)
        return fail(location.error());
    auto user = loadUserContext(call.ctx.db, call.principal.companyId, call.principal.userId);
    if (!user)
        return fail(user.error());
    auto locks = targetLocks(call);
    if (!locks)
        return fail(locks.error());
    const QDateTime now = call.now();
    QJsonArray issued;
    QJsonArray denied;
    for (const LockAccessInfo &lock : *locks) {
        auto d = decide(call.ctx.db, *user, lock, now, *location);
        if (!d)
            return fail(d.error());
        if (!d->allowed) {
            denied.append(decisionJson(*d, *user, lock, now));
            continue;
        }
        auto record = lockRecord(call, lock.id);
        if (!record)
            return fail(record.error());
        // The same issuer as the Core API's /keys/ (server/coreapi/OfflineKeyService): expiry at the end of the
        // facility day or earlier, today's windows, the lock's epoch and revocation state, recorded in offline_keys.
        auto row = OfflineKeyService(call.ctx.db, call.ctx.clock, call.ctx.kek)
                       .issue(call.principal.companyId, *record, user->trackingKey);
        if (!row) {
            if (row.error().code != QLatin1String("access_denied"))
                return fail(Error::make(row.error().code, row.error().message));
            QJsonObject j = decisionJson(*d, *user, lock, now);
            j.insert(QStringLiteral("allowed"), false);
            j.insert(QStringLiteral("reasons"), QJsonArray { row.error().message });
            denied.append(j);
            continue;
        }
        issued.append(QJsonObject { { QStringLiteral("lock_id"), lock.id },
                                    { QStringLiteral("lock_name"), lock.name },
                                    { QStringLiteral("mac"), lock.mac },
                                    { QStringLiteral("key_id"), QString::number(row->keyId) },
                                    { QStringLiteral("granting_key_id"), d->grantingKeyId },
                                    { QStringLiteral("expires_at"), instantJson(row->expiresAt) },
                                    { QStringLiteral("offline_key"), row->offlineKey },
                                    { QStringLiteral("unlock_command"), row->unlockCommand } });
    }
    return ok({ { QStringLiteral("offline_keys"), issued }, { QStringLiteral("denied"), denied } });
}

HttpResponse unlock(Call &call)
{
    if (auto limited = rateLimited(call))
        return *limited;
    auto location = readLocation(call.body);
    if (!location)
        return fail(location.error());
    auto lockId = requiredString(call.body, QStringLiteral("lock_id"));
    if (!lockId)
        return fail(lockId.error());
    auto sessionText = requiredString(call.body, QStringLiteral("session"));
    if (!sessionText)
        return fail(sessionText.error());
    auto session = Core::Session::parse(*sessionText);
    if (!session)
        return fail(Error::make(QStringLiteral("invalid_session"), session.error().message, QStringLiteral("session")));
    auto user = loadUserContext(call.ctx.db, call.principal.companyId, call.principal.userId);
    if (!user)
        return fail(user.error());
    auto lock = loadLockInfo(call.ctx.db, call.principal.companyId, *lockId);
    if (!lock)
        return fail(Error::make(lock.error().code, lock.error().message, QStringLiteral("lock_id")));
    const QDateTime now = call.now();
    auto d = decide(call.ctx.db, *user, *lock, now, *location);
    if (!d)
        return fail(d.error());
    if (!d->allowed) {
        HttpResponse r = errorResponse(403, QStringLiteral("access_denied"), d->reasons.join(QLatin1Char(' ')));
        QJsonObject body = QJsonDocument::fromJson(r.body).object();
        body.insert(QStringLiteral("decision"), decisionJson(*d, *user, *lock, now));
        return ok(body, 403);
    }
    auto record = lockRecord(call, lock->id);
    if (!record)
        return fail(record.error());
    // The same command as the Core API's /unlock/ (server/coreapi/OnlineCommandService): server time, short
    // expiry, the lock's pending quick-click changes and revocation state; completes a new lock's setup.
    auto command = OnlineCommandService(call.ctx.db, call.ctx.clock, call.ctx.kek)
                       .issue(*record, Core::CommandKind::Unlock, session->toHex(), user->trackingKey);
    if (!command)
        return fail(Error::make(command.error().code, command.error().message,
                                command.error().code == QLatin1String("invalid_session") ? QStringLiteral("session")
                                                                                         : QString()));
    // A one-time key is spent by this unlock.
    if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE keys SET used_at = ? WHERE id = ? AND restriction = "
                                                 "'one_time' AND used_at IS NULL"),
                                  { now.toMSecsSinceEpoch(), d->grantingKeyId });
        !r)
        return fail(r.error());
    return ok({ { QStringLiteral("commands"), command->commandsHex },
                { QStringLiteral("lock_id"), lock->id },
                { QStringLiteral("mac"), lock->mac },
                { QStringLiteral("granting_key_id"), d->grantingKeyId },
                { QStringLiteral("decision"), decisionJson(*d, *user, *lock, now) } });
}

} // namespace

void registerMobileRoutes(ServerContext &ctx, V1Services &svc)
{
    const auto tenant = Access::Tenant;
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/mobile/me"), tenant, std::nullopt, false, me, {} });
    addRoute(ctx, svc,
             { Method::Post, QStringLiteral("/v1/mobile/access-check"), tenant, std::nullopt, false, accessCheck, {} });
    addRoute(
        ctx, svc,
        { Method::Post, QStringLiteral("/v1/mobile/offline-keys"), tenant, std::nullopt, true, issueOfflineKeys, {} });
    addRoute(ctx, svc, { Method::Post, QStringLiteral("/v1/mobile/unlock"), tenant, std::nullopt, true, unlock, {} });
}

} // namespace Keydesk::Server::V1
