#include "core/domain/Clock.h"

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

FakeClock::FakeClock(QDateTime start)
    : m_now(start.toUTC())
{ }

} // namespace Keydesk::Core
