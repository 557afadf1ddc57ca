// The keys model's schedule column: the summary of when a key opens ("24/7", "One time (used …)", weekly windows
// incl. midnight crossing and several windows), the windows exposed per key (WindowsRole, windowsOf) from
// interned window sets, wall times that read the same in every zone and season, and the column's sort order.
#include "ModelFixtures.h"
#include "core/models/KeysModel.h"
#include "core/models/ModelText.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace Keydesk::Core;
using Keydesk::Test::FeedCache;
using Keydesk::Test::ms;
using Keydesk::Test::newId;

namespace {

const qint64 kNow = ms("2026-11-25T12:00:00Z");
const qint64 kDay = 24 * 3600 * 1000LL;

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

/// A facility with one lock and one user, and keys added by spec.
struct Site
{
    QString lock = newId();
    QString user = newId();
    FeedCache cache;

    Site() { cache.apply({ cache.lock(lock, QStringLiteral("B-104")), cache.user(user, QStringLiteral("Bob")) }); }

    QString addKey(const QString &restriction, const QString &windowsJson, qint64 usedAt = -1)
    {
        const QString id = newId();
        FeedCache::KeySpec spec {
            QStringLiteral("key"), lock, user, kNow - kDay, kNow + 30 * kDay, restriction, usedAt
        };
        spec.windowsJson = windowsJson;
        cache.apply({ cache.key(id, spec) });
        return id;
    }
};

QString scheduleOf(const KeysModel &model, const QString &id)
{
    return model.index(model.rowOfId(id), KeysModel::ScheduleColumn).data().toString();
}

} // namespace

class TestKeysSchedule final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summary_data();
    void summary();
    void keysShareInternedWindowSets();
    void wallTimesReadTheSameInEveryZoneAndSeason();
    void usedInstantIsFacilityTime();
    void syncedScheduleEditUpdatesTheRow();
    void sortsBySummary();
};

void TestKeysSchedule::summary_data()
{
    QTest::addColumn<QString>("restriction");
    QTest::addColumn<QString>("windowsJson");
    QTest::addColumn<qint64>("usedAt");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("windows"); // WindowsRole count

    QTest::newRow("no restriction → 24/7")
        << QStringLiteral("none") << QStringLiteral("[]") << qint64(-1) << QStringLiteral("24/7") << 0;
    QTest::newRow("one time, not used yet")
        << QStringLiteral("one_time") << QStringLiteral("[]") << qint64(-1) << QStringLiteral("One time") << 0;
    QTest::newRow("one time, used → when, facility time")
        << QStringLiteral("one_time") << QStringLiteral("[]") << ms("2026-11-24T14:02:00Z")
        << QStringLiteral("One time (used Tue 24 Nov 14:02)") << 0;
    QTest::newRow("one time used last year → with the year")
        << QStringLiteral("one_time") << QStringLiteral("[]") << ms("2025-11-24T14:02:00Z")
        << QStringLiteral("One time (used Mon 24 Nov 2025 14:02)") << 0;
    QTest::newRow("office hours Monday to Friday")
        << QStringLiteral("scheduled") << QStringLiteral(R"([{"days":[1,2,3,4,5],"start":"08:00","end":"17:00"}])")
        << qint64(-1) << u8("Mon–Fri 08:00–17:00") << 1;
    QTest::newRow("night window crossing midnight")
        << QStringLiteral("scheduled") << QStringLiteral(R"([{"days":[6],"start":"22:00","end":"06:00"}])")
        << qint64(-1) << u8("Sat 22:00–06:00") << 1;
    QTest::newRow("several windows joined")
        << QStringLiteral("scheduled")
        << QStringLiteral(
               R"([{"days":[1,2,3,4,5],"start":"08:00","end":"12:00"},{"days":[6],"start":"09:00","end":"13:00"}])")
        << qint64(-1) << u8("Mon–Fri 08:00–12:00, Sat 09:00–13:00") << 2;
    QTest::newRow("day names and seconds, as the server's store writes them")
        << QStringLiteral("scheduled")
        << QStringLiteral(R"([{"days":["sat","sun"],"start":"10:00:00","end":"12:30:00"}])") << qint64(-1)
        << u8("Sat, Sun 10:00–12:30") << 1;
    QTest::newRow("days as a bit mask") << QStringLiteral("scheduled")
                                        << QStringLiteral(R"([{"days":127,"start":"07:00","end":"07:30"}])")
                                        << qint64(-1) << u8("every day 07:00–07:30") << 1;
    QTest::newRow("unreadable windows → Scheduled")
        << QStringLiteral("scheduled") << QStringLiteral("not json") << qint64(-1) << QStringLiteral("Scheduled") << 0;
}

