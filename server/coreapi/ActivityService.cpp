#include "server/coreapi/ActivityService.h"

#include "core/lockproto/LockLog.h"
#include "server/store/LockRepository.h"

#include <QJsonObject>
#include <QSqlQuery>

namespace Keydesk::Server {

namespace {

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

} // namespace

QStringList ActivityService::knownActions()
{
    QStringList names;
    for (int event = int(Core::LockEvent::AlarmTriggered); event <= int(Core::LockEvent::WakeStats); ++event)
        names.append(Core::lockEventName(Core::LockEvent(event)));
    return names;
}

QStringList ActivityService::defaultExcludedActions()
{
    return { QStringLiteral("button_touched"), QStringLiteral("proximity_stats"), QStringLiteral("wake_stats") };
}

Core::Result<QJsonArray> ActivityService::query(const ActivityFilter &filter) const
{
    QString sql
        = QStringLiteral("SELECT a.lock_mac, a.action, a.recorded_time, a.range_start, a.range_end, "
                         "a.tracking_key FROM activity a JOIN locks l ON l.id = a.lock_id WHERE l.company_id = ?");
    QVariantList bindings { filter.companyId };
    if (!filter.lockIds.isEmpty()) {
        sql += QStringLiteral(" AND a.lock_id IN (%1)").arg(placeholders(filter.lockIds.size()));
        for (const QString &id : filter.lockIds)
            bindings.append(id);
    }
    const QStringList actions = filter.actions;
    if (!actions.isEmpty()) {
        sql += QStringLiteral(" AND a.action IN (%1)").arg(placeholders(actions.size()));
        for (const QString &action : actions)
            bindings.append(action);
    } else {
        const QStringList excluded = defaultExcludedActions();
        sql += QStringLiteral(" AND a.action NOT IN (%1)").arg(placeholders(excluded.size()));
        for (const QString &action : excluded)
            bindings.append(action);
    }
    if (!filter.trackingKeys.isEmpty()) {
        sql += QStringLiteral(" AND a.tracking_key IN (%1)").arg(placeholders(filter.trackingKeys.size()));
        for (const QString &key : filter.trackingKeys)
            bindings.append(key);
    }
    if (filter.beforeMs) {
        sql += QStringLiteral(" AND a.recorded_time <= ?");
        bindings.append(*filter.beforeMs);
    }
    if (filter.afterMs) {
        sql += QStringLiteral(" AND a.recorded_time >= ?");
        bindings.append(*filter.afterMs);
    }
    sql += QStringLiteral(" ORDER BY a.recorded_time DESC, a.seq DESC LIMIT ?");
    bindings.append(filter.limit);
    auto r = m_db.exec(sql, bindings);
    if (!r)
        return r.error();
    QJsonArray activity;
    while (r.value().next()) {
        const QSqlQuery &q = r.value();
        const qint64 recorded = q.value(2).toLongLong();
        const qint64 start = q.value(3).isNull() ? recorded : q.value(3).toLongLong();
        const qint64 end = q.value(4).isNull() ? recorded : q.value(4).toLongLong();
        activity.append(QJsonObject {
            { QStringLiteral("lock_mac"), q.value(0).toString() },
            { QStringLiteral("action"), q.value(1).toString() },
            { QStringLiteral("recorded_time"), isoUtc(recorded) },
            { QStringLiteral("range_date_start"), isoUtc(start) },
            { QStringLiteral("range_date_end"), isoUtc(end) },
            { QStringLiteral("tracking_key"), q.value(5).toString() },
        });
    }
    return activity;
}

} // namespace Keydesk::Server
