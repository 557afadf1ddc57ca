#include "server/coreapi/CoreApiRoutes.h"

#include "server/ServerContext.h"
#include "server/coreapi/CoreApiEndpoints.h"

namespace Keydesk::Server {

void registerCoreApiRoutes(ServerContext &ctx)
{
    CoreApi::registerLockEndpoints(ctx);
    CoreApi::registerCommandEndpoints(ctx);
    CoreApi::registerKeysEndpoint(ctx);
    CoreApi::registerQuickClickEndpoints(ctx);
    CoreApi::registerActivityEndpoints(ctx);
}

} // namespace Keydesk::Server
