#pragma once

#include <QList>

#include <functional>

namespace Keydesk::Bench {

/// Drives the GUI from its own event loop, never sleeping the thread (QTest::qWait sleeps in 10 ms slices, which
/// would show up as stalls): steps run from a timer, waits poll a condition from a timer.
class GuiDriver final
{
public:
    using Step = std::function<void()>;

    /// Runs the steps one by one, `intervalMs` apart (measured from the end of the previous step), in a local
    /// event loop so that everything queued meanwhile (paints, sync, model work) runs between them.
    void run(const QList<Step> &steps, int intervalMs);
    /// Runs the event loop until `done()` is true or `timeoutMs` passed; answers `done()`.
    bool waitUntil(const std::function<bool()> &done, int timeoutMs);
};

} // namespace Keydesk::Bench
