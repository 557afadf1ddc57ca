#pragma once

#include "core/domain/Result.h"

#include <QList>
#include <QString>

namespace Keydesk::Server {

class Database;

/// A message waiting in the `notifications` outbox.
struct OutgoingNotification
{
    QString id;
    QString userId;
    QString keyId;
    QString channel; ///< "email" or "sms"
    QString recipient;
    QString body;
    QString accessCode; ///< 6 digits for keypad locks, else empty
};

/// Where notifications go. Pluggable: e-mail / SMS gateways implement this; the default appends to a log file.
class NotificationSender
{
public:
    virtual ~NotificationSender() = default;
    virtual Core::Result<void> send(const OutgoingNotification &notification) = 0;
};

/// Default delivery: one JSON line per notification in a file next to the database.
class LogFileNotificationSender final : public NotificationSender
{
public:
    explicit LogFileNotificationSender(QString path);
    Core::Result<void> send(const OutgoingNotification &notification) override;
    QString path() const { return m_path; }

private:
    QString m_path;
};

/// The notifications outbox: written in the same transaction as the change that causes it, delivered after.
class NotificationOutbox final
{
public:
    explicit NotificationOutbox(Database &db);

    Core::Result<void> enqueue(const OutgoingNotification &notification, qint64 nowMs);
    Core::Result<QList<OutgoingNotification>> pending(int limit) const;
    Core::Result<void> markSent(const QString &id, qint64 nowMs);

    /// A random 6-digit code (leading zeros kept) for keypad locks.
    static QString newAccessCode();

private:
    Database &m_db;
};

} // namespace Keydesk::Server
