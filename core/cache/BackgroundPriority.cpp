#include "core/cache/BackgroundPriority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <algorithm>
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace Keydesk::Core {

void lowerThisThreadPriority()
{
#ifdef Q_OS_LINUX
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    // On Linux, PRIO_PROCESS with a thread id sets that thread's nice value alone.
    const auto tid = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, tid);
    if (current == -1 && errno != 0)
        return;
    ::setpriority(PRIO_PROCESS, tid, std::min(current + kBackgroundNice, 19)); // best effort: no harm if refused
#endif
}

} // namespace Keydesk::Core
