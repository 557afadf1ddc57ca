#include "server/v1/V1Api.h"

#include "server/ServerContext.h"
#include "server/auth/SessionToken.h"
#include "server/store/AuditLog.h"
#include "server/store/IdempotencyStore.h"
#include "server/v1/V1Services.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcV1, "keydesk.server.v1")

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Result;

Call::Call(const HttpRequest &req, ServerContext &context, V1Services &svc, Principal who, QJsonObject parsed)
    : request(req)
    , ctx(context)
    , services(svc)
    , principal(std::move(who))
    , body(std::move(parsed))
{ }

QString Call::query(const QString &name) const
{
    return request.query().queryItemValue(name, QUrl::FullyDecoded);
}

qint64 Call::nowMs() const
{
    return ctx.nowMs();
}

QDateTime Call::now() const
{
    return ctx.clock.now().toUTC();
}

Result<void> Call::audit(const QString &action, const QString &entity, const QString &entityId,
                         const QJsonValue &before, const QJsonValue &after) const
{
    AuditEntry entry;
    entry.companyId = principal.companyId;
    entry.staffId = principal.kind == Principal::Kind::Staff ? principal.staffId : QString();
    entry.action = action;
    entry.entity = entity;
    entry.entityId = entityId;
    entry.before = before;
    entry.after = after;
    entry.atMs = nowMs();
    return AuditLog(ctx.db).append(entry);
}

// ---- Responses -------------------------------------------------------------------------------------

HttpResponse errorResponse(int status, const Error &error)
{
    QJsonObject e { { QStringLiteral("code"), error.code }, { QStringLiteral("message"), error.message } };
    e.insert(QStringLiteral("field"), error.field.isEmpty() ? QJsonValue() : QJsonValue(error.field));
    return HttpResponse::json(QJsonObject { { QStringLiteral("error"), e } }, status);
}

HttpResponse errorResponse(int status, const QString &code, const QString &message, const QString &field)
{
    return errorResponse(status, Error::make(code, message, field));
}

HttpResponse internalError(const Error &error)
{
    qCWarning(lcV1) << "internal error:" << error.code << error.message;
    return errorResponse(500, QStringLiteral("internal"),
                         QStringLiteral("The server could not complete the request and changed nothing; try again, "
                                        "and report it if it persists."));
}

HttpResponse notFound(const QString &what, const QString &id)
{
    return errorResponse(404, QStringLiteral("not_found"),
                         QStringLiteral("No %1 with id \"%2\" exists in your company; check the id.").arg(what, id));
}

HttpResponse ok(const QJsonObject &object, int status)
{
    return HttpResponse::json(object, status);
}

// ---- JSON helpers ----------------------------------------------------------------------------------

