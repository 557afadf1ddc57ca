#include "ui/views/keys/KeyRowJson.h"

#include "core/models/KeySchedules.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Keydesk::Ui::KeyRowJson {

namespace {

QDateTime instantOf(const QJsonValue &v)
{
    if (v.isDouble())
        return QDateTime::fromMSecsSinceEpoch(v.toInteger(), Qt::UTC);
    if (v.isString())
        return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
    return {};
}

QJsonValue iso(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonArray windowsJson(const QList<Core::AccessWindow> &windows)
{
    QJsonArray out;
    for (const Core::AccessWindow &w : windows) {
        QJsonArray days;
        for (int d = 1; d <= 7; ++d) {
            if (w.days.mask() & (1 << (d - 1)))
                days.append(d);
        }
        out.append(QJsonObject { { QStringLiteral("days"), days },
                                 { QStringLiteral("start"), w.start.toString(QStringLiteral("HH:mm")) },
                                 { QStringLiteral("end"), w.end.toString(QStringLiteral("HH:mm")) } });
    }
    return out;
}

} // namespace

Core::DigitalKey fromFeedRow(const QString &id, const QJsonObject &data)
{
    Core::DigitalKey k;
    k.id = id;
    k.description = data.value(QStringLiteral("description")).toString();
    k.lockId = data.value(QStringLiteral("lock_id")).toString();
    if (k.lockId.isEmpty())
        k.lockId = data.value(QStringLiteral("lock_group_id")).toString();
    k.userId = data.value(QStringLiteral("user_id")).toString();
    if (k.userId.isEmpty())
        k.userId = data.value(QStringLiteral("user_group_id")).toString();
    k.role = data.value(QStringLiteral("role")).toString() == QLatin1String("ADMIN") ? Core::KeyRole::Admin
                                                                                     : Core::KeyRole::User;
    k.validFrom = instantOf(data.value(QStringLiteral("valid_from")));
    k.validTo = instantOf(data.value(QStringLiteral("valid_to")));
    if (auto r = Core::restrictionFromString(data.value(QStringLiteral("restriction")).toString()))
        k.restriction = *r;
    // The model's reader of the cached windows (one reading of the format for the table and the dialogs).
    const QJsonArray windows = data.value(QStringLiteral("windows")).toArray();
    k.windows
        = Core::WindowSets::parse(windows.isEmpty() ? data.value(QStringLiteral("windows_json")).toString().toUtf8()
                                                    : QJsonDocument(windows).toJson(QJsonDocument::Compact));
    k.usedAt = instantOf(data.value(QStringLiteral("used_at")));
    k.revokedAt = instantOf(data.value(QStringLiteral("revoked_at")));
    k.revokedBy = data.value(QStringLiteral("revoked_by")).toString();
    k.revokedReason = data.value(QStringLiteral("revoked_reason")).toString();
    return k;
}

QJsonObject createBody(const Core::DigitalKey &key, bool lockIsGroup, const QString &notify)
{
    QJsonObject body { { lockIsGroup ? QStringLiteral("lock_group_id") : QStringLiteral("lock_id"), key.lockId },
                       { QStringLiteral("user_id"), key.userId },
                       { QStringLiteral("description"), key.description },
                       { QStringLiteral("role"), Core::toString(key.role) },
                       { QStringLiteral("valid_from"), iso(key.validFrom) },
                       { QStringLiteral("valid_to"), iso(key.validTo) },
                       { QStringLiteral("restriction"), Core::toString(key.restriction) },
                       { QStringLiteral("notify"), notify } };
    if (key.restriction == Core::Restriction::Scheduled)
        body.insert(QStringLiteral("windows"), windowsJson(key.windows));
    return body;
}

QJsonObject editChanges(const Core::DigitalKey &before, const Core::DigitalKey &after)
{
    QJsonObject c;
    if (before.description != after.description)
        c.insert(QStringLiteral("description"), after.description);
    if (before.role != after.role)
        c.insert(QStringLiteral("role"), Core::toString(after.role));
    if (before.validFrom != after.validFrom)
        c.insert(QStringLiteral("valid_from"), iso(after.validFrom));
    if (before.validTo != after.validTo)
        c.insert(QStringLiteral("valid_to"), iso(after.validTo));
    if (before.restriction != after.restriction)
        c.insert(QStringLiteral("restriction"), Core::toString(after.restriction));
    if (before.windows != after.windows || (before.restriction != after.restriction))
        c.insert(QStringLiteral("windows"),
                 after.restriction == Core::Restriction::Scheduled ? QJsonValue(windowsJson(after.windows))
                                                                   : QJsonValue(QJsonArray()));
    return c;
}

} // namespace Keydesk::Ui::KeyRowJson
