#include "server/DemoFacility.h"
#include "server/ServerSetup.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Keydesk;
using namespace Keydesk::Server;

namespace {

// A fixed "now" (a Wednesday), so every run builds the same month and the test can reason about expiry.
const qint64 kNowMs = QDateTime(QDate(2026, 11, 25), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

/// A freshly initialized database in its own temporary folder, opened, with its key-encryption key.
struct Facility
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    QByteArray kek;

    QString databasePath() const { return dir.filePath(QStringLiteral("demo.sqlite")); }
    QString vlockDir() const { return dir.filePath(QStringLiteral("vlocks")); }

    bool create()
    {
        InitOptions init;
        init.databasePath = databasePath();
        init.companyName = QStringLiteral("Demo Self Storage");
        init.timezone = QStringLiteral("Europe/Berlin");
        if (!dir.isValid() || !initializeDatabase(init, kNowMs - 40 * kDayMs))
            return false;
        auto opened = Database::open(databasePath(), Database::OpenMode::OpenExisting);
        auto key = KeyEncryptionKey::load(databasePath());
        if (!opened || !key)
            return false;
        db = std::move(opened).value();
        kek = key.value();
        return true;
    }

    qint64 count(const QString &sql, const QVariantList &bindings = {}) const
    {
        auto value = db->scalar(sql, bindings);
        return value ? value.value().toLongLong() : -1;
    }
};

DemoOptions smallDemo(const Facility &facility)
{
    DemoOptions options;
    options.locks = 6;
    options.users = 12;
    options.vlockDir = facility.vlockDir();
    return options;
}

} // namespace

