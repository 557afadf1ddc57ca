// ActivityView: filters (lock, action, user, date range), uncertain times shown as a range, the unlocks chart's
// buckets, CSV export of the filtered rows with proper quoting, and activity arriving from the real server.
#include "core/models/FacilityModels.h"
#include "tests/ui/PickerKeys.h"
#include "tests/ui/TestLocksViewFixture.h"
#include "ui/views/activity/ActivityChart.h"
#include "ui/views/activity/ActivityCsv.h"
#include "ui/views/activity/ActivityView.h"

#include <QBuffer>
#include <QFile>
#include <QLabel>
#include <QPalette>
#include <QTableView>
#include <QTimer>

using namespace Keydesk;
using namespace Keydesk::Test;
using Core::ActivityModel;
using Ui::ActivityChart;

class TestActivityView final : public QObject
{
    Q_OBJECT

public:
    /// "--show": the activity view over the test data (for tools/shot).
    QWidget *showcase()
    {
        initTestCase();
        auto *view = new Ui::ActivityView(m_feed->context(m_clock, Core::StaffRole::FrontDesk));
        view->resize(1300, 760);
        QTimer::singleShot(500, view, [view] {
            view->findChild<QTableView *>(QStringLiteral("activityTable"))->resizeColumnsToContents();
        });
        return view;
    }

private:
    Core::FakeClock m_clock { QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC) };
    std::unique_ptr<FeedDesk> m_feed;
    QString m_lockA;
    QString m_lockB;
    QTemporaryDir m_dir;

    Core::ChangeRow event(const QString &lockId, const QString &action, const char *start, const char *end,
                          const QString &trackingKey)
    {
        return m_feed->feed.row(QStringLiteral("activity"), newId(),
                                { { QStringLiteral("lock_id"), lockId },
                                  { QStringLiteral("lock_mac"), QStringLiteral("AA:BB:CC:00:00:01") },
                                  { QStringLiteral("action"), action },
                                  { QStringLiteral("recorded_time"), ms(end) + 60000 },
                                  { QStringLiteral("range_start"), ms(start) },
                                  { QStringLiteral("range_end"), ms(end) },
                                  { QStringLiteral("tracking_key"), trackingKey } });
    }

