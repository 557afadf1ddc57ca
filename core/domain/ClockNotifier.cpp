#include "core/domain/ClockNotifier.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaMethod>

#include <memory>

Q_LOGGING_CATEGORY(lcClock, "keydesk.clock")

namespace Keydesk::Core {

ClockNotifier::ClockNotifier(QObject *parent)
    : QObject(parent)
{ }

ClockNotifier::~ClockNotifier() = default;

void ClockNotifier::announceJump(qint64 byMs)
{
    if (byMs != 0)
        Q_EMIT jumped(byMs);
}

qint64 wallClockJump(qint64 wallBeforeMs, qint64 wallNowMs, qint64 monotonicBeforeMs, qint64 monotonicNowMs,
                     qint64 toleranceMs)
{
    const qint64 jump = (wallNowMs - wallBeforeMs) - (monotonicNowMs - monotonicBeforeMs);
    return jump > toleranceMs || jump < -toleranceMs ? jump : 0;
}

WallClockWatcher::WallClockWatcher(QObject *parent)
    : WallClockWatcher(
        &QDateTime::currentMSecsSinceEpoch,
        [elapsed = std::make_shared<QElapsedTimer>()] {
            if (!elapsed->isValid())
                elapsed->start();
            return elapsed->elapsed();
        },
        parent)
{ }

WallClockWatcher::WallClockWatcher(Source wallMs, Source monotonicMs, QObject *parent)
    : ClockNotifier(parent)
    , m_wallMs(std::move(wallMs))
    , m_monotonicMs(std::move(monotonicMs))
{
    // A child, so it moves with the watcher to the application's thread.
    m_poll.setParent(this);
    m_poll.setInterval(kPollMs);
    // Second-granular: the system may fold the wake-up into others.
    m_poll.setTimerType(Qt::VeryCoarseTimer);
    m_poll.setObjectName(QStringLiteral("wallClockPoll"));
    connect(&m_poll, &QTimer::timeout, this, &WallClockWatcher::poll);
}

WallClockWatcher::~WallClockWatcher() = default;

void WallClockWatcher::takeReference()
{
    m_wallRef = m_wallMs();
    m_monotonicRef = m_monotonicMs();
}

void WallClockWatcher::poll()
{
    const qint64 wall = m_wallMs();
    const qint64 monotonic = m_monotonicMs();
    const qint64 jump = wallClockJump(m_wallRef, wall, m_monotonicRef, monotonic, kToleranceMs);
    m_wallRef = wall;
    m_monotonicRef = monotonic;
    if (!isSignalConnected(QMetaMethod::fromSignal(&ClockNotifier::jumped))) {
        // The last listener went without disconnectNotify() (a destroyed receiver does not call it).
        m_poll.stop();
        return;
    }
    if (jump != 0) {
        qCInfo(lcClock) << "the wall clock jumped by" << jump << "ms";
        announceJump(jump);
    }
}

// Both are called on the connecting thread, possibly with Qt's connection lock held (no QObject calls allowed
// here): the watcher looks at its listeners on its own thread, a moment later.
void WallClockWatcher::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&ClockNotifier::jumped))
        QMetaObject::invokeMethod(this, &WallClockWatcher::followListeners, Qt::QueuedConnection);
}

void WallClockWatcher::disconnectNotify(const QMetaMethod &signal)
{
    // An invalid method: disconnected from every signal.
    if (!signal.isValid() || signal == QMetaMethod::fromSignal(&ClockNotifier::jumped))
        QMetaObject::invokeMethod(this, &WallClockWatcher::followListeners, Qt::QueuedConnection);
}

void WallClockWatcher::followListeners()
{
    const bool listened = isSignalConnected(QMetaMethod::fromSignal(&ClockNotifier::jumped));
    if (listened && !m_poll.isActive()) {
        takeReference();
        m_poll.start();
    } else if (!listened && m_poll.isActive()) {
        m_poll.stop();
    }
}

} // namespace Keydesk::Core
