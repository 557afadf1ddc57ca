#include "server/http/Router.h"

#include "server/http/JsonBody.h"

#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QLoggingCategory>

#include <exception>

Q_LOGGING_CATEGORY(lcHttp, "keydesk.server.http", QtInfoMsg)

namespace Keydesk::Server {

HttpRequest::HttpRequest(const QHttpServerRequest &raw, QString path, QHash<QString, QString> params)
    : m_raw(raw)
    , m_path(std::move(path))
    , m_params(std::move(params))
{ }

QByteArray HttpRequest::header(const QByteArray &name) const
{
    const auto headers = m_raw.headers();
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QString HttpRequest::bearerToken() const
{
    const QByteArray value = header(QByteArrayLiteral("Authorization")).trimmed();
    static const QByteArray scheme = QByteArrayLiteral("bearer ");
    if (value.size() <= scheme.size() || value.left(scheme.size()).toLower() != scheme)
        return {};
    return QString::fromUtf8(value.mid(scheme.size()).trimmed());
}

Core::Result<QJsonObject> HttpRequest::jsonBody() const
{
    return parseJsonObjectBody(m_raw.body());
}

Router::Router(QHttpServer &http)
{
    http.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    });
}

QString Router::normalisePath(const QString &path)
{
    QString normalised = path.isEmpty() ? QStringLiteral("/") : path;
    // "Trailing slash optional": /unlock and /unlock/ are the same route.
    while (normalised.size() > 1 && normalised.endsWith(QLatin1Char('/')))
        normalised.chop(1);
    return normalised;
}

QString Router::methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QStringLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QStringLiteral("TRACE");
    default:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

bool Router::add(QHttpServerRequest::Methods methods, const QString &pattern, RouteHandler handler)
{
    return addRoute(
        { methods, normalisePath(pattern).split(QLatin1Char('/'), Qt::SkipEmptyParts), std::move(handler), {} });
}

bool Router::addAsync(QHttpServerRequest::Methods methods, const QString &pattern, AsyncRouteHandler handler)
{
    return addRoute(
        { methods, normalisePath(pattern).split(QLatin1Char('/'), Qt::SkipEmptyParts), {}, std::move(handler) });
}

bool Router::addRoute(Route route)
{
    for (const Route &existing : std::as_const(m_routes)) {
        if (existing.segments == route.segments && (existing.methods & route.methods)) {
            qCWarning(lcHttp) << "route registered twice:" << route.segments.join(QLatin1Char('/'));
            return false;
        }
    }
    m_routes.append(std::move(route));
    return true;
}

void Router::setErrorFormatter(const QString &prefix, ErrorFormatter formatter)
{
    for (auto &entry : m_formatters) {
        if (entry.first == prefix) {
            entry.second = std::move(formatter);
            return;
        }
    }
    m_formatters.append({ prefix, std::move(formatter) });
}

HttpResponse Router::formatError(const HttpRequest &request, RouteError error, const QString &message) const
{
    const ErrorFormatter *best = nullptr;
    qsizetype bestLength = -1;
    for (const auto &entry : m_formatters) {
        const QString &prefix = entry.first;
        const bool matches = request.path().startsWith(prefix) || request.path() + QLatin1Char('/') == prefix;
        if (matches && prefix.size() > bestLength) {
            best = &entry.second;
            bestLength = prefix.size();
        }
    }
    if (best && *best)
        return (*best)(request, error, message);
    int status = 500;
    switch (error) {
    case RouteError::NotFound:
        status = 404;
        break;
    case RouteError::MethodNotAllowed:
        status = 405;
        break;
    case RouteError::PayloadTooLarge:
        status = 413;
        break;
    case RouteError::Internal:
        break;
    }
    return HttpResponse::json(QJsonObject { { QStringLiteral("error"), message } }, status);
}

void Router::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder) const
{
    const QString path = normalisePath(request.url().path());
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const Route *match = nullptr;
    QHash<QString, QString> params;
    QStringList allowed;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        QHash<QString, QString> captured;
        bool same = true;
        for (qsizetype i = 0; i < segments.size() && same; ++i) {
            const QString &want = route.segments.at(i);
            if (want.startsWith(QLatin1Char('{')) && want.endsWith(QLatin1Char('}')))
                captured.insert(want.mid(1, want.size() - 2), segments.at(i));
            else
                same = want == segments.at(i);
        }
        if (!same)
            continue;
        if (route.methods & request.method()) {
            match = &route;
            params = std::move(captured);
            break;
        }
        for (auto method :
             { QHttpServerRequest::Method::Get, QHttpServerRequest::Method::Post, QHttpServerRequest::Method::Put,
               QHttpServerRequest::Method::Patch, QHttpServerRequest::Method::Delete }) {
            if (route.methods & method)
                allowed.append(methodName(method));
        }
    }

    const HttpRequest httpRequest(request, path, params);
    qCDebug(lcHttp) << methodName(request.method()) << path;
    if (!match) {
        if (allowed.isEmpty()) {
            formatError(httpRequest, RouteError::NotFound,
                        QStringLiteral("Unknown endpoint %1; check the path.").arg(path))
                .writeTo(std::move(responder));
        } else {
            allowed.removeDuplicates();
            HttpResponse response
                = formatError(httpRequest, RouteError::MethodNotAllowed,
                              QStringLiteral("%1 does not accept %2; use %3.")
                                  .arg(path, methodName(request.method()), allowed.join(QStringLiteral(" or "))));
            response.headers.append({ QByteArrayLiteral("Allow"), allowed.join(QStringLiteral(", ")).toLatin1() });
            response.writeTo(std::move(responder));
        }
        return;
    }
    if (request.body().size() > kMaxBodyBytes) {
        formatError(httpRequest, RouteError::PayloadTooLarge,
                    QStringLiteral("The request body is %1 bytes; the limit is %2 bytes (1 MB). Send smaller batches.")
                        .arg(request.body().size())
                        .arg(kMaxBodyBytes))
            .writeTo(std::move(responder));
        return;
    }
    // Never let one bad request take the server down: anything thrown becomes a 500 for that request only.
    if (match->asyncHandler) {
        try {
            match->asyncHandler(httpRequest, std::move(responder));
        } catch (const std::exception &e) {
            // The responder may already be gone; the client sees the connection close.
            qCCritical(lcHttp) << "async handler for" << path << "threw:" << e.what();
        }
        return;
    }
    try {
        match->handler(httpRequest).writeTo(std::move(responder));
    } catch (const std::exception &e) {
        qCCritical(lcHttp) << "handler for" << path << "threw:" << e.what();
        formatError(httpRequest, RouteError::Internal,
                    QStringLiteral("Internal server error; the request was not applied."))
            .writeTo(std::move(responder));
    }
}

} // namespace Keydesk::Server
