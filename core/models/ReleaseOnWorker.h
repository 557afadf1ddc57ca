#pragma once

#include "core/cache/BackgroundPriority.h"

#include <QThreadPool>

#include <memory>
#include <tuple>
#include <type_traits>

namespace Keydesk::Core {

/// Destroys `values` (moved in) on a worker of the global thread pool: freeing a reloaded model's 200,000 rows,
/// each with its strings, takes tens of milliseconds the GUI thread must not spend.
template <typename... T> void releaseOnWorker(T &&...values)
{
    static_assert((!std::is_lvalue_reference_v<T> && ...), "move the values in: a copy would leave them here");
    auto held = std::make_shared<std::tuple<std::decay_t<T>...>>(std::move(values)...);
    // Reset inside the task (the task holds the only owner): the values die on the worker, whichever thread
    // destroys the task object afterwards.
    QThreadPool::globalInstance()->start([held = std::move(held)]() mutable {
        lowerThisThreadPriority();
        held.reset();
    });
}

} // namespace Keydesk::Core
