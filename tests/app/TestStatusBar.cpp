#include "app/CacheCounts.h"
#include "core/cache/CacheStore.h"
#include "core/domain/Clock.h"
#include "ui/status/OfflineBanner.h"
#include "ui/status/StatusBarWidget.h"

#include <QJsonObject>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keydesk;

namespace {

const QDateTime kNow(QDate(2026, 11, 25), QTime(10, 0), QTimeZone::utc());

qint64 at(qint64 minutesFromNow)
{
    return kNow.addSecs(minutesFromNow * 60).toMSecsSinceEpoch();
}

Core::ChangeRow row(const QString &entity, const QString &id, QJsonObject data)
{
    static qint64 revision = 0;
    return { entity, id, ++revision, false, std::move(data) };
}

/// Three locks (one low battery, one fine, one that never reported) and two users.
Core::ChangePage facility()
{
    Core::ChangePage page;
    page.rows
        << row(QStringLiteral("locks"), QStringLiteral("l1"),
               { { QStringLiteral("name"), QStringLiteral("A-1") }, { QStringLiteral("internal_battery_mv"), 2900 } })
        << row(QStringLiteral("locks"), QStringLiteral("l2"),
               { { QStringLiteral("name"), QStringLiteral("A-2") }, { QStringLiteral("internal_battery_mv"), 3010 } })
        << row(QStringLiteral("locks"), QStringLiteral("l3"), { { QStringLiteral("name"), QStringLiteral("A-3") } })
        << row(QStringLiteral("users"), QStringLiteral("u1"), { { QStringLiteral("name"), QStringLiteral("Ann") } })
        << row(QStringLiteral("users"), QStringLiteral("u2"), { { QStringLiteral("name"), QStringLiteral("Bob") } });
    return page;
}

/// Runs a core coroutine to its end (the event loop turns meanwhile); nullopt on timeout.
template <typename T> std::optional<T> finish(QCoro::Task<T> task)
{
    auto out = std::make_shared<std::optional<T>>();
    QCoro::connect(std::move(task), qApp, [out](T &&value) { out->emplace(std::move(value)); });
    if (!QTest::qWaitFor([out] { return out->has_value(); }, 10000))
        return std::nullopt;
    return std::move(*out);
}

} // namespace

