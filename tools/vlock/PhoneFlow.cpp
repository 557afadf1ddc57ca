#include "tools/vlock/PhoneFlow.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <memory>

namespace Keydesk::Tools {

namespace {

struct JsonReply
{
    bool answered = false; ///< an HTTP answer with a JSON object body
    QJsonObject body;
    QString error;
};

JsonReply postJson(QNetworkAccessManager &network, const QString &base, const QString &path, const QString &bearer,
                   const QJsonObject &body, int timeoutMs)
{
    QString url = base;
    while (url.endsWith(u'/'))
        url.chop(1);
    QNetworkRequest request(QUrl(url + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + bearer.toUtf8());
    request.setTransferTimeout(timeoutMs);
    std::unique_ptr<QNetworkReply> reply(network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    JsonReply result;
    const QByteArray data = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    // Core API failures come as HTTP 4xx with a JSON body; keep the body's message when there is one.
    if (doc.isObject()) {
        result.answered = true;
        result.body = doc.object();
    } else {
        result.error = reply->error() != QNetworkReply::NoError
            ? reply->errorString()
            : QStringLiteral("%1 answered without a JSON object").arg(url + path);
    }
    return result;
}

bool succeeded(const JsonReply &reply)
{
    return reply.answered && reply.body.value(QStringLiteral("result")).toString() == QLatin1String("success");
}

QString failureMessage(const JsonReply &reply)
{
    if (!reply.answered)
        return reply.error;
    const QString message = reply.body.value(QStringLiteral("message")).toString();
    return message.isEmpty() ? QStringLiteral("the server answered failure without a message") : message;
}

} // namespace

PhoneFlowResult runPhoneFlow(Core::VirtualLock &lock, const PhoneFlowOptions &options)
{
    PhoneFlowResult result;
    auto session = lock.newSession();
    if (!session) {
        result.networkFailure = true;
        result.serverMessage = session.errorMessage();
        return result;
    }
    QNetworkAccessManager network;
    QJsonObject request { { QStringLiteral("mac"), lock.mac().toString() },
                          { QStringLiteral("session"), session->toHex() } };
    if (!options.trackingKey.isEmpty())
        request.insert(QStringLiteral("tracking_key"), options.trackingKey);
    const JsonReply unlock = postJson(network, options.server, QLatin1Char('/') + options.endpoint + QLatin1Char('/'),
                                      options.apiKey, request, options.timeoutMs);
    const QString commands
        = unlock.body.value(QStringLiteral("data")).toObject().value(QStringLiteral("commands")).toString();
    if (!succeeded(unlock) || commands.isEmpty()) {
        result.networkFailure = !unlock.answered;
        result.serverMessage
            = succeeded(unlock) ? QStringLiteral("the server's answer has no commands") : failureMessage(unlock);
        return result;
    }
    result.reachedLock = true;
    result.outcome = lock.applyCommand(commands);

    // The phone uploads whatever the lock handed over, opened or not: failures are activity too.
    if (!result.outcome.responses.isEmpty()) {
        const QJsonObject log { { QStringLiteral("session"), session->toHex() },
                                { QStringLiteral("mac"), lock.mac().toString() },
                                { QStringLiteral("received_time"), QDateTime::currentSecsSinceEpoch() },
                                { QStringLiteral("responses"), QJsonArray::fromStringList(result.outcome.responses) } };
        const JsonReply upload
            = postJson(network, options.server, QStringLiteral("/upload/"), options.mobileKey,
                       QJsonObject { { QStringLiteral("logs"), QJsonArray { log } } }, options.timeoutMs);
        result.uploaded = succeeded(upload);
        if (!result.uploaded)
            result.uploadError = failureMessage(upload);
    }
    return result;
}

} // namespace Keydesk::Tools
