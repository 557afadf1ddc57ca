#pragma once

#include "ui/widgets/ChoiceSource.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTimer;

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

/// The facility's locks, lock groups and users by id, with a name search over each, for every view of a session
/// (one per session: MainWindow makes it and ViewContext hands it on). Read from the cache on its worker thread
/// and kept current from CacheStore::rowsChanged: the rows named there are read again (an empty list: the whole
/// table), at most once per kApplyIntervalMs for a burst of changes. Tables read whole become new maps and search
/// indexes on a pool thread, swapped in; rows read by id update the indexes there too (copying only the chunks they
/// touch) and the maps here (a few rows). 200,000 users cost the GUI thread nothing per change.
class FacilityDirectory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FacilityDirectory)

public:
    /// What the searches are over.
    enum class Kind {
        Locks, ///< locks (id = lock id)
        LocksAndGroups, ///< locks and lock groups ("Floor 1 (group)")
        Users, ///< users by name, matching their e-mail address and phone number too (id = user id)
        TrackingKeys, ///< users who have a tracking key (id = the tracking key; activity is filed under it)
    };

    /// What the loads did so far (tests and benchmarks).
    struct Stats
    {
        int applies = 0; ///< updates swapped in (each followed by one changed())
        int fullReads = 0; ///< tables read whole
        qint64 rowsRead = 0;
        int lastRowsRead = 0; ///< rows read for the latest update
    };

    /// Changes of a burst are applied at most this often (ms).
    static constexpr int kApplyIntervalMs = 250;

    /// `cache` may be null (nothing is read); it must outlive the directory.
    explicit FacilityDirectory(Core::CacheStore *cache, QObject *parent = nullptr);
    ~FacilityDirectory() override;

    /// The first read of every table has arrived.
    bool isLoaded() const { return m_loaded; }
    std::optional<LockInfo> lock(const QString &id) const;
    std::optional<UserInfo> user(const QString &id) const;
    std::optional<UserInfo> userByTrackingKey(const QString &trackingKey) const;
    /// The lock group's name, if it is one.
    std::optional<QString> lockGroupName(const QString &id) const;
    /// The lock's or group's name, else the id.
    QString lockName(const QString &id) const;
    QString userName(const QString &id) const;
    int lockCount() const;
    int lockGroupCount() const;
    int userCount() const;

    /// At most `limit` matches for `text`: names starting with it first, then names (or a user's e-mail or phone)
    /// containing it, each part by name; empty text lists the first by name. Well under a millisecond.
    QList<Choice> search(Kind kind, const QString &text, int limit) const;
    /// The choice of this kind with this id (a lock group's name says "(group)").
    std::optional<Choice> choice(Kind kind, const QString &id) const;
    /// The same as a ChoiceSource for pickers; owned by the directory.
    ChoiceSource *choices(Kind kind) const;

    /// Every lock group by name, (id, name): a facility has tens of them. (Locks and users are only searched.)
    QList<std::pair<QString, QString>> lockGroups() const;

    const Stats &stats() const { return m_stats; }

public Q_SLOTS:
    /// Reads every table again.
    void reload();

Q_SIGNALS:
    /// Something changed (names, lock delivery state, users); once per applied burst.
    void changed();

public:
    struct LockSide;
    struct UserSide;
    struct Rows;
    struct Built;
    struct TableRequest
    {
        bool all = false;
        QStringList ids;
        bool any() const { return all || !ids.isEmpty(); }
    };
    struct Request
    {
        TableRequest locks, groups, users;
        bool any() const { return locks.any() || groups.any() || users.any(); }
    };

private:
    void onRowsChanged(const QString &entity, const QStringList &ids);
    void schedule();
    void startLoad();
    void finishLoad(const Request &request, Built built, int rowsRead, int fullReads);

    Core::CacheStore *m_cache = nullptr;
    std::shared_ptr<LockSide> m_locks; ///< the GUI thread's: rows read by id change it in place
    std::shared_ptr<UserSide> m_users;
    Request m_pending;
    bool m_busy = false;
    bool m_loaded = false;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_sinceApply; ///< the next apply comes kApplyIntervalMs after the last one at the earliest
    Stats m_stats;
    ChoiceSource *m_sources[4] = {};
};

} // namespace Keydesk::Ui
