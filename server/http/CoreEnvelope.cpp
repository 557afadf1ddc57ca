#include "server/http/CoreEnvelope.h"

namespace Keydesk::Server::CoreApi {

int httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Success:
        return 200;
    case ErrorCode::BadApiKey:
        return 401;
    case ErrorCode::BadInput:
        return 400;
    case ErrorCode::WrongRequestMethod:
        return 405;
    case ErrorCode::UnknownEndpoint:
    case ErrorCode::CompanyNotFound:
    case ErrorCode::LockNotFound:
        return 404;
    case ErrorCode::InternalServerError:
    case ErrorCode::Unknown:
        break;
    }
    return 500;
}

QJsonObject apiVersionBlock(const QString &responseVersion)
{
    // Text of the public documentation's "API Versions" section, so clients that display it see the same.
    const QJsonObject available {
        { QStringLiteral("0.0.0"),
          QJsonObject { { QStringLiteral("changes"), QString() },
                        { QStringLiteral("status"), QStringLiteral("deprecated") } } },
        { QStringLiteral("0.1.0"),
          QJsonObject {
              { QStringLiteral("changes"),
                QStringLiteral("Added ErrorDetails field in response which can hold details about multiple errors and "
                               "is particularly useful when a request has multiple parts that can succeed or fail "
                               "independently. Added API versioning. For qc/issue and qc/revoke added successes to "
                               "Data field.") },
              { QStringLiteral("status"), QStringLiteral("default") } } },
        { QStringLiteral("1.0.0"),
          QJsonObject { { QStringLiteral("changes"),
                          QStringLiteral("error codes/messages from quick click calls changing to be more descriptive "
                                         "and more standardized") },
                        { QStringLiteral("status"), QStringLiteral("active") } } },
    };
    return QJsonObject {
        { QStringLiteral("response"), responseVersion },
        { QStringLiteral("available"), available },
        { QStringLiteral("default"), kDefaultApiVersion },
    };
}

bool isKnownApiVersion(const QString &version)
{
    return version == QLatin1String("0.0.0") || version == QLatin1String("0.1.0") || version == QLatin1String("1.0.0");
}

QJsonObject Envelope::toJson() const
{
    QJsonObject object {
        { QStringLiteral("result"),
          code == ErrorCode::Success ? QStringLiteral("success") : QStringLiteral("failure") },
        { QStringLiteral("message"), message },
        { QStringLiteral("error_code"), int(code) },
        { QStringLiteral("error_details"), errorDetails },
        { QStringLiteral("data"), data },
        { QStringLiteral("request"), request },
        { QStringLiteral("api_version"), apiVersionBlock(apiVersion) },
    };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

HttpResponse Envelope::toResponse() const
{
    return HttpResponse::json(toJson(), httpStatusOverride ? httpStatusOverride : httpStatus(code));
}

Envelope Envelope::success(const QString &request, QJsonValue data)
{
    Envelope envelope;
    envelope.request = request;
    envelope.data = std::move(data);
    return envelope;
}

Envelope Envelope::failure(const QString &request, ErrorCode code, const QString &message)
{
    Envelope envelope;
    envelope.request = request;
    envelope.code = code;
    envelope.message = message;
    return envelope;
}

QString requestNameForPath(const QString &normalisedPath)
{
    QString name = normalisedPath;
    while (name.startsWith(QLatin1Char('/')))
        name.remove(0, 1);
    return name;
}

HttpResponse formatRouteError(const HttpRequest &request, RouteError error, const QString &message)
{
    const QString name = requestNameForPath(request.path());
    switch (error) {
    case RouteError::NotFound:
        return Envelope::failure(name, ErrorCode::UnknownEndpoint, message).toResponse();
    case RouteError::MethodNotAllowed:
        return Envelope::failure(name, ErrorCode::WrongRequestMethod, message).toResponse();
    case RouteError::PayloadTooLarge: {
        Envelope envelope = Envelope::failure(name, ErrorCode::BadInput, message);
        envelope.httpStatusOverride = 413;
        return envelope.toResponse();
    }
    case RouteError::Internal:
        break;
    }
    return Envelope::failure(name, ErrorCode::InternalServerError, message).toResponse();
}

} // namespace Keydesk::Server::CoreApi
