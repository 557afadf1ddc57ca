#include "server/v1/V1Routes.h"

#include "server/ServerContext.h"
#include "server/v1/V1Api.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QHttpServer>

namespace Keydesk::Server {

void registerV1Routes(ServerContext &ctx)
{
    // Owned by the QHttpServer: the services live exactly as long as the routes that capture them.
    auto *services = new V1::V1Services(ctx, &ctx.http);
    ctx.router.setErrorFormatter(QStringLiteral("/v1/"),
                                 [](const HttpRequest &, RouteError error, const QString &message) {
                                     switch (error) {
                                     case RouteError::NotFound:
                                         return V1::errorResponse(404, QStringLiteral("unknown_route"), message);
                                     case RouteError::MethodNotAllowed:
                                         return V1::errorResponse(405, QStringLiteral("method_not_allowed"), message);
                                     case RouteError::PayloadTooLarge:
                                         return V1::errorResponse(413, QStringLiteral("payload_too_large"), message);
                                     case RouteError::Internal:
                                         break;
                                     }
                                     return V1::errorResponse(500, QStringLiteral("internal"), message);
                                 });
    V1::registerStaffRoutes(ctx, *services);
    V1::registerFacilityRoutes(ctx, *services);
    V1::registerLockRoutes(ctx, *services);
    V1::registerUserRoutes(ctx, *services);
    V1::registerGroupRoutes(ctx, *services);
    V1::registerKeyRoutes(ctx, *services);
    V1::registerAccessRoutes(ctx, *services);
    V1::registerMobileRoutes(ctx, *services);
    V1::registerQuickClickRoutes(ctx, *services);
    V1::registerFeedRoutes(ctx, *services);
}

} // namespace Keydesk::Server
