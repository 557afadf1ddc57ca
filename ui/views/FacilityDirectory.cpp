#include "ui/views/FacilityDirectory.h"

#include "core/cache/BackgroundPriority.h"
#include "core/cache/CacheStore.h"
#include "core/models/ReleaseOnWorker.h"
#include "ui/views/CacheRead.h"
#include "ui/views/NameIndex.h"

#include <QCollator>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPromise>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>

namespace Keydesk::Ui {

Q_LOGGING_CATEGORY(lcDirectory, "keydesk.ui.directory")

namespace {

enum LockTag { LockEntry = 0, GroupEntry = 1 };
enum UserTag { NoTrackingKey = 0, HasTrackingKey = 1 };

} // namespace

struct FacilityDirectory::LockSide
{
    QHash<QString, LockInfo> locks;
    QHash<QString, QString> groups; ///< id → name
    NameIndex index; ///< locks (LockEntry) and groups (GroupEntry)
};

struct FacilityDirectory::UserSide
{
    QHash<QString, UserInfo> users;
    QHash<QString, QString> byTrackingKey; ///< tracking key → user id
    NameIndex index; ///< tag: HasTrackingKey or not
};

/// What a load read from the cache.
struct FacilityDirectory::Rows
{
    QList<LockInfo> locks;
    QList<std::pair<QString, QString>> groups;
    QList<UserInfo> users;
};

/// What a pool thread made of a load: whole new sides for tables read whole; for rows read by id, the indexes
/// updated (the maps take those few rows on the GUI thread).
struct FacilityDirectory::Built
{
    std::shared_ptr<LockSide> locks;
    std::shared_ptr<UserSide> users;
    std::optional<NameIndex> lockIndex;
    std::optional<NameIndex> userIndex;
    std::shared_ptr<Rows> rows;
};

namespace {

using LockSide = FacilityDirectory::LockSide;
using UserSide = FacilityDirectory::UserSide;
using Rows = FacilityDirectory::Rows;
using Built = FacilityDirectory::Built;
using TableRequest = FacilityDirectory::TableRequest;
using Request = FacilityDirectory::Request;

NameIndex::Entry lockEntry(const LockInfo &l)
{
    return { l.id, l.name, {}, LockEntry };
}

NameIndex::Entry groupEntry(const QString &id, const QString &name)
{
    return { id, name, {}, GroupEntry };
}

NameIndex::Entry userEntry(const UserInfo &u)
{
    // Most tracking keys are the e-mail address: searched once.
    const QString key = u.trackingKey == u.email ? QString() : u.trackingKey;
    return { u.id, u.name, { u.email, u.phone, key }, u.trackingKey.isEmpty() ? NoTrackingKey : HasTrackingKey };
}

/// Runs the SELECT for the whole table or for the requested ids only (one statement: SQLite looks them up).
bool select(QSqlQuery &q, const QString &sql, const TableRequest &request)
{
    q.setForwardOnly(true);
    if (request.all)
        return q.exec(sql);
    if (!q.prepare(sql + QStringLiteral(" WHERE id IN (SELECT value FROM json_each(?))")))
        return false;
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(request.ids)).toJson(QJsonDocument::Compact)));
    return q.exec();
}

Core::Error readError(const QString &table, const QSqlQuery &q)
{
    return Core::Error::make(
        QStringLiteral("directory_read"),
        QObject::tr("The facility's %1 could not be read from the local cache: %2").arg(table, q.lastError().text()));
}

