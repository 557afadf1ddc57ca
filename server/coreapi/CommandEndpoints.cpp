#include "server/coreapi/CoreApiEndpoints.h"
#include "server/coreapi/CoreApiSupport.h"
#include "server/coreapi/OnlineCommandService.h"
#include "server/http/JsonBody.h"

namespace Keydesk::Server::CoreApi {

namespace {

Envelope handleCommand(Call &call, Core::CommandKind kind)
{
    auto mac = requiredMac(call.body, QStringLiteral("mac"));
    if (!mac)
        return call.failure(mac.error());
    auto session = JsonFields::requiredString(call.body, QStringLiteral("session"));
    if (!session)
        return call.failure(session.error());
    auto trackingKey = JsonFields::optionalString(call.body, QStringLiteral("tracking_key"));
    if (!trackingKey)
        return call.failure(trackingKey.error());
    auto lock = requireLock(call.ctx.db, call.companyId, mac.value());
    if (!lock)
        return call.failure(lock.error());
    auto issued = OnlineCommandService(call.ctx.db, call.ctx.clock, call.ctx.kek)
                      .issue(lock.value(), kind, session.value(), trackingKey.value().value_or(QString()));
    if (!issued)
        return call.failure(issued.error());
    Envelope envelope = call.success(QJsonObject { { QStringLiteral("commands"), issued.value().commandsHex } });
    envelope.extra.insert(QStringLiteral("token"), issued.value().token);
    return envelope;
}

} // namespace

void registerCommandEndpoints(ServerContext &ctx)
{
    addRoute(ctx, QStringLiteral("/unlock"), QStringLiteral("unlock"), KeyKind::Company,
             [](Call &call) { return handleCommand(call, Core::CommandKind::Unlock); });
    addRoute(ctx, QStringLiteral("/unshackle"), QStringLiteral("unshackle"), KeyKind::Company,
             [](Call &call) { return handleCommand(call, Core::CommandKind::Unshackle); });
    // The public documentation's /fwupdate/ example answers with "request": "unlock"; integrations may match
    // on it, so we answer the same.
    addRoute(ctx, QStringLiteral("/fwupdate"), QStringLiteral("unlock"), KeyKind::Company,
             [](Call &call) { return handleCommand(call, Core::CommandKind::FirmwareUpdate); });
}

} // namespace Keydesk::Server::CoreApi
