// The tenant endpoints a phone app uses (/v1/mobile/...), authenticated with the tenant's mobile credential:
// access check, the day's offline credentials for every lock the tenant may open, and online unlock.
#include "core/domain/OfflineKey.h"
#include "core/lockproto/Commands.h"
#include "core/lockproto/OfflineCredential.h"
#include "server/ServerContext.h"
#include "server/store/LockRepository.h"
#include "server/v1/AccessService.h"
#include "server/v1/KeyService.h"
#include "server/v1/V1Common.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtEndian>

#include <openssl/rand.h>

namespace Keydesk::Server::V1 {

using Core::DigitalKey;
using Core::Error;
using Core::Result;
using Method = QHttpServerRequest::Method;

namespace {

/// Tolerance for a lock clock running a little behind the server's when a credential starts "now".
constexpr qint64 kNotBeforeSlackSeconds = 300;

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

/// A stable 64-bit id for a grant in online commands (the lock echoes it in its log).
quint64 grantKeyId(const QString &grantId)
{
    const QByteArray h = QCryptographicHash::hash(grantId.toUtf8(), QCryptographicHash::Sha256);
    return qFromBigEndian<quint64>(h.constData()) & 0x7fffffffffffffffULL;
}

quint64 randomKeyId()
{
    quint64 id = 0;
    while (id == 0) {
        if (RAND_bytes(reinterpret_cast<unsigned char *>(&id), sizeof id) != 1)
            return 0;
        id &= 0x7fffffffffffffffULL; // stays positive in SQLite's signed INTEGER
    }
    return id;
}

Result<DigitalKey> grantingKey(Database &db, const QString &userId, const QString &lockId, const QString &keyId)
{
    auto keys = keysForUserOnLock(db, userId, lockId);
    if (!keys)
        return keys.error();
    for (const DigitalKey &k : *keys) {
        if (k.id == keyId)
            return k;
    }
    return notFoundError(QStringLiteral("key"), keyId);
}

struct LockMaterial
{
    LockRecord record;
    Core::LockSecret secret;
    Core::RevocationState revocation;
};

Result<LockMaterial> lockMaterial(const Call &call, const QString &lockId)
{
    LockRepository locks(call.ctx.db);
    const std::optional<LockRecord> record = locks.findById(lockId);
    if (!record)
        return notFoundError(QStringLiteral("lock"), lockId);
    auto secret = LockRepository::secretOf(*record, call.ctx.kek);
    if (!secret)
        return secret.error();
    auto state = Revocations::stateOf(call.ctx.db, lockId, call.nowMs());
    if (!state)
        return state.error();
    return LockMaterial { *record, *secret, *state };
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
        auto key = grantingKey(call.ctx.db, user->userId, lock.id, d->grantingKeyId);
        if (!key)
            return fail(key.error());
        const QDateTime expiry = Core::offlineKeyExpiry(*key, user->zone, now);
        if (!expiry.isValid() || expiry <= now) {
            QJsonObject j = decisionJson(*d, *user, lock, now);
            j.insert(QStringLiteral("allowed"), false);
            j.insert(QStringLiteral("reasons"),
                     QJsonArray { QStringLiteral("The key cannot open the lock right now, so "
                                                 "no offline key can be issued.") });
            denied.append(j);
            continue;
        }
        auto material = lockMaterial(call, lock.id);
        if (!material)
            return fail(material.error());
        Core::OfflineGrant grant;
        grant.keyId = randomKeyId();
        grant.trackingKey = user->trackingKey;
        grant.notBefore = std::max(key->validFrom.toSecsSinceEpoch(), now.toSecsSinceEpoch() - kNotBeforeSlackSeconds);
        grant.notAfter = expiry.toSecsSinceEpoch();
        if (key->restriction == Core::Restriction::Scheduled) {
            for (const Core::Interval &i : Core::windowIntervals(key->windows, user->zone, now, expiry)) {
                const qint64 start = std::max(i.start.toSecsSinceEpoch(), grant.notBefore);
                const qint64 end = std::min(i.end.toSecsSinceEpoch(), grant.notAfter);
                if (start < end && grant.windows.size() < Core::OfflineGrant::MaxWindows)
                    grant.windows.append({ start, end });
            }
        }
        grant.oneTime = key->restriction == Core::Restriction::OneTime;
        grant.epoch = material->revocation.minEpoch;
        grant.revocation = material->revocation;
        auto credential = Core::issueOfflineCredential(material->secret, material->record.mac, grant);
        if (!credential)
            return fail(credential.error());
        const QString rowId = newId();
        auto r = call.ctx.db.exec(QStringLiteral("INSERT INTO offline_keys(id, lock_id, user_id, tracking_key, key_id, "
                                                 "grant_id, offline_key, unlock_command, issued_at, expires_at) VALUES "
                                                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                                  { rowId, lock.id, user->userId, user->trackingKey, qint64(grant.keyId), key->id,
                                    credential->offlineKeyHex, credential->unlockCommandHex, now.toMSecsSinceEpoch(),
                                    expiry.toMSecsSinceEpoch() });
        if (!r)
            return fail(r.error());
        issued.append(QJsonObject { { QStringLiteral("lock_id"), lock.id },
                                    { QStringLiteral("lock_name"), lock.name },
                                    { QStringLiteral("mac"), lock.mac },
                                    { QStringLiteral("key_id"), QString::number(grant.keyId) },
                                    { QStringLiteral("granting_key_id"), key->id },
                                    { QStringLiteral("expires_at"), expiry.toString(Qt::ISODateWithMs) },
                                    { QStringLiteral("offline_key"), credential->offlineKeyHex },
                                    { QStringLiteral("unlock_command"), credential->unlockCommandHex } });
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
    auto key = grantingKey(call.ctx.db, user->userId, lock->id, d->grantingKeyId);
    if (!key)
        return fail(key.error());
    auto material = lockMaterial(call, lock->id);
    if (!material)
        return fail(material.error());
    Core::OnlineCommand command;
    command.kind = Core::CommandKind::Unlock;
    command.serverTime = now.toSecsSinceEpoch();
    command.expiresAt = command.serverTime + Core::OnlineCommand::DefaultLifetimeSeconds;
    command.keyId = grantKeyId(key->id);
    command.trackingKey = user->trackingKey;
    command.revocation = material->revocation;
    auto sealed = Core::sealCommand(material->secret, material->record.mac, *session, command);
    if (!sealed)
        return fail(sealed.error());
    if (key->restriction == Core::Restriction::OneTime) {
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE keys SET used_at = ? WHERE id = ? AND used_at IS NULL"),
                                      { now.toMSecsSinceEpoch(), key->id });
            !r)
            return fail(r.error());
    }
    LockRepository locks(call.ctx.db);
    if (auto r = locks.markSetUp(lock->id); !r)
        return fail(r.error());
    if (auto r = locks.touch(lock->id, call.nowMs()); !r)
        return fail(r.error());
    return ok({ { QStringLiteral("commands"), *sealed },
                { QStringLiteral("lock_id"), lock->id },
                { QStringLiteral("mac"), lock->mac },
                { QStringLiteral("granting_key_id"), key->id },
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