/// The status bar's words: state, "synced N s ago" against the clock, counts, progress only on a long sync.
class TestStatusBar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncedAgo_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("3 s → just now") << 3 << QStringLiteral("synced just now");
        QTest::newRow("42 s") << 42 << QStringLiteral("synced 42 s ago");
        QTest::newRow("5 min") << 300 << QStringLiteral("synced 5 min ago");
        QTest::newRow("2 h") << 7300 << QStringLiteral("synced 2 h ago");
    }

    void syncedAgo()
    {
        QFETCH(int, seconds);
        QFETCH(QString, text);
        const QDateTime start = QDateTime(QDate(2026, 3, 29), QTime(0, 30), QTimeZone::utc());
        Core::FakeClock clock(start);
        Ui::StatusBarWidget status(clock);
        QCOMPARE(status.syncedText(), QStringLiteral("not synced yet"));
        status.setLastSynced(start);
        clock.set(start.addSecs(seconds));
        status.refreshAge();
        QCOMPARE(status.syncedText(), text);
    }

    /// "synced N s ago" follows the clock's jumps at once, not at the next tick of its one-second timer (which
    /// counts real time): forward, and back before the sync.
    void syncedAgoFollowsClockJumps()
    {
        Core::FakeClock clock(kNow);
        Ui::StatusBarWidget status(clock);
        status.setLastSynced(kNow);
        QCOMPARE(status.syncedText(), QStringLiteral("synced just now"));
        clock.advance(42);
        QCOMPARE(status.syncedText(), QStringLiteral("synced 42 s ago"));
        clock.advance(2 * 3600);
        QCOMPARE(status.syncedText(), QStringLiteral("synced 2 h ago"));
        clock.set(kNow.addSecs(-30));
        QCOMPARE(status.syncedText(), QStringLiteral("synced just now"));
    }

    void countsAndStates()
    {
        Core::FakeClock clock(QDateTime::currentDateTimeUtc());
        Ui::StatusBarWidget status(clock);
        status.setCounts({ 12, 1, 40, 31, 2 });
        QCOMPARE(status.countsText(),
                 QStringLiteral("12 locks \u00b7 1 user \u00b7 31 active keys \u00b7 2 low batteries"));
        status.setState(Ui::ConnectionState::Offline, QStringLiteral("Cannot reach"));
        QVERIFY(status.stateText().contains(QLatin1String("Offline")));
        status.setState(Ui::ConnectionState::Error, QStringLiteral("The session ended."));
        QVERIFY(status.stateText().contains(QLatin1String("The session ended.")));
    }

    void progressOnlyOnALongSync()
    {
        Core::FakeClock clock(QDateTime::currentDateTimeUtc());
        Ui::StatusBarWidget status(clock);
        status.show();
        auto *bar = status.findChild<QProgressBar *>(QStringLiteral("statusProgress"));
        QVERIFY(bar);
        status.setState(Ui::ConnectionState::Syncing);
        status.setProgress(1, 3);
        QVERIFY(!bar->isVisible()); // a quick refresh does not flash a bar
        QElapsedTimer waited;
        waited.start();
        QTRY_VERIFY(waited.elapsed() > Ui::StatusBarWidget::kLongSyncMs);
        status.setProgress(2, 3);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->value(), 2);
        status.setState(Ui::ConnectionState::Online);
        QVERIFY(!bar->isVisible());
    }

    /// countFacility() applies the domain's keyStatus() rule in SQL: one key per row, counted ACTIVE or not.
    void activeKeysCountedInTheCache_data()
    {
        QTest::addColumn<QJsonObject>("key");
        QTest::addColumn<int>("active");
        const auto key = [](std::initializer_list<QPair<QString, QJsonValue>> fields) {
            QJsonObject o { { QStringLiteral("lock_id"), QStringLiteral("l1") },
                            { QStringLiteral("user_id"), QStringLiteral("u1") },
                            { QStringLiteral("restriction"), QStringLiteral("none") } };
            for (const auto &[name, value] : fields)
                o.insert(name, value);
            return o;
        };
        const QString from = QStringLiteral("valid_from");
        const QString to = QStringLiteral("valid_to");
        QTest::newRow("inside validity → active") << key({ { from, at(-60) }, { to, at(60) } }) << 1;
        QTest::newRow("open end → active") << key({ { from, at(-60) } }) << 1;
        QTest::newRow("starts exactly now → active") << key({ { from, at(0) } }) << 1;
        QTest::newRow("before start → upcoming") << key({ { from, at(1) } }) << 0;
        QTest::newRow("ended exactly now → expired") << key({ { from, at(-60) }, { to, at(0) } }) << 0;
        QTest::newRow("revoked → not active")
            << key({ { from, at(-60) }, { QStringLiteral("revoked_at"), at(-1) } }) << 0;
        QTest::newRow("revocation dated later → still active")
            << key({ { from, at(-60) }, { QStringLiteral("revoked_at"), at(5) } }) << 1;
        QTest::newRow("used one-time key → expired")
            << key({ { from, at(-60) },
                     { QStringLiteral("restriction"), QStringLiteral("one_time") },
                     { QStringLiteral("used_at"), at(-10) } })
            << 0;
        QTest::newRow("unused one-time key → active")
            << key({ { from, at(-60) }, { QStringLiteral("restriction"), QStringLiteral("one_time") } }) << 1;
    }

    void activeKeysCountedInTheCache()
    {
        QFETCH(QJsonObject, key);
        QFETCH(int, active);
        QTemporaryDir dir;
        auto db = Core::CacheDatabase::open(dir.filePath(QStringLiteral("cache.sqlite")));
        QVERIFY(db);
        Core::ChangePage page = facility();
        page.rows << row(QStringLiteral("keys"), QStringLiteral("k1"), key);
        QVERIFY(db.value()->applyPage(page));
        auto counts = App::countFacility(*db.value(), kNow.toMSecsSinceEpoch());
        QVERIFY(counts);
        QCOMPARE(counts->locks, 3);
        QCOMPARE(counts->users, 2);
        QCOMPARE(counts->keys, 1);
        QCOMPARE(counts->activeKeys, active);
        QCOMPARE(counts->lowBatteries, 1);
    }

    /// The status bar's counts come from the cache: there at once (no server needed: right offline), and new
    /// within a second of the cache applying a change.
    void countsFollowTheCacheWithinASecond()
    {
        QTemporaryDir dir;
        Core::CacheStore cache(dir.filePath(QStringLiteral("cache.sqlite")));
        auto opened = finish(cache.open());
        QVERIFY(opened && *opened);
        const Core::ChangePage first = facility();
        auto applied = finish(cache.applyPage(first));
        QVERIFY(applied && *applied);
        Core::FakeClock clock(kNow);
        App::CacheCounts counts(cache, clock);
        QSignalSpy changed(&counts, &App::CacheCounts::countsChanged);
        QTRY_COMPARE(counts.counts().locks, 3);
        QCOMPARE(counts.counts().users, 2);
        QCOMPARE(counts.counts().lowBatteries, 1);
        QCOMPARE(changed.count(), 1);

        Core::ChangePage more;
        more.rows << row(
            QStringLiteral("locks"), QStringLiteral("l4"),
            { { QStringLiteral("name"), QStringLiteral("A-4") }, { QStringLiteral("internal_battery_mv"), 2800 } })
                  << row(QStringLiteral("keys"), QStringLiteral("k1"),
                         { { QStringLiteral("lock_id"), QStringLiteral("l4") },
                           { QStringLiteral("user_id"), QStringLiteral("u2") },
                           { QStringLiteral("valid_from"), at(-5) } });
        QElapsedTimer took;
        took.start();
        applied = finish(cache.applyPage(more));
        QVERIFY(applied && *applied);
        QTRY_COMPARE_WITH_TIMEOUT(counts.counts().locks, 4, 1000);
        QVERIFY(took.elapsed() < 1000);
        QCOMPARE(counts.counts().lowBatteries, 2);
        QCOMPARE(counts.counts().keys, 1);
        QCOMPARE(counts.counts().activeKeys, 1);

        // Time alone changes the active count (a key reaching its start): counted again when the clock jumps
        // (here back before the start), not only at the next minute's refresh.
        clock.set(kNow.addSecs(-10 * 60));
        QTRY_COMPARE_WITH_TIMEOUT(counts.counts().activeKeys, 0, 2000);
    }

    void offlineBannerSaysWhatStillWorks()
    {
        QWidget parent;
        Ui::OfflineBanner banner(&parent);
        parent.show();
        QVERIFY(!banner.isVisible());
        banner.showOffline(QStringLiteral("keys.example.com"), QStringLiteral("Connection refused."));
        QVERIFY(banner.isVisible());
        QVERIFY(banner.text().contains(QLatin1String("keys.example.com")));
        QVERIFY(banner.text().contains(QLatin1String("queued")));
        QVERIFY(banner.text().contains(QLatin1String("browse")));
    }
};

QTEST_MAIN(TestStatusBar)
#include "TestStatusBar.moc"
