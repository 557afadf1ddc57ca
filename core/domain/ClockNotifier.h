#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

namespace Keydesk::Core {

/// Announces that a Clock's "now" jumped: moved by more, or other, than the real time that passed (a FakeClock
/// moved by a test, the wall clock set by hand or stepped by NTP, a resume from suspend). State that waits for an
/// instant with a QTimer (which counts real, monotonic time) re-evaluates then. May be emitted from any thread:
/// receivers on another thread get it queued (the default connection).
class ClockNotifier : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClockNotifier)

public:
    explicit ClockNotifier(QObject *parent = nullptr);
    ~ClockNotifier() override;

    /// For clocks: emits jumped(byMs) unless byMs is 0. Thread-safe.
    void announceJump(qint64 byMs);

Q_SIGNALS:
    /// now() moved `byMs` more than the real time that passed: positive forward, negative back.
    void jumped(qint64 byMs);
};

/// The wall clock's jump, in ms, between two readings of it and of a monotonic clock: how much more (positive) or
/// less (negative) the wall clock moved than real time did. 0 when they agree within `toleranceMs` (the poll
/// itself, NTP slewing, rounding). A suspend reads as a forward jump: a monotonic clock stops meanwhile.
qint64 wallClockJump(qint64 wallBeforeMs, qint64 wallNowMs, qint64 monotonicBeforeMs, qint64 monotonicNowMs,
                     qint64 toleranceMs);

/// The SystemClock's notifier: compares the wall clock's progress with a monotonic clock's every few seconds and
/// announces a jump when they disagree by more than kToleranceMs. Polls only while something is connected to
/// jumped() (and wakes the CPU at most every kPollMs, on a coarse timer). Lives in the thread that has the
/// application's event loop; connecting from another thread is fine.
class WallClockWatcher final : public ClockNotifier
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WallClockWatcher)

public:
    using Source = std::function<qint64()>;
    static constexpr int kPollMs = 5000;
    static constexpr qint64 kToleranceMs = 2000;

    /// On the real clocks: QDateTime::currentMSecsSinceEpoch() and a QElapsedTimer.
    explicit WallClockWatcher(QObject *parent = nullptr);
    /// On other time sources (tests): `wallMs` and `monotonicMs` are read on the watcher's thread.
    WallClockWatcher(Source wallMs, Source monotonicMs, QObject *parent = nullptr);
    ~WallClockWatcher() override;

    /// Whether it polls now: from the event-loop turn after the first listener connected to the poll after the
    /// last one went.
    bool isWatching() const { return m_poll.isActive(); }
    /// Compares the clocks since the last poll, announces a jump past the tolerance and takes the readings as
    /// the new reference. The poll timer calls it; stops polling when nobody listens any more.
    void poll();

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    /// Starts or stops polling to match whether jumped() has receivers; on the watcher's thread.
    void followListeners();
    void takeReference();

    Source m_wallMs;
    Source m_monotonicMs;
    qint64 m_wallRef = 0;
    qint64 m_monotonicRef = 0;
    QTimer m_poll;
};

} // namespace Keydesk::Core
