// "Why can't they get in?" (explain), offline keys per user, and the audit log.
#include "server/ServerContext.h"
#include "server/store/AuditLog.h"
#include "server/v1/AccessService.h"
#include "server/v1/KeyService.h"
#include "server/v1/V1Common.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Permission;
using Core::Result;
using Method = QHttpServerRequest::Method;

namespace {

HttpResponse explain(Call &call)
{
    const QString userId = call.query(QStringLiteral("user"));
    const QString lockId = call.query(QStringLiteral("lock"));
    if (userId.isEmpty())
        return fail(Error::make(QStringLiteral("missing_field"), QStringLiteral("Give the user id as ?user=..."),
                                QStringLiteral("user")));
    if (lockId.isEmpty())
        return fail(Error::make(QStringLiteral("missing_field"), QStringLiteral("Give the lock id as ?lock=..."),
                                QStringLiteral("lock")));
    QDateTime at = call.now();
    if (const QString text = call.query(QStringLiteral("at")); !text.isEmpty()) {
        auto parsed = parseInstant(text, QStringLiteral("at"));
        if (!parsed)
            return fail(parsed.error());
        at = *parsed;
    }
    auto user = loadUserContext(call.ctx.db, call.principal.companyId, userId);
    if (!user)
        return fail(Error::make(user.error().code, user.error().message, QStringLiteral("user")));
    auto lock = loadLockInfo(call.ctx.db, call.principal.companyId, lockId);
    if (!lock)
        return fail(Error::make(lock.error().code, lock.error().message, QStringLiteral("lock")));
    // Staff ask without a phone location: the geofence is not part of the answer (it says so when relevant).
    auto decision = decide(call.ctx.db, *user, *lock, at, std::nullopt);
    if (!decision)
        return fail(decision.error());
    return ok({ { QStringLiteral("decision"), decisionJson(*decision, *user, *lock, at) } });
}

HttpResponse offlineKeys(Call &call)
{
    auto user = loadUserContext(call.ctx.db, call.principal.companyId, call.param(QStringLiteral("id")));
    if (!user)
        return fail(user.error());
    auto report = offlineKeyReport(call.ctx.db, *user, call.now());
    if (!report)
        return fail(report.error());
    return ok(*report);
}

HttpResponse invalidateOfflineKeys(Call &call)
{
    auto user = loadUserContext(call.ctx.db, call.principal.companyId, call.param(QStringLiteral("id")));
    if (!user)
        return fail(user.error());
    auto before = offlineKeyReport(call.ctx.db, *user, call.now());
    if (!before)
        return fail(before.error());
    auto locks = Revocations::invalidateUser(call.ctx.db, call.ctx.clock, user->userId);
    if (!locks)
        return fail(locks.error());
    auto after = offlineKeyReport(call.ctx.db, *user, call.now());
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("user.invalidate_offline_keys"), QStringLiteral("users"), user->userId,
                            before->value(QStringLiteral("offline_key_expiration")),
                            after->value(QStringLiteral("offline_key_expiration")));
        !a)
        return fail(a.error());
    QJsonObject out = *after;
    out.insert(QStringLiteral("locks_affected"), *locks);
    return ok(out);
}

HttpResponse audit(Call &call)
{
    AuditQuery f;
    f.companyId = call.principal.companyId;
    f.staffId = call.query(QStringLiteral("staff_id"));
    f.entity = call.query(QStringLiteral("entity"));
    f.entityId = call.query(QStringLiteral("entity_id"));
    f.action = call.query(QStringLiteral("action"));
    for (auto [name, target] :
         { std::pair { QStringLiteral("from"), &f.fromMs }, std::pair { QStringLiteral("to"), &f.toMs } }) {
        const QString text = call.query(name);
        if (text.isEmpty())
            continue;
        auto t = parseInstant(text, name);
        if (!t)
            return fail(t.error());
        *target = t->toMSecsSinceEpoch();
    }
    for (auto [name, target] : { std::pair { QStringLiteral("before_revision"), &f.beforeRevision } }) {
        const QString text = call.query(name);
        if (text.isEmpty())
            continue;
        bool okNumber = false;
        *target = text.toLongLong(&okNumber);
        if (!okNumber || *target < 0)
            return fail(Error::make(QStringLiteral("invalid_value"),
                                    QStringLiteral("\"%1\" must be a non-negative integer.").arg(name), name));
    }
    if (const QString text = call.query(QStringLiteral("limit")); !text.isEmpty()) {
        bool okNumber = false;
        f.limit = text.toInt(&okNumber);
        if (!okNumber || f.limit < 1 || f.limit > AuditLog::kMaxLimit)
            return fail(Error::make(QStringLiteral("invalid_value"),
                                    QStringLiteral("\"limit\" must be between 1 and %1.").arg(AuditLog::kMaxLimit),
                                    QStringLiteral("limit")));
    }
    auto entries = AuditLog(call.ctx.db).query(f);
    if (!entries)
        return fail(entries.error());
    return ok({ { QStringLiteral("entries"), *entries } });
}

} // namespace

void registerAccessRoutes(ServerContext &ctx, V1Services &svc)
{
    const auto staff = Access::Staff;
    addRoute(
        ctx, svc,
        { Method::Get, QStringLiteral("/v1/access/explain"), staff, Permission::ExplainAccess, false, explain, {} });
    addRoute(ctx, svc,
             { Method::Get,
               QStringLiteral("/v1/users/{id}/offline-keys"),
               staff,
               Permission::ViewAll,
               false,
               offlineKeys,
               {} });
    addRoute(ctx, svc,
             { Method::Post,
               QStringLiteral("/v1/users/{id}/offline-keys/invalidate"),
               staff,
               Permission::ManageOfflineKeys,
               true,
               invalidateOfflineKeys,
               {} });
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/audit"), staff, Permission::ViewAudit, false, audit, {} });
}

} // namespace Keydesk::Server::V1
