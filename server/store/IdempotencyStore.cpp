#include "server/store/IdempotencyStore.h"

#include "server/store/Database.h"

#include <QSqlQuery>

namespace Keydesk::Server {

using Core::Result;

IdempotencyStore::IdempotencyStore(Database &db)
    : m_db(db)
{ }

Result<std::optional<StoredResponse>> IdempotencyStore::find(const QString &key, const QString &scope,
                                                             qint64 nowMs) const
{
    auto q = m_db.exec(QStringLiteral("SELECT method, path, status, response_json FROM idempotency WHERE key = ? AND "
                                      "staff_id = ? AND created_at > ?"),
                       { key, scope, nowMs - kRetentionMs });
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<StoredResponse>();
    return std::optional<StoredResponse>(StoredResponse { q->value(0).toString(), q->value(1).toString(),
                                                          q->value(2).toInt(), q->value(3).toString().toUtf8() });
}

Result<void> IdempotencyStore::store(const QString &key, const QString &scope, const StoredResponse &r, qint64 nowMs)
{
    // REPLACE: an expired row with the same key is overwritten by the new first response.
    auto q = m_db.exec(QStringLiteral("INSERT OR REPLACE INTO idempotency(key, staff_id, method, path, status, "
                                      "response_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                       { key, scope, r.method, r.path, r.status, QString::fromUtf8(r.body), nowMs });
    if (!q)
        return q.error();
    return {};
}

Result<void> IdempotencyStore::purgeOlderThan(qint64 cutoffMs)
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM idempotency WHERE created_at <= ?"), { cutoffMs });
    if (!q)
        return q.error();
    return {};
}

bool IdempotencyStore::isValidKey(const QString &key)
{
    if (key.isEmpty() || key.size() > kMaxKeyLength)
        return false;
    for (const QChar c : key) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

} // namespace Keydesk::Server
