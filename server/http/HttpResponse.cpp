#include "server/http/HttpResponse.h"

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>

namespace Keydesk::Server {

HttpResponse HttpResponse::json(const QJsonObject &object, int status)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::json(const QJsonArray &array, int status)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::text(const QByteArray &text, int status)
{
    HttpResponse response;
    response.status = status;
    response.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    response.body = text;
    return response;
}

void HttpResponse::writeTo(QHttpServerResponder &&responder) const
{
    QHttpServerResponse response(contentType, body, static_cast<QHttpServerResponder::StatusCode>(status));
    for (const auto &header : headers)
        response.addHeader(header.first, header.second);
    response.write(std::move(responder));
}

} // namespace Keydesk::Server
