#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Result.h"

#include <QByteArray>
#include <QtGlobal>

namespace Keydesk::Server {

class Database;

/// How big a facility generateFacility() adds, and the seed that makes it reproducible.
struct GeneratorSizes
{
    int locks = 0;
    int users = 0;
    int keys = 0;
    quint32 seed = 1;
};

/// How long each phase of generateFacility() took (wall-clock ms) and how many rows it wrote in all.
struct GeneratorReport
{
    qint64 locksMs = 0, usersMs = 0, keysMs = 0;
    qint64 rows = 0;
};

/// Adds a large realistic facility to an initialised database (initializeDatabase done): units and locks with
/// sealed secrets, users (tenants/contractors, emails, tracking keys), digital keys in every status and
/// restriction (24/7, one-time, scheduled with weekly windows incl. midnight-crossing), some revoked. Same rows,
/// triggers and change-feed revisions the /v1 API would produce. Deterministic for a seed.
Core::Result<GeneratorReport> generateFacility(Database &db, const QByteArray &kek, const GeneratorSizes &sizes,
                                               const Core::Clock &clock);

} // namespace Keydesk::Server
