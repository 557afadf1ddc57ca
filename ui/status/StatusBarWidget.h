#pragma once

#include "ui/status/ConnectionStatus.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QTimer;

namespace Keydesk::Core {
class Clock;
}

namespace Keydesk::Ui {

/// The permanent part of the status bar: online / offline / syncing (with a progress bar while a sync takes
/// long), "synced N s ago" (one timer refreshes it), the facility's counts and who is signed in.
class StatusBarWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBarWidget)

public:
    static constexpr int kLongSyncMs = 700;

    /// `clock` must outlive the widget (the "N s ago" text is relative to it and follows its jumps).
    explicit StatusBarWidget(const Core::Clock &clock, QWidget *parent = nullptr);
    ~StatusBarWidget() override;

    /// `detail` says why (shown as the state's tooltip and, for errors, after the state).
    void setState(ConnectionState state, const QString &detail = {});
    ConnectionState state() const { return m_state; }
    /// Progress of the running sync; total 0 hides the bar. The bar shows only on a long sync (past kLongSyncMs).
    void setProgress(int done, int total);
    /// The instant of the last completed sync; the text follows the clock.
    void setLastSynced(const QDateTime &when);
    void setCounts(const FacilityCounts &counts);
    /// "Olivia (Owner)".
    void setIdentity(const QString &text);

    /// The texts as shown, for tests and accessibility.
    QString stateText() const;
    QString syncedText() const;
    QString countsText() const;

    /// Recomputes "synced N s ago" now (the timer calls it every second, and the clock's jumps).
    void refreshAge();

private:
    const Core::Clock &m_clock;
    ConnectionState m_state = ConnectionState::Connecting;
    QDateTime m_lastSynced;
    QLabel *m_stateLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_synced = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_identity = nullptr;
    QWidget *m_identitySeparator = nullptr;
    QWidget *m_countsSeparator = nullptr;
    QTimer *m_ageTimer = nullptr;
    QElapsedTimer m_syncStarted;
};

/// "just now", "synced 12 s ago", "synced 4 min ago", "synced 2 h ago", "synced on 24 Nov" — for `seconds` since.
QString syncedAgoText(qint64 seconds, const QDateTime &when);

} // namespace Keydesk::Ui
