#include "server/store/V1ChangeFeed.h"

#include "server/store/Database.h"
#include "server/store/FeedJson.h"
#include "server/store/SqliteStatement.h"

#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <cstring>
#include <sqlite3.h>
#include <vector>

namespace Keydesk::Server {

using Core::Result;

namespace {

/// How one table appears in the feed: its public columns and how a row is tied to a company.
///
/// The scopes are written so SQLite walks the table's revision index in order and stops after `limit` rows:
/// CROSS JOIN fixes the feed table as the outer loop and "+t.company_id" keeps the company index out of it.
/// Without that, the planner (no ANALYZE statistics) picks the facility/company index and sorts every row of
/// the company for each page — quadratic for a million-row export.
struct FeedTable
{
    const char *entity;
    const char *columns; ///< qualified with "t."; the first is the id
    const char *scope; ///< joins + condition on the company (bound as the first parameter)
};

// Secret columns are left out on purpose: locks.sealed_secret, staff.password_hash, users.mobile_secret_hash,
// offline_keys.offline_key / unlock_command (bearer credentials of a tenant).
const FeedTable kTables[] = {
    { "facilities",
      "t.id, t.company_id, t.name, t.timezone, t.geofence_lat, t.geofence_lon, t.geofence_radius_m, t.created_at",
      "WHERE +t.company_id = ?" },
    { "units", "t.id, t.facility_id, t.name",
      "CROSS JOIN facilities f ON f.id = t.facility_id WHERE f.company_id = ?" },
    { "locks",
      "t.id, t.facility_id, t.unit_id, t.name, t.mac, t.serial, t.hw_version, t.fw_version, t.status, "
      "t.setup_count, t.internal_battery_mv, t.external_battery_mv, t.created_by, t.created_at, t.last_seen_at, "
      "t.revocation_version, t.revocation_min_epoch, t.delivered_revocation_version, t.log_seq_high",
      "WHERE +t.company_id = ?" },
    { "users",
      "t.id, t.facility_id, t.name, t.email, t.phone, t.kind, t.status, t.tracking_key, t.offline_epoch, "
      "t.created_at, (t.mobile_secret_hash IS NOT NULL) AS has_mobile_credential",
      "CROSS JOIN facilities f ON f.id = t.facility_id WHERE f.company_id = ?" },
    { "user_groups", "t.id, t.facility_id, t.name",
      "CROSS JOIN facilities f ON f.id = t.facility_id WHERE f.company_id = ?" },
    { "user_group_members", "t.id, t.group_id, t.user_id",
      "CROSS JOIN user_groups g ON g.id = t.group_id CROSS JOIN facilities f ON f.id = g.facility_id WHERE "
      "f.company_id = ?" },
    { "lock_groups", "t.id, t.facility_id, t.name",
      "CROSS JOIN facilities f ON f.id = t.facility_id WHERE f.company_id = ?" },
    { "lock_group_members", "t.id, t.group_id, t.lock_id",
      "CROSS JOIN lock_groups g ON g.id = t.group_id CROSS JOIN facilities f ON f.id = g.facility_id WHERE "
      "f.company_id = ?" },
    { "keys",
      "t.id, t.facility_id, t.description, t.lock_id, t.lock_group_id, t.user_id, t.user_group_id, t.role, "
      "t.valid_from, t.valid_to, t.restriction, t.windows_json, t.used_at, t.created_by, t.created_at, "
      "t.revoked_at, t.revoked_by, t.revoked_reason",
      "CROSS JOIN facilities f ON f.id = t.facility_id WHERE f.company_id = ?" },
    { "offline_keys",
      "t.id, t.lock_id, t.user_id, t.tracking_key, t.key_id, t.grant_id, t.issued_at, t.expires_at, "
      "t.invalidated_at",
      "CROSS JOIN locks l ON l.id = t.lock_id WHERE l.company_id = ?" },
    { "quick_clicks",
      "t.id, t.lock_id, t.code, t.uses, t.start_uses, t.pending, t.revoked, t.removal_delivered, t.created_at",
      "CROSS JOIN locks l ON l.id = t.lock_id WHERE l.company_id = ?" },
    { "activity",
      "t.id, t.lock_id, t.lock_mac, t.action, t.recorded_time, t.range_start, t.range_end, t.tracking_key, "
      "t.key_id, t.seq, t.session",
      "CROSS JOIN locks l ON l.id = t.lock_id WHERE l.company_id = ?" },
    { "staff", "t.id, t.company_id, t.username, t.role, t.failed_logins, t.locked_until, t.created_at",
      "WHERE +t.company_id = ?" },
    { "audit_log", "t.id, t.at, t.staff_id, t.action, t.entity, t.entity_id, t.before_json, t.after_json",
      "WHERE +t.company_id = ?" },
    { "notifications",
      "t.id, t.user_id, t.key_id, t.channel, t.recipient, t.body, t.access_code, t.created_at, t.sent_at",
      "CROSS JOIN users u ON u.id = t.user_id CROSS JOIN facilities f ON f.id = u.facility_id WHERE f.company_id = ?" },
};

/// Where one row's JSON sits in the page buffer: rows of several tables are merged by revision at the end.
struct RowSpan
{
    qint64 revision;
    qsizetype offset;
    qsizetype length;
};

/// The rows read so far, written into one buffer (no allocation per row): a row reserves its worst case, is
/// written through a raw pointer, and gives back what it did not use.
struct PageRows
{
    QByteArray buffer;
    qsizetype used = 0;
    std::vector<RowSpan> spans;

