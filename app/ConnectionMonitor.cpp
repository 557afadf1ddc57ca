#include "app/ConnectionMonitor.h"

#include "app/SessionBootstrap.h"
#include "core/domain/Clock.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMonitor, "keydesk.app.monitor")

namespace Keydesk::App {

ConnectionMonitor::ConnectionMonitor(Core::ApiClient &client, const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_client(&client)
    , m_clock(clock)
{
    m_timer.setInterval(kDefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionMonitor::refreshNow);
}

ConnectionMonitor::~ConnectionMonitor() = default;

void ConnectionMonitor::start()
{
    m_timer.start();
    refreshNow();
}

void ConnectionMonitor::refreshNow()
{
    if (m_running)
        return;
    QCoro::connect(refresh(), this, [] {});
}

QCoro::Task<void> ConnectionMonitor::refresh()
{
    QPointer<ConnectionMonitor> self(this);
    m_running = true;
    setState(Ui::ConnectionState::Syncing);
    const QString paths[] = { QStringLiteral("/v1/locks"), QStringLiteral("/v1/users"), QStringLiteral("/v1/keys") };
    constexpr int total = int(std::size(paths));
    QJsonObject answers[total];
    for (int i = 0; i < total; ++i) {
        if (!self || !self->m_client)
            co_return;
        Q_EMIT progressChanged(i, total);
        Core::ApiRequest request;
        request.path = paths[i];
        auto answer = co_await m_client->send(std::move(request));
        if (!self)
            co_return;
        if (!answer) {
            m_running = false;
            fail(answer.error());
            co_return;
        }
        answers[i] = answer->json;
    }
    Q_EMIT progressChanged(total, total);
    m_running = false;
    m_counts = SessionBootstrap::countsFrom(answers[0], answers[1], answers[2]);
    m_lastSynced = m_clock.now();
    Q_EMIT countsChanged(m_counts);
    Q_EMIT synced(m_lastSynced);
    setState(Ui::ConnectionState::Online);
}

void ConnectionMonitor::fail(const Core::ApiError &error)
{
    qCInfo(lcMonitor) << "refresh failed:" << Core::ApiError::kindName(error.kind) << error.message;
    switch (error.kind) {
    case Core::ApiErrorKind::Unreachable:
    case Core::ApiErrorKind::Timeout:
        setState(Ui::ConnectionState::Offline, error.message);
        return;
    case Core::ApiErrorKind::Unauthorized:
        setState(Ui::ConnectionState::Error, error.message);
        Q_EMIT sessionEnded();
        return;
    default:
        setState(Ui::ConnectionState::Error, error.message);
        return;
    }
}

void ConnectionMonitor::setState(Ui::ConnectionState state, const QString &detail)
{
    if (state == m_state && state != Ui::ConnectionState::Offline && state != Ui::ConnectionState::Error)
        return;
    m_state = state;
    Q_EMIT stateChanged(state, detail);
}

} // namespace Keydesk::App
