#pragma once

#include "core/domain/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>

namespace Keydesk::Server {

/// One SQLite connection to the server's database: pragmas, integrity check and numbered migrations on open.
///
/// The rest of the server talks to the store only through this class and the repositories built on it, so a
/// PostgreSQL store can replace it behind the same repository interfaces. A Database belongs to the thread that
/// opened it (QtSql connections are per thread).
class Database final
{
public:
    enum class OpenMode {
        CreateNew, ///< the file must not exist yet (init)
        OpenExisting, ///< the file must exist (serve, lock add, ...)
    };

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (or creates) the file, sets WAL / synchronous=NORMAL / busy_timeout / foreign_keys, runs
    /// quick_check (a corrupt file is refused with a message that says so) and applies pending migrations.
    static Core::Result<std::unique_ptr<Database>> open(const QString &path, OpenMode mode);

    QString path() const { return m_path; }
    QSqlDatabase connection() const;

    /// Highest migration applied (its number, e.g. 1 for 0001_initial.sql).
    int schemaVersion() const;
    /// Highest migration compiled into this binary, and how many there are.
    static int latestSchemaVersion();
    static int migrationCount();
    /// The database-wide change-feed revision (meta.revision).
    qint64 revision() const;

    /// Prepares and runs one statement with positional (?) bindings. The error names the statement.
    Core::Result<QSqlQuery> exec(const QString &sql, const QVariantList &bindings = {}) const;
    /// Runs a statement and returns the first column of the first row (null QVariant when no row).
    Core::Result<QVariant> scalar(const QString &sql, const QVariantList &bindings = {}) const;

    /// Splits a migration script into statements (CREATE TRIGGER bodies stay whole). Public for tests.
    static QStringList splitStatements(const QString &script);

private:
    friend class WriteTransaction;
    Database(QString path, QString connectionName);

    Core::Result<void> applyPragmas();
    Core::Result<void> checkIntegrity();
    Core::Result<void> migrate();

    QString m_path;
    QString m_connectionName;
    int m_transactionDepth = 0;
};

/// QtSql binds a null QString as SQL NULL; NOT NULL text columns need an empty, non-null string instead.
inline QString textOrEmpty(const QString &text)
{
    return text.isNull() ? QString(QLatin1String("")) : text;
}

/// RAII write transaction: BEGIN IMMEDIATE (a SAVEPOINT when nested); rolled back unless commit() succeeds,
/// so a rejected request never leaves a partial write.
class WriteTransaction final
{
public:
    explicit WriteTransaction(Database &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    /// False when BEGIN itself failed (e.g. the database stayed locked past busy_timeout); see error().
    bool isActive() const { return m_active; }
    const Core::Error &error() const { return m_error; }

    Core::Result<void> commit();
    void rollback();

private:
    Database &m_db;
    QString m_savepoint; ///< empty for the outermost transaction
    Core::Error m_error;
    bool m_active = false;
};

} // namespace Keydesk::Server