    char *reserve(qsizetype bytes)
    {
        if (used + bytes > buffer.size())
            buffer.resize(std::max(buffer.size() * 2, used + bytes));
        return buffer.data() + used;
    }
    void finish(qint64 revision, qsizetype offset, const char *end)
    {
        used = end - buffer.constData();
        spans.push_back({ revision, offset, used - offset });
    }
    void add(qint64 revision, const QByteArray &json)
    {
        const qsizetype offset = used;
        char *p = reserve(json.size());
        std::memcpy(p, json.constData(), size_t(json.size()));
        finish(revision, offset, p + json.size());
    }
};

inline char *put(char *out, QByteArrayView bytes)
{
    std::memcpy(out, bytes.data(), size_t(bytes.size()));
    return out + bytes.size();
}

/// One column of the current row, read once: its storage type and value.
struct Cell
{
    int type;
    QByteArrayView text;
    qint64 integer;
};

/// The most bytes writeCell() writes for the cell.
inline qsizetype cellSize(const Cell &cell)
{
    return cell.type == SQLITE_TEXT || cell.type == SQLITE_BLOB ? FeedJson::maxStringSize(cell.text.size()) : 32;
}

/// A column value as JSON, as the stored type says: integers and reals as numbers, NULL as null, text as a string.
char *writeCell(char *out, const Cell &cell, const SqliteStatement &q, int column)
{
    switch (cell.type) {
    case SQLITE_NULL:
        return put(out, "null");
    case SQLITE_INTEGER:
        return FeedJson::writeNumber(out, cell.integer);
    case SQLITE_FLOAT: {
        QByteArray number;
        FeedJson::appendNumber(number, q.columnDouble(column)); // at most 24 characters
        return put(out, number);
    }
    default:
        return FeedJson::writeString(out, cell.text);
    }
}

/// The same through QtSql, for a store that is not SQLite.
void appendValue(QByteArray &out, const QVariant &v)
{
    if (v.isNull()) {
        out.append(QByteArrayView("null"));
        return;
    }
    switch (v.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
        FeedJson::appendNumber(out, v.toLongLong());
        return;
    case QMetaType::Double:
        FeedJson::appendNumber(out, v.toDouble());
        return;
    default:
        FeedJson::appendString(out, QStringView(v.toString()));
    }
}

QByteArray tableSql(const FeedTable &table)
{
    return QByteArrayLiteral("SELECT ") + table.columns + QByteArrayLiteral(", t.revision FROM ") + table.entity
        + QByteArrayLiteral(" t ") + table.scope
        + QByteArrayLiteral(" AND t.revision > ? AND t.revision <= ? ORDER BY t.revision LIMIT ?");
}

const char kTombstoneSql[] = "SELECT entity, entity_id, revision FROM tombstones WHERE company_id = ? AND revision > ? "
                             "AND revision <= ? ORDER BY revision LIMIT ?";

/// Reads one table's rows in (since, cap] into `rows`; returns how many it read (at most limit + 1).
Result<int> readTable(sqlite3 *handle, Database &db, const FeedTable &table, const QString &companyId, qint64 since,
                      qint64 cap, int limit, PageRows &rows)
{
    const QByteArray prefix = QByteArrayLiteral("{\"entity\":\"") + table.entity + QByteArrayLiteral("\",\"id\":");
    std::vector<QByteArray> keys; // "\"name\":" per column, made once per table
    int n = 0;
    if (!handle) {
        // The QtSql path, for a store that is not SQLite.
        auto q = db.exec(QString::fromUtf8(tableSql(table)), { companyId, since, cap, limit + 1 });
        if (!q)
            return q.error();
        const QSqlRecord record = q->record();
        const int columns = record.count() - 1;
        for (int i = 0; i < columns; ++i)
            keys.push_back('"' + record.fieldName(i).toUtf8() + QByteArrayLiteral("\":"));
        while (q.value().next()) {
            if (++n > limit)
                break;
            const qint64 revision = q->value(columns).toLongLong();
            QByteArray json = prefix;
            appendValue(json, q->value(0));
            json += QByteArrayLiteral(",\"revision\":") + QByteArray::number(revision)
                + QByteArrayLiteral(",\"deleted\":false,\"data\":{");
            for (int i = 0; i < columns; ++i) {
                if (i > 0)
                    json += ',';
                json += keys[size_t(i)];
                appendValue(json, q->value(i));
            }
            json += QByteArrayLiteral("}}");
            rows.add(revision, json);
        }
        return n;
    }
    SqliteStatement q(handle, tableSql(table));
    if (!q.isValid())
        return q.error();
    q.bindString(1, companyId);
    q.bindInt(2, since);
    q.bindInt(3, cap);
    q.bindInt(4, limit + 1);
    const int columns = q.columnCount() - 1;
    qsizetype fixed = prefix.size() + 64; // prefix, revision, "deleted", "data", braces
    for (int i = 0; i < columns; ++i) {
        keys.push_back('"' + q.columnName(i).toByteArray() + QByteArrayLiteral("\":"));
        fixed += keys.back().size() + 1;
    }
    std::vector<Cell> cells(static_cast<size_t>(columns));
    while (q.next()) {
        if (++n > limit)
            break;
        qsizetype need = fixed;
        for (int i = 0; i < columns; ++i) {
            Cell &cell = cells[size_t(i)];
            cell.type = q.columnType(i);
            if (cell.type == SQLITE_INTEGER)
                cell.integer = q.columnInt(i);
            else if (cell.type == SQLITE_TEXT || cell.type == SQLITE_BLOB)
                cell.text = q.columnText(i);
            need += cellSize(cell);
        }
        const qint64 revision = q.columnInt(columns);
        const qsizetype offset = rows.used;
        char *p = rows.reserve(need);
        p = put(p, prefix);
        p = writeCell(p, cells[0], q, 0);
        p = put(p, ",\"revision\":");
        p = FeedJson::writeNumber(p, revision);
        p = put(p, ",\"deleted\":false,\"data\":{");
        for (int i = 0; i < columns; ++i) {
            if (i > 0)
                *p++ = ',';
            p = put(p, keys[size_t(i)]);
            p = writeCell(p, cells[size_t(i)], q, i);
        }
        p = put(p, "}}");
        rows.finish(revision, offset, p);
    }
    if (q.failed())
        return q.error();
    return n;
}

Result<int> readTombstones(sqlite3 *handle, Database &db, const QString &companyId, qint64 since, qint64 cap, int limit,
                           PageRows &rows)
{
    int n = 0;
    auto writeRow = [&](auto entity, auto id, qint64 revision) {
        // QJsonObject's key order (sorted), as the feed wrote tombstones before.
        QByteArray json = QByteArrayLiteral("{\"data\":null,\"deleted\":true,\"entity\":");
        FeedJson::appendString(json, entity);
        json += QByteArrayLiteral(",\"id\":");
        FeedJson::appendString(json, id);
        json += QByteArrayLiteral(",\"revision\":");
        FeedJson::appendNumber(json, revision);
        json += '}';
        rows.add(revision, json);
    };
    if (handle) {
        SqliteStatement q(handle, QByteArray(kTombstoneSql));
        if (!q.isValid())
            return q.error();
        q.bindString(1, companyId);
        q.bindInt(2, since);
        q.bindInt(3, cap);
        q.bindInt(4, limit + 1);
        while (q.next()) {
            if (++n > limit)
                break;
            writeRow(q.columnText(0), q.columnText(1), q.columnInt(2));
        }
        if (q.failed())
            return q.error();
        return n;
    }
    auto q = db.exec(QString::fromLatin1(kTombstoneSql), { companyId, since, cap, limit + 1 });
    if (!q)
        return q.error();
    while (q.value().next()) {
        if (++n > limit)
            break;
        const QString entity = q->value(0).toString();
        const QString id = q->value(1).toString();
        writeRow(QStringView(entity), QStringView(id), q->value(2).toLongLong());
    }
    return n;
}

} // namespace

V1ChangeFeed::V1ChangeFeed(Database &db)
    : m_db(db)
{ }

QStringList V1ChangeFeed::entities()
{
    QStringList out;
    for (const FeedTable &t : kTables)
        out.append(QString::fromLatin1(t.entity));
    return out;
}

Result<ChangePage> V1ChangeFeed::read(const QString &companyId, qint64 since, int limit) const
{
    limit = std::clamp(limit, 1, kMaxLimit);
    // Rows committed while we read get a revision above this bound and show up on the next page.
    auto upper = m_db.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"));
    if (!upper)
        return upper.error();
    const qint64 upperBound = upper->toLongLong();
    sqlite3 *handle = SqliteStatement::handleOf(m_db);

    PageRows rows;
    rows.buffer.resize(qsizetype(limit) * 600);
    rows.spans.reserve(size_t(limit) + 1);
    bool truncated = false; // some table had more than `limit` rows in range
    // Once more than `limit` rows are in hand, only rows below the limit-th revision can still be on the page:
    // later tables are read up to that cap instead of `limit` rows each.
    qint64 cap = upperBound;
    auto tighten = [&] {
        if (rows.spans.size() <= size_t(limit))
            return;
        std::vector<qint64> revisions;
        revisions.reserve(rows.spans.size());
        for (const RowSpan &span : rows.spans)
            revisions.push_back(span.revision);
        std::nth_element(revisions.begin(), revisions.begin() + (limit - 1), revisions.end());
        cap = std::min(cap, revisions[size_t(limit - 1)]);
    };
    for (const FeedTable &table : kTables) {
        auto n = readTable(handle, m_db, table, companyId, since, cap, limit, rows);
        if (!n)
            return n.error();
        truncated = truncated || *n > limit;
        tighten();
    }
    auto n = readTombstones(handle, m_db, companyId, since, cap, limit, rows);
    if (!n)
        return n.error();
    truncated = truncated || *n > limit;

    // Revisions are unique database-wide (one counter), so sorting by revision gives one total order. Rows of a
    // single table (the usual export) are already in order.
    std::vector<RowSpan> &spans = rows.spans;
    if (!std::is_sorted(spans.begin(), spans.end(),
                        [](const RowSpan &a, const RowSpan &b) { return a.revision < b.revision; }))
        std::sort(spans.begin(), spans.end(),
                  [](const RowSpan &a, const RowSpan &b) { return a.revision < b.revision; });
    ChangePage page;
    page.hasMore = truncated || spans.size() > size_t(limit);
    const size_t count = std::min(spans.size(), size_t(limit));
    page.count = int(count);
    qsizetype bytes = 2;
    for (size_t i = 0; i < count; ++i)
        bytes += spans[i].length + 1;
    page.rowsJson.reserve(bytes);
    page.rowsJson.append('[');
    for (size_t i = 0; i < count; ++i) {
        if (i > 0)
            page.rowsJson.append(',');
        page.rowsJson.append(rows.buffer.constData() + spans[i].offset, spans[i].length);
    }
    page.rowsJson.append(']');
    // A complete page may skip ahead to the bound: nothing of this company lies between.
    page.nextRevision = page.hasMore ? spans[count - 1].revision : upperBound;
    if (page.nextRevision < since)
        page.nextRevision = since;
    return page;
}

} // namespace Keydesk::Server
