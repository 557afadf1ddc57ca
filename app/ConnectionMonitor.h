#pragma once

#include "core/client/ApiClient.h"
#include "ui/status/ConnectionStatus.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <qcoro/qcorotask.h>

#include <chrono>

namespace Keydesk::Core {
class Clock;
}

namespace Keydesk::App {

/// Keeps the status bar truthful until core/sync's SyncEngine takes over: every interval it asks the server for
/// the facility's locks, users and keys over the signed-in ApiClient and reports online / syncing (with
/// progress) / offline / error, the time of the last good answer, and the counts.
class ConnectionMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionMonitor)

public:
    static constexpr std::chrono::seconds kDefaultInterval { 15 };

    /// `client` and `clock` must outlive the monitor.
    ConnectionMonitor(Core::ApiClient &client, const Core::Clock &clock, QObject *parent = nullptr);
    ~ConnectionMonitor() override;

    void setInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }
    /// Refreshes now and then every interval.
    void start();
    void stop() { m_timer.stop(); }
    /// One refresh now (ignored while one runs).
    void refreshNow();

    Ui::ConnectionState state() const { return m_state; }
    QDateTime lastSynced() const { return m_lastSynced; }
    Ui::FacilityCounts counts() const { return m_counts; }

Q_SIGNALS:
    void stateChanged(Keydesk::Ui::ConnectionState state, const QString &detail);
    void progressChanged(int done, int total);
    void synced(const QDateTime &when);
    void countsChanged(const Keydesk::Ui::FacilityCounts &counts);
    /// The server ended the session (401): the app signs in again.
    void sessionEnded();

private:
    QCoro::Task<void> refresh();
    void setState(Ui::ConnectionState state, const QString &detail = {});
    void fail(const Core::ApiError &error);

    QPointer<Core::ApiClient> m_client;
    const Core::Clock &m_clock;
    QTimer m_timer;
    Ui::ConnectionState m_state = Ui::ConnectionState::Connecting;
    QDateTime m_lastSynced;
    Ui::FacilityCounts m_counts;
    bool m_running = false;
};

} // namespace Keydesk::App
