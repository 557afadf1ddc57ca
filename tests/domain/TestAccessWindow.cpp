#include "core/domain/AccessWindow.h"

#include <QLocale>
#include <QTest>

using namespace Keydesk::Core;

Q_DECLARE_METATYPE(Keydesk::Core::AccessWindow)
Q_DECLARE_METATYPE(QList<Keydesk::Core::AccessWindow>)
Q_DECLARE_METATYPE(Keydesk::Core::Interval)
Q_DECLARE_METATYPE(QList<Keydesk::Core::Interval>)

namespace {

AccessWindow window(Weekdays days, int startHour, int startMinute, int endHour, int endMinute)
{
    return { days, QTime(startHour, startMinute), QTime(endHour, endMinute) };
}

Weekdays days(std::initializer_list<Qt::DayOfWeek> list)
{
    return Weekdays::fromList(QList<Qt::DayOfWeek>(list));
}

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

FacilityZone zoneOf(const char *id)
{
    return *FacilityZone::fromIanaId(QLatin1String(id));
}

QString dash()
{
    return QString(QChar(0x2013));
}

} // namespace

/// Weekly windows: validation (each rule passes and fails), descriptions, and occurrences in real time.
class TestAccessWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void validate_data()
    {
        QTest::addColumn<QList<AccessWindow>>("windows");
        QTest::addColumn<QString>("code"); // empty = valid
        QTest::addColumn<QString>("field");
        QTest::addColumn<QStringList>("messageMentions");

        const Weekdays monFri = Weekdays::mondayToFriday();
        QTest::newRow("pass: one weekday window")
            << QList<AccessWindow> { window(monFri, 8, 0, 17, 0) } << QString() << QString() << QStringList();
        QTest::newRow("pass: crossing midnight")
            << QList<AccessWindow> { window(monFri, 22, 0, 2, 0) } << QString() << QString() << QStringList();
        QTest::newRow("pass: ends at midnight")
            << QList<AccessWindow> { window(monFri, 8, 0, 0, 0) } << QString() << QString() << QStringList();
        QTest::newRow("pass: 23 hours every day") << QList<AccessWindow> { window(Weekdays::everyDay(), 20, 0, 19, 0) }
                                                  << QString() << QString() << QStringList();
        QTest::newRow("pass: adjacent windows touch")
            << QList<AccessWindow> { window(monFri, 8, 0, 12, 0), window(monFri, 12, 0, 17, 0) } << QString()
            << QString() << QStringList();
        QTest::newRow("pass: same hours on other days")
            << QList<AccessWindow> { window(days({ Qt::Monday }), 8, 0, 12, 0),
                                     window(days({ Qt::Tuesday }), 8, 0, 12, 0) }
            << QString() << QString() << QStringList();
        QTest::newRow("pass: Sunday night ends before Monday window")
            << QList<AccessWindow> { window(days({ Qt::Sunday }), 22, 0, 2, 0),
                                     window(days({ Qt::Monday }), 2, 0, 5, 0) }
            << QString() << QString() << QStringList();
        QTest::newRow("fail: no days") << QList<AccessWindow> { window(Weekdays(), 8, 0, 17, 0) }
                                       << QStringLiteral("window_no_days") << QStringLiteral("windows[0]")
                                       << QStringList { QStringLiteral("Window 1") };
        QTest::newRow("fail: start equals end")
            << QList<AccessWindow> { window(monFri, 8, 0, 17, 0), window(days({ Qt::Saturday }), 9, 0, 9, 0) }
            << QStringLiteral("window_empty") << QStringLiteral("windows[1]")
            << QStringList { QStringLiteral("Window 2"), QStringLiteral("Sat 09:00") };
        QTest::newRow("fail: missing time") << QList<AccessWindow> { AccessWindow { monFri, QTime(), QTime(9, 0) } }
                                            << QStringLiteral("window_time_invalid") << QStringLiteral("windows[0]")
                                            << QStringList { QStringLiteral("whole minutes") };
        QTest::newRow("fail: seconds") << QList<AccessWindow> { AccessWindow { monFri, QTime(8, 0, 30), QTime(9, 0) } }
                                       << QStringLiteral("window_time_invalid") << QStringLiteral("windows[0]")
                                       << QStringList { QStringLiteral("whole minutes") };
        QTest::newRow("fail: overlap on the same day")
            << QList<AccessWindow> { window(monFri, 8, 0, 17, 0), window(days({ Qt::Wednesday }), 16, 0, 18, 0) }
            << QStringLiteral("window_overlap") << QStringLiteral("windows[1]")
            << QStringList { QStringLiteral("Window 1 (Mon") + dash() + QStringLiteral("Fri 08:00") + dash()
                                 + QStringLiteral("17:00)"),
                             QStringLiteral("window 2 (Wed 16:00") + dash() + QStringLiteral("18:00)"),
                             QStringLiteral("Wed 16:00") + dash() + QStringLiteral("17:00") };
        QTest::newRow("fail: identical windows")
            << QList<AccessWindow> { window(monFri, 8, 0, 17, 0), window(monFri, 8, 0, 17, 0) }
            << QStringLiteral("window_overlap") << QStringLiteral("windows[1]")
            << QStringList { QStringLiteral("Mon 08:00") + dash() + QStringLiteral("17:00") };
        QTest::newRow("fail: crossing midnight into the next day's window")
            << QList<AccessWindow> { window(days({ Qt::Friday }), 22, 0, 2, 0),
                                     window(days({ Qt::Saturday }), 1, 0, 3, 0) }
            << QStringLiteral("window_overlap") << QStringLiteral("windows[1]")
            << QStringList { QStringLiteral("Sat 01:00") + dash() + QStringLiteral("02:00") };
        QTest::newRow("fail: Sunday night wraps into Monday")
            << QList<AccessWindow> { window(days({ Qt::Monday }), 0, 30, 2, 0),
                                     window(days({ Qt::Sunday }), 23, 0, 1, 0) }
            << QStringLiteral("window_overlap") << QStringLiteral("windows[1]")
            << QStringList { QStringLiteral("Mon 00:30") + dash() + QStringLiteral("01:00") };
    }

    void validate()
    {
        QFETCH(QList<AccessWindow>, windows);
        QFETCH(QString, code);
        QFETCH(QString, field);
        QFETCH(QStringList, messageMentions);

        const Result<void> result = validateWindows(windows);
        QCOMPARE(result.ok(), code.isEmpty());
        if (code.isEmpty())
            return;
        QCOMPARE(result.error().code, code);
        QCOMPARE(result.error().field, field);
        for (const QString &mention : messageMentions)
            QVERIFY2(result.error().message.contains(mention), qPrintable(result.error().message));
    }

    void weekdaysDescribe_data()
    {
        QTest::addColumn<int>("mask");
        QTest::addColumn<QString>("expected");
        QTest::newRow("Mon–Fri") << 0x1f << QStringLiteral("Mon") + dash() + QStringLiteral("Fri");
        QTest::newRow("weekend as a list") << 0x60 << QStringLiteral("Sat, Sun");
        QTest::newRow("every day") << 0x7f << QStringLiteral("every day");
        QTest::newRow("single day") << 0x01 << QStringLiteral("Mon");
        QTest::newRow("gap in the week") << 0x1d << QStringLiteral("Mon, Wed") + dash() + QStringLiteral("Fri");
        QTest::newRow("two runs") << 0x47 << QStringLiteral("Mon") + dash() + QStringLiteral("Wed, Sun");
        QTest::newRow("none") << 0 << QStringLiteral("no days");
    }

    void weekdaysDescribe()
    {
        QFETCH(int, mask);
        QFETCH(QString, expected);
        const Weekdays w = Weekdays::fromMask(mask);
        QCOMPARE(w.describe(), expected);
        QCOMPARE(Weekdays::fromList(w.toList()), w);
        QCOMPARE(w.mask(), mask);
    }

    void windowDescribe()
    {
        QCOMPARE(window(Weekdays::mondayToFriday(), 8, 0, 17, 0).describe(),
                 QStringLiteral("Mon") + dash() + QStringLiteral("Fri 08:00") + dash() + QStringLiteral("17:00"));
        QCOMPARE(window(days({ Qt::Saturday, Qt::Sunday }), 22, 0, 2, 30).describe(),
                 QStringLiteral("Sat, Sun 22:00") + dash() + QStringLiteral("02:30"));
        QVERIFY(window(Weekdays::everyDay(), 22, 0, 2, 30).crossesMidnight());
        QVERIFY(!window(Weekdays::everyDay(), 8, 0, 9, 0).crossesMidnight());
    }

    void intervals_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QList<AccessWindow>>("windows");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<QList<Interval>>("expected");

        QTest::newRow("Berlin weekdays over a week")
            << QStringLiteral("Europe/Berlin")
            << QList<AccessWindow> { window(Weekdays::mondayToFriday(), 8, 0, 17, 0) } << utc("2026-11-21T00:00:00")
            << utc("2026-11-28T00:00:00")
            << QList<Interval> { { utc("2026-11-23T07:00:00"), utc("2026-11-23T16:00:00") },
                                 { utc("2026-11-24T07:00:00"), utc("2026-11-24T16:00:00") },
                                 { utc("2026-11-25T07:00:00"), utc("2026-11-25T16:00:00") },
                                 { utc("2026-11-26T07:00:00"), utc("2026-11-26T16:00:00") },
                                 { utc("2026-11-27T07:00:00"), utc("2026-11-27T16:00:00") } };
        QTest::newRow("occurrence running at the range start is whole, not clipped")
            << QStringLiteral("Europe/Berlin") << QList<AccessWindow> { window(Weekdays::everyDay(), 22, 0, 6, 0) }
            << utc("2026-11-25T03:00:00") << utc("2026-11-25T04:00:00")
            << QList<Interval> { { utc("2026-11-24T21:00:00"), utc("2026-11-25T05:00:00") } };
        QTest::newRow("NY spring: 02:00–03:00 is empty and left out")
            << QStringLiteral("America/New_York") << QList<AccessWindow> { window(days({ Qt::Sunday }), 2, 0, 3, 0) }
            << utc("2026-03-08T00:00:00") << utc("2026-03-09T00:00:00") << QList<Interval> {};
        QTest::newRow("NY spring: 01:30–02:30 lasts 30 minutes")
            << QStringLiteral("America/New_York") << QList<AccessWindow> { window(days({ Qt::Sunday }), 1, 30, 2, 30) }
            << utc("2026-03-08T00:00:00") << utc("2026-03-09T00:00:00")
            << QList<Interval> { { utc("2026-03-08T06:30:00"), utc("2026-03-08T07:00:00") } };
        QTest::newRow("NY fall: 01:00–01:30 is the first (EDT) occurrence only")
            << QStringLiteral("America/New_York") << QList<AccessWindow> { window(days({ Qt::Sunday }), 1, 0, 1, 30) }
            << utc("2026-11-01T00:00:00") << utc("2026-11-02T00:00:00")
            << QList<Interval> { { utc("2026-11-01T05:00:00"), utc("2026-11-01T05:30:00") } };
        QTest::newRow("NY fall: Sat 22:00–02:00 lasts five hours")
            << QStringLiteral("America/New_York") << QList<AccessWindow> { window(days({ Qt::Saturday }), 22, 0, 2, 0) }
            << utc("2026-11-01T00:00:00") << utc("2026-11-02T00:00:00")
            << QList<Interval> { { utc("2026-11-01T02:00:00"), utc("2026-11-01T07:00:00") } };
        QTest::newRow("Berlin fall: 02:00–03:00 holds the repeated hour (two hours)")
            << QStringLiteral("Europe/Berlin") << QList<AccessWindow> { window(days({ Qt::Sunday }), 2, 0, 3, 0) }
            << utc("2026-10-25T00:00:00") << utc("2026-10-26T00:00:00")
            << QList<Interval> { { utc("2026-10-25T00:00:00"), utc("2026-10-25T02:00:00") } };
        QTest::newRow("Lord Howe spring: Sat 23:00–02:15 ends at the 30-minute jump")
            << QStringLiteral("Australia/Lord_Howe")
            << QList<AccessWindow> { window(days({ Qt::Saturday }), 23, 0, 2, 15) } << utc("2026-10-03T00:00:00")
            << utc("2026-10-04T00:00:00")
            << QList<Interval> { { utc("2026-10-03T12:30:00"), utc("2026-10-03T15:30:00") } };
        QTest::newRow("Lord Howe autumn: 01:45–02:15 spans the repeated half hour")
            << QStringLiteral("Australia/Lord_Howe")
            << QList<AccessWindow> { window(days({ Qt::Sunday }), 1, 45, 2, 15) } << utc("2026-04-04T00:00:00")
            << utc("2026-04-05T00:00:00")
            << QList<Interval> { { utc("2026-04-04T14:45:00"), utc("2026-04-04T15:45:00") } };
    }

    void intervals()
    {
        QFETCH(QString, zone);
        QFETCH(QList<AccessWindow>, windows);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(QList<Interval>, expected);

        const FacilityZone z = zoneOf(qPrintable(zone));
        const QList<Interval> actual = windowIntervals(windows, z, from, to);
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < actual.size(); ++i) {
            QCOMPARE(actual[i].start, expected[i].start);
            QCOMPARE(actual[i].end, expected[i].end);
            // The point checks agree with the list.
            QVERIFY(insideWindows(windows, z, actual[i].start));
            QVERIFY(insideWindows(windows, z, actual[i].end.addSecs(-60)));
            QCOMPARE(nextWindowChange(windows, z, actual[i].start), actual[i].end);
        }
    }

    void emptyRangeGivesNoIntervals()
    {
        const FacilityZone z = zoneOf("Europe/Berlin");
        const QList<AccessWindow> w { window(Weekdays::everyDay(), 0, 0, 23, 0) };
        QVERIFY(windowIntervals(w, z, utc("2026-11-25T12:00:00"), utc("2026-11-25T12:00:00")).isEmpty());
        QVERIFY(windowIntervals(w, z, QDateTime(), utc("2026-11-25T12:00:00")).isEmpty());
        QVERIFY(!insideWindows({}, z, utc("2026-11-25T12:00:00")));
        QVERIFY(!nextWindowChange({}, z, utc("2026-11-25T12:00:00")).isValid());
    }

    void wholeWeekCoveredNeverChanges()
    {
        const FacilityZone z = zoneOf("America/New_York");
        const QList<AccessWindow> w { window(Weekdays::everyDay(), 0, 0, 12, 0),
                                      window(Weekdays::everyDay(), 12, 0, 0, 0) };
        QVERIFY(validateWindows(w).ok());
        QVERIFY(insideWindows(w, z, utc("2026-03-08T07:00:00")));
        QVERIFY(!nextWindowChange(w, z, utc("2026-03-08T07:00:00")).isValid());
    }
};

QTEST_GUILESS_MAIN(TestAccessWindow)
#include "TestAccessWindow.moc"
