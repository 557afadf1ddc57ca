#pragma once

#include "core/domain/Result.h"
#include "server/store/Companies.h"

#include <QString>

namespace Keydesk::Server {

/// What `keydesk-server init` (and an embedded server's first start) creates.
struct InitOptions
{
    QString databasePath;
    QString companyName;
    QString timezone; ///< IANA id, e.g. "Europe/Berlin"
    QString adminUser; ///< empty: no staff account
    QString adminPassword; ///< required with adminUser; stored only as a slow hash
};

/// The result of initializeDatabase(): the API keys in clear text (shown once) and where the KEK went.
struct InitResult
{
    NewCompany company;
    QString kekPath;
};

/// Creates a new database (all migrations), its company and facility, API keys (stored hashed), the
/// key-encryption key file next to it (mode 0600) and optionally an owner staff account. Refuses to overwrite
/// an existing database or key file; on any failure removes what it created, so nothing is left half-made.
Core::Result<InitResult> initializeDatabase(const InitOptions &options, qint64 nowMs);

} // namespace Keydesk::Server
