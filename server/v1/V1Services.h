#pragma once

#include "server/auth/LoginThrottle.h"
#include "server/auth/PasswordHasher.h"
#include "server/auth/RateLimiter.h"
#include "server/store/StaffStore.h"
#include "server/store/V1ChangeFeed.h"
#include "server/v1/V1Api.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace Keydesk::Server {
class NotificationSender;
}

namespace Keydesk::Server::V1 {

/// Wakes long-polling change-feed requests as soon as the database revision moves. Our own mutations kick it
/// directly; writes by other code paths (Core API, CLI in another process) are seen by a light poll of
/// meta.revision that runs only while someone waits.
class ChangeNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeNotifier)

public:
    static constexpr int kPollIntervalMs = 200;

    ChangeNotifier(Database &db, QObject *parent);

    /// Calls `wake` once the revision is above `since`, or `timeout` when `timeoutMs` passes first. The
    /// returned id cancels it.
    quint64 wait(qint64 since, int timeoutMs, std::function<void()> wake);
    void cancel(quint64 id);
    /// A commit happened: check now instead of at the next tick.
    void kick();
    int waiting() const { return int(m_waiters.size()); }

private:
    struct Waiter
    {
        quint64 id;
        qint64 since;
        qint64 deadlineMs;
        std::function<void()> wake;
    };
    void check();

    Database &m_db;
    QTimer m_timer;
    QList<Waiter> m_waiters;
    quint64 m_nextId = 1;
};

/// A registered route, for GET /v1/routes and the permission tests.
struct RouteInfo
{
    QString method;
    QString pattern;
    Access access;
    std::optional<Core::Permission> permission;
    bool mutation;
};

/// State shared by every /v1 route: stores, throttles, the change notifier and notification delivery.
/// Parented to the QHttpServer, so it lives exactly as long as the routes that use it.
class V1Services final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(V1Services)

public:
    V1Services(ServerContext &ctx, QObject *parent);
    ~V1Services() override;

    ServerContext &ctx;
    StaffStore staff;
    V1ChangeFeed feed;
    LoginThrottle loginThrottle;
    RateLimiter loginLimiter; ///< per client address: bursts of login attempts
    RateLimiter mobileLimiter; ///< per tenant: access checks, credential downloads, unlocks
    PasswordHasher hasher;
    ChangeNotifier changes;
    std::unique_ptr<NotificationSender> sender;
    QList<RouteInfo> routes; ///< every /v1 route, in registration order

    /// Delivers queued notifications (outside the request's transaction).
    void deliverNotifications();
    /// Drops expired idempotency records and staff sessions (hourly).
    void housekeeping();

private:
    QTimer m_housekeeping;
};

} // namespace Keydesk::Server::V1
