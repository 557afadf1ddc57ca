#pragma once

#include "server/http/HttpResponse.h"
#include "server/http/Router.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Keydesk::Server::CoreApi {

/// The Nokē Core API's error_code values.
enum class ErrorCode {
    Success = 0,
    InternalServerError = 1,
    BadApiKey = 2,
    BadInput = 3,
    WrongRequestMethod = 4,
    UnknownEndpoint = 5,
    CompanyNotFound = 6,
    LockNotFound = 7,
    Unknown = 99,
};

/// The HTTP status that goes with an error code (401/400/405/404/500).
int httpStatus(ErrorCode code);

inline const QString kSuccessMessage = QStringLiteral("Command successfully completed");
inline const QString kDefaultApiVersion = QStringLiteral("0.1.0");

/// The `api_version` block every Core API response carries; `response` is the version this answer follows.
QJsonObject apiVersionBlock(const QString &responseVersion = kDefaultApiVersion);
/// True for "0.0.0", "0.1.0" and "1.0.0".
bool isKnownApiVersion(const QString &version);

/// A Core API response: result, message, error_code, error_details, data, request, api_version (+ `extra`
/// top-level fields such as /unlock/'s `token`).
struct Envelope
{
    QString request; ///< "lock", "unlock", "qc/issue", ...
    QString apiVersion = kDefaultApiVersion;
    ErrorCode code = ErrorCode::Success;
    QString message = kSuccessMessage;
    QJsonValue data = QJsonValue::Null;
    QJsonValue errorDetails = QJsonValue::Null;
    QJsonObject extra;
    int httpStatusOverride = 0; ///< e.g. 413 for an oversized body (error_code 3)

    QJsonObject toJson() const;
    HttpResponse toResponse() const;

    static Envelope success(const QString &request, QJsonValue data);
    static Envelope failure(const QString &request, ErrorCode code, const QString &message);
};

/// "/qc/issue" → "qc/issue"; the request name the docs use for a path.
QString requestNameForPath(const QString &normalisedPath);

/// Router ErrorFormatter for the Core API: unknown path → 5/404, wrong method → 4/405, too large → 3/413.
HttpResponse formatRouteError(const HttpRequest &request, RouteError error, const QString &message);

} // namespace Keydesk::Server::CoreApi