/// On the cache's worker: the requested rows, only the columns the directory keeps (no JSON document parsed).
Core::Result<std::shared_ptr<Rows>> readRows(Core::CacheDatabase &db, const Request &request)
{
    auto rows = std::make_shared<Rows>();
    const QSqlDatabase connection = db.connection();
    if (request.locks.any()) {
        QSqlQuery q(connection);
        if (!select(q,
                    QStringLiteral("SELECT id, name, json_extract(data, '$.revocation_version'), "
                                   "json_extract(data, '$.delivered_revocation_version'), "
                                   "json_extract(data, '$.internal_battery_mv') FROM locks"),
                    request.locks))
            return readError(QStringLiteral("locks"), q);
        while (q.next()) {
            LockInfo l;
            l.id = q.value(0).toString();
            l.name = q.value(1).toString();
            l.revocationVersion = q.value(2).toLongLong();
            l.deliveredVersion = q.value(3).toLongLong();
            const QVariant battery = q.value(4);
            l.batteryMv = battery.isNull() ? -1 : battery.toInt();
            rows->locks.append(std::move(l));
        }
    }
    if (request.groups.any()) {
        QSqlQuery q(connection);
        // An older cache may not mirror groups: no groups then.
        if (select(q, QStringLiteral("SELECT id, name FROM lock_groups"), request.groups)) {
            while (q.next())
                rows->groups.append({ q.value(0).toString(), q.value(1).toString() });
        }
    }
    if (request.users.any()) {
        QSqlQuery q(connection);
        if (!select(q,
                    QStringLiteral("SELECT id, name, email, json_extract(data, '$.phone'), status, tracking_key "
                                   "FROM users"),
                    request.users))
            return readError(QStringLiteral("users"), q);
        while (q.next()) {
            UserInfo u;
            u.id = q.value(0).toString();
            u.name = q.value(1).toString();
            u.email = q.value(2).toString();
            u.phone = q.value(3).toString();
            u.status = q.value(4).toString();
            u.trackingKey = q.value(5).toString();
            rows->users.append(std::move(u));
        }
    }
    return rows;
}

/// The lock side from its tables read whole (a pool thread).
std::shared_ptr<LockSide> buildLocks(const Rows &rows)
{
    auto side = std::make_shared<LockSide>();
    QList<NameIndex::Entry> all;
    all.reserve(rows.locks.size() + rows.groups.size());
    side->locks.reserve(rows.locks.size());
    for (const LockInfo &l : rows.locks) {
        side->locks.insert(l.id, l);
        all.append(lockEntry(l));
    }
    for (const auto &[id, name] : rows.groups) {
        side->groups.insert(id, name);
        all.append(groupEntry(id, name));
    }
    side->index = NameIndex::build(std::move(all));
    return side;
}

/// The user side from the table read whole (a pool thread).
std::shared_ptr<UserSide> buildUsers(const Rows &rows)
{
    auto side = std::make_shared<UserSide>();
    side->users.reserve(rows.users.size());
    QList<NameIndex::Entry> all;
    all.reserve(rows.users.size());
    for (const UserInfo &u : rows.users) {
        side->users.insert(u.id, u);
        if (!u.trackingKey.isEmpty())
            side->byTrackingKey.insert(u.trackingKey, u.id);
        all.append(userEntry(u));
    }
    side->index = NameIndex::build(std::move(all));
    return side;
}

/// Runs `fn` on a pool thread; its result arrives through the future.
template <typename Fn> auto inPool(Fn fn) -> QFuture<std::invoke_result_t<Fn>>
{
    using R = std::invoke_result_t<Fn>;
    auto promise = std::make_shared<QPromise<R>>();
    QFuture<R> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, fn = std::move(fn)]() mutable {
        Core::lowerThisThreadPriority(); // the index of 200,000 names yields to the GUI thread
        promise->addResult(fn());
        promise->finish();
    });
    return future;
}

QStringList unique(const QStringList &ids)
{
    const QSet<QString> set(ids.cbegin(), ids.cend());
    return QStringList(set.cbegin(), set.cend());
}

/// The directory's searches as a ChoiceSource of one kind.
class DirectoryChoices final : public ChoiceSource
{
public:
    DirectoryChoices(FacilityDirectory *directory, FacilityDirectory::Kind kind)
        : ChoiceSource(directory)
        , m_directory(directory)
        , m_kind(kind)
    {
        connect(directory, &FacilityDirectory::changed, this, &ChoiceSource::changed);
    }

    QList<Choice> search(const QString &text, int limit) const override
    {
        return m_directory->search(m_kind, text, limit);
    }
    std::optional<Choice> choice(const QString &id) const override { return m_directory->choice(m_kind, id); }
    bool isReady() const override { return m_directory->isLoaded(); }
    int count() const override
    {
        switch (m_kind) {
        case FacilityDirectory::Kind::Locks:
            return m_directory->lockCount();
        case FacilityDirectory::Kind::LocksAndGroups:
            return m_directory->lockCount() + m_directory->lockGroupCount();
        case FacilityDirectory::Kind::Users:
        case FacilityDirectory::Kind::TrackingKeys:
            break;
        }
        return m_directory->userCount();
    }

private:
    FacilityDirectory *m_directory;
    FacilityDirectory::Kind m_kind;
};

} // namespace

