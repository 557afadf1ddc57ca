#pragma once

#include "core/domain/Result.h"
#include "core/domain/StaffRole.h"
#include "server/http/HttpResponse.h"
#include "server/http/Router.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QString>

#include <functional>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcV1)

namespace Keydesk::Server {
struct ServerContext;
}

namespace Keydesk::Server::V1 {

class V1Services;

/// Who may call a route.
enum class Access {
    Public, ///< no credential (login)
    Staff, ///< a staff bearer token (POST /v1/login); `permission` is checked when set
    Tenant, ///< a tenant's mobile credential (POST /v1/users/{id}/mobile-credential)
};

/// The authenticated caller of a /v1 route.
struct Principal
{
    enum class Kind { None, Staff, Tenant };
    Kind kind = Kind::None;
    QString companyId;
    // staff
    QString staffId;
    QString username;
    Core::StaffRole role = Core::StaffRole::Auditor;
    QString tokenHash;
    // tenant
    QString userId;
    QString facilityId;

    /// Whose idempotency keys these are (keys are per caller).
    QString idempotencyScope() const { return kind == Kind::Staff ? staffId : QStringLiteral("user:") + userId; }
};

/// One request to a /v1 handler: the request, the caller, the parsed body and the shared services.
/// For mutations the handler runs inside a write transaction; audit() writes into it.
class Call final
{
public:
    Call(const HttpRequest &request, ServerContext &ctx, V1Services &services, Principal principal, QJsonObject body);

    const HttpRequest &request;
    ServerContext &ctx;
    V1Services &services;
    const Principal principal;
    const QJsonObject body;

    /// Path parameter ({id}).
    QString param(const QString &name) const { return request.param(name); }
    /// Query parameter; empty when absent.
    QString query(const QString &name) const;
    qint64 nowMs() const;
    QDateTime now() const;

    /// Appends to the audit log in the current transaction: who (the caller), what, when (now), before/after.
    Core::Result<void> audit(const QString &action, const QString &entity, const QString &entityId,
                             const QJsonValue &before, const QJsonValue &after) const;
};

using Handler = std::function<HttpResponse(Call &)>;
using AsyncHandler = std::function<void(Call &, QHttpServerResponder &&)>;

/// One /v1 route: method, path pattern, who may call it, and whether it changes data (then it runs in a write
/// transaction, accepts Idempotency-Key and is rolled back when it answers an error).
struct RouteSpec
{
    QHttpServerRequest::Method method;
    QString pattern; ///< "/v1/users/{id}"
    Access access;
    std::optional<Core::Permission> permission; ///< Staff routes: required permission; nullopt = any staff
    bool mutation;
    Handler handler;
    AsyncHandler asyncHandler; ///< instead of handler, for long-poll
};

/// Registers a route through the shared router with authentication, permission check, body parsing,
/// idempotency, the write transaction and change notification around the handler.
void addRoute(ServerContext &ctx, V1Services &services, RouteSpec spec);

// ---- Responses -------------------------------------------------------------------------------------

/// {"error": {"code", "message", "field"}} with the status.
HttpResponse errorResponse(int status, const Core::Error &error);
HttpResponse errorResponse(int status, const QString &code, const QString &message, const QString &field = {});
/// A store failure: logged, answered 500 without internals.
HttpResponse internalError(const Core::Error &error);
/// 404 with a message naming what was not found (also for objects of another company: never 403, so the
/// existence of other companies' objects is not revealed).
HttpResponse notFound(const QString &what, const QString &id);
HttpResponse ok(const QJsonObject &object, int status = 200);

// ---- JSON helpers ----------------------------------------------------------------------------------

/// Instants on the wire: ISO-8601 UTC with milliseconds and "Z"; null for 0 / absent.
QJsonValue instantJson(qint64 ms);
QJsonValue instantJson(const QVariant &msOrNull);
/// Parses an ISO-8601 instant with an offset or "Z" (a time without zone is refused: ambiguous).
Core::Result<QDateTime> parseInstant(const QString &text, const QString &field);
/// A field that may be absent, null or a string; wrong types name the field.
Core::Result<std::optional<QString>> optionalString(const QJsonObject &body, const QString &field);
/// A field that must be a non-empty string (after trimming).
Core::Result<QString> requiredString(const QJsonObject &body, const QString &field);
QString newId();

} // namespace Keydesk::Server::V1
