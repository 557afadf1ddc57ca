#include "core/cache/CacheDatabase.h"

#include "core/cache/CacheSchema.h"
#include "core/cache/CacheSqlError.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcCache, "keydesk.cache")

namespace Keydesk::Core {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("keydesk-cache-%1").arg(counter.fetchAndAddRelaxed(1));
}

/// PRAGMA quick_check on `db`: nothing, or the problems it reports.
Result<void> runQuickCheck(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check")))
        return Error::make(QStringLiteral("cache_corrupt"), q.lastError().text());
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems.append(line);
    }
    if (!problems.isEmpty())
        return Error::make(QStringLiteral("cache_corrupt"), problems.join(QStringLiteral("; ")).left(300));
    return {};
}

bool looksCorrupt(const QString &text)
{
    return text.contains(QLatin1String("malformed"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("not a database"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("corrupt"), Qt::CaseInsensitive);
}

} // namespace

CacheDatabase::CacheDatabase(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{ }

CacheDatabase::~CacheDatabase()
{
    bool closed = false;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            db.close();
            closed = !m_suspect;
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    if (!closed)
        return;
    // The last connection checkpointed the WAL into the file: stamp what a clean close left behind.
    QFile stamp(cleanStampPath(m_path));
    if (stamp.open(QIODevice::WriteOnly | QIODevice::Truncate))
        stamp.write(fileStamp(m_path));
}

QByteArray CacheDatabase::fileStamp(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() || QFileInfo::exists(path + QStringLiteral("-wal")))
        return {};
    return QByteArray::number(info.size()) + ' ' + QByteArray::number(info.lastModified().toMSecsSinceEpoch()) + '\n';
}

Result<void> CacheDatabase::quickCheckFile(const QString &path, std::function<void(std::function<void()>)> interrupt)
{
    const QString name = nextConnectionName();
    Result<void> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            result = Error::make(QStringLiteral("cache_open"), db.lastError().text());
        } else {
            sqlite3 *raw = sqliteHandle(db);
            if (interrupt && raw)
                interrupt([raw] { sqlite3_interrupt(raw); });
            result = runQuickCheck(db);
            if (interrupt)
                interrupt({});
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QSqlDatabase CacheDatabase::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString CacheDatabase::defaultPath(const QString &dataDirectory, const QUrl &server, const QString &facilityId)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    QString name = QStringLiteral("%1_%2-%3")
                       .arg(server.host())
                       .arg(server.port(server.scheme() == QLatin1String("https") ? 443 : 80))
                       .arg(facilityId);
    name.replace(unsafe, QStringLiteral("_"));
    return QDir(dataDirectory).filePath(QStringLiteral("cache/%1.sqlite").arg(name));
}

Result<void> CacheDatabase::exec(const QString &sql, const QVariantList &bindings)
{
    QSqlQuery q(connection());
    if (!q.prepare(sql))
        return cacheSqlError(sql.left(60), q.lastError());
    for (const QVariant &v : bindings)
        q.addBindValue(v);
    if (!q.exec())
        return cacheSqlError(sql.left(60), q.lastError());
    return {};
}

Result<void> CacheDatabase::begin()
{
    // IMMEDIATE: take the write lock now, so a writer never fails half-way on an upgrade from a read lock.
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Result<void> CacheDatabase::commit()
{
    return exec(QStringLiteral("COMMIT"));
}

void CacheDatabase::rollback()
{
    QSqlQuery q(connection());
    q.exec(QStringLiteral("ROLLBACK"));
}

Result<void> CacheDatabase::configure()
{
    QSqlQuery q(connection());
    // 32 KiB pages for a new file (an existing one keeps its own): a key row with its JSON is ~700 bytes, and the
    // initial sync of a million keys ran 25 % faster than with 4 KiB pages (bench/client/README.md).
    q.exec(QStringLiteral("PRAGMA page_size=32768"));
    // journal_mode answers with a row; WAL lets the views read while the sync engine writes.
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
        return cacheSqlError(QStringLiteral("switch to WAL"), q.lastError());
    for (const QString &pragma :
         { QStringLiteral("PRAGMA synchronous=NORMAL"), QStringLiteral("PRAGMA busy_timeout=%1").arg(kBusyTimeoutMs),
           QStringLiteral("PRAGMA foreign_keys=ON"),
           // A bigger page cache: the initial sync inserts a million keys in random id order.
           QStringLiteral("PRAGMA cache_size=-65536") }) {
        if (!q.exec(pragma))
            return cacheSqlError(pragma, q.lastError());
    }
    return {};
}

Result<void> CacheDatabase::quickCheck()
{
    return runQuickCheck(connection());
}

sqlite3 *CacheDatabase::sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

int CacheDatabase::schemaVersion() const
{
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

Result<void> CacheDatabase::migrate()
{
    const int current = schemaVersion();
    if (current < 0)
        return Error::make(QStringLiteral("cache_corrupt"), QObject::tr("cannot read the schema version"));
    if (current > CacheSchema::latestVersion())
        return Error::make(QStringLiteral("cache_too_new"),
                           QObject::tr("The local cache %1 was written by a newer Keydesk (schema %2, this one knows "
                                       "%3). Update Keydesk, or remove the cache file to rebuild it from the server.")
                               .arg(m_path)
                               .arg(current)
                               .arg(CacheSchema::latestVersion()));
    for (const CacheSchema::Migration &m : CacheSchema::migrations()) {
        if (m.version <= current)
            continue;
        if (auto b = begin(); !b)
            return b;
        for (const QString &statement : m.sql.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
            if (auto r = exec(statement); !r) {
                rollback();
                return r;
            }
        }
        if (auto r = exec(QStringLiteral("PRAGMA user_version=%1").arg(m.version)); !r) {
            rollback();
            return r;
        }
        if (auto c = commit(); !c) {
            rollback();
            return c;
        }
        qCInfo(lcCache) << "cache" << m_path << "migrated to schema" << m.version;
    }
    return endBulkLoad(); // a new file gets its indexes; an existing one keeps them (IF NOT EXISTS)
}

Result<std::unique_ptr<CacheDatabase>> CacheDatabase::openFile(const QString &path, bool *created, bool *deferred)
{
    *created = !QFileInfo::exists(path);
    // Untouched since a clean close: the full check can wait for the background. The stamp goes now, so a crash
    // during this session leaves none and the next open checks first.
    QByteArray stamp;
    {
        QFile f(cleanStampPath(path));
        if (f.open(QIODevice::ReadOnly))
            stamp = f.readAll();
    }
    *deferred = !*created && !stamp.isEmpty() && stamp == fileStamp(path);
    QFile::remove(cleanStampPath(path));
    std::unique_ptr<CacheDatabase> cache(new CacheDatabase(path, nextConnectionName()));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), cache->m_connectionName);
    db.setDatabaseName(path);
    if (!db.open())
        return Error::make(QStringLiteral("cache_open"), db.lastError().text());
    if (auto r = cache->configure(); !r)
        return r.error();
    if (!*deferred) {
        if (auto r = cache->quickCheck(); !r)
            return r.error();
    }
    if (auto r = cache->migrate(); !r)
        return r.error();
    return cache;
}

Result<std::unique_ptr<CacheDatabase>> CacheDatabase::open(const QString &path, CacheOpenReport *report)
{
    CacheOpenReport local;
    CacheOpenReport &out = report ? *report : local;
    out = {};
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error::make(QStringLiteral("cache_dir"),
                           QObject::tr("Cannot create the folder %1 for the local cache; check its permissions.")
                               .arg(info.absolutePath()));
    bool created = false;
    bool deferred = false;
    auto opened = openFile(path, &created, &deferred);
    if (opened) {
        out.created = created;
        out.quickCheckDeferred = deferred;
        return opened;
    }
    const Error first = opened.error();
    if (first.code == QLatin1String("cache_too_new") || created || !looksCorrupt(first.message + first.code))
        return Error::make(first.code,
                           first.code == QLatin1String("cache_too_new")
                               ? first.message
                               : QObject::tr("Cannot open the local cache %1: %2").arg(path, first.message));

    // Corrupt: keep what can be kept of the outbox, move the file aside (never delete it) and start afresh.
    qCWarning(lcCache) << "cache" << path << "is corrupt:" << first.message;
    const QList<OutboxEntry> salvaged = salvageOutbox(path);
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString aside = path + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFile::exists(aside); ++n) // never overwrite an earlier damaged copy
        aside = path + QStringLiteral(".corrupt-%1-%2").arg(stamp).arg(n);
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        if (QFile::exists(path + suffix) && !QFile::rename(path + suffix, aside + suffix))
            return Error::make(QStringLiteral("cache_corrupt"),
                               QObject::tr("The local cache %1 is damaged and cannot be moved aside to %2; move or "
                                           "remove it by hand, then start Keydesk again.")
                                   .arg(path, aside));
    }
    auto fresh = openFile(path, &created, &deferred);
    if (!fresh)
        return Error::make(fresh.error().code,
                           QObject::tr("The local cache %1 was damaged (kept as %2) and a new one cannot be created: "
                                       "%3")
                               .arg(path, aside, fresh.error().message));
    for (const OutboxEntry &entry : salvaged) {
        qint64 seq = 0;
        if (auto r = fresh.value()->insertOutbox(entry, &seq); !r) {
            qCWarning(lcCache) << "could not carry over outbox entry" << entry.idempotencyKey << r.error().message;
            continue;
        }
        if (auto r = fresh.value()->recompute(entry.entity, entry.entityId); !r)
            qCWarning(lcCache) << "could not re-apply outbox entry" << entry.idempotencyKey << r.error().message;
        ++out.salvagedOutbox;
    }
    out.created = true;
    out.recovered = true;
    out.movedAsidePath = aside;
    out.reason = first.message;
    qCWarning(lcCache) << "corrupt cache moved to" << aside << "; carried over" << out.salvagedOutbox
                       << "outbox entries";
    return fresh;
}

