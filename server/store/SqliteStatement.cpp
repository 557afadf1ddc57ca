#include "server/store/SqliteStatement.h"

#include "server/store/Database.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace Keydesk::Server {

sqlite3 *SqliteStatement::handleOf(const Database &db)
{
    const QSqlDatabase connection = db.connection();
    const QVariant v = connection.driver() ? connection.driver()->handle() : QVariant();
    // The QSQLITE driver hands out its sqlite3* wrapped in a QVariant; another engine's driver does not.
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(v.constData());
    return nullptr;
}

SqliteStatement::SqliteStatement(sqlite3 *db, const QByteArray &sql)
    : m_db(db)
    , m_sql(sql)
{
    if (!db) {
        m_message = QStringLiteral("no SQLite connection");
        return;
    }
    if (sqlite3_prepare_v3(db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr)
        != SQLITE_OK) {
        m_message = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

Core::Error SqliteStatement::error() const
{
    return Core::Error::make(
        QStringLiteral("storage_error"),
        QStringLiteral("\"%1\" failed: %2").arg(QString::fromUtf8(m_sql).simplified().left(120), m_message));
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

void SqliteStatement::bindInt(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bindText(int index, QByteArrayView utf8)
{
    // A null view would bind SQL NULL; NOT NULL text columns get an empty string instead.
    sqlite3_bind_text(m_stmt, index, utf8.data() ? utf8.data() : "", int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindBlob(int index, QByteArrayView bytes)
{
    sqlite3_bind_blob(m_stmt, index, bytes.data() ? bytes.data() : "", int(bytes.size()), SQLITE_TRANSIENT);
}

bool SqliteStatement::execute()
{
    const int rc = sqlite3_step(m_stmt);
    m_failed = rc != SQLITE_DONE && rc != SQLITE_ROW;
    if (m_failed)
        m_message = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_reset(m_stmt);
    return !m_failed;
}

bool SqliteStatement::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    m_failed = rc != SQLITE_DONE;
    if (m_failed)
        m_message = QString::fromUtf8(sqlite3_errmsg(m_db));
    return false;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_failed = false;
}

int SqliteStatement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

int SqliteStatement::columnType(int column) const
{
    return sqlite3_column_type(m_stmt, column);
}

QByteArrayView SqliteStatement::columnName(int column) const
{
    return QByteArrayView(sqlite3_column_name(m_stmt, column));
}

qint64 SqliteStatement::columnInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double SqliteStatement::columnDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QByteArrayView SqliteStatement::columnText(int column) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return p ? QByteArrayView(p, sqlite3_column_bytes(m_stmt, column)) : QByteArrayView();
}

} // namespace Keydesk::Server
