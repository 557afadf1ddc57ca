// Clock jumps: a FakeClock announces every move, the wall-clock watcher tells a jump of the wall clock from the
// passage of time (on injected time sources), and both can be listened to from another thread.
#include "core/domain/Clock.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <QTimer>

using namespace Keydesk::Core;

namespace {

const QDateTime kStart(QDate(2026, 11, 25), QTime(12, 0), QTimeZone::utc());

/// Time sources a test moves by hand.
struct Sources
{
    qint64 wall = 1'700'000'000'000;
    qint64 monotonic = 0;

    /// Real time passes: both move.
    void pass(qint64 ms)
    {
        wall += ms;
        monotonic += ms;
    }
    WallClockWatcher::Source wallMs()
    {
        return [this] { return wall; };
    }
    WallClockWatcher::Source monotonicMs()
    {
        return [this] { return monotonic; };
    }
};

} // namespace

class TestClock final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fakeClockAnnouncesEveryMove()
    {
        FakeClock clock(kStart);
        QSignalSpy jumped(clock.notifier(), &ClockNotifier::jumped);
        clock.advance(60);
        clock.advanceMs(-1500);
        clock.set(kStart.addDays(-1));
        clock.set(kStart.addDays(-1)); // not a move
        clock.advance(0);
        QCOMPARE(jumped.size(), 3);
        QCOMPARE(jumped.at(0).at(0).toLongLong(), 60'000);
        QCOMPARE(jumped.at(1).at(0).toLongLong(), -1500);
        QCOMPARE(jumped.at(2).at(0).toLongLong(), -86'400'000 - 58'500);
        QCOMPARE(clock.now(), kStart.addDays(-1));
        QCOMPARE(clock.now().timeSpec(), Qt::UTC);
    }

    /// The embedded server reads the clock on its own thread while a test moves it; a listener on the GUI thread
    /// hears a move made on another thread, queued to its own.
    void fakeClockMovedOnAnotherThread()
    {
        FakeClock clock(kStart);
        QObject receiver;
        QList<qint64> heard;
        bool onReceiverThread = true;
        connect(clock.notifier(), &ClockNotifier::jumped, &receiver, [&](qint64 byMs) {
            heard.append(byMs);
            onReceiverThread = onReceiverThread && QThread::currentThread() == receiver.thread();
        });
        QThread *mover = QThread::create([&clock] {
            for (int i = 0; i < 1000; ++i)
                clock.advanceMs(1);
            clock.set(kStart);
        });
        mover->start();
        while (!mover->isFinished()) {
            const qint64 read = clock.now().toMSecsSinceEpoch();
            QVERIFY(read >= kStart.toMSecsSinceEpoch() && read <= kStart.toMSecsSinceEpoch() + 1000);
        }
        mover->wait();
        delete mover;
        QTRY_COMPARE(heard.size(), 1001);
        QVERIFY(onReceiverThread);
        QCOMPARE(heard.last(), -1000);
        QCOMPARE(clock.now(), kStart);
    }

    void wallClockJump_data()
    {
        QTest::addColumn<qint64>("wallMoved");
        QTest::addColumn<qint64>("monotonicMoved");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("time passes: no jump") << qint64(5000) << qint64(5000) << qint64(0);
        QTest::newRow("a late poll (busy GUI): no jump") << qint64(65'000) << qint64(65'000) << qint64(0);
        QTest::newRow("NTP slewing, within the tolerance") << qint64(5001) << qint64(5000) << qint64(0);
        QTest::newRow("2 s exactly: still the tolerance") << qint64(7000) << qint64(5000) << qint64(0);
        QTest::newRow("set forward an hour") << qint64(3'605'000) << qint64(5000) << qint64(3'600'000);
        QTest::newRow("set back 3 s") << qint64(2000) << qint64(5000) << qint64(-3000);
        QTest::newRow("set back a day") << qint64(5000 - 86'400'000) << qint64(5000) << qint64(-86'400'000);
        QTest::newRow("resumed after 8 h of suspend (monotonic stood still)")
            << qint64(8 * 3'600'000 + 2000) << qint64(2000) << qint64(8 * 3'600'000);
    }

    void wallClockJump()
    {
        QFETCH(qint64, wallMoved);
        QFETCH(qint64, monotonicMoved);
        QFETCH(qint64, expected);
        const qint64 wall = 1'700'000'000'000;
        const qint64 monotonic = 123'456;
        QCOMPARE(Keydesk::Core::wallClockJump(wall, wall + wallMoved, monotonic, monotonic + monotonicMoved,
                                              WallClockWatcher::kToleranceMs),
                 expected);
    }

    void watcherAnnouncesJumpsOfTheWallClock()
    {
        Sources t;
        WallClockWatcher watcher(t.wallMs(), t.monotonicMs());
        QSignalSpy jumped(&watcher, &ClockNotifier::jumped);
        QTRY_VERIFY(watcher.isWatching());

        t.pass(WallClockWatcher::kPollMs);
        watcher.poll();
        QCOMPARE(jumped.size(), 0);

        t.pass(WallClockWatcher::kPollMs);
        t.wall += 3'600'000; // set forward an hour
        watcher.poll();
        QCOMPARE(jumped.size(), 1);
        QCOMPARE(jumped.at(0).at(0).toLongLong(), 3'600'000);

        // The new reading is the reference: the next poll sees only what happened since.
        t.pass(WallClockWatcher::kPollMs);
        watcher.poll();
        QCOMPARE(jumped.size(), 1);

        t.pass(WallClockWatcher::kPollMs);
        t.wall -= 10'000; // NTP stepped back
        watcher.poll();
        QCOMPARE(jumped.size(), 2);
        QCOMPARE(jumped.at(1).at(0).toLongLong(), -10'000);

        // Small drifts do not add up across polls.
        for (int i = 0; i < 10; ++i) {
            t.pass(WallClockWatcher::kPollMs);
            t.wall += 500;
            watcher.poll();
        }
        QCOMPARE(jumped.size(), 2);
    }

    /// The watcher polls only while something listens (no wake-ups for nobody), at most every few seconds.
    void watcherPollsOnlyWhileListenedTo()
    {
        Sources t;
        WallClockWatcher watcher(t.wallMs(), t.monotonicMs());
        QVERIFY(!watcher.isWatching());
        auto *poll = watcher.findChild<QTimer *>(QStringLiteral("wallClockPoll"));
        QVERIFY(poll);
        QVERIFY(poll->interval() >= 1000);
        QCOMPARE(poll->timerType(), Qt::VeryCoarseTimer);

        int heard = 0;
        {
            QObject listener;
            const QMetaObject::Connection c
                = connect(&watcher, &ClockNotifier::jumped, &listener, [&heard](qint64) { ++heard; });
            QTRY_VERIFY(watcher.isWatching());
            // The reference is taken when it starts: what happened before does not count.
            t.wall += 86'400'000;
            t.pass(1000);
            watcher.poll();
            QCOMPARE(heard, 1);
            disconnect(c);
            QTRY_VERIFY(!watcher.isWatching());
        }

        // A listener destroyed without disconnecting (no disconnectNotify() then): it stops at the next poll.
        auto *listener = new QObject;
        connect(&watcher, &ClockNotifier::jumped, listener, [&heard](qint64) { ++heard; });
        QTRY_VERIFY(watcher.isWatching());
        delete listener;
        t.pass(WallClockWatcher::kPollMs);
        watcher.poll();
        QVERIFY(!watcher.isWatching());
        QCOMPARE(heard, 1);
    }

    /// Connecting from another thread starts the watcher on its own thread.
    void watcherListenedToFromAnotherThread()
    {
        Sources t;
        WallClockWatcher watcher(t.wallMs(), t.monotonicMs());
        QThread worker;
        auto *listener = new QObject;
        listener->moveToThread(&worker);
        connect(&worker, &QThread::finished, listener, &QObject::deleteLater);
        worker.start();
        QMetaObject::invokeMethod(
            listener, [&watcher, listener] { connect(&watcher, &ClockNotifier::jumped, listener, [](qint64) {}); },
            Qt::BlockingQueuedConnection);
        QVERIFY(!watcher.isWatching()); // started on the watcher's thread, by its event loop
        QTRY_VERIFY(watcher.isWatching());
        worker.quit();
        worker.wait();
    }

    void systemClockHasOneWatcher()
    {
        ClockNotifier *notifier = Clock::system().notifier();
        QVERIFY(notifier);
        QVERIFY(qobject_cast<WallClockWatcher *>(notifier));
        QCOMPARE(SystemClock().notifier(), notifier);
        QCOMPARE(notifier->thread(), QCoreApplication::instance()->thread());
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "TestClock.moc"
