#include "core/sync/Mutations.h"

#include <QJsonDocument>
#include <QUuid>

namespace Keydesk::Core::Mutations {

namespace {

const QString kLocalPrefix = QStringLiteral("local-");

QString localId()
{
    return kLocalPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

OutboxEntry entry(const QString &op, const QByteArray &method, const QString &path, const QString &entity,
                  const QString &id, OutboxEntry::Effect effect, QJsonObject body, QJsonObject effectData)
{
    OutboxEntry e;
    e.op = op;
    e.method = method;
    e.path = path;
    e.body = std::move(body);
    e.entity = entity;
    e.entityId = id;
    e.effect = effect;
    e.effectData = std::move(effectData);
    return e;
}

/// ISO instants of the /v1 body → the feed's unix milliseconds (null stays null).
QJsonValue feedInstant(const QJsonValue &v)
{
    if (!v.isString())
        return v;
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? QJsonValue(t.toMSecsSinceEpoch()) : v;
}

/// A key body (as /v1 takes it) in the feed's column format.
QJsonObject keyEffect(const QJsonObject &body)
{
    QJsonObject out;
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (it.key() == QLatin1String("valid_from") || it.key() == QLatin1String("valid_to"))
            out.insert(it.key(), feedInstant(it.value()));
        else if (it.key() == QLatin1String("windows"))
            out.insert(QStringLiteral("windows_json"),
                       QString::fromUtf8(QJsonDocument(it.value().toArray()).toJson(QJsonDocument::Compact)));
        else if (it.key() != QLatin1String("notify"))
            out.insert(it.key(), it.value());
    }
    return out;
}

} // namespace

bool isLocalId(const QString &id)
{
    return id.startsWith(kLocalPrefix);
}

OutboxEntry revokeKey(const QString &keyId, const QString &reason, const QString &staffId, const QDateTime &now)
{
    return entry(QStringLiteral("key.revoke"), QByteArrayLiteral("POST"),
                 QStringLiteral("/v1/keys/%1/revoke").arg(keyId), QStringLiteral("keys"), keyId,
                 OutboxEntry::Effect::Merge, QJsonObject { { QStringLiteral("reason"), reason } },
                 QJsonObject { { QStringLiteral("revoked_at"), now.toMSecsSinceEpoch() },
                               { QStringLiteral("revoked_by"), staffId },
                               { QStringLiteral("revoked_reason"), reason } });
}

OutboxEntry editKey(const QString &keyId, const QJsonObject &changes)
{
    return entry(QStringLiteral("key.edit"), QByteArrayLiteral("PATCH"), QStringLiteral("/v1/keys/%1").arg(keyId),
                 QStringLiteral("keys"), keyId, OutboxEntry::Effect::Merge, changes, keyEffect(changes));
}

OutboxEntry createKey(const QJsonObject &key, const QString &facilityId, const QString &staffId, const QDateTime &now)
{
    const QString id = localId();
    QJsonObject row = keyEffect(key);
    row.insert(QStringLiteral("id"), id);
    row.insert(QStringLiteral("facility_id"), key.value(QStringLiteral("facility_id")).toString(facilityId));
    row.insert(QStringLiteral("created_by"), staffId);
    row.insert(QStringLiteral("created_at"), now.toMSecsSinceEpoch());
    return entry(QStringLiteral("key.create"), QByteArrayLiteral("POST"), QStringLiteral("/v1/keys"),
                 QStringLiteral("keys"), id, OutboxEntry::Effect::Upsert, key, row);
}

OutboxEntry editUser(const QString &userId, const QJsonObject &changes)
{
    return entry(QStringLiteral("user.edit"), QByteArrayLiteral("PATCH"), QStringLiteral("/v1/users/%1").arg(userId),
                 QStringLiteral("users"), userId, OutboxEntry::Effect::Merge, changes, changes);
}

OutboxEntry invalidateOfflineKeys(const QString &userId)
{
    // No field changes locally: the user's row is only marked pending until the server has done it.
    return entry(QStringLiteral("user.invalidate_offline_keys"), QByteArrayLiteral("POST"),
                 QStringLiteral("/v1/users/%1/offline-keys/invalidate").arg(userId), QStringLiteral("users"), userId,
                 OutboxEntry::Effect::Merge, QJsonObject(), QJsonObject());
}

OutboxEntry issueQuickClick(const QString &lockId, const QString &code, int uses, const QDateTime &now)
{
    const QString id = localId();
    return entry(QStringLiteral("quick_click.issue"), QByteArrayLiteral("POST"),
                 QStringLiteral("/v1/locks/%1/quick-clicks").arg(lockId), QStringLiteral("quick_clicks"), id,
                 OutboxEntry::Effect::Upsert,
                 QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("uses"), uses } },
                 QJsonObject { { QStringLiteral("id"), id },
                               { QStringLiteral("lock_id"), lockId },
                               { QStringLiteral("code"), code },
                               { QStringLiteral("uses"), uses },
                               { QStringLiteral("start_uses"), uses },
                               { QStringLiteral("pending"), 1 },
                               { QStringLiteral("revoked"), 0 },
                               { QStringLiteral("created_at"), now.toMSecsSinceEpoch() } });
}

OutboxEntry revokeQuickClick(const QString &quickClickId, const QString &lockId, const QString &code)
{
    return entry(QStringLiteral("quick_click.revoke"), QByteArrayLiteral("DELETE"),
                 QStringLiteral("/v1/locks/%1/quick-clicks/%2").arg(lockId, code), QStringLiteral("quick_clicks"),
                 quickClickId, OutboxEntry::Effect::Merge, QJsonObject(),
                 QJsonObject { { QStringLiteral("revoked"), 1 }, { QStringLiteral("pending"), 1 } });
}

OutboxEntry createUser(const QJsonObject &user, const QString &facilityId, const QDateTime &now)
{
    const QString id = localId();
    QJsonObject row = user;
    row.insert(QStringLiteral("id"), id);
    row.insert(QStringLiteral("facility_id"), user.value(QStringLiteral("facility_id")).toString(facilityId));
    if (!row.contains(QStringLiteral("kind")))
        row.insert(QStringLiteral("kind"), QStringLiteral("tenant"));
    if (!row.contains(QStringLiteral("status")))
        row.insert(QStringLiteral("status"), QStringLiteral("active"));
    row.insert(QStringLiteral("created_at"), now.toMSecsSinceEpoch());
    return entry(QStringLiteral("user.create"), QByteArrayLiteral("POST"), QStringLiteral("/v1/users"),
                 QStringLiteral("users"), id, OutboxEntry::Effect::Upsert, user, row);
}

OutboxEntry editStaff(const QString &staffId, const QJsonObject &changes)
{
    OutboxEntry e
        = entry(QStringLiteral("staff.edit"), QByteArrayLiteral("PATCH"), QStringLiteral("/v1/staff/%1").arg(staffId),
                QStringLiteral("staff"), staffId, OutboxEntry::Effect::Merge, changes, changes);
    if (changes.contains(QStringLiteral("password")))
        e.path.clear(); // CacheDatabase::enqueue refuses an entry without a path
    return e;
}

} // namespace Keydesk::Core::Mutations
