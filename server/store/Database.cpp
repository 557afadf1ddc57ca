#include "server/store/Database.h"

#include "server/store/SqliteDatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QUuid>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStore, "keydesk.server.store", QtInfoMsg)

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

struct Migration
{
    int number = 0;
    QString name;
    QString resourcePath;
};

QList<Migration> availableMigrations(const QString &directory)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    QList<Migration> list;
    const QStringList files = QDir(directory).entryList(QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QRegularExpressionMatch match = pattern.match(file);
        if (!match.hasMatch()) {
            qCWarning(lcStore) << "ignoring migration with a malformed name" << file;
            continue;
        }
        list.append({ match.captured(1).toInt(), match.captured(2), directory + QLatin1Char('/') + file });
    }
    std::sort(list.begin(), list.end(), [](const Migration &a, const Migration &b) { return a.number < b.number; });
    return list;
}

} // namespace

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{ }

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Error storageError(const QString &what, const QSqlError &error)
{
    return Error::make(QStringLiteral("storage_error"),
                       QStringLiteral("%1 failed: %2").arg(what, error.text().trimmed()));
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, OpenMode mode)
{
    return SqliteDatabase::open(path, mode);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QStringList Database::splitStatements(const QString &script)
{
    // Strip "--" comments line by line (our migrations never put "--" inside string literals), then cut at ";".
    // A CREATE TRIGGER body holds ";" of its own, so a trigger statement only ends at "END;".
    QString text;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const qsizetype comment = line.indexOf(QLatin1String("--"));
        text += (comment >= 0 ? line.left(comment) : line) + QLatin1Char('\n');
    }
    static const QRegularExpression triggerStart(QStringLiteral("^\\s*CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b"),
                                                 QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression endsWithEnd(QStringLiteral("\\bEND\\s*$"),
                                                QRegularExpression::CaseInsensitiveOption);
    QStringList statements;
    QString current;
    bool inString = false;
    for (QChar c : std::as_const(text)) {
        if (c == QLatin1Char('\''))
            inString = !inString;
        if (c == QLatin1Char(';') && !inString) {
            const bool isTrigger = triggerStart.match(current).hasMatch();
            if (!isTrigger || endsWithEnd.match(current).hasMatch()) {
                if (!current.trimmed().isEmpty())
                    statements.append(current.trimmed());
                current.clear();
                continue;
            }
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

Result<void> Database::migrate()
{
    if (auto r = exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                                     "name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
        !r)
        return r.error();
    const int current = schemaVersion();
    const QList<Migration> migrations = availableMigrations(migrationDirectory());
    if (migrations.isEmpty())
        return Error::make(QStringLiteral("internal"), QStringLiteral("No schema migrations are compiled in."));
    if (current > migrations.last().number)
        return Error::make(QStringLiteral("schema_too_new"),
                           QStringLiteral("%1 has schema version %2 but this keydesk-server knows only up to %3; use "
                                          "a newer keydesk-server.")
                               .arg(m_path)
                               .arg(current)
                               .arg(migrations.last().number));
    for (const Migration &migration : migrations) {
        if (migration.number <= current)
            continue;
        QFile file(migration.resourcePath);
        if (!file.open(QIODevice::ReadOnly))
            return Error::make(QStringLiteral("internal"),
                               QStringLiteral("Cannot read migration %1.").arg(migration.resourcePath));
        const QString script = QString::fromUtf8(file.readAll());
        // One transaction per migration: a failing migration leaves the previous schema intact.
        WriteTransaction tx(*this);
        if (!tx.isActive())
            return tx.error();
        const QStringList statements = splitStatements(script);
        for (const QString &statement : statements) {
            if (auto r = exec(statement); !r)
                return Error::make(QStringLiteral("migration_failed"),
                                   QStringLiteral("Migration %1_%2 failed: %3")
                                       .arg(migration.number, 4, 10, QLatin1Char('0'))
                                       .arg(migration.name, r.error().message));
        }
        if (auto r = exec(QStringLiteral("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, "
                                         "CAST(strftime('%s','now') AS INTEGER) * 1000)"),
                          { migration.number, migration.name });
            !r)
            return r.error();
        if (auto r = tx.commit(); !r)
            return r.error();
        qCDebug(lcStore) << "applied migration" << migration.number << migration.name;
    }
    return {};
}

int Database::latestSchemaVersion()
{
    const QList<Migration> migrations = availableMigrations(SqliteDatabase::kMigrationDirectory);
    return migrations.isEmpty() ? 0 : migrations.last().number;
}

int Database::migrationCount()
{
    return int(availableMigrations(SqliteDatabase::kMigrationDirectory).size());
}

int Database::schemaVersion() const
{
    auto r = scalar(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    return r ? r.value().toInt() : 0;
}

qint64 Database::revision() const
{
    auto r = scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"));
    return r ? r.value().toLongLong() : 0;
}

Result<QSqlQuery> Database::exec(const QString &sql, const QVariantList &bindings) const
{
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return storageError(QStringLiteral("Preparing \"%1\"").arg(sql.simplified().left(120)), query.lastError());
    for (qsizetype i = 0; i < bindings.size(); ++i)
        query.bindValue(int(i), bindings.at(i));
    if (!query.exec())
        return storageError(QStringLiteral("\"%1\"").arg(sql.simplified().left(120)), query.lastError());
    return query;
}

Result<QVariant> Database::scalar(const QString &sql, const QVariantList &bindings) const
{
    auto r = exec(sql, bindings);
    if (!r)
        return r.error();
    QSqlQuery &query = r.value();
    return query.next() ? query.value(0) : QVariant();
}

WriteTransaction::WriteTransaction(Database &db)
    : m_db(db)
{
    if (m_db.m_transactionDepth > 0)
        m_savepoint = QStringLiteral("sp%1").arg(m_db.m_transactionDepth);
    // The outermost transaction takes the write lock up front (SQLite: BEGIN IMMEDIATE), so two writers never
    // deadlock upgrading read locks.
    auto r = m_db.exec(m_savepoint.isEmpty() ? m_db.beginWriteStatement() : QStringLiteral("SAVEPOINT ") + m_savepoint);
    if (!r) {
        m_error = r.error();
        return;
    }
    m_active = true;
    ++m_db.m_transactionDepth;
}

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        rollback();
}

Result<void> WriteTransaction::commit()
{
    if (!m_active)
        return m_error.code.isEmpty()
            ? Error::make(QStringLiteral("internal"), QStringLiteral("The transaction is no longer active."))
            : m_error;
    auto r = m_db.exec(m_savepoint.isEmpty() ? QStringLiteral("COMMIT") : QStringLiteral("RELEASE ") + m_savepoint);
    if (!r) {
        m_error = r.error();
        rollback();
        return m_error;
    }
    m_active = false;
    --m_db.m_transactionDepth;
    return {};
}

void WriteTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    --m_db.m_transactionDepth;
    if (m_savepoint.isEmpty()) {
        auto r = m_db.exec(QStringLiteral("ROLLBACK"));
        if (!r)
            qCWarning(lcStore) << "rollback failed:" << r.error().message;
    } else {
        auto r = m_db.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
        if (r)
            r = m_db.exec(QStringLiteral("RELEASE ") + m_savepoint);
        if (!r)
            qCWarning(lcStore) << "rollback to savepoint failed:" << r.error().message;
    }
}

} // namespace Keydesk::Server
