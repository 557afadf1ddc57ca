#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QString>

namespace Keydesk::Server {

class Database;

/// What fillDemo() builds: how big the demo facility is, how long its history, where the virtual locks live.
struct DemoOptions
{
    int locks = 12; ///< 1-500, one unit per lock
    int users = 30; ///< 3-5000
    int days = 30; ///< days of activity before now, 14-90
    QString vlockDir; ///< must not exist yet: the virtual locks' state files go there
};

/// What fillDemo() made.
struct DemoSummary
{
    QString facilityId;
    int locks = 0;
    int users = 0;
    int keys = 0;
    int activity = 0; ///< activity rows written by log uploads
    int offlineKeys = 0; ///< offline credentials issued (most expired by now, some valid today)
};

/// Fills the default facility of an initialized, still lock-free database with a realistic demo: units and
/// padlocks, tenants, contractors and a shared user, digital keys in every state (active, upcoming, expired,
/// used one-time, revoked; scheduled weekly windows, one crossing midnight), and `days` of activity made by
/// running virtual locks through the server's own online-command, offline-key, quick-click and upload code.
/// Offline keys issued on earlier days are expired; some tenants downloaded fresh ones today. A few locks
/// report a low battery. Deterministic for the same options and nowMs. Invalid options or a database that
/// already holds locks are refused before anything is written.
Core::Result<DemoSummary> fillDemo(Database &db, const QByteArray &kek, const DemoOptions &options, qint64 nowMs);

} // namespace Keydesk::Server
