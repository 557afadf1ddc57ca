#include "core/client/ApiError.h"

#include "core/client/ReplyMapping.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Keydesk::Core {

bool ApiError::isTransient() const
{
    switch (kind) {
    case ApiErrorKind::Unreachable:
    case ApiErrorKind::Timeout:
    case ApiErrorKind::RateLimited:
        return true;
    case ApiErrorKind::Server:
        // 500/502/503/504 and garbled answers (a proxy in the way) may pass; a 501 never will.
        return httpStatus != 501;
    default:
        return false;
    }
}

QString ApiError::kindName(ApiErrorKind kind)
{
    switch (kind) {
    case ApiErrorKind::Unreachable:
        return QStringLiteral("unreachable");
    case ApiErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ApiErrorKind::Tls:
        return QStringLiteral("tls");
    case ApiErrorKind::Unauthorized:
        return QStringLiteral("unauthorized");
    case ApiErrorKind::WrongPassword:
        return QStringLiteral("wrong_password");
    case ApiErrorKind::Forbidden:
        return QStringLiteral("forbidden");
    case ApiErrorKind::Validation:
        return QStringLiteral("validation");
    case ApiErrorKind::NotFound:
        return QStringLiteral("not_found");
    case ApiErrorKind::Conflict:
        return QStringLiteral("conflict");
    case ApiErrorKind::RateLimited:
        return QStringLiteral("rate_limited");
    case ApiErrorKind::Server:
        return QStringLiteral("server");
    }
    return QStringLiteral("server");
}

Error ApiError::toError() const
{
    return Error::make(code.isEmpty() ? kindName(kind) : code, message, field);
}

namespace {

bool isUnreachable(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

ApiError make(ApiErrorKind kind, QString message, const ReplyOutcome &o, QString code = {}, QString field = {})
{
    ApiError e;
    e.kind = kind;
    e.message = std::move(message);
    e.code = code.isEmpty() ? ApiError::kindName(kind) : std::move(code);
    e.field = std::move(field);
    e.httpStatus = o.httpStatus;
    e.retryAfterSeconds = o.retryAfter.trimmed().toInt();
    return e;
}

} // namespace

ApiError mapFailure(const ReplyOutcome &o)
{
    if (o.httpStatus == 0) {
        // No HTTP answer: a transport failure.
        if (!o.sslErrors.isEmpty() || o.networkError == QNetworkReply::SslHandshakeFailedError) {
            const QString why = o.sslErrors.isEmpty() ? o.networkErrorString : o.sslErrors.join(QStringLiteral("; "));
            return make(ApiErrorKind::Tls,
                        QObject::tr("The secure connection to the Keydesk server at %1 was refused: %2. If your "
                                    "facility uses its own certificate authority, choose its CA file in the "
                                    "connection settings; do not connect to a server you cannot verify.")
                            .arg(o.server, why),
                        o);
        }
        if (o.networkError == QNetworkReply::OperationCanceledError || o.networkError == QNetworkReply::TimeoutError)
            return make(ApiErrorKind::Timeout,
                        QObject::tr("The Keydesk server at %1 did not answer within %2 seconds. The network may be "
                                    "slow or the server overloaded; Keydesk will try again.")
                            .arg(o.server)
                            .arg(o.timeoutSeconds),
                        o);
        if (isUnreachable(o.networkError))
            return make(ApiErrorKind::Unreachable,
                        QObject::tr("Cannot reach the Keydesk server at %1 (%2). Check the server address and your "
                                    "network; your changes are kept and sent when the server is back.")
                            .arg(o.server, o.networkErrorString),
                        o);
        return make(
            ApiErrorKind::Server,
            QObject::tr("The request to the Keydesk server at %1 failed: %2.").arg(o.server, o.networkErrorString), o);
    }

    // An HTTP error answer: the /v1 API sends {"error": {"code", "message", "field"}}.
    const QJsonObject err = QJsonDocument::fromJson(o.body).object().value(QStringLiteral("error")).toObject();
    const QString code = err.value(QStringLiteral("code")).toString();
    const QString serverMessage = err.value(QStringLiteral("message")).toString();
    const QString field = err.value(QStringLiteral("field")).toString();
    auto message = [&](const QString &fallback) { return serverMessage.isEmpty() ? fallback : serverMessage; };

    switch (o.httpStatus) {
    case 400:
    case 413:
    case 422:
        if (code == QLatin1String("idempotency_key_reused"))
            return make(ApiErrorKind::Conflict, message(QObject::tr("The request was refused as a duplicate.")), o,
                        code, field);
        return make(ApiErrorKind::Validation,
                    message(QObject::tr("The server refused the input; check the values and try again.")), o, code,
                    field);
    case 401:
        if (o.loginRequest)
            return make(ApiErrorKind::WrongPassword,
                        message(QObject::tr("Wrong user name or password; check both and try again.")), o, code, field);
        return make(ApiErrorKind::Unauthorized, message(QObject::tr("Your session has ended; log in again.")), o, code,
                    field);
    case 403:
        return make(ApiErrorKind::Forbidden,
                    message(QObject::tr("Your role does not allow this; ask an owner or admin.")), o, code, field);
    case 404:
        return make(ApiErrorKind::NotFound,
                    message(QObject::tr("The object no longer exists on the server; it may have been deleted.")), o,
                    code, field);
    case 409:
        return make(ApiErrorKind::Conflict,
                    message(QObject::tr("The change clashes with the current data on the server; refresh and try "
                                        "again.")),
                    o, code, field);
    case 423:
    case 429:
        return make(ApiErrorKind::RateLimited, message(QObject::tr("Too many requests; wait a moment and try again.")),
                    o, code, field);
    default:
        break;
    }
    if (o.httpStatus >= 500)
        return make(ApiErrorKind::Server,
                    message(QObject::tr("The Keydesk server at %1 failed (HTTP %2) and changed nothing; Keydesk "
                                        "will try again.")
                                .arg(o.server)
                                .arg(o.httpStatus)),
                    o, code, field);
    return make(ApiErrorKind::Server,
                message(QObject::tr("The Keydesk server at %1 answered HTTP %2, which this version of Keydesk does "
                                    "not understand.")
                            .arg(o.server)
                            .arg(o.httpStatus)),
                o, code, field);
}

} // namespace Keydesk::Core
