#include "core/domain/FacilityZone.h"

#include <QLocale>
#include <QTest>

using Keydesk::Core::FacilityZone;
using Keydesk::Core::WallTimeResolution;

namespace {

FacilityZone zoneOf(const char *id)
{
    const auto zone = FacilityZone::fromIanaId(QLatin1String(id));
    if (!zone)
        qFatal("time zone %s missing: %s", id, qPrintable(zone.errorMessage()));
    return *zone;
}

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace

Q_DECLARE_METATYPE(WallTimeResolution::Kind)

/// FacilityZone: IANA lookup and the documented wall time → UTC rules in DST gaps and overlaps.
class TestFacilityZone final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void fromIanaId_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("New York") << QStringLiteral("America/New_York") << true;
        QTest::newRow("Berlin") << QStringLiteral("Europe/Berlin") << true;
        QTest::newRow("Lord Howe (30-minute DST)") << QStringLiteral("Australia/Lord_Howe") << true;
        QTest::newRow("Santiago (midnight DST)") << QStringLiteral("America/Santiago") << true;
        QTest::newRow("UTC") << QStringLiteral("UTC") << true;
        QTest::newRow("link id Etc/UTC") << QStringLiteral("Etc/UTC") << true;
        QTest::newRow("link id Europe/Kiev") << QStringLiteral("Europe/Kiev") << true;
        QTest::newRow("unknown id") << QStringLiteral("Mars/Olympus_Mons") << false;
        QTest::newRow("wrong letter case") << QStringLiteral("europe/berlin") << false;
        QTest::newRow("Qt offset id is not IANA") << QStringLiteral("UTC+01:00") << false;
        QTest::newRow("path outside the zone database") << QStringLiteral("../../etc/passwd") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("not an id") << QStringLiteral("Berlin time") << false;
    }

    void fromIanaId()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        const auto zone = FacilityZone::fromIanaId(id);
        QCOMPARE(zone.ok(), valid);
        if (valid) {
            QCOMPARE(zone->id(), id);
            QCOMPARE(zone->describe(), id);
            QVERIFY(zone->zone().isValid());
        } else {
            QCOMPARE(zone.error().code, QStringLiteral("unknown_time_zone"));
            QVERIFY2(zone.error().message.contains(QStringLiteral("\"%1\"").arg(id)), qPrintable(zone.error().message));
        }
    }

    void defaultIsUtc()
    {
        const FacilityZone zone;
        QCOMPARE(zone.id(), QStringLiteral("UTC"));
        QCOMPARE(zone.toUtc(QDate(2026, 3, 8), QTime(2, 30)), utc("2026-03-08T02:30:00"));
    }

    void toUtc_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QTime>("time");
        QTest::addColumn<WallTimeResolution::Kind>("kind");
        QTest::addColumn<QDateTime>("expected"); // toUtc()
        QTest::addColumn<QDateTime>("boundary"); // boundaryToUtc()
        QTest::addColumn<QDateTime>("later"); // resolve().later

        const QString ny = QStringLiteral("America/New_York");
        const QString berlin = QStringLiteral("Europe/Berlin");
        const QString lhi = QStringLiteral("Australia/Lord_Howe");
        const QString scl = QStringLiteral("America/Santiago");
        const auto U = WallTimeResolution::Unique;
        const auto G = WallTimeResolution::InGap;
        const auto O = WallTimeResolution::InOverlap;

        QTest::newRow("NY summer noon → EDT")
            << ny << QDate(2026, 7, 1) << QTime(12, 0) << U << utc("2026-07-01T16:00:00") << utc("2026-07-01T16:00:00")
            << utc("2026-07-01T16:00:00");
        QTest::newRow("NY winter noon → EST")
            << ny << QDate(2026, 1, 15) << QTime(12, 0) << U << utc("2026-01-15T17:00:00") << utc("2026-01-15T17:00:00")
            << utc("2026-01-15T17:00:00");
        QTest::newRow("NY spring 01:59 → last EST minute")
            << ny << QDate(2026, 3, 8) << QTime(1, 59) << U << utc("2026-03-08T06:59:00") << utc("2026-03-08T06:59:00")
            << utc("2026-03-08T06:59:00");
        QTest::newRow("NY spring gap 02:00 → transition")
            << ny << QDate(2026, 3, 8) << QTime(2, 0) << G << utc("2026-03-08T07:00:00") << utc("2026-03-08T07:00:00")
            << utc("2026-03-08T07:00:00");
        QTest::newRow("NY spring gap 02:30 → 03:30 EDT (shifted by the gap)")
            << ny << QDate(2026, 3, 8) << QTime(2, 30) << G << utc("2026-03-08T07:30:00") << utc("2026-03-08T07:00:00")
            << utc("2026-03-08T07:30:00");
        QTest::newRow("NY spring 03:00 → first EDT minute")
            << ny << QDate(2026, 3, 8) << QTime(3, 0) << U << utc("2026-03-08T07:00:00") << utc("2026-03-08T07:00:00")
            << utc("2026-03-08T07:00:00");
        QTest::newRow("NY fall overlap 01:00 → first (EDT)")
            << ny << QDate(2026, 11, 1) << QTime(1, 0) << O << utc("2026-11-01T05:00:00") << utc("2026-11-01T05:00:00")
            << utc("2026-11-01T06:00:00");
        QTest::newRow("NY fall overlap 01:30 → first (EDT)")
            << ny << QDate(2026, 11, 1) << QTime(1, 30) << O << utc("2026-11-01T05:30:00") << utc("2026-11-01T05:30:00")
            << utc("2026-11-01T06:30:00");
        QTest::newRow("NY fall 02:00 → EST only")
            << ny << QDate(2026, 11, 1) << QTime(2, 0) << U << utc("2026-11-01T07:00:00") << utc("2026-11-01T07:00:00")
            << utc("2026-11-01T07:00:00");
        QTest::newRow("NY fall 00:59 → before overlap")
            << ny << QDate(2026, 11, 1) << QTime(0, 59) << U << utc("2026-11-01T04:59:00") << utc("2026-11-01T04:59:00")
            << utc("2026-11-01T04:59:00");
        QTest::newRow("Berlin spring gap 02:30 → 03:30 CEST")
            << berlin << QDate(2026, 3, 29) << QTime(2, 30) << G << utc("2026-03-29T01:30:00")
            << utc("2026-03-29T01:00:00") << utc("2026-03-29T01:30:00");
        QTest::newRow("Berlin fall overlap 02:30 → first (CEST)")
            << berlin << QDate(2026, 10, 25) << QTime(2, 30) << O << utc("2026-10-25T00:30:00")
            << utc("2026-10-25T00:30:00") << utc("2026-10-25T01:30:00");
        QTest::newRow("Berlin fall 03:00 → CET only")
            << berlin << QDate(2026, 10, 25) << QTime(3, 0) << U << utc("2026-10-25T02:00:00")
            << utc("2026-10-25T02:00:00") << utc("2026-10-25T02:00:00");
        QTest::newRow("Lord Howe 30-min gap 02:15 → 02:45 +11")
            << lhi << QDate(2026, 10, 4) << QTime(2, 15) << G << utc("2026-10-03T15:45:00")
            << utc("2026-10-03T15:30:00") << utc("2026-10-03T15:45:00");
        QTest::newRow("Lord Howe 02:30 after gap → +11")
            << lhi << QDate(2026, 10, 4) << QTime(2, 30) << U << utc("2026-10-03T15:30:00")
            << utc("2026-10-03T15:30:00") << utc("2026-10-03T15:30:00");
        QTest::newRow("Lord Howe 30-min overlap 01:45 → first (+11)")
            << lhi << QDate(2026, 4, 5) << QTime(1, 45) << O << utc("2026-04-04T14:45:00") << utc("2026-04-04T14:45:00")
            << utc("2026-04-04T15:15:00");
        QTest::newRow("Lord Howe 01:29 before overlap")
            << lhi << QDate(2026, 4, 5) << QTime(1, 29) << U << utc("2026-04-04T14:29:00") << utc("2026-04-04T14:29:00")
            << utc("2026-04-04T14:29:00");
        QTest::newRow("Santiago midnight in gap → transition")
            << scl << QDate(2026, 9, 6) << QTime(0, 0) << G << utc("2026-09-06T04:00:00") << utc("2026-09-06T04:00:00")
            << utc("2026-09-06T04:00:00");
        QTest::newRow("Santiago 00:30 in gap → 01:30 -03")
            << scl << QDate(2026, 9, 6) << QTime(0, 30) << G << utc("2026-09-06T04:30:00") << utc("2026-09-06T04:00:00")
            << utc("2026-09-06T04:30:00");
        QTest::newRow("Santiago 23:30 repeated before midnight")
            << scl << QDate(2026, 4, 4) << QTime(23, 30) << O << utc("2026-04-05T02:30:00")
            << utc("2026-04-05T02:30:00") << utc("2026-04-05T03:30:00");
    }

    void toUtc()
    {
        QFETCH(QString, zone);
        QFETCH(QDate, date);
        QFETCH(QTime, time);
        QFETCH(WallTimeResolution::Kind, kind);
        QFETCH(QDateTime, expected);
        QFETCH(QDateTime, boundary);
        QFETCH(QDateTime, later);

        const FacilityZone z = zoneOf(qPrintable(zone));
        const WallTimeResolution r = z.resolve(date, time);
        QCOMPARE(r.kind, kind);
        QCOMPARE(z.toUtc(date, time), expected);
        QCOMPARE(z.boundaryToUtc(date, time), boundary);
        QCOMPARE(r.later, later);
        QCOMPARE(z.toUtc(date, time).timeSpec(), Qt::UTC);
        if (kind != WallTimeResolution::InGap) {
            // Both occurrences read back as the wall time asked for.
            QCOMPARE(z.toLocal(r.earlier).time(), time);
            QCOMPARE(z.toLocal(r.later).time(), time);
            QCOMPARE(z.localDate(r.earlier), date);
        }
    }

    void invalidInputGivesInvalidInstant()
    {
        const FacilityZone z = zoneOf("Europe/Berlin");
        QVERIFY(!z.toUtc(QDate(), QTime(1, 0)).isValid());
        QVERIFY(!z.toUtc(QDate(2026, 1, 1), QTime()).isValid());
        QVERIFY(!z.toLocal(QDateTime()).isValid());
        QVERIFY(!z.localDate(QDateTime()).isValid());
    }

    void dayLength_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QDate>("date");
        QTest::addColumn<int>("minutes");
        QTest::newRow("NY ordinary day") << QStringLiteral("America/New_York") << QDate(2026, 6, 1) << 24 * 60;
        QTest::newRow("NY spring-forward day") << QStringLiteral("America/New_York") << QDate(2026, 3, 8) << 23 * 60;
        QTest::newRow("NY fall-back day") << QStringLiteral("America/New_York") << QDate(2026, 11, 1) << 25 * 60;
        QTest::newRow("Berlin spring-forward day") << QStringLiteral("Europe/Berlin") << QDate(2026, 3, 29) << 23 * 60;
        QTest::newRow("Berlin fall-back day") << QStringLiteral("Europe/Berlin") << QDate(2026, 10, 25) << 25 * 60;
        QTest::newRow("Lord Howe spring day")
            << QStringLiteral("Australia/Lord_Howe") << QDate(2026, 10, 4) << 23 * 60 + 30;
        QTest::newRow("Lord Howe autumn day")
            << QStringLiteral("Australia/Lord_Howe") << QDate(2026, 4, 5) << 24 * 60 + 30;
        QTest::newRow("Santiago day that starts in a gap")
            << QStringLiteral("America/Santiago") << QDate(2026, 9, 6) << 23 * 60;
        QTest::newRow("Santiago day whose last hour repeats")
            << QStringLiteral("America/Santiago") << QDate(2026, 4, 4) << 25 * 60;
    }

    void dayLength()
    {
        QFETCH(QString, zone);
        QFETCH(QDate, date);
        QFETCH(int, minutes);
        const FacilityZone z = zoneOf(qPrintable(zone));
        const QDateTime start = z.startOfDay(date);
        const QDateTime end = z.endOfDay(date);
        QCOMPARE(start.secsTo(end) / 60, qint64(minutes));
        QCOMPARE(end, z.startOfDay(date.addDays(1)));
        QCOMPARE(z.localDate(start), date);
        QCOMPARE(z.localDate(end.addSecs(-1)), date);
        QCOMPARE(z.localDate(end), date.addDays(1));
    }

    // Every quarter hour of 2026: toUtc(toLocal(t)) is t itself or, during an overlap, its first occurrence.
    void roundTripOverAYear_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::newRow("New York") << QStringLiteral("America/New_York");
        QTest::newRow("Berlin") << QStringLiteral("Europe/Berlin");
        QTest::newRow("Lord Howe") << QStringLiteral("Australia/Lord_Howe");
        QTest::newRow("Santiago") << QStringLiteral("America/Santiago");
    }

    void roundTripOverAYear()
    {
        QFETCH(QString, zone);
        const FacilityZone z = zoneOf(qPrintable(zone));
        int overlaps = 0;
        for (QDateTime t = utc("2026-01-01T00:00:00"); t < utc("2027-01-01T00:00:00"); t = t.addSecs(15 * 60)) {
            const QDateTime local = z.toLocal(t);
            const WallTimeResolution r = z.resolve(local.date(), local.time());
            QVERIFY2(r.kind != WallTimeResolution::InGap, qPrintable(t.toString(Qt::ISODate)));
            QVERIFY2(r.earlier == t || r.later == t, qPrintable(t.toString(Qt::ISODate)));
            QCOMPARE(z.toUtc(local.date(), local.time()), r.earlier);
            if (r.kind == WallTimeResolution::InOverlap)
                ++overlaps;
        }
        QVERIFY(overlaps > 0); // each of these zones repeats wall time once a year
    }

    void describeInstant()
    {
        const FacilityZone z = zoneOf("Europe/Berlin");
        QCOMPARE(z.describeInstant(utc("2026-11-26T07:00:00"), utc("2026-11-25T12:00:00")),
                 QStringLiteral("Thu 26 Nov 08:00 (Europe/Berlin)"));
        QCOMPARE(z.describeInstant(utc("2027-01-04T07:00:00"), utc("2026-11-25T12:00:00")),
                 QStringLiteral("Mon 4 Jan 2027 08:00 (Europe/Berlin)"));
        QCOMPARE(z.describeInstant(utc("2026-07-01T06:00:00")), QStringLiteral("Wed 1 Jul 2026 08:00 (Europe/Berlin)"));
    }
};

QTEST_GUILESS_MAIN(TestFacilityZone)
#include "TestFacilityZone.moc"
