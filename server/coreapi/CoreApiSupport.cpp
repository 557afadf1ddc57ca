#include "server/coreapi/CoreApiSupport.h"

#include "server/http/JsonBody.h"
#include "server/store/Companies.h"

#include <QLoggingCategory>

#include <exception>

Q_LOGGING_CATEGORY(lcCoreApi, "keydesk.server.coreapi", QtInfoMsg)

namespace Keydesk::Server::CoreApi {

using Core::Error;
using Core::MacAddress;
using Core::Result;

Envelope Call::success(QJsonValue data) const
{
    Envelope envelope = Envelope::success(request, std::move(data));
    envelope.apiVersion = apiVersion;
    return envelope;
}

Envelope Call::failure(ErrorCode code, const QString &message) const
{
    Envelope envelope = Envelope::failure(request, code, message);
    envelope.apiVersion = apiVersion;
    return envelope;
}

Envelope Call::failure(const Error &error) const
{
    if (errorCodeFor(error) == ErrorCode::InternalServerError)
        qCWarning(lcCoreApi) << request << "failed:" << error.message;
    return failure(errorCodeFor(error), error.message);
}

ErrorCode errorCodeFor(const Error &error)
{
    if (error.code == kLockNotFound)
        return ErrorCode::LockNotFound;
    if (error.code == kCompanyNotFound)
        return ErrorCode::CompanyNotFound;
    if (error.code == QLatin1String("storage_error") || error.code == QLatin1String("internal")
        || error.code == QLatin1String("kek_mismatch"))
        return ErrorCode::InternalServerError;
    return ErrorCode::BadInput;
}

void addRoute(ServerContext &ctx, const QString &path, const QString &requestName, KeyKind keyKind, Handler handler)
{
    ServerContext *context = &ctx;
    ctx.router.add(QHttpServerRequest::Method::Post, path,
                   [context, requestName, keyKind, handler = std::move(handler)](const HttpRequest &http) {
                       const QString token = http.bearerToken();
                       CompanyRepository companies(context->db);
                       const std::optional<QString> company = keyKind == KeyKind::Company
                           ? companies.companyForApiKey(token)
                           : companies.companyForMobileKey(token);
                       if (!company) {
                           const QString message = token.isEmpty()
                               ? QStringLiteral("Missing API key: send \"Authorization: Bearer <api key>\".")
                               : keyKind == KeyKind::Company
                               ? QStringLiteral("Invalid API key; use the company API key from init.")
                               : QStringLiteral("Invalid API key; /upload/ takes the mobile API key only.");
                           return Envelope::failure(requestName, ErrorCode::BadApiKey, message).toResponse();
                       }
                       auto body = http.jsonBody();
                       if (!body) {
                           Envelope envelope
                               = Envelope::failure(requestName, ErrorCode::BadInput, body.error().message);
                           envelope.httpStatusOverride = httpStatusFor(body.error()) == 413 ? 413 : 0;
                           return envelope.toResponse();
                       }
                       Call call { *context, http, requestName, *company, body.value(), kDefaultApiVersion };
                       const QJsonValue version = call.body.value(QStringLiteral("api_version"));
                       if (!version.isUndefined() && !version.isNull()) {
                           if (!version.isString() || !isKnownApiVersion(version.toString()))
                               return call
                                   .failure(ErrorCode::BadInput,
                                            QStringLiteral("Field \"api_version\" must be one of \"0.0.0\", \"0.1.0\", "
                                                           "\"1.0.0\"."))
                                   .toResponse();
                           call.apiVersion = version.toString();
                       }
                       try {
                           return handler(call).toResponse();
                       } catch (const std::exception &e) {
                           qCCritical(lcCoreApi) << requestName << "threw:" << e.what();
                           return call
                               .failure(ErrorCode::InternalServerError,
                                        QStringLiteral("Internal server error; the request was not applied."))
                               .toResponse();
                       }
                   });
}

Result<MacAddress> requiredMac(const QJsonObject &object, const QString &field, const QString &prefix)
{
    auto text = JsonFields::requiredString(object, field, prefix);
    if (!text)
        return text.error();
    auto mac = MacAddress::parse(text.value());
    if (!mac)
        return Error::make(BodyError::InvalidValue,
                           QStringLiteral("Field \"%1%2\": %3").arg(prefix, field, mac.error().message),
                           prefix + field);
    return mac;
}

Result<QList<MacAddress>> optionalMacs(const QJsonObject &object, const QString &field, const QString &prefix)
{
    auto texts = JsonFields::optionalStringArray(object, field, prefix);
    if (!texts)
        return texts.error();
    QList<MacAddress> macs;
    if (!texts.value())
        return macs;
    for (qsizetype i = 0; i < texts.value()->size(); ++i) {
        auto mac = MacAddress::parse(texts.value()->at(i));
        if (!mac) {
            const QString name = QStringLiteral("%1%2[%3]").arg(prefix, field).arg(i);
            return Error::make(BodyError::InvalidValue,
                               QStringLiteral("Field \"%1\": %2").arg(name, mac.error().message), name);
        }
        if (!macs.contains(mac.value()))
            macs.append(mac.value());
    }
    return macs;
}

Result<LockRecord> requireLock(Database &db, const QString &companyId, const MacAddress &mac)
{
    auto lock = LockRepository(db).findByMac(companyId, mac);
    if (!lock)
        return Error::make(
            kLockNotFound,
            QStringLiteral("Lock %1 not found; register it first (keydesk-server lock add).").arg(mac.toString()),
            QStringLiteral("mac"));
    return *lock;
}

Result<QList<LockRecord>> requireLocks(Database &db, const QString &companyId, const QList<MacAddress> &macs)
{
    QList<LockRecord> locks;
    for (const MacAddress &mac : macs) {
        auto lock = requireLock(db, companyId, mac);
        if (!lock)
            return lock.error();
        locks.append(lock.value());
    }
    return locks;
}

QJsonObject errorDetail(const QString &mac, const QString &code, const QString &message, const QString &action)
{
    return QJsonObject { { QStringLiteral("mac"), mac },
                         { QStringLiteral("code"), code },
                         { QStringLiteral("msg"), message },
                         { QStringLiteral("action"), action } };
}

} // namespace Keydesk::Server::CoreApi
