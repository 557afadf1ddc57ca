// Applying GET /v1/changes pages to the cache.
//
// A page is applied as the server sent it: FeedScanner reads the body once (validating all of it) and hands over
// each row with views into the body; each row is bound to a statement prepared once per page with SQLite's own
// API, its `data` stored as the text the server sent. No row ever becomes a QJsonObject, a QVariant or SQL text:
// the initial sync of a large facility is bound by SQLite's inserts (bench/client/README.md has the figures).
//
// Rows that have local changes pending (base_rows) keep the per-row path of CacheOutbox.cpp: the server's version
// goes under the local changes, which are re-applied on top.
#include "core/cache/CacheDatabase.h"
#include "core/cache/CacheSchema.h"
#include "core/cache/CacheSqlError.h"
#include "core/cache/FeedScanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <map>
#include <sqlite3.h>
#include <utility>

namespace Keydesk::Core {

namespace {

Error badFeed(const QString &what)
{
    return Error::make(QStringLiteral("bad_response"),
                       QObject::tr("The server's change feed is not in the expected format (%1); the server and "
                                   "this Keydesk may be different versions.")
                           .arg(what));
}

/// The two prepared statements of one entity table, made once per page and bound per row with SQLite's own
/// API: no QVariant, no QString, no SQL text per row.
struct EntityStatements
{
    const CacheSchema::EntityTable *table = nullptr; ///< null: an entity this version does not mirror
    sqlite3_stmt *upsert = nullptr;
    sqlite3_stmt *remove = nullptr;
    QList<QByteArray> columns;
    QString error;

    EntityStatements(sqlite3 *db, const CacheSchema::EntityTable *t)
        : table(t)
    {
        if (!table)
            return;
        QStringList names { QStringLiteral("id"), QStringLiteral("revision"), QStringLiteral("data"),
                            QStringLiteral("pending"), QStringLiteral("pending_op") };
        QStringList marks { QStringLiteral("?1"), QStringLiteral("?2"), QStringLiteral("?3"), QStringLiteral("0"),
                            QStringLiteral("NULL") };
        for (const QString &c : table->columns) {
            names.append(c);
            marks.append(QStringLiteral("?%1").arg(marks.size() - 1));
            columns.append(c.toUtf8());
        }
        const QByteArray upsertSql = QStringLiteral("INSERT OR REPLACE INTO %1(%2) VALUES (%3)")
                                         .arg(table->entity, names.join(QLatin1Char(',')), marks.join(QLatin1Char(',')))
                                         .toUtf8();
        const QByteArray removeSql = QStringLiteral("DELETE FROM %1 WHERE id = ?1").arg(table->entity).toUtf8();
        if (sqlite3_prepare_v3(db, upsertSql.constData(), int(upsertSql.size()), SQLITE_PREPARE_PERSISTENT, &upsert,
                               nullptr)
                != SQLITE_OK
            || sqlite3_prepare_v3(db, removeSql.constData(), int(removeSql.size()), SQLITE_PREPARE_PERSISTENT, &remove,
                                  nullptr)
                != SQLITE_OK)
            error = QObject::tr("The local cache failed to prepare its writes: %1")
                        .arg(QString::fromUtf8(sqlite3_errmsg(db)));
    }
    EntityStatements(EntityStatements &&o) noexcept
        : table(o.table)
        , upsert(std::exchange(o.upsert, nullptr))
        , remove(std::exchange(o.remove, nullptr))
        , columns(std::move(o.columns))
        , error(std::move(o.error))
    { }
    EntityStatements(const EntityStatements &) = delete;
    EntityStatements &operator=(const EntityStatements &) = delete;
    EntityStatements &operator=(EntityStatements &&) = delete;
    ~EntityStatements()
    {
        sqlite3_finalize(upsert);
        sqlite3_finalize(remove);
    }

