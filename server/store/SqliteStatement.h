#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace Keydesk::Server {

class Database;

/// A statement prepared once on the SQLite handle under a Database's QtSql connection and reused for many rows:
/// the bulk paths (change-feed export, facility generator) bind and read UTF-8 directly instead of a QVariant and
/// a QString per value. Only for the SQLite engine (handleOf() is null for any other); everything else in the
/// store stays on Database::exec(). Finalized on destruction, so it must not outlive the Database.
class SqliteStatement final
{
public:
    /// The raw handle of the database's connection, or null when the store is not SQLite.
    static sqlite3 *handleOf(const Database &db);

    /// Prepares `sql`; see error() when isValid() is false.
    SqliteStatement(sqlite3 *db, const QByteArray &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    /// Why preparing or the last step failed, naming the statement.
    Core::Error error() const;

    // Bindings are 1-based as in SQLite. Text is copied by SQLite (SQLITE_TRANSIENT), so temporaries are fine.
    void bindNull(int index);
    void bindInt(int index, qint64 value);
    void bindText(int index, QByteArrayView utf8);
    void bindString(int index, const QString &text) { bindText(index, QByteArrayView(text.toUtf8())); }
    void bindBlob(int index, QByteArrayView bytes);

    /// Runs a statement that returns no rows, then resets it for the next bindings. False on failure (error()).
    bool execute();
    /// Steps to the next row: true on a row, false when done or failed (check failed()).
    bool next();
    bool failed() const { return m_failed; }
    /// Ready for new bindings and a new run.
    void reset();

    int columnCount() const;
    /// SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
    int columnType(int column) const;
    QByteArrayView columnName(int column) const;
    qint64 columnInt(int column) const;
    double columnDouble(int column) const;
    /// The value as UTF-8 text (valid until the next step).
    QByteArrayView columnText(int column) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QByteArray m_sql;
    QString m_message;
    bool m_failed = false;
};

} // namespace Keydesk::Server
