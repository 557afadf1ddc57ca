#include "core/domain/Clock.h"

#include <QCoreApplication>
#include <QThread>

namespace Keydesk::Core {

const Clock &Clock::system()
{
    static const SystemClock clock;
    return clock;
}

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

ClockNotifier *SystemClock::notifier() const
{
    // One for the process: every SystemClock reads the same wall clock. Never deleted, so that it does not outlive
    // the application's event loop in a static destructor.
    static ClockNotifier *const watcher = [] {
        auto *w = new WallClockWatcher;
        // Its poll timer needs an event loop: the application's, whoever asks first.
        if (QCoreApplication *app = QCoreApplication::instance(); app && w->thread() != app->thread())
            w->moveToThread(app->thread());
        return w;
    }();
    return watcher;
}

FakeClock::FakeClock(QDateTime start)
    : m_nowMs(start.toMSecsSinceEpoch())
    , m_notifier(std::make_unique<ClockNotifier>())
{ }

FakeClock::~FakeClock() = default;

QDateTime FakeClock::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_nowMs.load(), Qt::UTC);
}

void FakeClock::set(const QDateTime &instant)
{
    const qint64 to = instant.toMSecsSinceEpoch();
    m_notifier->announceJump(to - m_nowMs.exchange(to));
}

void FakeClock::advanceMs(qint64 ms)
{
    m_nowMs.fetch_add(ms);
    m_notifier->announceJump(ms);
}

} // namespace Keydesk::Core
