#include "core/domain/Battery.h"

#include <QLocale>
#include <QTest>

using namespace Keydesk::Core;

Q_DECLARE_METATYPE(Keydesk::Core::BatteryLevel)

/// The one battery scale: 3.0 V full, below 2.95 V low, at or below 2.85 V replace now; its words and percent.
class TestBattery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The words below are the English source texts with '.' as the decimal separator.
        QLocale::setDefault(QLocale::c());
    }

    void level_data()
    {
        QTest::addColumn<int>("millivolts");
        QTest::addColumn<BatteryLevel>("level");
        QTest::addColumn<QString>("tone");
        QTest::newRow("never reported (0) → unknown") << 0 << BatteryLevel::Unknown << QStringLiteral("muted");
        QTest::newRow("negative (no reading) → unknown") << -1 << BatteryLevel::Unknown << QStringLiteral("muted");
        QTest::newRow("above full → ok") << 3210 << BatteryLevel::Ok << QStringLiteral("ok");
        QTest::newRow("full 3.0 V → ok") << 3000 << BatteryLevel::Ok << QStringLiteral("ok");
        QTest::newRow("exactly 2.95 V → still ok") << 2950 << BatteryLevel::Ok << QStringLiteral("ok");
        QTest::newRow("2.949 V → low") << 2949 << BatteryLevel::Low << QStringLiteral("warning");
        QTest::newRow("2.851 V → low, not yet critical") << 2851 << BatteryLevel::Low << QStringLiteral("warning");
        QTest::newRow("exactly 2.85 V → replace now") << 2850 << BatteryLevel::Critical << QStringLiteral("danger");
        QTest::newRow("far below → replace now") << 2400 << BatteryLevel::Critical << QStringLiteral("danger");
    }

    void level()
    {
        QFETCH(int, millivolts);
        QFETCH(BatteryLevel, level);
        QFETCH(QString, tone);
        QCOMPARE(Battery::level(millivolts), level);
        QCOMPARE(Battery::tone(Battery::level(millivolts)), tone);
        QCOMPARE(Battery::needsReplacement(millivolts), level == BatteryLevel::Low || level == BatteryLevel::Critical);
    }

    void text_data()
    {
        QTest::addColumn<int>("millivolts");
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << 0 << QStringLiteral("unknown");
        QTest::newRow("full: volts alone") << 3000 << QStringLiteral("3.00 V");
        QTest::newRow("ok: two decimals") << 2974 << QStringLiteral("2.97 V");
        QTest::newRow("low: volts and state") << 2900 << QStringLiteral("2.90 V \u2014 low");
        QTest::newRow("2851 mV: three decimals, not the critical 2.85") << 2851 << QStringLiteral("2.851 V \u2014 low");
        QTest::newRow("2854 mV: three decimals, not the critical 2.85") << 2854 << QStringLiteral("2.854 V \u2014 low");
        QTest::newRow("2855 mV rounds to 2.86: two decimals") << 2855 << QStringLiteral("2.86 V \u2014 low");
        QTest::newRow("critical: replace now") << 2850 << QStringLiteral("2.85 V \u2014 replace now");
        QTest::newRow("2846 mV reads 2.85 and is critical") << 2846 << QStringLiteral("2.85 V \u2014 replace now");
    }

    void text()
    {
        QFETCH(int, millivolts);
        QFETCH(QString, text);
        QCOMPARE(Battery::text(millivolts), text);
    }

    void percent_data()
    {
        QTest::addColumn<int>("millivolts");
        QTest::addColumn<int>("percent");
        QTest::newRow("unknown → -1") << 0 << -1;
        QTest::newRow("above full clamps to 100") << 3300 << 100;
        QTest::newRow("full → 100") << 3000 << 100;
        QTest::newRow("low threshold → 67") << 2950 << 67;
        QTest::newRow("half way → 50") << 2925 << 50;
        QTest::newRow("critical → 0") << 2850 << 0;
        QTest::newRow("below critical clamps to 0") << 2500 << 0;
    }

    void percent()
    {
        QFETCH(int, millivolts);
        QFETCH(int, percent);
        QCOMPARE(Battery::percent(millivolts), percent);
    }

    void percentNeverDecreasesWithVoltage()
    {
        int previous = Battery::percent(1);
        for (int mv = 2; mv <= 3400; ++mv) {
            const int p = Battery::percent(mv);
            QVERIFY2(p >= previous, qPrintable(QString::number(mv)));
            QVERIFY(p >= 0 && p <= 100);
            previous = p;
        }
    }

    void voltsFollowTheLocale()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QString german = Battery::text(2974);
        QLocale::setDefault(QLocale::c());
        QCOMPARE(german, QStringLiteral("2,97 V"));
    }
};

QTEST_GUILESS_MAIN(TestBattery)
#include "TestBattery.moc"