// ---- change feed -----------------------------------------------------------------------------------------

qint64 CacheDatabase::lastRevision() const
{
    auto v = meta(QStringLiteral("last_revision"));
    return v ? v->toLongLong() : 0;
}

Result<QString> CacheDatabase::meta(const QString &key) const
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return cacheSqlError(QStringLiteral("read %1").arg(key), q.lastError());
    return q.next() ? q.value(0).toString() : QString();
}

Result<void> CacheDatabase::setMeta(const QString &key, const QString &value)
{
    return exec(QStringLiteral("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                               "excluded.value"),
                { key, value });
}

Result<void> CacheDatabase::writeRow(const QString &entity, const QString &id, qint64 revision,
                                     const std::optional<QJsonObject> &data, int pending, const QString &pendingOp)
{
    const CacheSchema::EntityTable *table = CacheSchema::findEntity(entity);
    if (!table)
        return Error::make(QStringLiteral("cache_entity"), QObject::tr("unknown entity %1").arg(entity));
    if (!data)
        return exec(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(entity), { id });
    QStringList names { QStringLiteral("id"), QStringLiteral("revision"), QStringLiteral("data"),
                        QStringLiteral("pending"), QStringLiteral("pending_op") };
    QVariantList values { id, revision, QString::fromUtf8(QJsonDocument(*data).toJson(QJsonDocument::Compact)), pending,
                          pendingOp.isEmpty() ? QVariant() : QVariant(pendingOp) };
    for (const QString &column : table->columns) {
        names.append(column);
        values.append(data->value(column).toVariant());
    }
    const QString marks = QStringLiteral("?,").repeated(names.size()).chopped(1);
    return exec(
        QStringLiteral("INSERT OR REPLACE INTO %1(%2) VALUES (%3)").arg(entity, names.join(QLatin1Char(',')), marks),
        values);
}

Result<void> CacheDatabase::beginBulkLoad()
{
    for (const CacheSchema::SecondaryIndex &index : CacheSchema::secondaryIndexes()) {
        // The partial "pending" indexes stay: the feed's rows are never pending, so keeping them costs the load
        // nothing, while building each afterwards would read its whole table once more.
        if (index.sql.contains(QLatin1String(" WHERE pending > 0")))
            continue;
        if (auto r = exec(QStringLiteral("DROP INDEX IF EXISTS %1").arg(index.name)); !r)
            return r;
    }
    // A full sync writes the whole facility once: no fsync per checkpoint and fewer, larger checkpoints (each
    // page copied into the file once instead of at every 4 MB of WAL). A crash meanwhile costs nothing: the file
    // was not closed cleanly, so the next open checks it and, if damaged, rebuilds it — by this same sync.
    if (auto r = exec(QStringLiteral("PRAGMA synchronous=OFF")); !r)
        return r;
    // And without the WAL: each page written once, straight into the file, with a rollback journal in memory
    // (a refused page still rolls back). SQLite keeps WAL if another connection has the file open (a background
    // check): then the load simply runs in WAL.
    QSqlQuery q(connection());
    q.exec(QStringLiteral("PRAGMA journal_mode=MEMORY"));
    q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=16384"));
    return {};
}

Result<void> CacheDatabase::endBulkLoad()
{
    {
        QSqlQuery q(connection());
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=1000"));
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        // The index builds sort whole tables: let SQLite's sorter use a second core (the server is done by now).
        q.exec(QStringLiteral("PRAGMA threads=2"));
    }
    if (auto b = begin(); !b)
        return b;
    for (const CacheSchema::SecondaryIndex &index : CacheSchema::secondaryIndexes()) {
        if (auto r = exec(index.sql); !r) {
            rollback();
            return r;
        }
    }
    return commit();
}

Result<void> CacheDatabase::resetSyncedData()
{
    if (auto b = begin(); !b)
        return b;
    for (const CacheSchema::EntityTable &t : CacheSchema::entityTables()) {
        if (auto r = exec(QStringLiteral("DELETE FROM %1").arg(t.entity)); !r) {
            rollback();
            return r;
        }
    }
    if (auto r = exec(QStringLiteral("UPDATE base_rows SET data = NULL, revision = 0")); !r) {
        rollback();
        return r;
    }
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("SELECT entity, id FROM base_rows"))) {
        rollback();
        return cacheSqlError(QStringLiteral("read base rows"), q.lastError());
    }
    QList<QPair<QString, QString>> keys;
    while (q.next())
        keys.append({ q.value(0).toString(), q.value(1).toString() });
    for (const auto &[entity, id] : keys) {
        if (auto r = recompute(entity, id); !r) {
            rollback();
            return r;
        }
    }
    if (auto r = setMeta(QStringLiteral("last_revision"), QStringLiteral("0")); !r) {
        rollback();
        return r;
    }
    return commit();
}

