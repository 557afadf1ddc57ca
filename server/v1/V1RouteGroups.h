#pragma once

namespace Keydesk::Server {
struct ServerContext;
}

namespace Keydesk::Server::V1 {

class V1Services;

// One function per resource family; registerV1Routes() calls them all.
void registerStaffRoutes(ServerContext &ctx, V1Services &services);
void registerFacilityRoutes(ServerContext &ctx, V1Services &services);
void registerLockRoutes(ServerContext &ctx, V1Services &services);
void registerUserRoutes(ServerContext &ctx, V1Services &services);
void registerGroupRoutes(ServerContext &ctx, V1Services &services);
void registerKeyRoutes(ServerContext &ctx, V1Services &services);
void registerAccessRoutes(ServerContext &ctx, V1Services &services);
void registerMobileRoutes(ServerContext &ctx, V1Services &services);
void registerFeedRoutes(ServerContext &ctx, V1Services &services);
void registerQuickClickRoutes(ServerContext &ctx, V1Services &services);

} // namespace Keydesk::Server::V1
