#include "ui/views/keys/KeyRowJson.h"

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

QList<Core::AccessWindow> windowsOf(const QJsonArray &array)
{
    static const QStringList names { QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                                     QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                                     QStringLiteral("sun") };
    QList<Core::AccessWindow> out;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        Core::AccessWindow w;
        for (const QJsonValue &d : o.value(QStringLiteral("days")).toArray()) {
            const int day = d.isString() ? int(names.indexOf(d.toString().left(3).toLower())) + 1 : d.toInt();
            if (day >= 1 && day <= 7)
                w.days.add(Qt::DayOfWeek(day));
        }
        w.start = QTime::fromString(o.value(QStringLiteral("start")).toString(), QStringLiteral("HH:mm"));
        w.end = QTime::fromString(o.value(QStringLiteral("end")).toString(), QStringLiteral("HH:mm"));
        out.append(w);
    }
    return out;
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
    QJsonArray windows = data.value(QStringLiteral("windows")).toArray();
    if (windows.isEmpty())
        windows = QJsonDocument::fromJson(data.value(QStringLiteral("windows_json")).toString().toUtf8()).array();
    k.windows = windowsOf(windows);
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
