// Background threads (the cache's, the pool's sort and filter jobs) yield to the GUI thread: their nice value goes
// up by kBackgroundNice, once, for that thread alone.
#include "core/cache/BackgroundPriority.h"
#include "core/cache/CacheStore.h"
#include "tests/client/AwaitTask.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Keydesk::Core;

namespace {

int niceOfThisThread()
{
    return ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
}

} // namespace

class TestBackgroundPriority final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lowersOnlyTheCallingThreadOnce()
    {
        const int gui = niceOfThisThread();
        int before = 0, once = 0, twice = 0;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            before = niceOfThisThread();
            lowerThisThreadPriority();
            once = niceOfThisThread();
            lowerThisThreadPriority();
            twice = niceOfThisThread();
        }));
        worker->start();
        QVERIFY(worker->wait(10000));
        QCOMPARE(before, gui);
        QCOMPARE(once, std::min(before + kBackgroundNice, 19));
        QCOMPARE(twice, once);
        QCOMPARE(niceOfThisThread(), gui); // the GUI thread keeps its priority
    }

    void theCacheThreadRunsInTheBackground()
    {
        QTemporaryDir dir;
        CacheStore store(dir.filePath(QStringLiteral("cache.sqlite")));
        auto opened = Keydesk::Test::awaitTask(store.open());
        QVERIFY(opened && *opened);
        const int gui = niceOfThisThread();
        auto nice = store.run([](CacheDatabase &) { return Result<int>(niceOfThisThread()); });
        nice.waitForFinished();
        QVERIFY(nice.result());
        QCOMPARE(nice.result().value(), std::min(gui + kBackgroundNice, 19));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundPriority)
#include "TestBackgroundPriority.moc"