void TestKeysSchedule::summary()
{
    QFETCH(QString, restriction);
    QFETCH(QString, windowsJson);
    QFETCH(qint64, usedAt);
    QFETCH(QString, expected);
    QFETCH(int, windows);
    Site site;
    QVERIFY(site.cache.ok());
    const QString id = site.addKey(restriction, windowsJson, usedAt);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&site.cache.db()));
    QCOMPARE(scheduleOf(model, id), expected);
    const QModelIndex cell = model.index(model.rowOfId(id), KeysModel::ScheduleColumn);
    QCOMPARE(cell.data(WindowsRole).value<QList<AccessWindow>>().size(), windows);
    QCOMPARE(model.windowsOf(id).size(), windows);
    QCOMPARE(model.headerData(KeysModel::ScheduleColumn, Qt::Horizontal).toString(), QStringLiteral("Schedule"));
    // The tooltip of weekly windows says whose wall clock they are.
    if (windows > 0)
        QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("UTC")));
}

void TestKeysSchedule::keysShareInternedWindowSets()
{
    Site site;
    QVERIFY(site.cache.ok());
    const QString office = QStringLiteral(R"([{"days":[1,2,3,4,5],"start":"08:00","end":"17:00"}])");
    // The same schedule written another way (names, seconds): still one set.
    const QString officeByName
        = QStringLiteral(R"([{"days":["mon","tue","wed","thu","fri"],"start":"08:00:00","end":"17:00:00"}])");
    const QString night = QStringLiteral(R"([{"days":[5,6],"start":"22:00","end":"06:00"}])");
    QList<ChangeRow> rows;
    QStringList ids;
    for (int i = 0; i < 300; ++i) {
        const QString id = newId();
        ids.append(id);
        FeedCache::KeySpec spec { QStringLiteral("k%1").arg(i),
                                  site.lock,
                                  site.user,
                                  kNow - kDay,
                                  -1,
                                  i % 3 == 2 ? QStringLiteral("none") : QStringLiteral("scheduled") };
        spec.windowsJson = i % 3 == 0 ? (i % 2 ? office : officeByName) : (i % 3 == 1 ? night : QStringLiteral("[]"));
        rows.append(site.cache.key(id, spec));
    }
    site.cache.apply(rows);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QVERIFY(model.attach(&site.cache.db()));
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(model.windowSets().size(), 2);
    const QList<AccessWindow> windows = model.windowsOf(ids.at(0));
    QCOMPARE(windows.size(), 1);
    QCOMPARE(windows.at(0).days, Weekdays::mondayToFriday());
    QCOMPARE(windows.at(0).start, QTime(8, 0));
    QCOMPARE(windows.at(0).end, QTime(17, 0));
    QCOMPARE(model.windowsOf(ids.at(3)), windows);
    QVERIFY(model.windowsOf(ids.at(1)).at(0).crossesMidnight());
    QVERIFY(model.windowsOf(ids.at(2)).isEmpty()); // 24/7
    QVERIFY(model.windowsOf(QStringLiteral("no-such-key")).isEmpty());
}

void TestKeysSchedule::wallTimesReadTheSameInEveryZoneAndSeason()
{
    Site site;
    QVERIFY(site.cache.ok());
    const QString id
        = site.addKey(QStringLiteral("scheduled"), QStringLiteral(R"([{"days":[6],"start":"22:00","end":"06:00"}])"));
    for (const char *when : { "2026-07-15T12:00:00Z", "2026-11-25T12:00:00Z", "2027-03-28T01:30:00Z" }) {
        FakeClock clock(QDateTime::fromMSecsSinceEpoch(ms(when), Qt::UTC));
        KeysModel model(clock);
        QVERIFY(model.attach(&site.cache.db()));
        for (const char *zone : { "UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney" }) {
            model.setFacilityZone(FacilityZone::fromIanaId(QString::fromLatin1(zone)).value());
            QCOMPARE(scheduleOf(model, id), u8("Sat 22:00–06:00"));
        }
    }
}

