#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Result.h"
#include "server/http/HttpResponse.h"
#include "server/http/JsonBody.h"
#include "server/http/Router.h"
#include "server/store/Database.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class QHttpServer;

namespace Keydesk::Server {

/// What route handlers need, handed to every route group (Core API, /v1) when the Server registers them.
/// Owned by Server; every reference here outlives the handlers.
struct ServerContext
{
    Database &db;
    QHttpServer &http; ///< for WebSocket upgrades; register HTTP routes on `router`, not here
    Router &router; ///< add(methods, "/v1/things/{id}", handler); trailing slash, 404/405/413 handled
    const Core::Clock &clock;
    QByteArray kek; ///< 32-byte key-encryption key for lock secrets (lockproto sealSecret/openSecret)
    QString companyId; ///< the company created by `init` (the first one)
    QString facilityId; ///< its first facility

    /// Parses the body as a JSON object with the 1 MB / 1000-item limits; errors name the field.
    static Core::Result<QJsonObject> parseJsonBody(const HttpRequest &request) { return request.jsonBody(); }
    /// A JSON response with the given status.
    static HttpResponse json(const QJsonObject &object, int status = 200) { return HttpResponse::json(object, status); }
    static HttpResponse json(const QJsonArray &array, int status = 200) { return HttpResponse::json(array, status); }
    /// Current instant as unix milliseconds (the store's time unit).
    qint64 nowMs() const { return clock.now().toMSecsSinceEpoch(); }
};

} // namespace Keydesk::Server