private Q_SLOTS:
    void chartFollowsTheLightAndDarkPalette()
    {
        auto zone = Core::FacilityZone::fromIanaId(QStringLiteral("Europe/Berlin"));
        QVERIFY(zone);
        Ui::ActivityChart chart(*zone);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        chart.setPalette(dark);
        QVERIFY2(chart.chartBackground().lightness() < 80, qPrintable(chart.chartBackground().name()));
        QPalette light;
        light.setColor(QPalette::Window, QColor(0xf0, 0xf0, 0xf0));
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        light.setColor(QPalette::WindowText, Qt::black);
        chart.setPalette(light);
        QVERIFY2(chart.chartBackground().lightness() > 200, qPrintable(chart.chartBackground().name()));
    }

    void initTestCase()
    {
        isolateSettings();
        m_feed = std::make_unique<FeedDesk>();
        QVERIFY(m_feed->feed.ok());
        FeedCache &f = m_feed->feed;
        m_lockA = newId();
        m_lockB = newId();
        const QString bob = QStringLiteral("tk-bob");
        const QString alice = QStringLiteral("tk-alice");
        auto bobRow = f.user(newId(), QStringLiteral("Bob"));
        bobRow.data.insert(QStringLiteral("tracking_key"), bob);
        auto aliceRow = f.user(newId(), QStringLiteral("Alice"));
        aliceRow.data.insert(QStringLiteral("tracking_key"), alice);
        QList<Core::ChangeRow> rows {
            f.lock(m_lockA, QStringLiteral("Gate A")),
            f.lock(m_lockB, QStringLiteral("Gate B"), QStringLiteral("AA:BB:CC:00:00:02")),
            bobRow,
            aliceRow,
            event(m_lockA, QStringLiteral("unlocked"), "2026-11-24T10:15:00Z", "2026-11-24T10:15:00Z", bob),
            // An offline quick-click unlock: only known to lie between two instants.
            event(m_lockA, QStringLiteral("unlocked_via_quick_click"), "2026-11-24T10:40:00Z", "2026-11-24T11:10:00Z",
                  QString()),
            event(m_lockB, QStringLiteral("failed_unlock"), "2026-11-24T12:05:00Z", "2026-11-24T12:05:00Z", alice),
            event(m_lockB, QStringLiteral("unlocked"), "2026-11-25T09:30:00Z", "2026-11-25T09:30:00Z", alice),
            event(m_lockA, QStringLiteral("locked"), "2026-11-25T09:31:00Z", "2026-11-25T09:31:00Z",
                  QStringLiteral("=HYPERLINK(\"x\"),\"1\"")),
        };
        QVERIFY(!f.apply(rows).isEmpty());
        QVERIFY(m_feed->open());
    }

    void filters_data()
    {
        QTest::addColumn<QString>("lock"); // "A", "B" or ""
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("trackingKey");
        QTest::addColumn<QString>("day"); // yyyy-MM-dd or ""
        QTest::addColumn<int>("rows");
        QTest::newRow("no filter → every event") << ""
                                                 << ""
                                                 << ""
                                                 << "" << 5;
        QTest::newRow("lock Gate A → its 3 events") << "A"
                                                    << ""
                                                    << ""
                                                    << "" << 3;
        QTest::newRow("action unlocked → 2") << ""
                                             << "unlocked"
                                             << ""
                                             << "" << 2;
        QTest::newRow("user Alice → her 2 events") << ""
                                                   << ""
                                                   << "tk-alice"
                                                   << "" << 2;
        QTest::newRow("day 2026-11-25 → 2") << ""
                                            << ""
                                            << ""
                                            << "2026-11-25" << 2;
        QTest::newRow("day 2026-11-24 → 3 (the range event included)") << ""
                                                                       << ""
                                                                       << ""
                                                                       << "2026-11-24" << 3;
        QTest::newRow("lock B and unlocked → 1") << "B"
                                                 << "unlocked"
                                                 << ""
                                                 << "" << 1;
        QTest::newRow("Bob on lock B → none") << "B"
                                              << ""
                                              << "tk-bob"
                                              << "" << 0;
    }

    void filters()
    {
        QFETCH(QString, lock);
        QFETCH(QString, action);
        QFETCH(QString, trackingKey);
        QFETCH(QString, day);
        QFETCH(int, rows);
        Ui::ActivityView view(m_feed->context(m_clock));
        QTRY_COMPARE(view.model()->rowCount(), 5);
        // Set before the directory has read the locks and users: filters all the same.
        view.setLockFilter(lock == QLatin1String("A") ? m_lockA : (lock == QLatin1String("B") ? m_lockB : QString()));
        view.setActionFilter(action);
        view.setTrackingKeyFilter(trackingKey);
        if (!day.isEmpty()) {
            const QDate d = QDate::fromString(day, Qt::ISODate);
            view.setDateFilter(d, d);
        }
        QCOMPARE(view.model()->rowCount(), rows);
        QCOMPARE(child<QLabel>(view, "activityCount")->text(),
                 rows == 1 ? QStringLiteral("1 event") : QStringLiteral("%1 events").arg(rows));
        QVERIFY(settle(view, m_feed->store()));
    }

    void filtersThroughThePickers()
    {
        Ui::ActivityView view(m_feed->context(m_clock));
        view.show();
        QTRY_COMPARE(view.model()->rowCount(), 5);
        auto *lock = child<Ui::DirectoryPicker>(view, "activityLockFilter");
        auto *user = child<Ui::DirectoryPicker>(view, "activityUserFilter");
        QVERIFY(lock && user);
        QCOMPARE(lock->placeholderText(), QStringLiteral("All locks"));
        QCOMPARE(user->placeholderText(), QStringLiteral("All users"));
        QTRY_VERIFY(lock->source()->isReady());
        pick(*lock, QStringLiteral("gate a"));
        QCOMPARE(lock->currentId(), m_lockA);
        QCOMPARE(lock->text(), QStringLiteral("Gate A"));
        QCOMPARE(view.model()->rowCount(), 3);
        // A user is chosen by name; the filter is their tracking key (activity is filed under it).
        typeInto(*user, QStringLiteral("b"));
        QCOMPARE(user->matches().first().name, QStringLiteral("Bob"));
        QCOMPARE(user->matches().first().detail, QStringLiteral("tk-bob"));
        pressIn(*user, Qt::Key_Return);
        QCOMPARE(user->currentId(), QStringLiteral("tk-bob"));
        QCOMPARE(user->text(), QStringLiteral("Bob"));
        QCOMPARE(view.model()->rowCount(), 1);
        clearPick(*lock);
        QCOMPARE(view.model()->rowCount(), 1); // Bob's only event
        clearPick(*user);
        QCOMPARE(view.model()->rowCount(), 5);
        // Set from outside (another view's "show activity"), the picker says which.
        view.setTrackingKeyFilter(QStringLiteral("tk-alice"));
        QCOMPARE(user->text(), QStringLiteral("Alice"));
        QCOMPARE(view.model()->rowCount(), 2);
        QVERIFY(settle(view, m_feed->store()));
    }

    void uncertainTimeShownAsRange()
    {
        Ui::ActivityView view(m_feed->context(m_clock));
        QTRY_COMPARE(view.model()->rowCount(), 5);
        view.setActionFilter(QStringLiteral("unlocked_via_quick_click"));
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.model()->index(0, ActivityModel::TimeColumn).data().toString(),
                 QStringLiteral("2026-11-24 10:40 – 11:10"));
        view.setActionFilter(QStringLiteral("failed_unlock"));
        QCOMPARE(view.model()->index(0, ActivityModel::TimeColumn).data().toString(),
                 QStringLiteral("2026-11-24 12:05"));
        QVERIFY(settle(view, m_feed->store()));
    }

    void chartCountsUnlocksPerBucket()
    {
        Ui::ActivityView view(m_feed->context(m_clock));
        QTRY_COMPARE(view.model()->rowCount(), 5);
        view.chart()->refresh();
        // Unlocks at 24th 10:15, 10:40–11:10 (counted at its start) and 25th 09:30: under two days → per hour,
        // from 24th 10:00 to 25th 09:00, empty hours included.
        QCOMPARE(view.chart()->bucket(), ActivityChart::Bucket::Hour);
        const auto bars = view.chart()->bars();
        QCOMPARE(bars.size(), 24);
        QCOMPARE(bars.first().startMs, ms("2026-11-24T10:00:00Z"));
        QCOMPARE(bars.first().count, 2);
        QCOMPARE(bars.last().startMs, ms("2026-11-25T09:00:00Z"));
        QCOMPARE(bars.last().count, 1);
        int total = 0;
        for (const auto &b : bars)
            total += b.count;
        QCOMPARE(total, 3); // failed_unlock and locked are not unlocks
        // The chart follows the filters.
        view.setLockFilter(m_lockB); // applies once the locks are loaded; the chart follows within its delay
        QTRY_COMPARE(view.model()->rowCount(), 2);
        QTRY_COMPARE(view.chart()->bars().size(), 1);
        QCOMPARE(view.chart()->bars().first().count, 1);
        QVERIFY(settle(view, m_feed->store()));
    }

    void bucketize_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QList<qint64>>("times");
        QTest::addColumn<int>("bucket");
        QTest::addColumn<QList<int>>("counts");
        QTest::newRow("per day over five days, empty days kept")
            << "UTC"
            << QList<qint64> { ms("2026-11-20T08:00:00Z"), ms("2026-11-20T20:00:00Z"), ms("2026-11-24T09:00:00Z") }
            << int(ActivityChart::Bucket::Day) << QList<int> { 2, 0, 0, 0, 1 };
        QTest::newRow("per hour in a half-hour zone (Kolkata, +05:30)")
            << "Asia/Kolkata" << QList<qint64> { ms("2026-11-24T04:35:00Z"), ms("2026-11-24T05:05:00Z") }
            << int(ActivityChart::Bucket::Hour) << QList<int> { 2 }; // both 10:05 and 10:35 local
        QTest::newRow("per day in the facility's zone (New York, day starts 05:00 UTC)")
            << "America/New_York" << QList<qint64> { ms("2026-11-24T04:00:00Z"), ms("2026-11-24T06:00:00Z") }
            << int(ActivityChart::Bucket::Day) << QList<int> { 1, 1 };
        QTest::newRow("nothing → no bars")
            << "UTC" << QList<qint64> {} << int(ActivityChart::Bucket::Hour) << QList<int> {};
    }

    void bucketize()
    {
        QFETCH(QString, zone);
        QFETCH(QList<qint64>, times);
        QFETCH(int, bucket);
        QFETCH(QList<int>, counts);
        auto z = Core::FacilityZone::fromIanaId(zone);
        QVERIFY(z);
        QList<int> got;
        for (const auto &bar : ActivityChart::bucketize(times, ActivityChart::Bucket(bucket), *z))
            got << bar.count;
        QCOMPARE(got, counts);
    }

    void csvField_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain → as is") << "unlocked"
                                       << "unlocked";
        QTest::newRow("comma → quoted") << "Gate A, north"
                                        << "\"Gate A, north\"";
        QTest::newRow("quote → doubled and quoted") << "say \"hi\""
                                                    << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline → quoted") << "a\nb"
                                          << "\"a\nb\"";
        QTest::newRow("formula → apostrophe, cannot run") << "=1+1"
                                                          << "'=1+1";
        QTest::newRow("formula with comma → apostrophe and quoted") << "=SUM(A1,A2)"
                                                                    << "\"'=SUM(A1,A2)\"";
        QTest::newRow("leading @ → apostrophe") << "@cmd"
                                                << "'@cmd";
        QTest::newRow("empty → empty") << ""
                                       << "";
    }

    void csvField()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(Ui::ActivityCsv::field(text), field);
    }

    void exportWritesTheFilteredRows()
    {
        Ui::ActivityView view(m_feed->context(m_clock));
        QTRY_COMPARE(view.model()->rowCount(), 5);
        view.setLockFilter(m_lockA);
        QTRY_COMPARE(view.model()->rowCount(), 3);
        const QString path = m_dir.filePath(QStringLiteral("activity.csv"));
        QString error;
        QVERIFY2(view.exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        const QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // header + the 3 filtered rows
        QCOMPARE(lines.at(0), QStringLiteral("Time,Lock,Action,Tracking key,Received,From (UTC),To (UTC)"));
        // Newest first, as shown; the tracking key that looks like a formula is defused and quoted.
        QCOMPARE(lines.at(1),
                 QStringLiteral("2026-11-25 09:31,Gate A,locked,\"'=HYPERLINK(\"\"x\"\"),\"\"1\"\"\","
                                "2026-11-25 09:32,2026-11-25T09:31:00Z,2026-11-25T09:31:00Z"));
        QCOMPARE(lines.at(2),
                 QStringLiteral("2026-11-24 10:40 – 11:10,Gate A,unlocked_via_quick_click,,2026-11-24 "
                                "11:11,2026-11-24T10:40:00Z,2026-11-24T11:10:00Z"));
        QVERIFY(lines.at(3).startsWith(QStringLiteral("2026-11-24 10:15,Gate A,unlocked,tk-bob,")));
        QVERIFY(!text.contains(QStringLiteral("Gate B")));
        // A place that cannot be written: a clear error, nothing half-written.
        QVERIFY(!view.exportCsv(m_dir.filePath(QStringLiteral("missing/dir/a.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("Choose another place")));
        QVERIFY(settle(view, m_feed->store()));
    }

    void activityFromTheServerAppears()
    {
        LiveDesk desk;
        QVERIFY2(desk.ok(), qPrintable(desk.error()));
        const QString lockId = desk.addLock(QStringLiteral("Front door"), QStringLiteral("AA:BB:CC:DD:EE:21"));
        QVERIFY(!lockId.isEmpty());
        Ui::ActivityView view(desk.context(Core::StaffRole::FrontDesk));
        QTRY_VERIFY_WITH_TIMEOUT(
            child<Ui::DirectoryPicker>(view, "activityLockFilter")->source()->choice(lockId).has_value(), 5000);
        // A lock's log as /upload/ writes it (the server's store; the feed carries it like any change).
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto r = desk.server().db().exec(
            QStringLiteral("INSERT INTO activity(id, lock_id, lock_mac, action, recorded_time, range_start, range_end, "
                           "tracking_key) VALUES (?, ?, ?, 'unlocked_via_quick_click', ?, ?, ?, '')"),
            { newId(), lockId, QStringLiteral("AA:BB:CC:DD:EE:21"), now, now - 3600000, now - 1800000 });
        QVERIFY2(r, qPrintable(r.errorMessage()));
        view.setLockFilter(lockId);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, 5000);
        QVERIFY(view.model()->index(0, ActivityModel::TimeColumn).data().toString().contains(QStringLiteral(" – ")));
        view.chart()->refresh();
        QCOMPARE(view.chart()->bars().size(), 1);
        QVERIFY(settle(view, desk));
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    TestActivityView test;
    if (app.arguments().contains(QStringLiteral("--show"))) {
        test.showcase()->show();
        return app.exec();
    }
    return QTest::qExec(&test, argc, argv);
}

#include "TestActivityView.moc"
