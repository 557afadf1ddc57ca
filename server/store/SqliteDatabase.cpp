#include "server/store/SqliteDatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

Result<std::unique_ptr<Database>> SqliteDatabase::open(const QString &path, OpenMode mode)
{
    const QFileInfo info(path);
    if (path.isEmpty())
        return Error::make(QStringLiteral("invalid_argument"), QStringLiteral("No database file given."),
                           QStringLiteral("database"));
    if (mode == OpenMode::CreateNew && info.exists())
        return Error::make(QStringLiteral("already_exists"),
                           QStringLiteral("The database %1 already exists; refusing to overwrite it. Choose another "
                                          "file or remove it first.")
                               .arg(path),
                           QStringLiteral("database"));
    if (mode == OpenMode::OpenExisting && !info.exists())
        return Error::make(
            QStringLiteral("not_found"),
            QStringLiteral("The database %1 does not exist; create it with `keydesk-server init`.").arg(path),
            QStringLiteral("database"));
    if (mode == OpenMode::CreateNew && !info.absoluteDir().exists())
        return Error::make(QStringLiteral("not_found"),
                           QStringLiteral("The directory %1 does not exist.").arg(info.absolutePath()),
                           QStringLiteral("database"));

    const QString connectionName
        = QStringLiteral("keydesk-server-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(info.absoluteFilePath(), connectionName));
    {
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        connection.setDatabaseName(db->path());
        if (!connection.open())
            return storageError(QStringLiteral("Opening %1").arg(path), connection.lastError());
    }
    if (auto r = db->checkIntegrity(); !r)
        return r.error();
    if (auto r = db->applyPragmas(); !r)
        return r.error();
    if (auto r = db->migrate(); !r)
        return r.error();
    return std::unique_ptr<Database>(std::move(db));
}

Result<void> SqliteDatabase::applyPragmas()
{
    // WAL lets readers (the desktop's change-feed pulls) run while a write is in progress; NORMAL is durable
    // enough with WAL; busy_timeout makes a second process (CLI `lock add` next to `serve`) wait instead of fail.
    static const char *const pragmas[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA busy_timeout=5000",
        "PRAGMA foreign_keys=ON",
        // SQLite's default page cache is 2 MB; a facility of a million keys has ~150 MB of indexes with random
        // uuid keys, so with the default nearly every lookup or insert reads (and a long write spills) pages.
        // 64 MiB keeps the hot index pages in memory; it is allocated only as pages are actually read.
        "PRAGMA cache_size=-65536",
        // Every write inside a transaction whose table has triggers or foreign keys keeps a statement journal
        // (to undo just that statement); with temp files it spilled to disk after 64 KB, ~20 pwrite() calls per
        // inserted key. In memory it costs a few KB per statement.
        "PRAGMA temp_store=MEMORY",
    };
    for (const char *pragma : pragmas) {
        auto r = exec(QLatin1String(pragma));
        if (!r)
            return r.error();
    }
    return {};
}

Result<void> SqliteDatabase::checkIntegrity()
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("PRAGMA quick_check")))
        return Error::make(QStringLiteral("corrupt_database"),
                           QStringLiteral("%1 is not a usable SQLite database (%2). Restore it from a backup.")
                               .arg(path(), query.lastError().text().trimmed()));
    QStringList problems;
    while (query.next()) {
        const QString line = query.value(0).toString();
        if (line != QLatin1String("ok"))
            problems.append(line);
    }
    if (!problems.isEmpty())
        return Error::make(QStringLiteral("corrupt_database"),
                           QStringLiteral("%1 failed its integrity check (%2). Refusing to serve it; restore it from "
                                          "a backup.")
                               .arg(path(), problems.mid(0, 3).join(QStringLiteral("; "))));
    return {};
}

} // namespace Keydesk::Server
