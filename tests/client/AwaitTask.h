#pragma once

#include <QEventLoop>
#include <QTimer>
#include <qcoro/qcorotask.h>

#include <optional>

namespace Keydesk::Test {

/// Runs the event loop until the task finishes (or `timeoutMs` passes: then nullopt). QCoro::waitFor needs a
/// default-constructible result; ours (ApiResult, Result) are not, on purpose.
template <typename T> std::optional<T> awaitTask(QCoro::Task<T> &&task, int timeoutMs = 30000)
{
    std::optional<T> out;
    QEventLoop loop;
    QCoro::connect(std::move(task), &loop, [&out, &loop](T &&value) {
        out.emplace(std::move(value));
        loop.quit();
    });
    if (!out) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out;
}

} // namespace Keydesk::Test
