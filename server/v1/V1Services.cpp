#include "server/v1/V1Services.h"

#include "server/ServerContext.h"
#include "server/store/IdempotencyStore.h"
#include "server/store/NotificationOutbox.h"

#include <QDateTime>
#include <QFileInfo>

namespace Keydesk::Server::V1 {

ChangeNotifier::ChangeNotifier(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setInterval(kPollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ChangeNotifier::check);
}

quint64 ChangeNotifier::wait(qint64 since, int timeoutMs, std::function<void()> wake)
{
    const quint64 id = m_nextId++;
    m_waiters.append({ id, since, QDateTime::currentMSecsSinceEpoch() + timeoutMs, std::move(wake) });
    if (!m_timer.isActive())
        m_timer.start();
    return id;
}

void ChangeNotifier::cancel(quint64 id)
{
    m_waiters.removeIf([id](const Waiter &w) { return w.id == id; });
    if (m_waiters.isEmpty())
        m_timer.stop();
}

void ChangeNotifier::kick()
{
    if (!m_waiters.isEmpty())
        QTimer::singleShot(0, this, &ChangeNotifier::check);
}

void ChangeNotifier::check()
{
    if (m_waiters.isEmpty()) {
        m_timer.stop();
        return;
    }
    const qint64 revision = m_db.revision();
    // Wall-clock deadlines on purpose: long-poll timeouts are about real waiting, not the domain clock.
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    QList<Waiter> due;
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        if (revision > it->since || nowMs >= it->deadlineMs) {
            due.append(std::move(*it));
            it = m_waiters.erase(it);
        } else {
            ++it;
        }
    }
    if (m_waiters.isEmpty())
        m_timer.stop();
    // Wake after the list is consistent: a woken waiter may register a new wait.
    for (Waiter &w : due)
        w.wake();
}

V1Services::V1Services(ServerContext &context, QObject *parent)
    : QObject(parent)
    , ctx(context)
    , staff(context.db)
    , feed(context.db)
    , loginThrottle(context.clock)
    , loginLimiter(context.clock, 10, 10.0 / 60) // 10 attempts at once, then 10 a minute per address
    , mobileLimiter(context.clock, 20, 1.0 / 3) // 20 at once, then one every 3 s per tenant
    , changes(context.db, this)
    , sender(std::make_unique<LogFileNotificationSender>(context.db.path() + QStringLiteral(".notifications.log")))
{
    // Replays are honoured for a day; older idempotency records only take space.
    m_housekeeping.setInterval(3600 * 1000);
    connect(&m_housekeeping, &QTimer::timeout, this, &V1Services::housekeeping);
    m_housekeeping.start();
}

void V1Services::housekeeping()
{
    WriteTransaction txn(ctx.db);
    if (!txn.isActive())
        return; // busy: next hour
    const qint64 nowMs = ctx.nowMs();
    if (!IdempotencyStore(ctx.db).purgeOlderThan(nowMs - IdempotencyStore::kRetentionMs)
        || !staff.purgeExpiredSessions(nowMs) || !txn.commit())
        qCWarning(lcV1) << "housekeeping failed; will retry in an hour";
}

V1Services::~V1Services() = default;

void V1Services::deliverNotifications()
{
    NotificationOutbox outbox(ctx.db);
    auto pending = outbox.pending(100);
    if (!pending) {
        qCWarning(lcV1) << "cannot read the notification outbox:" << pending.error().message;
        return;
    }
    for (const OutgoingNotification &n : *pending) {
        auto sent = sender->send(n);
        if (!sent) {
            // Left in the outbox; the next mutation retries.
            qCWarning(lcV1) << "notification" << n.id << "not delivered:" << sent.error().message;
            return;
        }
        WriteTransaction txn(ctx.db);
        if (!txn.isActive() || !outbox.markSent(n.id, ctx.nowMs()) || !txn.commit())
            qCWarning(lcV1) << "notification" << n.id << "sent but not marked as sent";
    }
}

} // namespace Keydesk::Server::V1
