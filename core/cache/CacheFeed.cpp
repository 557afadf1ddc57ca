// Applying GET /v1/changes pages to the cache.
//
// A page is applied as the server sent it: SQLite's JSON functions (C, one parse per page) unpack the body into
// a staging table, and a few set-based statements per entity move the rows into place. No row ever becomes a
// QJsonObject or a QVariant on the way, and nothing is prepared per row: the initial sync of a large facility is
// bound by SQLite's insert speed, not by Qt's JSON or SQL layers (bench/client/README.md has the figures).
//
// Rows that have local changes pending (base_rows) keep the per-row path of CacheOutbox.cpp: the server's version
// goes under the local changes, which are re-applied on top.
#include "core/cache/CacheDatabase.h"
#include "core/cache/CacheSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace Keydesk::Core {

namespace {

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error::make(QStringLiteral("cache_sql"),
                       QObject::tr("The local cache failed to %1: %2").arg(what, error.text()));
}

Error badFeed(const QString &what)
{
    return Error::make(QStringLiteral("bad_response"),
                       QObject::tr("The server's change feed is not in the expected format (%1); the server and "
                                   "this Keydesk may be different versions.")
                           .arg(what));
}

/// SQLite's JSON functions fail the statement on a body that is not JSON: that is the server's fault.
Error feedError(const QString &what, const QSqlError &error)
{
    if (error.text().contains(QLatin1String("malformed JSON")))
        return badFeed(QObject::tr("the body is not JSON"));
    return sqlError(what, error);
}

/// A statement prepared once for the whole page (QSqlQuery::exec(QString) would prepare it again).
class Statement
{
public:
    Statement(const QSqlDatabase &db, const QString &sql)
        : m_query(db)
        , m_sql(sql)
    {
        m_query.setForwardOnly(true);
        m_prepared = m_query.prepare(sql);
    }
    Result<QSqlQuery *> run(const QVariantList &bindings = {})
    {
        if (!m_prepared)
            return sqlError(m_sql.left(60), m_query.lastError());
        for (int i = 0; i < bindings.size(); ++i)
            m_query.bindValue(i, bindings.at(i));
        if (!m_query.exec())
            return sqlError(m_sql.left(60), m_query.lastError());
        return &m_query;
    }

private:
    QSqlQuery m_query;
    QString m_sql;
    bool m_prepared = false;
};

/// "id, revision, data, pending, pending_op, c1, c2" and the matching SELECT list over the staging table.
QString upsertSql(const CacheSchema::EntityTable &table)
{
    QStringList names { QStringLiteral("id"), QStringLiteral("revision"), QStringLiteral("data"),
                        QStringLiteral("pending"), QStringLiteral("pending_op") };
    QStringList values { QStringLiteral("f.id"), QStringLiteral("f.revision"), QStringLiteral("f.data"),
                         QStringLiteral("0"), QStringLiteral("NULL") };
    for (const QString &column : table.columns) {
        names.append(column);
        values.append(QStringLiteral("f.data ->> '$.%1'").arg(column));
    }
    return QStringLiteral("INSERT OR REPLACE INTO %1(%2) SELECT %3 FROM temp.feed f WHERE f.entity = ? AND "
                          "f.deleted = 0 AND NOT EXISTS (SELECT 1 FROM base_rows b WHERE b.entity = f.entity AND "
                          "b.id = f.id)")
        .arg(table.entity, names.join(QLatin1Char(',')), values.join(QLatin1Char(',')));
}

} // namespace

Result<void> CacheDatabase::createStaging()
{
    // Per connection, in memory: the staging rows of the page being applied, never persisted.
    return exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS feed (seq INTEGER PRIMARY KEY, entity TEXT, id TEXT, "
                               "revision INTEGER, deleted INTEGER, data TEXT)"));
}

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
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    // One parse: SQLite caches the parsed argument across the JSON calls of one statement.
    if (!q.prepare(QStringLiteral("SELECT json_valid(b), json_type(b, '$.changes'), b ->> '$.next_revision', "
                                  "json_type(b, '$.next_revision'), b ->> '$.has_more' FROM (SELECT CAST(? AS TEXT) "
                                  "AS b)")))
        return sqlError(QStringLiteral("read a change page"), q.lastError());
    q.addBindValue(body);
    if (!q.exec() || !q.next())
        return feedError(QStringLiteral("read a change page"), q.lastError());
    if (q.value(0).toInt() != 1)
        return badFeed(QObject::tr("the body is not JSON"));
    if (q.value(1).toString() != QLatin1String("array"))
        return badFeed(QObject::tr("no \"changes\" array"));
    const QString type = q.value(3).toString();
    if (type != QLatin1String("integer") && type != QLatin1String("real"))
        return badFeed(QObject::tr("no \"next_revision\" number"));
    FeedPageHead head;
    head.nextRevision = q.value(2).toLongLong();
    head.hasMore = q.value(4).toInt() != 0;
    return head;
}