void TestKeysSchedule::usedInstantIsFacilityTime()
{
    Site site;
    QVERIFY(site.cache.ok());
    const QString summer = site.addKey(QStringLiteral("one_time"), QStringLiteral("[]"), ms("2026-07-14T12:02:00Z"));
    const QString winter = site.addKey(QStringLiteral("one_time"), QStringLiteral("[]"), ms("2026-11-24T13:02:00Z"));
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QVERIFY(model.attach(&site.cache.db()));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setFacilityZone(FacilityZone::fromIanaId(QStringLiteral("Europe/Berlin")).value());
    QVERIFY(!changed.isEmpty());
    // Summer time +2 h, winter time +1 h.
    QCOMPARE(scheduleOf(model, summer), QStringLiteral("One time (used Tue 14 Jul 14:02)"));
    QCOMPARE(scheduleOf(model, winter), QStringLiteral("One time (used Tue 24 Nov 14:02)"));
    model.setFacilityZone(FacilityZone::fromIanaId(QStringLiteral("America/New_York")).value());
    QCOMPARE(scheduleOf(model, summer), QStringLiteral("One time (used Tue 14 Jul 08:02)"));
    QCOMPARE(scheduleOf(model, winter), QStringLiteral("One time (used Tue 24 Nov 08:02)"));
}

void TestKeysSchedule::syncedScheduleEditUpdatesTheRow()
{
    Site site;
    QVERIFY(site.cache.ok());
    const QString id
        = site.addKey(QStringLiteral("scheduled"), QStringLiteral(R"([{"days":[1],"start":"08:00","end":"09:00"}])"));
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&site.cache.db()));
    QCOMPARE(scheduleOf(model, id), u8("Mon 08:00–09:00"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    FeedCache::KeySpec spec { QStringLiteral("key"), site.lock,        site.user,
                              kNow - kDay,           kNow + 30 * kDay, QStringLiteral("scheduled") };
    spec.windowsJson = QStringLiteral(R"([{"days":[2,4],"start":"18:00","end":"02:00"}])");
    const auto announced = site.cache.apply({ site.cache.key(id, spec) });
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(scheduleOf(model, id), u8("Tue, Thu 18:00–02:00"));
    QCOMPARE(model.windowSets().size(), 2);
}

void TestKeysSchedule::sortsBySummary()
{
    Site site;
    QVERIFY(site.cache.ok());
    const QString sat
        = site.addKey(QStringLiteral("scheduled"), QStringLiteral(R"([{"days":[6],"start":"22:00","end":"06:00"}])"));
    const QString any = site.addKey(QStringLiteral("none"), QStringLiteral("[]"));
    const QString usedLate = site.addKey(QStringLiteral("one_time"), QStringLiteral("[]"), ms("2026-11-24T14:02:00Z"));
    const QString usedEarly = site.addKey(QStringLiteral("one_time"), QStringLiteral("[]"), ms("2026-11-20T09:00:00Z"));
    const QString once = site.addKey(QStringLiteral("one_time"), QStringLiteral("[]"));
    const QString mon = site.addKey(QStringLiteral("scheduled"),
                                    QStringLiteral(R"([{"days":[1,2,3,4,5],"start":"08:00","end":"17:00"}])"));
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&site.cache.db()));
    model.sort(KeysModel::ScheduleColumn, Qt::AscendingOrder);
    QStringList ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.append(model.index(r, 0).data(IdRole).toString());
    // By the text, and the used one-time keys by when they were used (not by their weekday names).
    QCOMPARE(ids, (QStringList { any, mon, once, usedEarly, usedLate, sat }));
    model.sort(KeysModel::ScheduleColumn, Qt::DescendingOrder);
    QCOMPARE(model.index(0, 0).data(IdRole).toString(), sat);
    QCOMPARE(model.index(5, 0).data(IdRole).toString(), any);
}

QTEST_MAIN(TestKeysSchedule)
#include "TestKeysSchedule.moc"
