#pragma once

#include "core/domain/Result.h"
#include "server/http/HttpResponse.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <functional>

class QHttpServer;
class QHttpServerResponder;

namespace Keydesk::Server {

/// A request as a route handler sees it: the Qt request, its normalised path and the captured {parameters}.
class HttpRequest final
{
public:
    HttpRequest(const QHttpServerRequest &raw, QString path, QHash<QString, QString> params);

    const QHttpServerRequest &raw() const { return m_raw; }
    /// The URL path without a trailing slash ("/unlock/" → "/unlock"; "/" stays "/").
    const QString &path() const { return m_path; }
    QString param(const QString &name) const { return m_params.value(name); }
    QHttpServerRequest::Method method() const { return m_raw.method(); }
    QUrlQuery query() const { return m_raw.query(); }
    QByteArray body() const { return m_raw.body(); }
    /// Header value by case-insensitive name; empty when absent.
    QByteArray header(const QByteArray &name) const;
    /// The token of "Authorization: Bearer <token>"; empty when absent or another scheme.
    QString bearerToken() const;
    /// parseJsonObjectBody(body()): limits enforced, errors name the field.
    Core::Result<QJsonObject> jsonBody() const;

private:
    const QHttpServerRequest &m_raw;
    QString m_path;
    QHash<QString, QString> m_params;
};

/// What the router itself rejects before any handler runs.
enum class RouteError {
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    Internal,
};

/// Turns a router-level rejection into the response format of an API family (Core API envelope, /v1 errors).
using ErrorFormatter = std::function<HttpResponse(const HttpRequest &, RouteError, const QString &message)>;
using RouteHandler = std::function<HttpResponse(const HttpRequest &)>;
/// For handlers that answer later (long-poll): keep the responder and call HttpResponse::writeTo() on it.
using AsyncRouteHandler = std::function<void(const HttpRequest &, QHttpServerResponder &&)>;

/// Routes requests of one QHttpServer: path patterns with {name} segments, an optional trailing slash, 405 for
/// a known path with another method, 404 for an unknown path, 413 for bodies over 1 MB — each formatted by the
/// ErrorFormatter registered for the longest matching path prefix. Handlers run on the server's thread.
class Router final
{
public:
    /// Installs itself as the QHttpServer's missing-handler: every request comes through dispatch().
    explicit Router(QHttpServer &http);
    Router(const Router &) = delete;
    Router &operator=(const Router &) = delete;

    /// e.g. add(Method::Get, "/v1/users/{id}", ...). A later registration of the same method+pattern is refused.
    bool add(QHttpServerRequest::Methods methods, const QString &pattern, RouteHandler handler);
    bool addAsync(QHttpServerRequest::Methods methods, const QString &pattern, AsyncRouteHandler handler);
    /// The formatter for paths starting with `prefix` ("/v1/"); "" is the default (the Core API's).
    void setErrorFormatter(const QString &prefix, ErrorFormatter formatter);

    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder) const;

    static QString normalisePath(const QString &path);
    static QString methodName(QHttpServerRequest::Method method);

private:
    struct Route
    {
        QHttpServerRequest::Methods methods;
        QStringList segments;
        RouteHandler handler;
        AsyncRouteHandler asyncHandler;
    };
    bool addRoute(Route route);
    HttpResponse formatError(const HttpRequest &request, RouteError error, const QString &message) const;

    QList<Route> m_routes;
    QList<QPair<QString, ErrorFormatter>> m_formatters;
};

} // namespace Keydesk::Server
