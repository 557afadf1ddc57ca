#pragma once

#include "core/domain/ClockNotifier.h"

#include <QDateTime>

#include <atomic>
#include <memory>

namespace Keydesk::Core {

/// Where "now" comes from. Every expiry rule takes a Clock so tests can move time.
class Clock
{
public:
    virtual ~Clock() = default;
    /// The current instant, in UTC. Thread-safe.
    virtual QDateTime now() const = 0;
    /// Announces jumps of now() (see ClockNotifier): connect to re-evaluate what was derived from the previous
    /// "now". Never null; lives as long as the clock.
    virtual ClockNotifier *notifier() const = 0;

    /// The process-wide wall clock.
    static const Clock &system();
};

/// The real clock: QDateTime::currentDateTimeUtc().
class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
    /// One WallClockWatcher for the process (created on first use, on the application's thread).
    ClockNotifier *notifier() const override;
};

/// A clock that only moves when told to. For tests, demos and benchmarks. Every move is announced as a jump (a
/// moved fake clock is what a QTimer cannot see). Thread-safe: one thread may move it while others read it.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start);
    ~FakeClock() override;

    QDateTime now() const override;
    ClockNotifier *notifier() const override { return m_notifier.get(); }
    void set(const QDateTime &instant);
    void advance(qint64 seconds) { advanceMs(seconds * 1000); }
    void advanceMs(qint64 ms);

private:
    std::atomic<qint64> m_nowMs;
    const std::unique_ptr<ClockNotifier> m_notifier;
};

} // namespace Keydesk::Core
