#pragma once

namespace Keydesk::Server {
struct ServerContext;
}

/// Route groups of the Core API, one file each; CoreApiRoutes.cpp registers them all.
namespace Keydesk::Server::CoreApi {

void registerLockEndpoints(ServerContext &ctx); ///< /lock/
void registerCommandEndpoints(ServerContext &ctx); ///< /unlock/, /unshackle/, /fwupdate/
void registerKeysEndpoint(ServerContext &ctx); ///< /keys/
void registerQuickClickEndpoints(ServerContext &ctx); ///< /qc/issue/, /qc/revoke/, /qc/display/, /qc/
void registerActivityEndpoints(ServerContext &ctx); ///< /upload/, /activity/

} // namespace Keydesk::Server::CoreApi