    /// Writes one row. Empty, or why not: `malformed` tells a bad row from a failed write.
    QString write(const FeedScanner::Row &row, bool *malformed)
    {
        sqlite3_stmt *st = row.deleted ? remove : upsert;
        sqlite3_bind_text(st, 1, row.id.data(), int(row.id.size()), SQLITE_STATIC);
        if (!row.deleted) {
            sqlite3_bind_int64(st, 2, row.revision);
            sqlite3_bind_text(st, 3, row.data.data(), int(row.data.size()), SQLITE_STATIC);
            for (int i = 0; i < columns.size(); ++i)
                sqlite3_bind_null(st, 4 + i);
            // The mirrored columns as SQLite's ->> gives them: numbers as numbers, true/false as 1/0, nested
            // values as their JSON text. Decoded strings live in the scanner's buffer: SQLITE_TRANSIENT copies.
            QString why;
            const bool ok = FeedScanner::scanObject(
                row.data,
                [this, st](QByteArrayView key, const FeedValue &v) {
                    for (int i = 0; i < columns.size(); ++i) {
                        if (key != columns.at(i))
                            continue;
                        const int at = 4 + i;
                        switch (v.type) {
                        case FeedValue::Type::Null:
                            break;
                        case FeedValue::Type::Bool:
                        case FeedValue::Type::Integer:
                            sqlite3_bind_int64(st, at, v.integer);
                            break;
                        case FeedValue::Type::Real:
                            sqlite3_bind_double(st, at, v.real);
                            break;
                        case FeedValue::Type::String:
                        case FeedValue::Type::Nested:
                            sqlite3_bind_text(st, at, v.text.data(), int(v.text.size()), SQLITE_TRANSIENT);
                            break;
                        }
                        return;
                    }
                },
                &why);
            if (!ok) {
                *malformed = true;
                return why;
            }
        }
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return QObject::tr("The local cache failed to write a %1 row: %2")
                .arg(table->entity, QString::fromUtf8(sqlite3_errstr(rc)));
        return {};
    }
};

} // namespace

Result<ApplyStats> CacheDatabase::applyPage(const ChangePage &page)
{
    QJsonArray rows;
    for (const ChangeRow &row : page.rows)
        rows.append(QJsonObject { { QStringLiteral("entity"), row.entity },
                                  { QStringLiteral("id"), row.id },
                                  { QStringLiteral("revision"), row.revision },
                                  { QStringLiteral("deleted"), row.deleted },
                                  { QStringLiteral("data"), row.deleted ? QJsonValue() : QJsonValue(row.data) } });
    const QJsonObject body { { QStringLiteral("changes"), rows },
                             { QStringLiteral("next_revision"), page.nextRevision },
                             { QStringLiteral("has_more"), page.hasMore } };
    return applyFeedBody(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

std::optional<FeedPageHead> CacheDatabase::peekFeedHead(const QByteArray &body)
{
    // Anchored at both ends: the trailer can only be the top level's (a nested object would end in "}}", and a
    // string cannot end a document), and the body must open with the changes array.
    static const QRegularExpression trailer(
        QStringLiteral(R"(,\s*"next_revision"\s*:\s*(\d{1,18})\s*,\s*"has_more"\s*:\s*(true|false)\s*\}\s*$)"));
    static const QRegularExpression opening(QStringLiteral(R"(^\s*\{\s*"changes"\s*:\s*\[)"));
    const QByteArrayView head = QByteArrayView(body).first(std::min<qsizetype>(body.size(), 64));
    const QByteArrayView tail = QByteArrayView(body).last(std::min<qsizetype>(body.size(), 96));
    if (!opening.match(QString::fromLatin1(head)).hasMatch())
        return std::nullopt;
    const QRegularExpressionMatch m = trailer.match(QString::fromLatin1(tail));
    if (!m.hasMatch())
        return std::nullopt;
    FeedPageHead out;
    out.nextRevision = m.captured(1).toLongLong();
    out.hasMore = m.captured(2) == QLatin1String("true");
    return out;
}

Result<FeedPageHead> CacheDatabase::readFeedHead(const QByteArray &body)
{
    QString why;
    const std::optional<FeedScanner::Head> head = FeedScanner::scan(body, {}, &why);
    if (!head)
        return badFeed(why);
    return FeedPageHead { head->nextRevision, head->hasMore };
}

Result<ApplyStats> CacheDatabase::applyFeedBody(const QByteArray &body)
{
    sqlite3 *db = sqliteHandle(connection());
    if (!db)
        return Error::make(QStringLiteral("cache_sql"), QObject::tr("The local cache is not open."));
    // Rows with local changes pending take the per-row path (below); usually there are none.
    QSet<QPair<QString, QString>> underLocal;
    {
        QSqlQuery q(connection());
        if (!q.exec(QStringLiteral("SELECT entity, id FROM base_rows")))
            return cacheSqlError(QStringLiteral("read base rows"), q.lastError());
        while (q.next())
            underLocal.insert({ q.value(0).toString(), q.value(1).toString() });
    }
    if (auto b = begin(); !b)
        return b.error();
    auto fail = [this](const Error &e) {
        rollback();
        return e;
    };

    struct Deferred
    {
        QString entity, id, data;
        qint64 revision;
        bool deleted;
    };
    QList<Deferred> deferred;
    std::map<QByteArray, EntityStatements> statements;
    ApplyStats stats;
    std::optional<Error> failure;
    EntityStatements *current = nullptr;
    QByteArray currentEntity;
    QStringList *changed = nullptr;
    QString why;
    const std::optional<FeedScanner::Head> head = FeedScanner::scan(
        body,
        [&](const FeedScanner::Row &row) {
            if (!current || row.entity != currentEntity) {
                currentEntity = row.entity.toByteArray();
                auto it = statements.find(currentEntity);
                if (it == statements.end()) {
                    const CacheSchema::EntityTable *table = CacheSchema::findEntity(QString::fromUtf8(currentEntity));
                    it = statements.emplace(currentEntity, EntityStatements(db, table)).first;
                    if (!it->second.error.isEmpty()) {
                        failure = Error::make(QStringLiteral("cache_sql"), it->second.error);
                        return false;
                    }
                }
                current = &it->second;
                changed = current->table ? &stats.changed[current->table->entity] : nullptr;
            }
            if (!current->table) {
                ++stats.skipped;
                return true;
            }
            const QString id = QString::fromUtf8(row.id);
            if (!underLocal.isEmpty() && underLocal.contains({ current->table->entity, id })) {
                deferred.append({ current->table->entity, id, QString::fromUtf8(row.data), row.revision, row.deleted });
            } else {
                bool malformed = false;
                if (QString problem = current->write(row, &malformed); !problem.isEmpty()) {
                    failure = malformed ? badFeed(problem) : Error::make(QStringLiteral("cache_sql"), problem);
                    return false;
                }
            }
            changed->append(id);
            ++stats.applied;
            return true;
        },
        &why);
    statements.clear(); // finalised before anything else runs on the connection
    if (!head)
        return fail(failure ? *failure : badFeed(why));

    // Under local changes: the server's version goes into base_rows, the local changes stay on top.
    for (const Deferred &row : deferred) {
        if (auto u = exec(QStringLiteral("UPDATE base_rows SET revision = ?, data = ? WHERE entity = ? AND id = ?"),
                          { row.revision, row.deleted ? QVariant() : QVariant(row.data), row.entity, row.id });
            !u)
            return fail(u.error());
        if (auto u = recompute(row.entity, row.id); !u)
            return fail(u.error());
    }
    if (auto r = setMeta(QStringLiteral("last_revision"), QString::number(head->nextRevision)); !r)
        return fail(r.error());
    if (auto c = commit(); !c)
        return fail(c.error());
    stats.lastRevision = head->nextRevision;
    return stats;
}

} // namespace Keydesk::Core
