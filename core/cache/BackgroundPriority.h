#pragma once

namespace Keydesk::Core {

/// Lowers the calling thread's CPU priority a little (Linux: nice +kBackgroundNice for this thread only), once per
/// thread. Called by the threads that do background work for the GUI — the cache's thread, sort and filter jobs,
/// releases of large tables — so that on a busy machine (two cores, a sync applying while a million keys sort)
/// the GUI thread wins the CPU when it needs it and the background work takes whatever is left. Nothing else
/// changes: an idle GUI leaves them every core.
void lowerThisThreadPriority();

inline constexpr int kBackgroundNice = 5;

} // namespace Keydesk::Core
