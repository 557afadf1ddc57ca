#pragma once

#include "core/domain/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>

namespace Keydesk::Server {

/// The store interface: one connection to the server's database, with statements, write transactions and
/// numbered one-way migrations. The rest of the server talks to the store only through this class and the
/// repositories built on it. What differs per database engine — opening, pragmas, the integrity check, how a
/// write transaction begins, the folder of that engine's migration scripts — is virtual; SqliteDatabase is
/// the engine we ship, and a PostgreSQL store is a second subclass with its own migration folder (QtSql's
/// QPSQL driver keeps exec()/scalar() unchanged). A Database belongs to the thread that opened it (QtSql
/// connections are per thread).
class Database
{
public:
    enum class OpenMode {
        CreateNew, ///< the file must not exist yet (init)
        OpenExisting, ///< the file must exist (serve, lock add, ...)
    };

    virtual ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (or creates) the SQLite file — the default engine, see SqliteDatabase::open().
    static Core::Result<std::unique_ptr<Database>> open(const QString &path, OpenMode mode);

    /// The engine's name, for messages ("SQLite").
    virtual QString engine() const = 0;

    QString path() const { return m_path; }
    QSqlDatabase connection() const;

    /// Highest migration applied (its number, e.g. 1 for 0001_initial.sql).
    int schemaVersion() const;
    /// Highest SQLite migration compiled into this binary, and how many there are.
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

protected:
    Database(QString path, QString connectionName);

    /// The statement that starts an outermost write transaction holding the write lock from the start.
    virtual QString beginWriteStatement() const = 0;
    /// The resource folder of this engine's migration scripts (NNNN_name.sql).
    virtual QString migrationDirectory() const = 0;
    /// Applies every pending migration of migrationDirectory(), one transaction each.
    Core::Result<void> migrate();

private:
    friend class WriteTransaction;

    QString m_path;
    QString m_connectionName;
    int m_transactionDepth = 0;
};

/// A storage failure as an Error: what was being done and what the engine said.
Core::Error storageError(const QString &what, const QSqlError &error);

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