Result<ApplyStats> CacheDatabase::applyFeedBody(const QByteArray &body)
{
    std::optional<FeedPageHead> peeked = peekFeedHead(body);
    Result<FeedPageHead> head = peeked ? Result<FeedPageHead>(*peeked) : readFeedHead(body);
    if (!head)
        return head.error();
    if (auto b = begin(); !b)
        return b.error();
    auto fail = [this](const Error &e) {
        rollback();
        return e;
    };
    ApplyStats stats;
    const QSqlDatabase db = connection();
    if (auto r = exec(QStringLiteral("DELETE FROM temp.feed")); !r)
        return fail(r.error());
    {
        Statement stage(db,
                        QStringLiteral("INSERT INTO temp.feed(entity, id, revision, deleted, data) SELECT "
                                       "value ->> '$.entity', value ->> '$.id', value ->> '$.revision', "
                                       "coalesce(value ->> '$.deleted', 0), value -> '$.data' FROM "
                                       "json_each(CAST(? AS TEXT), '$.changes')"));
        if (auto r = stage.run({ body }); !r)
            return fail(r.error().message.contains(QLatin1String("malformed JSON"))
                            ? badFeed(QObject::tr("the body is not JSON"))
                            : r.error()); // Statement::run words it as a cache failure
    }
    {
        Statement check(db,
                        QStringLiteral("SELECT count(*) FROM temp.feed WHERE entity IS NULL OR entity = '' OR "
                                       "id IS NULL OR id = '' OR revision IS NULL OR revision <= 0 OR "
                                       "(deleted = 0 AND coalesce(json_type(data), '') <> 'object')"));
        auto r = check.run();
        if (!r)
            return fail(r.error());
        if ((*r)->next() && (*r)->value(0).toInt() > 0)
            return fail(badFeed(QObject::tr("a row without entity, id, revision or data")));
    }

    // Rows under local changes: the server's version goes into base_rows, the local changes stay on top.
    {
        Statement pending(db,
                          QStringLiteral("SELECT f.entity, f.id, f.revision, f.deleted, f.data FROM temp.feed f "
                                         "JOIN base_rows b ON b.entity = f.entity AND b.id = f.id ORDER BY "
                                         "f.seq"));
        auto r = pending.run();
        if (!r)
            return fail(r.error());
        struct Row
        {
            QString entity, id, data;
            qint64 revision;
            bool deleted;
        };
        QList<Row> under;
        while ((*r)->next())
            under.append({ (*r)->value(0).toString(), (*r)->value(1).toString(), (*r)->value(4).toString(),
                           (*r)->value(2).toLongLong(), (*r)->value(3).toInt() != 0 });
        for (const Row &row : under) {
            if (!CacheSchema::findEntity(row.entity))
                continue;
            if (auto u = exec(QStringLiteral("UPDATE base_rows SET revision = ?, data = ? WHERE entity = ? AND id = ?"),
                              { row.revision, row.deleted ? QVariant() : QVariant(row.data), row.entity, row.id });
                !u)
                return fail(u.error());
            if (auto u = recompute(row.entity, row.id); !u)
                return fail(u.error());
        }
    }

    // Which entities the page touches, and how: a few statements each instead of one per row. Deletes go first:
    // a row the page holds both deleted and alive was re-created after its tombstone (a higher revision).
    QList<QPair<QString, bool>> groups;
    {
        Statement which(db, QStringLiteral("SELECT DISTINCT entity, deleted FROM temp.feed"));
        auto r = which.run();
        if (!r)
            return fail(r.error());
        while ((*r)->next())
            groups.append({ (*r)->value(0).toString(), (*r)->value(1).toInt() != 0 });
    }
    std::stable_sort(groups.begin(), groups.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    for (const auto &[entity, deleted] : groups) {
        const CacheSchema::EntityTable *table = CacheSchema::findEntity(entity);
        if (!table)
            continue;
        const QString sql = deleted
            ? QStringLiteral("DELETE FROM %1 WHERE id IN (SELECT f.id FROM temp.feed f WHERE f.entity = ? AND "
                             "f.deleted <> 0 AND NOT EXISTS (SELECT 1 FROM base_rows b WHERE b.entity = f.entity "
                             "AND b.id = f.id))")
                  .arg(table->entity)
            : upsertSql(*table);
        Statement move(db, sql);
        if (auto r = move.run({ entity }); !r)
            return fail(r.error());
    }

    // What changed, for the models' row signals.
    {
        Statement changed(db, QStringLiteral("SELECT entity, id FROM temp.feed ORDER BY seq"));
        auto r = changed.run();
        if (!r)
            return fail(r.error());
        QString lastEntity;
        QStringList *ids = nullptr;
        bool known = false;
        while ((*r)->next()) {
            const QString entity = (*r)->value(0).toString();
            if (!ids || entity != lastEntity) {
                lastEntity = entity;
                known = CacheSchema::findEntity(entity) != nullptr;
                ids = &stats.changed[entity];
            }
            if (!known) {
                ++stats.skipped;
                continue;
            }
            ids->append((*r)->value(1).toString());
            ++stats.applied;
        }
        for (auto it = stats.changed.begin(); it != stats.changed.end();)
            it = it->isEmpty() ? stats.changed.erase(it) : std::next(it);
    }
    if (auto r = exec(QStringLiteral("DELETE FROM temp.feed")); !r)
        return fail(r.error());
    if (auto r = setMeta(QStringLiteral("last_revision"), QString::number(head->nextRevision)); !r)
        return fail(r.error());
    if (auto c = commit(); !c)
        return fail(c.error());
    stats.lastRevision = head->nextRevision;
    return stats;
}

} // namespace Keydesk::Core
