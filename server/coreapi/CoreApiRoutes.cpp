#include "server/coreapi/CoreApiRoutes.h"

#include "server/ServerContext.h"

namespace Keydesk::Server {

void registerCoreApiRoutes(ServerContext &ctx)
{
    Q_UNUSED(ctx);
}

} // namespace Keydesk::Server
