#pragma once

namespace Keydesk::Server {

struct ServerContext;

/// Registers every /v1 management-API route (server/API.md) on the context's router. Call once per server.
void registerV1Routes(ServerContext &ctx);

} // namespace Keydesk::Server
