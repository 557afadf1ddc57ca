#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

class QHttpServerResponder;

namespace Keydesk::Server {

/// A complete HTTP response, built by a handler and written once by the router.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; ///< extra headers (Content-Type and Length are added)

    static HttpResponse json(const QJsonObject &object, int status = 200);
    static HttpResponse json(const QJsonArray &array, int status = 200);
    static HttpResponse text(const QByteArray &text, int status = 200);

    /// Sends the response. Handlers that answer later (long-poll) call this themselves.
    void writeTo(QHttpServerResponder &&responder) const;
};

} // namespace Keydesk::Server
