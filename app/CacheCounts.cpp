#include "app/CacheCounts.h"

#include "app/SessionBootstrap.h"
#include "core/cache/CacheStore.h"
#include "core/domain/Clock.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcCounts, "keydesk.app.counts")

namespace Keydesk::App {

namespace {

Core::Result<int> single(const Core::CacheDatabase &db, const QString &sql, const QVariantList &bindings = {})
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Core::Error::make(
            QStringLiteral("cache_count"),
            QObject::tr("The status bar could not count in the local cache: %1").arg(q.lastError().text()));
    for (const QVariant &value : bindings)
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return Core::Error::make(
            QStringLiteral("cache_count"),
            QObject::tr("The status bar could not count in the local cache: %1").arg(q.lastError().text()));
    return q.value(0).toInt();
}

} // namespace

Core::Result<Ui::FacilityCounts> countFacility(Core::CacheDatabase &db, qint64 nowMs)
{
    Ui::FacilityCounts counts;
    auto locks = single(db, QStringLiteral("SELECT COUNT(*) FROM locks"));
    if (!locks)
        return locks.error();
    auto users = single(db, QStringLiteral("SELECT COUNT(*) FROM users"));
    if (!users)
        return users.error();
    auto keys = single(db, QStringLiteral("SELECT COUNT(*) FROM keys"));
    if (!keys)
        return keys.error();
    // keyStatus() in SQL: revoked (at or before now) wins, then a used one-time key and the end of validity
    // expire it, and before its start it is upcoming. Instants are ms UTC, as the cache stores them.
    const QVariant now = nowMs;
    auto active = single(db,
                         QStringLiteral("SELECT COUNT(*) FROM keys"
                                        " WHERE (revoked_at IS NULL OR revoked_at > ?)"
                                        " AND (valid_to IS NULL OR valid_to > ?)"
                                        " AND (valid_from IS NULL OR valid_from <= ?)"
                                        " AND NOT (json_extract(data, '$.restriction') = 'one_time'"
                                        "          AND json_extract(data, '$.used_at') IS NOT NULL"
                                        "          AND json_extract(data, '$.used_at') <= ?)"),
                         { now, now, now, now });
    if (!active)
        return active.error();
    auto low = single(db,
                      QStringLiteral("SELECT COUNT(*) FROM locks"
                                     " WHERE json_extract(data, '$.internal_battery_mv') > 0"
                                     " AND json_extract(data, '$.internal_battery_mv') < ?"),
                      { SessionBootstrap::kLowBatteryMillivolts });
    if (!low)
        return low.error();
    counts.locks = locks.value();
    counts.users = users.value();
    counts.keys = keys.value();
    counts.activeKeys = active.value();
    counts.lowBatteries = low.value();
    return counts;
}

CacheCounts::CacheCounts(Core::CacheStore &cache, const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_cache(&cache)
    , m_clock(clock)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettle);
    connect(&m_settle, &QTimer::timeout, this, &CacheCounts::refreshNow);
    m_periodic.setInterval(kTimeRefresh);
    connect(&m_periodic, &QTimer::timeout, this, &CacheCounts::refreshNow);
    m_periodic.start();
    connect(clock.notifier(), &Core::ClockNotifier::jumped, this, &CacheCounts::refreshNow);
    connect(&cache, &Core::CacheStore::rowsChanged, this,
            [this](const QString &entity, const QStringList &) { onRowsChanged(entity); });
    refreshNow();
}

CacheCounts::~CacheCounts() = default;

void CacheCounts::onRowsChanged(const QString &entity)
{
    if (entity == QLatin1String("locks") || entity == QLatin1String("users") || entity == QLatin1String("keys")) {
        if (!m_settle.isActive())
            m_settle.start();
    }
}

void CacheCounts::refreshNow()
{
    m_settle.stop();
    if (!m_cache)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    using R = Core::Result<Ui::FacilityCounts>;
    // A watcher owned by this object: its result is dropped if the object goes first (Qt 6.4's then(this)
    // asserts in that case).
    auto *watcher = new QFutureWatcher<R>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)
            finished(watcher->future().takeResult());
        else
            finished(Core::Error::make(QStringLiteral("cache_count"), tr("The local cache did not answer.")));
    });
    watcher->setFuture(m_cache->run([nowMs](Core::CacheDatabase &db) { return countFacility(db, nowMs); }));
}

void CacheCounts::finished(const Core::Result<Ui::FacilityCounts> &counted)
{
    m_running = false;
    if (!counted) {
        qCWarning(lcCounts) << counted.error().message;
    } else {
        const Ui::FacilityCounts &c = counted.value();
        const bool changed = c.locks != m_counts.locks || c.users != m_counts.users || c.keys != m_counts.keys
            || c.activeKeys != m_counts.activeKeys || c.lowBatteries != m_counts.lowBatteries;
        m_counts = c;
        if (changed)
            Q_EMIT countsChanged(m_counts);
    }
    if (m_again) {
        m_again = false;
        refreshNow();
    }
}

} // namespace Keydesk::App
