#include "server/coreapi/CoreApiEndpoints.h"
#include "server/coreapi/CoreApiSupport.h"
#include "server/coreapi/QuickClickService.h"
#include "server/coreapi/RevocationService.h"
#include "server/http/JsonBody.h"

#include <QJsonArray>

namespace Keydesk::Server::CoreApi {

namespace {

/// What is waiting to be synced to the lock by its next online unlock.
QString flagsOf(ServerContext &ctx, const LockRecord &lock)
{
    QStringList flags;
    if (QuickClickService(ctx.db, ctx.clock).hasPending(lock.id))
        flags.append(QStringLiteral("quick_clicks"));
    if (RevocationService::deliveryPending(lock))
        flags.append(QStringLiteral("revocation"));
    return flags.isEmpty() ? QStringLiteral("none") : flags.join(QLatin1Char(','));
}

Envelope handleLock(Call &call)
{
    auto macs = optionalMacs(call.body, QStringLiteral("macs"));
    if (!macs)
        return call.failure(macs.error());
    auto serials = JsonFields::optionalStringArray(call.body, QStringLiteral("serials"));
    if (!serials)
        return call.failure(serials.error());
    const QStringList serialList = serials.value().value_or(QStringList());
    const QList<LockRecord> locks = LockRepository(call.ctx.db).list(call.companyId, macs.value(), serialList);
    if (locks.isEmpty() && (!macs.value().isEmpty() || !serialList.isEmpty()))
        return call.failure(ErrorCode::LockNotFound,
                            QStringLiteral("No lock of this company matches the given macs/serials."));
    QJsonArray array;
    for (const LockRecord &lock : locks)
        array.append(lockToCoreJson(lock, flagsOf(call.ctx, lock)));
    return call.success(QJsonObject { { QStringLiteral("locks"), array } });
}

} // namespace

void registerLockEndpoints(ServerContext &ctx)
{
    addRoute(ctx, QStringLiteral("/lock"), QStringLiteral("lock"), KeyKind::Company, &handleLock);
}

} // namespace Keydesk::Server::CoreApi