// ---- reads -----------------------------------------------------------------------------------------------

namespace {

CachedRow readRow(const QSqlQuery &q)
{
    CachedRow row;
    row.id = q.value(0).toString();
    row.revision = q.value(1).toLongLong();
    row.data = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    row.pending = q.value(3).toInt();
    row.pendingOp = q.value(4).toString();
    return row;
}

} // namespace

Result<std::optional<CachedRow>> CacheDatabase::row(const QString &entity, const QString &id) const
{
    if (!CacheSchema::findEntity(entity))
        return Error::make(QStringLiteral("cache_entity"), QObject::tr("unknown entity %1").arg(entity));
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT id, revision, data, pending, pending_op FROM %1 WHERE id = ?").arg(entity));
    q.addBindValue(id);
    if (!q.exec())
        return cacheSqlError(QStringLiteral("read %1").arg(entity), q.lastError());
    if (!q.next())
        return std::optional<CachedRow>();
    return std::optional<CachedRow>(readRow(q));
}

Result<QList<CachedRow>> CacheDatabase::rows(const QString &entity) const
{
    if (!CacheSchema::findEntity(entity))
        return Error::make(QStringLiteral("cache_entity"), QObject::tr("unknown entity %1").arg(entity));
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, revision, data, pending, pending_op FROM %1 ORDER BY id").arg(entity)))
        return cacheSqlError(QStringLiteral("read %1").arg(entity), q.lastError());
    QList<CachedRow> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

Result<int> CacheDatabase::count(const QString &entity) const
{
    if (!CacheSchema::findEntity(entity))
        return Error::make(QStringLiteral("cache_entity"), QObject::tr("unknown entity %1").arg(entity));
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(entity)) || !q.next())
        return cacheSqlError(QStringLiteral("count %1").arg(entity), q.lastError());
    return q.value(0).toInt();
}

} // namespace Keydesk::Core
