#include "bench/gui/GuiDriver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace Keydesk::Bench {

void GuiDriver::run(const QList<Step> &steps, int intervalMs)
{
    QEventLoop loop;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setSingleShot(true);
    timer.setInterval(intervalMs);
    qsizetype next = 0;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        if (next >= steps.size()) {
            loop.quit();
            return;
        }
        steps.at(next++)();
        timer.start();
    });
    timer.start();
    loop.exec();
}

bool GuiDriver::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(20);
    QElapsedTimer clock;
    clock.start();
    bool result = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        result = done();
        if (result || clock.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start();
    loop.exec();
    return result;
}

} // namespace Keydesk::Bench