QJsonValue instantJson(qint64 ms)
{
    if (ms <= 0)
        return QJsonValue();
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue instantJson(const QVariant &msOrNull)
{
    return msOrNull.isNull() ? QJsonValue() : instantJson(msOrNull.toLongLong());
}

Result<QDateTime> parseInstant(const QString &text, const QString &field)
{
    const QString t = text.trimmed();
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(t, Qt::ISODate);
    const bool hasZone = t.endsWith(QLatin1Char('Z'))
        || (t.size() > 19 && (t.at(t.size() - 6) == QLatin1Char('+') || t.at(t.size() - 6) == QLatin1Char('-')));
    if (!dt.isValid() || !hasZone)
        return Error::make(QStringLiteral("invalid_instant"),
                           QStringLiteral("\"%1\" is not an ISO-8601 instant with a zone; write it like "
                                          "2026-03-01T09:00:00Z or 2026-03-01T10:00:00+01:00.")
                               .arg(text.left(60)),
                           field);
    return dt.toUTC();
}

Result<std::optional<QString>> optionalString(const QJsonObject &body, const QString &field)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return std::optional<QString>();
    if (!v.isString())
        return Error::make(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be a string.").arg(field), field);
    return std::optional<QString>(v.toString());
}

Result<QString> requiredString(const QJsonObject &body, const QString &field)
{
    auto v = optionalString(body, field);
    if (!v)
        return v.error();
    if (!v->has_value() || v->value().trimmed().isEmpty())
        return Error::make(QStringLiteral("missing_field"),
                           QStringLiteral("\"%1\" is required and must not be empty.").arg(field), field);
    return v->value().trimmed();
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// ---- Dispatch --------------------------------------------------------------------------------------

namespace {

HttpResponse unauthenticated(const QString &message)
{
    HttpResponse r = errorResponse(401, QStringLiteral("unauthenticated"), message);
    r.headers.append({ QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer") });
    return r;
}

/// Staff session or tenant credential → Principal; an error response when missing, wrong or expired.
std::optional<HttpResponse> authenticate(const HttpRequest &request, ServerContext &ctx, V1Services &services,
                                         Access access, Principal *out)
{
    if (access == Access::Public)
        return std::nullopt;
    const QString token = SessionToken::fromAuthorizationHeader(request.header(QByteArrayLiteral("authorization")));
    if (token.isEmpty())
        return unauthenticated(access == Access::Staff
                                   ? QStringLiteral("Log in first (POST /v1/login) and send the token as "
                                                    "\"Authorization: Bearer <token>\".")
                                   : QStringLiteral("Send the tenant's mobile credential as \"Authorization: Bearer "
                                                    "<credential>\"; staff issue it on the user's page."));
    const QString hash = SessionToken::hashToken(token);
    if (access == Access::Staff) {
        if (!SessionToken::looksValid(token))
            return unauthenticated(QStringLiteral("The bearer token is not a staff session token; log in again."));
        auto staff = services.staff.findSession(hash, ctx.nowMs());
        if (!staff)
            return internalError(staff.error());
        if (!staff->has_value())
            return unauthenticated(QStringLiteral("The session has expired or was ended; log in again."));
        auto role = Core::roleFromString(staff->value().role);
        if (!role)
            return internalError(role.error());
        out->kind = Principal::Kind::Staff;
        out->companyId = staff->value().companyId;
        out->staffId = staff->value().id;
        out->username = staff->value().username;
        out->role = *role;
        out->tokenHash = hash;
        return std::nullopt;
    }
    auto q = ctx.db.exec(QStringLiteral("SELECT u.id, u.facility_id, f.company_id FROM users u JOIN facilities f ON "
                                        "f.id = u.facility_id WHERE u.mobile_secret_hash = ?"),
                         { hash });
    if (!q)
        return internalError(q.error());
    if (!q.value().next())
        return unauthenticated(QStringLiteral("The mobile credential is unknown or was replaced; ask the facility "
                                              "for a new one."));
    out->kind = Principal::Kind::Tenant;
    out->userId = q->value(0).toString();
    out->facilityId = q->value(1).toString();
    out->companyId = q->value(2).toString();
    out->tokenHash = hash;
    return std::nullopt;
}

bool needsBody(QHttpServerRequest::Method method)
{
    return method == QHttpServerRequest::Method::Post || method == QHttpServerRequest::Method::Put
        || method == QHttpServerRequest::Method::Patch || method == QHttpServerRequest::Method::Delete;
}

/// Everything before the handler; nullopt when the request may proceed (principal and body filled in).
std::optional<HttpResponse> prepare(const HttpRequest &request, ServerContext &ctx, V1Services &services,
                                    const RouteSpec &spec, Principal *principal, QJsonObject *body)
{
    if (auto denied = authenticate(request, ctx, services, spec.access, principal))
        return denied;
    if (spec.access == Access::Staff && spec.permission && !Core::hasPermission(principal->role, *spec.permission))
        return errorResponse(403, QStringLiteral("forbidden"),
                             QStringLiteral("Your role (%1) does not include the permission \"%2\" this needs; ask "
                                            "an owner or admin.")
                                 .arg(Core::toString(principal->role), Core::toString(*spec.permission)));
    if (needsBody(spec.method)) {
        auto parsed = request.jsonBody();
        if (!parsed)
            return errorResponse(httpStatusFor(parsed.error()), parsed.error());
        *body = *parsed;
    }
    return std::nullopt;
}

HttpResponse runMutation(const HttpRequest &request, ServerContext &ctx, V1Services &services, const RouteSpec &spec,
                         Call &call)
{
    const QString key = QString::fromLatin1(request.header(QByteArrayLiteral("idempotency-key")));
    IdempotencyStore idempotency(ctx.db);
    const QString method = Router::methodName(request.method());
    if (!key.isEmpty() && !IdempotencyStore::isValidKey(key))
        return errorResponse(400, QStringLiteral("invalid_idempotency_key"),
                             QStringLiteral("Idempotency-Key must be 1 to %1 printable ASCII characters (a UUID is "
                                            "a good choice).")
                                 .arg(IdempotencyStore::kMaxKeyLength),
                             QStringLiteral("Idempotency-Key"));

    WriteTransaction txn(ctx.db);
    if (!txn.isActive())
        return errorResponse(503, QStringLiteral("busy"),
                             QStringLiteral("The database is busy; retry the request (with the same "
                                            "Idempotency-Key)."));
    if (!key.isEmpty()) {
        auto stored = idempotency.find(key, call.principal.idempotencyScope(), ctx.nowMs());
        if (!stored)
            return internalError(stored.error());
        if (stored->has_value()) {
            const StoredResponse &first = stored->value();
            if (first.method != method || first.path != request.path())
                return errorResponse(422, QStringLiteral("idempotency_key_reused"),
                                     QStringLiteral("This Idempotency-Key was already used for %1 %2; use a new key "
                                                    "for a different request.")
                                         .arg(first.method, first.path),
                                     QStringLiteral("Idempotency-Key"));
            HttpResponse replay;
            replay.status = first.status;
            replay.body = first.body;
            replay.headers.append({ QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true") });
            return replay; // the transaction rolls back: nothing is applied twice
        }
    }

    HttpResponse response = spec.handler(call);
    if (response.status >= 400)
        return response; // rolled back: a rejected request never leaves a partial write
    if (!key.isEmpty()) {
        auto s
            = idempotency.store(key, call.principal.idempotencyScope(),
                                StoredResponse { method, request.path(), response.status, response.body }, ctx.nowMs());
        if (!s)
            return internalError(s.error());
    }
    if (auto c = txn.commit(); !c)
        return internalError(c.error());
    services.changes.kick();
    services.deliverNotifications();
    return response;
}

} // namespace

void addRoute(ServerContext &ctx, V1Services &services, RouteSpec spec)
{
    const auto method = spec.method;
    const QString pattern = spec.pattern;
    services.routes.append({ Router::methodName(method), pattern, spec.access, spec.permission, spec.mutation });
    if (spec.asyncHandler) {
        ctx.router.addAsync(method, pattern,
                            [&ctx, &services, spec](const HttpRequest &request, QHttpServerResponder &&responder) {
                                Principal principal;
                                QJsonObject body;
                                if (auto early = prepare(request, ctx, services, spec, &principal, &body)) {
                                    early->writeTo(std::move(responder));
                                    return;
                                }
                                Call call(request, ctx, services, principal, body);
                                spec.asyncHandler(call, std::move(responder));
                            });
        return;
    }
    ctx.router.add(method, pattern, [&ctx, &services, spec](const HttpRequest &request) -> HttpResponse {
        Principal principal;
        QJsonObject body;
        if (auto early = prepare(request, ctx, services, spec, &principal, &body))
            return *early;
        Call call(request, ctx, services, principal, body);
        if (!spec.mutation)
            return spec.handler(call);
        return runMutation(request, ctx, services, spec, call);
    });
}

} // namespace Keydesk::Server::V1
