#include "server/store/NotificationOutbox.h"

#include "server/store/Database.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <openssl/rand.h>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

LogFileNotificationSender::LogFileNotificationSender(QString path)
    : m_path(std::move(path))
{ }

Result<void> LogFileNotificationSender::send(const OutgoingNotification &n)
{
    QFile file(m_path);
    if (!file.open(QIODevice::Append | QIODevice::Text))
        return Error::make(QStringLiteral("notification_log_unwritable"),
                           QStringLiteral("Cannot append to the notification log %1: %2. Check the directory's "
                                          "permissions.")
                               .arg(m_path, file.errorString()));
    const QJsonObject line { { QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
                             { QStringLiteral("id"), n.id },
                             { QStringLiteral("channel"), n.channel },
                             { QStringLiteral("recipient"), n.recipient },
                             { QStringLiteral("body"), n.body },
                             { QStringLiteral("access_code"), n.accessCode } };
    file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    return {};
}

NotificationOutbox::NotificationOutbox(Database &db)
    : m_db(db)
{ }

Result<void> NotificationOutbox::enqueue(const OutgoingNotification &n, qint64 nowMs)
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO notifications(id, user_id, key_id, channel, recipient, body, "
                                      "access_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                       { n.id, n.userId.isEmpty() ? QVariant() : QVariant(n.userId),
                         n.keyId.isEmpty() ? QVariant() : QVariant(n.keyId), n.channel, n.recipient, n.body,
                         // QtSql binds a null QString as NULL; the column is NOT NULL DEFAULT ''.
                         n.accessCode.isNull() ? QVariant(QStringLiteral("")) : QVariant(n.accessCode), nowMs });
    if (!q)
        return q.error();
    return {};
}

Result<QList<OutgoingNotification>> NotificationOutbox::pending(int limit) const
{
    auto q = m_db.exec(QStringLiteral("SELECT id, COALESCE(user_id, ''), COALESCE(key_id, ''), channel, recipient, "
                                      "body, access_code FROM notifications WHERE sent_at IS NULL ORDER BY created_at "
                                      "LIMIT ?"),
                       { limit });
    if (!q)
        return q.error();
    QList<OutgoingNotification> out;
    while (q.value().next())
        out.append({ q->value(0).toString(), q->value(1).toString(), q->value(2).toString(), q->value(3).toString(),
                     q->value(4).toString(), q->value(5).toString(), q->value(6).toString() });
    return out;
}

Result<void> NotificationOutbox::markSent(const QString &id, qint64 nowMs)
{
    auto q = m_db.exec(QStringLiteral("UPDATE notifications SET sent_at = ? WHERE id = ?"), { nowMs, id });
    if (!q)
        return q.error();
    return {};
}

QString NotificationOutbox::newAccessCode()
{
    // Rejection sampling keeps the 000000..999999 distribution uniform.
    quint32 value = 0;
    do {
        if (RAND_bytes(reinterpret_cast<unsigned char *>(&value), sizeof value) != 1)
            return {};
    } while (value >= 4294000000u);
    return QStringLiteral("%1").arg(value % 1000000u, 6, 10, QLatin1Char('0'));
}

} // namespace Keydesk::Server
