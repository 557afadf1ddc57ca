#include "server/store/V1ChangeFeed.h"

#include "server/store/Database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <cstdio>

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

struct PendingRow
{
    qint64 revision;
    QByteArray json;
};

void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

/// A column value as JSON: integers and reals as numbers, NULL as null, everything else as a string.
void appendJson(QByteArray &out, const QVariant &v)
{
    if (v.isNull()) {
        out += "null";
        return;
    }
    switch (v.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::ULongLong:
    case QMetaType::UInt:
        out += QByteArray::number(v.toLongLong());
        return;
    case QMetaType::Double:
        out += QByteArray::number(v.toDouble(), 'g', 17);
        return;
    default:
        appendJsonString(out, v.toString());
    }
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

    QList<PendingRow> rows;
    bool truncated = false; // some table had more than `limit` rows in range
    for (const FeedTable &table : kTables) {
        const QString sql
            = QStringLiteral("SELECT %1, t.revision FROM %2 t %3 AND t.revision > ? AND t.revision <= ? "
                             "ORDER BY t.revision LIMIT ?")
                  .arg(QLatin1String(table.columns), QLatin1String(table.entity), QLatin1String(table.scope));
        auto q = m_db.exec(sql, { companyId, since, upperBound, limit + 1 });
        if (!q)
            return q.error();
        // Rows are written as JSON text directly: building a QJsonObject per row costs more than the query.
        const QByteArray prefix = QByteArrayLiteral("{\"entity\":\"") + table.entity + QByteArrayLiteral("\",\"id\":");
        QList<QByteArray> keys; // "\"name\":" per column, made once per table
        int columns = 0;
        int n = 0;
        while (q.value().next()) {
            if (++n > limit) {
                truncated = true;
                break;
            }
            if (keys.isEmpty()) {
                const QSqlRecord record = q->record();
                columns = record.count() - 1;
                for (int i = 0; i < columns; ++i)
                    keys.append('"' + record.fieldName(i).toUtf8() + QByteArrayLiteral("\":"));
            }
            const qint64 revision = q->value(columns).toLongLong();
            QByteArray json;
            json.reserve(256);
            json += prefix;
            appendJson(json, q->value(0));
            json += QByteArrayLiteral(",\"revision\":") + QByteArray::number(revision)
                + QByteArrayLiteral(",\"deleted\":false,\"data\":{");
            for (int i = 0; i < columns; ++i) {
                if (i > 0)
                    json += ',';
                json += keys.at(i);
                appendJson(json, q->value(i));
            }
            json += QByteArrayLiteral("}}");
            rows.append({ revision, std::move(json) });
        }
    }
    auto t = m_db.exec(QStringLiteral("SELECT entity, entity_id, revision FROM tombstones WHERE company_id = ? AND "
                                      "revision > ? AND revision <= ? ORDER BY revision LIMIT ?"),
                       { companyId, since, upperBound, limit + 1 });
    if (!t)
        return t.error();
    int tombstones = 0;
    while (t.value().next()) {
        if (++tombstones > limit) {
            truncated = true;
            break;
        }
        const qint64 revision = t->value(2).toLongLong();
        const QJsonObject row { { QStringLiteral("entity"), t->value(0).toString() },
                                { QStringLiteral("id"), t->value(1).toString() },
                                { QStringLiteral("revision"), revision },
                                { QStringLiteral("deleted"), true },
                                { QStringLiteral("data"), QJsonValue() } };
        rows.append({ revision, QJsonDocument(row).toJson(QJsonDocument::Compact) });
    }

    // Revisions are unique database-wide (one counter), so a stable sort gives one total order.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const PendingRow &a, const PendingRow &b) { return a.revision < b.revision; });
    ChangePage page;
    page.hasMore = truncated || rows.size() > limit;
    const qsizetype count = std::min<qsizetype>(rows.size(), limit);
    page.count = int(count);
    qsizetype bytes = 2;
    for (qsizetype i = 0; i < count; ++i)
        bytes += rows.at(i).json.size() + 1;
    page.rowsJson.reserve(bytes);
    page.rowsJson.append('[');
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            page.rowsJson.append(',');
        page.rowsJson.append(rows.at(i).json);
    }
    page.rowsJson.append(']');
    // A complete page may skip ahead to the bound: nothing of this company lies between.
    page.nextRevision = page.hasMore ? rows.at(count - 1).revision : upperBound;
    if (page.nextRevision < since)
        page.nextRevision = since;
    return page;
}

} // namespace Keydesk::Server
