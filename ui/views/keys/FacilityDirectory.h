#pragma once

#include "core/cache/CacheDatabase.h"
#include "core/domain/Result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace Keydesk::Core {
class CacheStore;
}

namespace Keydesk::Ui {

/// A lock as the views need it: its name and whether its latest revocation state has reached it.
struct LockInfo
{
    QString id;
    QString name;
    qint64 revocationVersion = 0;
    qint64 deliveredVersion = 0;
    int batteryMv = -1; ///< -1: never reported

    /// True while the lock has not acknowledged its latest revocation ("pending delivery to lock").
    bool pendingDelivery() const { return revocationVersion > deliveredVersion; }
};

/// A user (tenant, shared user, contractor) as the views need it.
struct UserInfo
{
    QString id;
    QString name;
    QString email;
    QString phone;
    QString status; ///< active, delinquent, suspended
    QString trackingKey;
};

/// The facility's locks, lock groups and users by id, read from the cache on its worker thread and kept current
/// from its rowsChanged signal. Small tables (hundreds to a few thousand rows): re-read whole on a change.
class FacilityDirectory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FacilityDirectory)

public:
    /// `cache` may be null (nothing is read); it must outlive the directory.
    explicit FacilityDirectory(Core::CacheStore *cache, QObject *parent = nullptr);

    bool isLoaded() const { return m_loaded; }
    QList<LockInfo> locks() const; ///< by name
    QList<UserInfo> users() const; ///< by name
    QList<std::pair<QString, QString>> lockGroups() const; ///< (id, name) by name
    std::optional<LockInfo> lock(const QString &id) const;
    std::optional<UserInfo> user(const QString &id) const;
    /// The lock's or group's name, else the id.
    QString lockName(const QString &id) const;
    QString userName(const QString &id) const;

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    /// Anything changed (names, lock delivery state, users).
    void changed();

private:
    struct Snapshot
    {
        QHash<QString, LockInfo> locks;
        QHash<QString, UserInfo> users;
        QHash<QString, QString> lockGroups;
    };
    void onRowsChanged(const QString &entity);

    Core::CacheStore *m_cache = nullptr;
    Snapshot m_data;
    bool m_loaded = false;
    bool m_reloadQueued = false;
};

} // namespace Keydesk::Ui