FacilityDirectory::FacilityDirectory(Core::CacheStore *cache, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_locks(std::make_shared<LockSide>())
    , m_users(std::make_shared<UserSide>())
{
    for (Kind kind : { Kind::Locks, Kind::LocksAndGroups, Kind::Users, Kind::TrackingKeys })
        m_sources[int(kind)] = new DirectoryChoices(this, kind);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire early: "at most every 250 ms" holds exactly
    connect(m_timer, &QTimer::timeout, this, &FacilityDirectory::startLoad);
    if (!m_cache)
        return;
    connect(m_cache, &Core::CacheStore::rowsChanged, this, &FacilityDirectory::onRowsChanged);
    m_pending.locks.all = m_pending.groups.all = m_pending.users.all = true;
    startLoad();
}

FacilityDirectory::~FacilityDirectory()
{
    Core::releaseOnWorker(std::move(m_locks));
    Core::releaseOnWorker(std::move(m_users));
}

void FacilityDirectory::onRowsChanged(const QString &entity, const QStringList &ids)
{
    TableRequest *table = nullptr;
    if (entity == QLatin1String("locks"))
        table = &m_pending.locks;
    else if (entity == QLatin1String("lock_groups"))
        table = &m_pending.groups;
    else if (entity == QLatin1String("users"))
        table = &m_pending.users;
    if (!table)
        return;
    if (ids.isEmpty()) { // the convention for "any row of the table may have changed" (a full sync)
        table->all = true;
        table->ids.clear();
    } else if (!table->all) {
        table->ids.append(ids);
    }
    schedule();
}

void FacilityDirectory::reload()
{
    m_pending.locks = m_pending.groups = m_pending.users = TableRequest { true, {} };
    schedule();
}

void FacilityDirectory::schedule()
{
    if (!m_cache || m_busy || m_timer->isActive() || !m_pending.any())
        return;
    const qint64 since = m_sinceApply.isValid() ? m_sinceApply.elapsed() : qint64(kApplyIntervalMs);
    m_timer->start(int(std::max<qint64>(0, kApplyIntervalMs - since)));
}

void FacilityDirectory::startLoad()
{
    if (!m_cache || m_busy || !m_pending.any())
        return;
    Request request = std::exchange(m_pending, Request {});
    // Many ids at once (a big synced page): reading the table whole is cheaper than updating row by row.
    auto settle = [](TableRequest &t, qsizetype size) {
        if (t.all)
            return;
        t.ids = unique(t.ids);
        if (t.ids.size() > std::max<qsizetype>(2000, size / 4)) {
            t.all = true;
            t.ids.clear();
        }
    };
    settle(request.locks, m_locks->locks.size());
    settle(request.groups, m_locks->groups.size());
    settle(request.users, m_users->users.size());
    if (request.locks.all || request.groups.all) // one index for both: read them whole together
        request.locks = request.groups = TableRequest { true, {} };
    // The rows about to be read again as the indexes have them now: out of the index, and back in if still there.
    QList<NameIndex::Entry> lockRemoved;
    QList<NameIndex::Entry> userRemoved;
    for (const QString &id : std::as_const(request.locks.ids)) {
        if (const auto it = m_locks->locks.constFind(id); it != m_locks->locks.constEnd())
            lockRemoved.append(lockEntry(*it));
    }
    for (const QString &id : std::as_const(request.groups.ids)) {
        if (const auto it = m_locks->groups.constFind(id); it != m_locks->groups.constEnd())
            lockRemoved.append(groupEntry(id, *it));
    }
    for (const QString &id : std::as_const(request.users.ids)) {
        if (const auto it = m_users->users.constFind(id); it != m_users->users.constEnd())
            userRemoved.append(userEntry(*it));
    }
    m_busy = true;
    const int fullReads = int(request.locks.all) + int(request.groups.all) + int(request.users.all);
    auto read = [request](Core::CacheDatabase &db) { return readRows(db, request); };
    whenRead(this, m_cache->run(std::move(read)),
             [this, request, fullReads, lockRemoved, userRemoved](Core::Result<std::shared_ptr<Rows>> result) {
                 if (!result) {
                     qCWarning(lcDirectory) << result.error().message;
                     m_busy = false;
                     schedule();
                     return;
                 }
                 std::shared_ptr<Rows> rows = std::move(result).value();
                 const int rowsRead = int(rows->locks.size() + rows->groups.size() + rows->users.size());
                 // Indexes (and whole tables) are made on a pool thread from copies that share their chunks with the
                 // ones in use: an update copies only the chunks it touches.
                 auto build = [request, rows, lockRemoved, userRemoved, lockIndex = m_locks->index,
                               userIndex = m_users->index]() mutable {
                     Built built;
                     if (request.locks.all) {
                         built.locks = buildLocks(*rows);
                         rows->locks.clear(); // freed here, not on the GUI thread
                         rows->groups.clear();
                     } else if (request.locks.any() || request.groups.any()) {
                         QList<NameIndex::Entry> added;
                         for (const LockInfo &l : std::as_const(rows->locks))
                             added.append(lockEntry(l));
                         for (const auto &[id, name] : std::as_const(rows->groups))
                             added.append(groupEntry(id, name));
                         built.lockIndex = lockIndex.updated(lockRemoved, std::move(added));
                     }
                     if (request.users.all) {
                         built.users = buildUsers(*rows);
                         rows->users.clear();
                     } else if (request.users.any()) {
                         QList<NameIndex::Entry> added;
                         for (const UserInfo &u : std::as_const(rows->users))
                             added.append(userEntry(u));
                         built.userIndex = userIndex.updated(userRemoved, std::move(added));
                     }
                     built.rows = std::move(rows);
                     lockIndex = userIndex = NameIndex(); // the old chunks they shared go here, not on the GUI thread
                     return built;
                 };
                 whenRead(this, inPool(std::move(build)), [this, request, rowsRead, fullReads](Built built) {
                     finishLoad(request, std::move(built), rowsRead, fullReads);
                 });
             });
}

void FacilityDirectory::finishLoad(const Request &request, Built built, int rowsRead, int fullReads)
{
    const Rows &rows = *built.rows; // only rows read by id are left in it: a few
    if (built.locks) {
        Core::releaseOnWorker(std::exchange(m_locks, std::move(built.locks)));
    } else if (built.lockIndex) {
        for (const QString &id : request.locks.ids)
            m_locks->locks.remove(id); // deleted unless read again below
        for (const QString &id : request.groups.ids)
            m_locks->groups.remove(id);
        for (const LockInfo &l : rows.locks)
            m_locks->locks.insert(l.id, l);
        for (const auto &[id, name] : rows.groups)
            m_locks->groups.insert(id, name);
        Core::releaseOnWorker(std::exchange(m_locks->index, std::move(*built.lockIndex)));
    }
    if (built.users) {
        Core::releaseOnWorker(std::exchange(m_users, std::move(built.users)));
    } else if (built.userIndex) {
        for (const QString &id : request.users.ids) {
            const auto it = m_users->users.constFind(id);
            if (it == m_users->users.constEnd())
                continue;
            if (!it->trackingKey.isEmpty() && m_users->byTrackingKey.value(it->trackingKey) == id)
                m_users->byTrackingKey.remove(it->trackingKey);
            m_users->users.erase(it);
        }
        for (const UserInfo &u : rows.users) {
            m_users->users.insert(u.id, u);
            if (!u.trackingKey.isEmpty())
                m_users->byTrackingKey.insert(u.trackingKey, u.id);
        }
        Core::releaseOnWorker(std::exchange(m_users->index, std::move(*built.userIndex)));
    }
    m_busy = false;
    m_loaded = true;
    m_sinceApply.start();
    ++m_stats.applies;
    m_stats.fullReads += fullReads;
    m_stats.rowsRead += rowsRead;
    m_stats.lastRowsRead = rowsRead;
    Q_EMIT changed();
    schedule();
}

std::optional<LockInfo> FacilityDirectory::lock(const QString &id) const
{
    const auto it = m_locks->locks.constFind(id);
    if (it == m_locks->locks.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<UserInfo> FacilityDirectory::user(const QString &id) const
{
    const auto it = m_users->users.constFind(id);
    if (it == m_users->users.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<UserInfo> FacilityDirectory::userByTrackingKey(const QString &trackingKey) const
{
    const auto it = m_users->byTrackingKey.constFind(trackingKey);
    if (it == m_users->byTrackingKey.constEnd())
        return std::nullopt;
    return user(*it);
}

std::optional<QString> FacilityDirectory::lockGroupName(const QString &id) const
{
    const auto it = m_locks->groups.constFind(id);
    if (it == m_locks->groups.constEnd())
        return std::nullopt;
    return *it;
}

QString FacilityDirectory::lockName(const QString &id) const
{
    if (const auto l = lock(id); l && !l->name.isEmpty())
        return l->name;
    return m_locks->groups.value(id, id);
}

QString FacilityDirectory::userName(const QString &id) const
{
    const auto u = user(id);
    return u && !u->name.isEmpty() ? u->name : id;
}

int FacilityDirectory::lockCount() const
{
    return int(m_locks->locks.size());
}

int FacilityDirectory::lockGroupCount() const
{
    return int(m_locks->groups.size());
}

int FacilityDirectory::userCount() const
{
    return int(m_users->users.size());
}

std::optional<Choice> FacilityDirectory::choice(Kind kind, const QString &id) const
{
    switch (kind) {
    case Kind::LocksAndGroups:
        if (const auto name = lockGroupName(id))
            //: A lock group in a list of locks
            return Choice { id, tr("%1 (group)").arg(name->isEmpty() ? id : *name), {} };
        [[fallthrough]];
    case Kind::Locks:
        if (const auto l = lock(id))
            return Choice { id, l->name.isEmpty() ? id : l->name, {} };
        return std::nullopt;
    case Kind::Users:
        if (const auto u = user(id))
            return Choice { id, u->name.isEmpty() ? id : u->name, u->email.isEmpty() ? u->phone : u->email };
        return std::nullopt;
    case Kind::TrackingKeys:
        if (const auto u = userByTrackingKey(id))
            return Choice { id, u->name.isEmpty() ? id : u->name, id };
        return std::nullopt;
    }
    return std::nullopt;
}

QList<Choice> FacilityDirectory::search(Kind kind, const QString &text, int limit) const
{
    QList<Choice> out;
    const bool users = kind == Kind::Users || kind == Kind::TrackingKeys;
    const NameIndex &index = users ? m_users->index : m_locks->index;
    NameIndex::Accept accept;
    if (kind == Kind::Locks)
        accept = [](const NameIndex::Entry &e) { return e.tag == LockEntry; };
    else if (kind == Kind::TrackingKeys)
        accept = [](const NameIndex::Entry &e) { return e.tag == HasTrackingKey; };
    const QList<NameIndex::Entry> found = index.search(text, limit, accept);
    out.reserve(found.size());
    for (const NameIndex::Entry &e : found) {
        std::optional<Choice> c;
        if (kind == Kind::TrackingKeys)
            c = choice(kind, m_users->users.value(e.id).trackingKey);
        else if (kind == Kind::LocksAndGroups && e.tag == GroupEntry)
            c = choice(Kind::LocksAndGroups, e.id);
        else
            c = choice(users ? Kind::Users : Kind::Locks, e.id);
        if (c)
            out.append(*c);
    }
    return out;
}

ChoiceSource *FacilityDirectory::choices(Kind kind) const
{
    return m_sources[int(kind)];
}

QList<std::pair<QString, QString>> FacilityDirectory::lockGroups() const
{
    QList<std::pair<QString, QString>> out;
    out.reserve(m_locks->groups.size());
    for (auto it = m_locks->groups.cbegin(); it != m_locks->groups.cend(); ++it)
        out.append({ it.key(), it.value() });
    QCollator collator; // tens of groups: sorted here
    std::sort(out.begin(), out.end(), [&collator](const auto &a, const auto &b) {
        const int c = collator.compare(a.second, b.second);
        return c != 0 ? c < 0 : a.first < b.first;
    });
    return out;
}

} // namespace Keydesk::Ui