/// fillDemo(): the demo facility the issue asks for, checked on the database it writes.
class TestDemoFacility final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The virtual locks explain every refused wrong quick click at debug level; a month of them is noise here.
        QLoggingCategory::setFilterRules(QStringLiteral("keydesk.lockproto.debug=false"));
        // One small demo, read (never written) by the checks below; keeps the test fast.
        QVERIFY(m_small.create());
        auto filled = fillDemo(*m_small.db, m_small.kek, smallDemo(m_small), kNowMs);
        QVERIFY2(filled, qPrintable(filled ? QString() : filled.error().message));
        m_smallSummary = filled.value();
    }

    void defaultDemoIsRealisticAndFast()
    {
        Facility facility;
        QVERIFY(facility.create());
        DemoOptions options;
        options.vlockDir = facility.vlockDir();
        QElapsedTimer timer;
        timer.start();
        auto summary = fillDemo(*facility.db, facility.kek, options, kNowMs);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
        qInfo("default demo (%d locks, %d users, %d days): %lld ms, %d activity rows, %d offline keys", options.locks,
              options.users, options.days, elapsed, summary.value().activity, summary.value().offlineKeys);
        QCOMPARE(summary.value().locks, 12);
        QCOMPARE(summary.value().users, 30);
        QCOMPARE(facility.count(QStringLiteral("SELECT COUNT(*) FROM activity")), qint64(summary.value().activity));
        QVERIFY(summary.value().activity > 300); // a month of use, not a week
        QCOMPARE(QDir(facility.vlockDir()).entryList(QDir::Files).size(), 12);
    }

    void keysInEveryState_data()
    {
        QTest::addColumn<QString>("condition");
        // Status derived as the domain does: REVOKED, then EXPIRED (ended or one-time used), UPCOMING, ACTIVE.
        QTest::newRow("active") << QStringLiteral("revoked_at IS NULL AND used_at IS NULL AND valid_from <= :now "
                                                  "AND (valid_to IS NULL OR valid_to > :now)");
        QTest::newRow("upcoming") << QStringLiteral("revoked_at IS NULL AND valid_from > :now");
        QTest::newRow("expired scheduled contractor key")
            << QStringLiteral("revoked_at IS NULL AND valid_to <= :now AND restriction = 'scheduled' AND user_id IN "
                              "(SELECT id FROM users WHERE kind = 'contractor')");
        QTest::newRow("used one-time key") << QStringLiteral("restriction = 'one_time' AND used_at IS NOT NULL");
        QTest::newRow("revoked") << QStringLiteral("revoked_at IS NOT NULL AND revoked_at < :now");
        QTest::newRow("active scheduled with a window crossing midnight") << QStringLiteral(
            "revoked_at IS NULL AND restriction = 'scheduled' AND valid_from <= :now AND (valid_to "
            "IS NULL OR valid_to > :now) AND windows_json LIKE '%\"end\":\"02:00\",\"start\":\"22:00\"%'");
    }

    void keysInEveryState()
    {
        QFETCH(QString, condition);
        const Facility &facility = m_small;
        condition.replace(QStringLiteral(":now"), QString::number(kNowMs));
        QVERIFY(facility.count(QStringLiteral("SELECT COUNT(*) FROM keys WHERE ") + condition) >= 1);
    }

    void aMonthOfActivityThroughTheRealCodePaths()
    {
        const Facility &facility = m_small;
        const qint64 first
            = facility.count(QStringLiteral("SELECT MIN(COALESCE(range_start, recorded_time)) FROM activity"));
        const qint64 last = facility.count(QStringLiteral("SELECT MAX(recorded_time) FROM activity"));
        QVERIFY2(last - first >= 28 * kDayMs, qPrintable(QString::number(double(last - first) / kDayMs)));
        QVERIFY(last <= kNowMs);
        // Online unlocks (exact time), offline unlocks and quick clicks (a time range), and a failed unlock.
        QVERIFY(facility.count(QStringLiteral("SELECT COUNT(*) FROM activity WHERE action = 'unlocked' AND "
                                              "range_start = range_end"))
                > 0);
        QVERIFY(facility.count(QStringLiteral("SELECT COUNT(*) FROM activity WHERE action = 'unlocked' AND "
                                              "range_start < range_end"))
                > 0);
        QVERIFY(facility.count(QStringLiteral("SELECT COUNT(*) FROM activity WHERE action = "
                                              "'unlocked_via_quick_click'"))
                > 0);
        QVERIFY(facility.count(QStringLiteral("SELECT COUNT(*) FROM activity WHERE action = 'failed_unlock'")) > 0);
        // Every lock completed its setup on installation day, and some report a low battery.
        QCOMPARE(
            facility.count(QStringLiteral("SELECT COUNT(*) FROM locks WHERE status = 'ready' AND setup_count = 1")), 6);
        // 3.0 V full, 2.85 V danger (the Locks view's scale): some low, one to replace now, most healthy.
        QVERIFY(facility.count(QStringLiteral("SELECT COUNT(*) FROM locks WHERE internal_battery_mv < 2950")) >= 1);
        QVERIFY(facility.count(QStringLiteral("SELECT COUNT(*) FROM locks WHERE internal_battery_mv <= 2850")) >= 1);
        QVERIFY(facility.count(QStringLiteral("SELECT COUNT(*) FROM locks WHERE internal_battery_mv >= 2950")) >= 5);
    }

    void offlineKeysExpiredForSomeValidForOthers()
    {
        const Facility &facility = m_small;
        // A user's "Offline Key Expiration": the latest expiry among their valid offline keys, else Expired.
        const QString latest = QStringLiteral("SELECT COUNT(*) FROM (SELECT user_id, MAX(expires_at) AS latest FROM "
                                              "offline_keys WHERE invalidated_at IS NULL GROUP BY user_id) WHERE ");
        QVERIFY(facility.count(latest + QStringLiteral("latest <= ?"), { kNowMs }) >= 1);
        QVERIFY(facility.count(latest + QStringLiteral("latest > ?"), { kNowMs }) >= 1);
        // The valid ones were issued today and end with the facility day, not later.
        QCOMPARE(facility.count(QStringLiteral("SELECT COUNT(*) FROM offline_keys WHERE expires_at > ?"),
                                { kNowMs + kDayMs }),
                 0);
    }

    void twoRunsWithTheSameOptionsMakeTheSameFacility()
    {
        Facility second;
        QVERIFY(second.create());
        auto again = fillDemo(*second.db, second.kek, smallDemo(second), kNowMs);
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
        QCOMPARE(again.value().keys, m_smallSummary.keys);
        QCOMPARE(again.value().activity, m_smallSummary.activity);
        QCOMPARE(again.value().offlineKeys, m_smallSummary.offlineKeys);
        QCOMPARE(second.count(QStringLiteral("SELECT COUNT(*) FROM activity")),
                 m_small.count(QStringLiteral("SELECT COUNT(*) FROM activity")));
    }

    void fillingTheSameDatabaseAgainIsRefusedAndChangesNothing()
    {
        const qint64 activity = m_small.count(QStringLiteral("SELECT COUNT(*) FROM activity"));
        DemoOptions again = smallDemo(m_small);
        auto sameFolder = fillDemo(*m_small.db, m_small.kek, again, kNowMs);
        QVERIFY(!sameFolder);
        QCOMPARE(sameFolder.error().field, QStringLiteral("vlock_dir"));
        again.vlockDir = m_small.dir.filePath(QStringLiteral("vlocks-again"));
        auto refused = fillDemo(*m_small.db, m_small.kek, again, kNowMs);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("already_exists"));
        QCOMPARE(m_small.count(QStringLiteral("SELECT COUNT(*) FROM activity")), activity);
        QVERIFY(!QFileInfo::exists(again.vlockDir));
    }

    void badOptionsAreRefusedBeforeAnyWrite_data()
    {
        QTest::addColumn<int>("locks");
        QTest::addColumn<int>("users");
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("field");
        QTest::newRow("no locks") << 0 << 30 << 30 << QStringLiteral("locks");
        QTest::newRow("too many locks") << 501 << 30 << 30 << QStringLiteral("locks");
        QTest::newRow("too few users") << 12 << 2 << 30 << QStringLiteral("users");
        QTest::newRow("history too short") << 12 << 30 << 5 << QStringLiteral("days");
    }

    void badOptionsAreRefusedBeforeAnyWrite()
    {
        QFETCH(int, locks);
        QFETCH(int, users);
        QFETCH(int, days);
        QFETCH(QString, field);
        Facility facility;
        QVERIFY(facility.create());
        DemoOptions options { locks, users, days, facility.vlockDir() };
        auto result = fillDemo(*facility.db, facility.kek, options, kNowMs);
        QVERIFY(!result);
        QCOMPARE(result.error().field, field);
        QCOMPARE(facility.count(QStringLiteral("SELECT COUNT(*) FROM locks")), 0);
        QCOMPARE(facility.count(QStringLiteral("SELECT COUNT(*) FROM users")), 0);
        QVERIFY(!QFileInfo::exists(facility.vlockDir()));
    }

private:
    Facility m_small;
    DemoSummary m_smallSummary;
};

QTEST_GUILESS_MAIN(TestDemoFacility)
#include "TestDemoFacility.moc"
