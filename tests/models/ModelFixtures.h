#pragma once

// Shared by the model tests: a real cache on a temporary file, fed with change pages shaped like the server's
// feed ({"entity","id","revision","deleted","data"}), and builders for the rows of each entity.
#include "core/cache/CacheDatabase.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

namespace Keydesk::Test {

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

inline qint64 ms(const char *isoUtc)
{
    return QDateTime::fromString(QString::fromLatin1(isoUtc), Qt::ISODate).toMSecsSinceEpoch();
}

/// A cache on a temporary file with a revision counter, like the sync engine would fill it.
class FeedCache final
{
public:
    FeedCache()
    {
        auto opened = Core::CacheDatabase::open(m_dir.filePath(QStringLiteral("cache.sqlite")));
        if (opened)
            m_db = std::move(opened).value();
        else
            m_error = opened.error().message;
    }

    bool ok() const { return m_db != nullptr; }
    QString error() const { return m_error; }
    Core::CacheDatabase &db() { return *m_db; }
    QString path() const { return m_dir.filePath(QStringLiteral("cache.sqlite")); }

    Core::ChangeRow row(const QString &entity, const QString &id, QJsonObject data)
    {
        Core::ChangeRow r;
        r.entity = entity;
        r.id = id;
        r.revision = ++m_revision;
        data.insert(QStringLiteral("id"), id);
        r.data = data;
        return r;
    }
    Core::ChangeRow tombstone(const QString &entity, const QString &id)
    {
        Core::ChangeRow r;
        r.entity = entity;
        r.id = id;
        r.revision = ++m_revision;
        r.deleted = true;
        return r;
    }

    /// Applies one page; returns entity → ids changed (what CacheStore announces), or an empty map on error.
    QHash<QString, QStringList> apply(const QList<Core::ChangeRow> &rows)
    {
        Core::ChangePage page;
        page.rows = rows;
        page.nextRevision = m_revision;
        auto stats = m_db->applyPage(page);
        if (!stats) {
            qWarning() << "applyPage failed:" << stats.error().message;
            return {};
        }
        return stats->changed;
    }

    // ---- rows shaped like the server's feed ------------------------------------------------------------
    Core::ChangeRow lock(const QString &id, const QString &name,
                         const QString &mac = QStringLiteral("AA:BB:CC:00:00:01"),
                         const QString &status = QStringLiteral("ready"))
    {
        return row(QStringLiteral("locks"), id,
                   { { QStringLiteral("facility_id"), QStringLiteral("f1") },
                     { QStringLiteral("name"), name },
                     { QStringLiteral("mac"), mac },
                     { QStringLiteral("serial"), QStringLiteral("SN-") + name },
                     { QStringLiteral("status"), status },
                     { QStringLiteral("internal_battery_mv"), 3000 },
                     { QStringLiteral("external_battery_mv"), 0 },
                     { QStringLiteral("fw_version"), QStringLiteral("1.2.3") },
                     { QStringLiteral("last_seen_at"), QJsonValue() } });
    }
    Core::ChangeRow user(const QString &id, const QString &name, const QString &email = {},
                         const QString &status = QStringLiteral("active"),
                         const QString &kind = QStringLiteral("tenant"))
    {
        return row(QStringLiteral("users"), id,
                   { { QStringLiteral("facility_id"), QStringLiteral("f1") },
                     { QStringLiteral("name"), name },
                     { QStringLiteral("email"), email },
                     { QStringLiteral("phone"), QString() },
                     { QStringLiteral("kind"), kind },
                     { QStringLiteral("status"), status },
                     { QStringLiteral("tracking_key"), QStringLiteral("tk-") + id.left(8) } });
    }
    struct KeySpec
    {
        QString description;
        QString lockId;
        QString userId;
        qint64 validFrom = 0;
        qint64 validTo = -1; ///< -1: open
        QString restriction = QStringLiteral("none");
        qint64 usedAt = -1;
        qint64 revokedAt = -1;
        QString role = QStringLiteral("USER");
        QString windowsJson = QStringLiteral("[]"); ///< as the feed caches it (scheduled keys)
    };
    Core::ChangeRow key(const QString &id, const KeySpec &k)
    {
        auto instant = [](qint64 v) { return v < 0 ? QJsonValue() : QJsonValue(v); };
        return row(QStringLiteral("keys"), id,
                   { { QStringLiteral("facility_id"), QStringLiteral("f1") },
                     { QStringLiteral("description"), k.description },
                     { QStringLiteral("lock_id"), k.lockId },
                     { QStringLiteral("lock_group_id"), QJsonValue() },
                     { QStringLiteral("user_id"), k.userId },
                     { QStringLiteral("user_group_id"), QJsonValue() },
                     { QStringLiteral("role"), k.role },
                     { QStringLiteral("valid_from"), k.validFrom },
                     { QStringLiteral("valid_to"), instant(k.validTo) },
                     { QStringLiteral("restriction"), k.restriction },
                     { QStringLiteral("windows_json"), k.windowsJson },
                     { QStringLiteral("used_at"), instant(k.usedAt) },
                     { QStringLiteral("created_by"), QStringLiteral("admin") },
                     { QStringLiteral("created_at"), k.validFrom },
                     { QStringLiteral("revoked_at"), instant(k.revokedAt) },
                     { QStringLiteral("revoked_by"), QJsonValue() },
                     { QStringLiteral("revoked_reason"), QJsonValue() } });
    }
    Core::ChangeRow offlineKey(const QString &id, const QString &lockId, const QString &userId, qint64 issuedAt,
                               qint64 expiresAt, qint64 invalidatedAt = -1)
    {
        return row(
            QStringLiteral("offline_keys"), id,
            { { QStringLiteral("lock_id"), lockId },
              { QStringLiteral("user_id"), userId },
              { QStringLiteral("tracking_key"), QStringLiteral("tk") },
              { QStringLiteral("key_id"), 1 },
              { QStringLiteral("grant_id"), QJsonValue() },
              { QStringLiteral("issued_at"), issuedAt },
              { QStringLiteral("expires_at"), expiresAt },
              { QStringLiteral("invalidated_at"), invalidatedAt < 0 ? QJsonValue() : QJsonValue(invalidatedAt) } });
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Core::CacheDatabase> m_db;
    QString m_error;
    qint64 m_revision = 0;
};

} // namespace Keydesk::Test
