#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace Keydesk::Test {

/// One HTTP exchange as the tests see it.
struct HttpReply
{
    int status = 0; ///< 0 when the connection failed
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const;
};

/// A small synchronous HTTP client over QNetworkAccessManager for loopback tests (runs a local event loop,
/// so an in-process server keeps answering while the test waits).
class HttpTestClient final
{
public:
    explicit HttpTestClient(QUrl base);
    ~HttpTestClient();
    HttpTestClient(const HttpTestClient &) = delete;
    HttpTestClient &operator=(const HttpTestClient &) = delete;

    void setBearer(const QString &token) { m_bearer = token; }

    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpReply post(const QString &path, const QJsonObject &body)
    {
        return send("POST", path, QJsonDocument(body).toJson());
    }
    HttpReply postRaw(const QString &path, const QByteArray &body) { return send("POST", path, body); }
    HttpReply get(const QString &path) { return send("GET", path); }

private:
    QUrl m_base;
    QString m_bearer;
    QNetworkAccessManager *m_nam;
};

} // namespace Keydesk::Test
