#pragma once

#include <QDateTime>

namespace Keydesk::Core {

/// Where "now" comes from. Every expiry rule takes a Clock so tests can move time.
class Clock
{
public:
    virtual ~Clock() = default;
    /// The current instant, in UTC.
    virtual QDateTime now() const = 0;

    /// The process-wide wall clock.
    static const Clock &system();
};

/// The real clock: QDateTime::currentDateTimeUtc().
class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
};

/// A clock that only moves when told to. For tests, demos and benchmarks.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start);

    QDateTime now() const override { return m_now; }
    void set(const QDateTime &instant) { m_now = instant.toUTC(); }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

} // namespace Keydesk::Core
