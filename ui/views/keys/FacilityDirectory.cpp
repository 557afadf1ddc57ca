#include "ui/views/keys/FacilityDirectory.h"

#include "core/cache/CacheStore.h"
#include "ui/views/CacheRead.h"

#include <QTimer>

#include <algorithm>

namespace Keydesk::Ui {

namespace {

template <typename T> QList<T> byName(const QHash<QString, T> &all)
{
    QList<T> out = all.values();
    std::sort(out.begin(), out.end(),
              [](const T &a, const T &b) { return QString::localeAwareCompare(a.name, b.name) < 0; });
    return out;
}

} // namespace

FacilityDirectory::FacilityDirectory(Core::CacheStore *cache, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
{
    if (!m_cache)
        return;
    connect(m_cache, &Core::CacheStore::rowsChanged, this,
            [this](const QString &entity, const QStringList &) { onRowsChanged(entity); });
    reload();
}

void FacilityDirectory::onRowsChanged(const QString &entity)
{
    if (entity != QLatin1String("locks") && entity != QLatin1String("users") && entity != QLatin1String("lock_groups"))
        return;
    // A sync page announces entities one after another: one re-read for the burst.
    if (m_reloadQueued)
        return;
    m_reloadQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_reloadQueued = false;
        reload();
    });
}

void FacilityDirectory::reload()
{
    if (!m_cache)
        return;
    auto read = [](Core::CacheDatabase &db) -> Core::Result<Snapshot> {
        Snapshot s;
        auto locks = db.rows(QStringLiteral("locks"));
        if (!locks)
            return locks.error();
        for (const Core::CachedRow &row : *locks) {
            LockInfo l;
            l.id = row.id;
            l.name = row.data.value(QStringLiteral("name")).toString();
            l.revocationVersion = row.data.value(QStringLiteral("revocation_version")).toInteger();
            l.deliveredVersion = row.data.value(QStringLiteral("delivered_revocation_version")).toInteger();
            const QJsonValue battery = row.data.value(QStringLiteral("internal_battery_mv"));
            l.batteryMv = battery.isDouble() ? int(battery.toInteger()) : -1;
            s.locks.insert(l.id, l);
        }
        auto users = db.rows(QStringLiteral("users"));
        if (!users)
            return users.error();
        for (const Core::CachedRow &row : *users) {
            UserInfo u;
            u.id = row.id;
            u.name = row.data.value(QStringLiteral("name")).toString();
            u.email = row.data.value(QStringLiteral("email")).toString();
            u.phone = row.data.value(QStringLiteral("phone")).toString();
            u.status = row.data.value(QStringLiteral("status")).toString();
            u.trackingKey = row.data.value(QStringLiteral("tracking_key")).toString();
            s.users.insert(u.id, u);
        }
        auto groups = db.rows(QStringLiteral("lock_groups"));
        if (groups) { // an older cache may not mirror groups: no groups then
            for (const Core::CachedRow &row : *groups)
                s.lockGroups.insert(row.id, row.data.value(QStringLiteral("name")).toString());
        }
        return s;
    };
    whenRead(this, m_cache->run(std::move(read)), [this](Core::Result<Snapshot> result) {
        if (!result)
            return;
        m_data = std::move(*result);
        m_loaded = true;
        Q_EMIT changed();
    });
}

QList<LockInfo> FacilityDirectory::locks() const
{
    return byName(m_data.locks);
}

QList<UserInfo> FacilityDirectory::users() const
{
    return byName(m_data.users);
}

QList<std::pair<QString, QString>> FacilityDirectory::lockGroups() const
{
    QList<std::pair<QString, QString>> out;
    for (auto it = m_data.lockGroups.constBegin(); it != m_data.lockGroups.constEnd(); ++it)
        out.append({ it.key(), it.value() });
    std::sort(out.begin(), out.end(),
              [](const auto &a, const auto &b) { return QString::localeAwareCompare(a.second, b.second) < 0; });
    return out;
}

std::optional<LockInfo> FacilityDirectory::lock(const QString &id) const
{
    const auto it = m_data.locks.constFind(id);
    if (it == m_data.locks.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<UserInfo> FacilityDirectory::user(const QString &id) const
{
    const auto it = m_data.users.constFind(id);
    if (it == m_data.users.constEnd())
        return std::nullopt;
    return *it;
}

QString FacilityDirectory::lockName(const QString &id) const
{
    if (const auto l = lock(id); l && !l->name.isEmpty())
        return l->name;
    return m_data.lockGroups.value(id, id);
}

QString FacilityDirectory::userName(const QString &id) const
{
    const auto u = user(id);
    return u && !u->name.isEmpty() ? u->name : id;
}

} // namespace Keydesk::Ui
