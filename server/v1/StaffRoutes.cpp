// POST /v1/login, POST /v1/logout, GET /v1/me and staff accounts (owner/admin only).
#include "server/ServerContext.h"
#include "server/auth/SessionToken.h"
#include "server/store/AuditLog.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Permission;
using Core::StaffRole;
using Method = QHttpServerRequest::Method;

namespace {

QJsonArray permissionNames(StaffRole role)
{
    QJsonArray out;
    for (Permission p : Core::permissionsOf(role))
        out.append(Core::toString(p));
    return out;
}

QJsonObject staffJson(const StaffRecord &s)
{
    QJsonObject o = s.toJson();
    if (auto role = Core::roleFromString(s.role))
        o.insert(QStringLiteral("permissions"), permissionNames(*role));
    return o;
}

HttpResponse tooManyRequests(qint64 retryAfterSeconds, const QString &message)
{
    HttpResponse r = errorResponse(429, QStringLiteral("rate_limited"), message);
    r.headers.append({ QByteArrayLiteral("Retry-After"), QByteArray::number(std::max<qint64>(1, retryAfterSeconds)) });
    return r;
}

/// A fixed hash to verify against when the name is unknown, so both cases cost the same time.
const QString &dummyHash(const PasswordHasher &hasher)
{
    static const QString hash = hasher.hash(QStringLiteral("not a real password")).valueOr(QString());
    return hash;
}

HttpResponse login(Call &call)
{
    V1Services &svc = call.services;
    const QString address = call.request.raw().remoteAddress().toString();
    if (!svc.loginLimiter.tryAcquire(address))
        return tooManyRequests(svc.loginLimiter.retryAfterSeconds(address),
                               QStringLiteral("Too many login attempts from this address; wait and try again."));
    auto username = requiredString(call.body, QStringLiteral("username"));
    if (!username)
        return errorResponse(400, username.error());
    auto password = optionalString(call.body, QStringLiteral("password"));
    if (!password)
        return errorResponse(400, password.error());
    if (!password->has_value())
        return errorResponse(400, QStringLiteral("missing_field"), QStringLiteral("\"password\" is required."),
                             QStringLiteral("password"));

    auto found = svc.staff.findByUsername(*username);
    if (!found)
        return internalError(found.error());
    if (found->has_value() && found->value().lockedUntilMs > call.nowMs())
        svc.loginThrottle.restoreLock(*username, QDateTime::fromMSecsSinceEpoch(found->value().lockedUntilMs, Qt::UTC));
    if (const QDateTime until = svc.loginThrottle.lockedUntil(*username); until.isValid()) {
        HttpResponse r = errorResponse(423, QStringLiteral("account_locked"),
                                       QStringLiteral("Too many failed logins: the account is locked until %1 UTC. "
                                                      "Wait, or ask an admin to reset the password.")
                                           .arg(until.toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        r.headers.append(
            { QByteArrayLiteral("Retry-After"), QByteArray::number(std::max<qint64>(1, call.now().secsTo(until))) });
        return r;
    }

    const bool known = found->has_value();
    const bool good
        = PasswordHasher::verify(password->value(), known ? found->value().passwordHash : dummyHash(svc.hasher));
    if (!known || !good) {
        const QDateTime lockedNow = svc.loginThrottle.recordFailure(*username);
        if (known) {
            WriteTransaction txn(call.ctx.db);
            const StaffRecord &staff = found->value();
            bool stored = txn.isActive()
                && svc.staff.recordLoginState(staff.id, svc.loginThrottle.recentFailures(*username),
                                              lockedNow.isValid() ? lockedNow.toMSecsSinceEpoch() : 0);
            // The lock-out is a security event worth an audit entry (who was locked, until when).
            if (stored && lockedNow.isValid())
                stored = bool(AuditLog(call.ctx.db)
                                  .append({ staff.companyId, QString(), QStringLiteral("session.locked"),
                                            QStringLiteral("staff"), staff.id, QJsonValue(),
                                            QJsonObject { { QStringLiteral("locked_until"),
                                                            lockedNow.toString(Qt::ISODateWithMs) },
                                                          { QStringLiteral("address"), address } },
                                            call.nowMs() }));
            if (stored && txn.commit())
                call.services.changes.kick();
        }
        return errorResponse(401, QStringLiteral("invalid_credentials"),
                             lockedNow.isValid()
                                 ? QStringLiteral("Wrong user name or password. The account is now locked for %1 "
                                                  "minutes after repeated failures.")
                                       .arg(LoginThrottle::kLockSeconds / 60)
                                 : QStringLiteral("Wrong user name or password; check both and try again."));
    }

    StaffRecord staff = found->value();
    svc.loginThrottle.recordSuccess(*username);
    const IssuedToken token = SessionToken::issue(call.now());
    if (token.token.isEmpty())
        return internalError(Error::make(QStringLiteral("rng"), QStringLiteral("token generation failed")));
    WriteTransaction txn(call.ctx.db);
    if (!txn.isActive())
        return errorResponse(503, QStringLiteral("busy"), QStringLiteral("The database is busy; try again."));
    if (auto r = svc.staff.recordLoginState(staff.id, 0, 0); !r)
        return internalError(r.error());
    if (svc.hasher.needsRehash(staff.passwordHash)) {
        // A stronger iteration count applies from the next good login on.
        if (auto rehashed = svc.hasher.hash(password->value()); rehashed.ok()) {
            staff.passwordHash = *rehashed;
            if (auto r = svc.staff.updateRoleAndPassword(staff); !r)
                return internalError(r.error());
        }
    }
    if (auto r = svc.staff.purgeExpiredSessions(call.nowMs()); !r)
        return internalError(r.error());
    if (auto r = svc.staff.createSession(token.tokenHash, staff.id, call.nowMs(), token.expiresAt.toMSecsSinceEpoch());
        !r)
        return internalError(r.error());
    if (auto a
        = AuditLog(call.ctx.db)
              .append({ staff.companyId, staff.id, QStringLiteral("session.login"), QStringLiteral("staff"), staff.id,
                        QJsonValue(),
                        QJsonObject { { QStringLiteral("expires_at"), token.expiresAt.toString(Qt::ISODateWithMs) },
                                      { QStringLiteral("address"), address } },
                        call.nowMs() });
        !a)
        return internalError(a.error());
    if (auto c = txn.commit(); !c)
        return internalError(c.error());
    call.services.changes.kick();
    auto fresh = svc.staff.findById(staff.companyId, staff.id);
    if (fresh && fresh->has_value())
        staff = fresh->value();
    return ok({ { QStringLiteral("token"), token.token },
                { QStringLiteral("token_type"), QStringLiteral("Bearer") },
                { QStringLiteral("expires_at"), token.expiresAt.toString(Qt::ISODateWithMs) },
                { QStringLiteral("role"), staff.role },
                { QStringLiteral("staff"), staffJson(staff) } });
}

HttpResponse logout(Call &call)
{
    if (auto r = call.services.staff.deleteSession(call.principal.tokenHash); !r)
        return internalError(r.error());
    if (auto a = call.audit(QStringLiteral("session.logout"), QStringLiteral("staff"), call.principal.staffId,
                            QJsonValue(), QJsonValue());
        !a)
        return internalError(a.error());
    return ok({ { QStringLiteral("logged_out"), true } });
}

HttpResponse me(Call &call)
{
    auto staff = call.services.staff.findById(call.principal.companyId, call.principal.staffId);
    if (!staff)
        return internalError(staff.error());
    if (!staff->has_value())
        return notFound(QStringLiteral("staff member"), call.principal.staffId);
    return ok({ { QStringLiteral("staff"), staffJson(staff->value()) } });
}

Core::Result<QString> validUsername(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._@-]{3,64}$"));
    if (!pattern.match(name).hasMatch())
        return Error::make(QStringLiteral("invalid_username"),
                           QStringLiteral("\"%1\" is not a valid user name: use 3 to 64 letters, digits or . _ @ -.")
                               .arg(name.left(80)),
                           QStringLiteral("username"));
    return name;
}

/// Only an owner may create, change or remove owners.
bool mayManage(const Principal &who, StaffRole targetRole)
{
    return targetRole != StaffRole::Owner || who.role == StaffRole::Owner;
}

HttpResponse ownerOnly()
{
    return errorResponse(403, QStringLiteral("forbidden"),
                         QStringLiteral("Only an owner may create, change or remove an owner account."));
}

HttpResponse listStaff(Call &call)
{
    auto list = call.services.staff.list(call.principal.companyId);
    if (!list)
        return internalError(list.error());
    QJsonArray out;
    for (const StaffRecord &s : *list)
        out.append(staffJson(s));
    return ok({ { QStringLiteral("staff"), out } });
}

HttpResponse getStaff(Call &call)
{
    auto s = call.services.staff.findById(call.principal.companyId, call.param(QStringLiteral("id")));
    if (!s)
        return internalError(s.error());
    if (!s->has_value())
        return notFound(QStringLiteral("staff member"), call.param(QStringLiteral("id")));
    return ok({ { QStringLiteral("staff"), staffJson(s->value()) } });
}

HttpResponse createStaff(Call &call)
{
    auto username = requiredString(call.body, QStringLiteral("username"));
    if (!username)
        return errorResponse(400, username.error());
    if (auto v = validUsername(*username); !v)
        return errorResponse(400, v.error());
    auto roleText = requiredString(call.body, QStringLiteral("role"));
    if (!roleText)
        return errorResponse(400, roleText.error());
    auto role = Core::roleFromString(*roleText);
    if (!role)
        return errorResponse(400, Error::make(role.error().code, role.error().message, QStringLiteral("role")));
    if (!mayManage(call.principal, *role))
        return ownerOnly();
    auto password = optionalString(call.body, QStringLiteral("password"));
    if (!password)
        return errorResponse(400, password.error());
    auto hash = call.services.hasher.hash(password->value_or(QString()));
    if (!hash)
        return errorResponse(400, hash.error());
    auto existing = call.services.staff.findByUsername(*username);
    if (!existing)
        return internalError(existing.error());
    if (existing->has_value())
        return errorResponse(409, QStringLiteral("username_taken"),
                             QStringLiteral("The user name \"%1\" is taken; choose another.").arg(*username),
                             QStringLiteral("username"));
    StaffRecord s;
    s.id = newId();
    s.companyId = call.principal.companyId;
    s.username = *username;
    s.passwordHash = *hash;
    s.role = Core::toString(*role);
    s.createdAtMs = call.nowMs();
    if (auto r = call.services.staff.insert(s); !r)
        return internalError(r.error());
    auto stored = call.services.staff.findById(s.companyId, s.id);
    if (!stored || !stored->has_value())
        return internalError(stored ? Error::make(QStringLiteral("lost"), QStringLiteral("row vanished"))
                                    : stored.error());
    const QJsonObject after = staffJson(stored->value());
    if (auto a = call.audit(QStringLiteral("staff.create"), QStringLiteral("staff"), s.id, QJsonValue(), after); !a)
        return internalError(a.error());
    return ok({ { QStringLiteral("staff"), after } }, 201);
}

HttpResponse updateStaff(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto found = call.services.staff.findById(call.principal.companyId, id);
    if (!found)
        return internalError(found.error());
    if (!found->has_value())
        return notFound(QStringLiteral("staff member"), id);
    StaffRecord s = found->value();
    const QJsonObject before = staffJson(s);
    const auto currentRole = Core::roleFromString(s.role);
    if (currentRole && !mayManage(call.principal, *currentRole))
        return ownerOnly();

    auto roleText = optionalString(call.body, QStringLiteral("role"));
    if (!roleText)
        return errorResponse(400, roleText.error());
    bool endSessions = false;
    if (roleText->has_value()) {
        auto role = Core::roleFromString(roleText->value());
        if (!role)
            return errorResponse(400, Error::make(role.error().code, role.error().message, QStringLiteral("role")));
        if (!mayManage(call.principal, *role))
            return ownerOnly();
        const bool wasAdmin = s.role == QLatin1String("owner") || s.role == QLatin1String("admin");
        const bool staysAdmin = *role == StaffRole::Owner || *role == StaffRole::Admin;
        if (wasAdmin && !staysAdmin) {
            auto admins = call.services.staff.countAdmins(s.companyId);
            if (!admins)
                return internalError(admins.error());
            if (*admins <= 1)
                return errorResponse(409, QStringLiteral("last_admin"),
                                     QStringLiteral("%1 is the company's last owner/admin; make someone else an admin "
                                                    "first.")
                                         .arg(s.username),
                                     QStringLiteral("role"));
        }
        endSessions = s.role != Core::toString(*role);
        s.role = Core::toString(*role);
    }
    auto password = optionalString(call.body, QStringLiteral("password"));
    if (!password)
        return errorResponse(400, password.error());
    if (password->has_value()) {
        auto hash = call.services.hasher.hash(password->value());
        if (!hash)
            return errorResponse(400, hash.error());
        s.passwordHash = *hash;
        endSessions = true;
    }
    if (auto r = call.services.staff.updateRoleAndPassword(s); !r)
        return internalError(r.error());
    // A new password or role ends the account's sessions, except the caller's own.
    if (endSessions && s.id != call.principal.staffId) {
        if (auto r = call.services.staff.deleteSessionsOf(s.id); !r)
            return internalError(r.error());
    }
    auto stored = call.services.staff.findById(s.companyId, s.id);
    if (!stored || !stored->has_value())
        return internalError(stored ? Error::make(QStringLiteral("lost"), QStringLiteral("row vanished"))
                                    : stored.error());
    const QJsonObject after = staffJson(stored->value());
    if (auto a = call.audit(QStringLiteral("staff.update"), QStringLiteral("staff"), s.id, before, after); !a)
        return internalError(a.error());
    return ok({ { QStringLiteral("staff"), after } });
}

HttpResponse deleteStaff(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto found = call.services.staff.findById(call.principal.companyId, id);
    if (!found)
        return internalError(found.error());
    if (!found->has_value())
        return notFound(QStringLiteral("staff member"), id);
    const StaffRecord &s = found->value();
    if (s.id == call.principal.staffId)
        return errorResponse(409, QStringLiteral("cannot_delete_self"),
                             QStringLiteral("You cannot delete your own account; ask another admin."));
    const auto role = Core::roleFromString(s.role);
    if (role && !mayManage(call.principal, *role))
        return ownerOnly();
    if (s.role == QLatin1String("owner") || s.role == QLatin1String("admin")) {
        auto admins = call.services.staff.countAdmins(s.companyId);
        if (!admins)
            return internalError(admins.error());
        if (*admins <= 1)
            return errorResponse(
                409, QStringLiteral("last_admin"),
                QStringLiteral("%1 is the company's last owner/admin and cannot be removed.").arg(s.username));
    }
    const QJsonObject before = staffJson(s);
    if (auto r = call.services.staff.deleteSessionsOf(s.id); !r)
        return internalError(r.error());
    if (auto r = call.services.staff.remove(s.id); !r)
        return internalError(r.error());
    if (auto a = call.audit(QStringLiteral("staff.delete"), QStringLiteral("staff"), s.id, before, QJsonValue()); !a)
        return internalError(a.error());
    return ok({ { QStringLiteral("deleted"), true }, { QStringLiteral("id"), s.id } });
}

} // namespace

void registerStaffRoutes(ServerContext &ctx, V1Services &svc)
{
    addRoute(ctx, svc, { Method::Post, QStringLiteral("/v1/login"), Access::Public, std::nullopt, false, login, {} });
    addRoute(ctx, svc, { Method::Post, QStringLiteral("/v1/logout"), Access::Staff, std::nullopt, true, logout, {} });
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/me"), Access::Staff, std::nullopt, false, me, {} });
    addRoute(
        ctx, svc,
        { Method::Get, QStringLiteral("/v1/staff"), Access::Staff, Permission::ManageStaff, false, listStaff, {} });
    addRoute(
        ctx, svc,
        { Method::Post, QStringLiteral("/v1/staff"), Access::Staff, Permission::ManageStaff, true, createStaff, {} });
    addRoute(
        ctx, svc,
        { Method::Get, QStringLiteral("/v1/staff/{id}"), Access::Staff, Permission::ManageStaff, false, getStaff, {} });
    addRoute(ctx, svc,
             { Method::Patch,
               QStringLiteral("/v1/staff/{id}"),
               Access::Staff,
               Permission::ManageStaff,
               true,
               updateStaff,
               {} });
    addRoute(ctx, svc,
             { Method::Delete,
               QStringLiteral("/v1/staff/{id}"),
               Access::Staff,
               Permission::ManageStaff,
               true,
               deleteStaff,
               {} });
}

} // namespace Keydesk::Server::V1
