#pragma once

#include "server/store/Database.h"

#include <QJsonArray>
#include <QStringList>

#include <optional>

namespace Keydesk::Server {

/// A /activity/ query. Empty lists mean "no filter".
struct ActivityFilter
{
    QString companyId;
    QStringList lockIds;
    QStringList actions; ///< empty: every action except button_touched, proximity_stats, wake_stats
    QStringList trackingKeys;
    std::optional<qint64> beforeMs; ///< inclusive
    std::optional<qint64> afterMs; ///< inclusive
    int limit = 1000;
};

/// Reads activity for the Core API: newest first, with ranges for events whose exact time is unknown.
class ActivityService final
{
public:
    explicit ActivityService(Database &db)
        : m_db(db)
    { }

    /// The actions a client may filter by (lockproto's event names).
    static QStringList knownActions();
    /// Excluded unless asked for by name.
    static QStringList defaultExcludedActions();

    /// [{lock_mac, action, recorded_time, range_date_start, range_date_end, tracking_key}]
    Core::Result<QJsonArray> query(const ActivityFilter &filter) const;

private:
    Database &m_db;
};

} // namespace Keydesk::Server
