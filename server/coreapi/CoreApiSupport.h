#pragma once

#include "core/domain/MacAddress.h"
#include "core/domain/Result.h"
#include "server/ServerContext.h"
#include "server/http/CoreEnvelope.h"
#include "server/store/LockRepository.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace Keydesk::Server::CoreApi {

/// Which API key a Core API route takes.
enum class KeyKind {
    Company, ///< every route but /upload/
    Mobile, ///< /upload/ only
};

/// One authenticated, parsed Core API call as a handler sees it.
struct Call
{
    ServerContext &ctx;
    const HttpRequest &http;
    QString request; ///< the documented request name ("unlock", "qc/issue", ...)
    QString companyId;
    QJsonObject body;
    QString apiVersion = kDefaultApiVersion;

    Envelope success(QJsonValue data) const;
    Envelope failure(ErrorCode code, const QString &message) const;
    /// Maps a Core::Error: lock_not_found → 7, company_not_found → 6, storage/internal → 1, else 3.
    Envelope failure(const Core::Error &error) const;
};

using Handler = std::function<Envelope(Call &)>;

/// Registers POST `path` (trailing slash optional): checks the key (2), parses the body (3/413), reads
/// `api_version`, runs `handler`, and answers with the envelope. Anything thrown becomes error 1.
void addRoute(ServerContext &ctx, const QString &path, const QString &requestName, KeyKind keyKind, Handler handler);

/// Error codes used by the helpers below.
inline const QString kLockNotFound = QStringLiteral("lock_not_found");
inline const QString kCompanyNotFound = QStringLiteral("company_not_found");

ErrorCode errorCodeFor(const Core::Error &error);

/// A required MAC field ("mac"); the error names the field.
Core::Result<Core::MacAddress> requiredMac(const QJsonObject &object, const QString &field, const QString &prefix = {});
/// An optional array of MACs ("macs"); empty list when absent.
Core::Result<QList<Core::MacAddress>> optionalMacs(const QJsonObject &object, const QString &field,
                                                   const QString &prefix = {});
/// The lock with that MAC in the company; lock_not_found (→ 7) otherwise — also for another company's lock.
Core::Result<LockRecord> requireLock(Database &db, const QString &companyId, const Core::MacAddress &mac);
/// All of them, or the first unknown one as lock_not_found.
Core::Result<QList<LockRecord>> requireLocks(Database &db, const QString &companyId,
                                             const QList<Core::MacAddress> &macs);

/// An error with a code and message for per-item failures (error_details entries).
QJsonObject errorDetail(const QString &mac, const QString &code, const QString &message, const QString &action);

} // namespace Keydesk::Server::CoreApi
