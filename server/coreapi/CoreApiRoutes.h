#pragma once

namespace Keydesk::Server {

struct ServerContext;

/// Registers the Nokē Core API endpoints (/lock/, /unlock/, /keys/, /qc/*, /upload/, /activity/, ...).
void registerCoreApiRoutes(ServerContext &ctx);

} // namespace Keydesk::Server
