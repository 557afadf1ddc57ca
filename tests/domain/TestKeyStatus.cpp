#include "core/domain/DigitalKey.h"

#include <QLocale>
#include <QTest>

using namespace Keydesk::Core;

Q_DECLARE_METATYPE(Keydesk::Core::DigitalKey)
Q_DECLARE_METATYPE(Keydesk::Core::KeyStatus)

namespace {

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    t.setTimeSpec(Qt::UTC);
    return t;
}

FacilityZone zoneOf(const QString &id)
{
    return *FacilityZone::fromIanaId(id);
}

// A wall time in the zone (first occurrence in an overlap): "2026-03-02T08:00".
QDateTime wall(const QString &zone, const char *iso)
{
    const QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    return zoneOf(zone).toUtc(t.date(), t.time());
}

Weekdays days(std::initializer_list<Qt::DayOfWeek> list)
{
    return Weekdays::fromList(QList<Qt::DayOfWeek>(list));
}

DigitalKey key(QDateTime from, QDateTime to, Restriction restriction = Restriction::None,
               QList<AccessWindow> windows = {})
{
    DigitalKey k;
    k.id = QStringLiteral("k1");
    k.description = QStringLiteral("Plumber");
    k.lockId = QStringLiteral("lock-1");
    k.userId = QStringLiteral("user-1");
    k.validFrom = std::move(from);
    k.validTo = std::move(to);
    k.restriction = restriction;
    k.windows = std::move(windows);
    return k;
}

DigitalKey scheduled(QDateTime from, QDateTime to, QList<AccessWindow> windows)
{
    return key(std::move(from), std::move(to), Restriction::Scheduled, std::move(windows));
}

AccessWindow window(Weekdays d, int sh, int sm, int eh, int em)
{
    return { d, QTime(sh, sm), QTime(eh, em) };
}

} // namespace

/// Key status, "can open" and the next change instants, across DST in New York, Berlin and Lord Howe.
class TestKeyStatus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void status_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<DigitalKey>("key");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<KeyStatus>("status");
        QTest::addColumn<bool>("canOpen");
        QTest::addColumn<QDateTime>("nextStatus"); // invalid = never
        QTest::addColumn<QDateTime>("nextOpen"); // invalid = never

        const QString ny = QStringLiteral("America/New_York");
        const QString berlin = QStringLiteral("Europe/Berlin");
        const QString lhi = QStringLiteral("Australia/Lord_Howe");
        const QDateTime never;
        const auto Upcoming = KeyStatus::Upcoming;
        const auto Active = KeyStatus::Active;
        const auto Expired = KeyStatus::Expired;
        const auto Revoked = KeyStatus::Revoked;

        // ---- range, no restriction (New York) ----
        const QDateTime from = wall(ny, "2026-03-02T09:00");
        const QDateTime to = wall(ny, "2026-03-31T17:00");
        QTest::newRow("before start → UPCOMING")
            << ny << key(from, to) << wall(ny, "2026-02-28T12:00") << Upcoming << false << from << from;
        QTest::newRow("at start → ACTIVE") << ny << key(from, to) << from << Active << true << to << to;
        QTest::newRow("inside range, across spring-forward → ACTIVE")
            << ny << key(from, to) << utc("2026-03-08T07:00:00") << Active << true << to << to;
        QTest::newRow("at end (exclusive) → EXPIRED")
            << ny << key(from, to) << to << Expired << false << never << never;
        QTest::newRow("open-ended, years later → ACTIVE forever")
            << ny << key(from, QDateTime()) << utc("2031-06-01T00:00:00") << Active << true << never << never;
        QTest::newRow("open-ended, before start → UPCOMING")
            << ny << key(from, QDateTime()) << from.addSecs(-1) << Upcoming << false << from << from;

        DigitalKey revoked = key(from, QDateTime());
        revoked.revokedAt = wall(ny, "2026-03-10T10:00");
        revoked.revokedBy = QStringLiteral("desk@site");
        QTest::newRow("revocation ahead → ACTIVE until it") << ny << revoked << wall(ny, "2026-03-10T09:00") << Active
                                                            << true << revoked.revokedAt << revoked.revokedAt;
        QTest::newRow("after revocation → REVOKED")
            << ny << revoked << wall(ny, "2026-03-10T10:00") << Revoked << false << never << never;
        DigitalKey expiredThenRevoked = key(from, to);
        expiredThenRevoked.revokedAt = wall(ny, "2026-04-10T10:00");
        QTest::newRow("expired, revocation later → EXPIRED then REVOKED")
            << ny << expiredThenRevoked << wall(ny, "2026-04-01T10:00") << Expired << false
            << expiredThenRevoked.revokedAt << never;
        QTest::newRow("revoked before start → REVOKED")
            << ny << revoked << wall(ny, "2026-03-11T10:00") << Revoked << false << never << never;

        // ---- one-time keys ----
        DigitalKey oneTime = key(from, to, Restriction::OneTime);
        QTest::newRow("one-time unused → ACTIVE")
            << ny << oneTime << wall(ny, "2026-03-05T10:00") << Active << true << to << to;
        oneTime.usedAt = wall(ny, "2026-03-05T10:00");
        QTest::newRow("one-time used → EXPIRED")
            << ny << oneTime << wall(ny, "2026-03-05T10:01") << Expired << false << never << never;
        QTest::newRow("one-time, before its use → ACTIVE until used")
            << ny << oneTime << wall(ny, "2026-03-05T09:00") << Active << true << oneTime.usedAt << oneTime.usedAt;
        DigitalKey oneTimeOpen = key(from, QDateTime(), Restriction::OneTime);
        QTest::newRow("one-time open-ended unused → ACTIVE forever")
            << ny << oneTimeOpen << wall(ny, "2027-03-05T09:00") << Active << true << never << never;

        // ---- weekly schedule Mon–Fri 08:00–17:00 (New York) ----
        const DigitalKey office = scheduled(from, QDateTime(), { window(Weekdays::mondayToFriday(), 8, 0, 17, 0) });
        QTest::newRow("schedule: Tue before window → ACTIVE, closed")
            << ny << office << wall(ny, "2026-03-03T07:59") << Active << false << never << wall(ny, "2026-03-03T08:00");
        QTest::newRow("schedule: inside window → open until 17:00")
            << ny << office << wall(ny, "2026-03-03T12:00") << Active << true << never << wall(ny, "2026-03-03T17:00");
        QTest::newRow("schedule: Fri 17:00 → closed until Mon 08:00 (EDT after the weekend's jump)")
            << ny << office << wall(ny, "2026-03-06T17:00") << Active << false << never << utc("2026-03-09T12:00:00");
        QTest::newRow("schedule: upcoming key opens at the first window, not at its start")
            << ny << scheduled(wall(ny, "2026-03-02T06:00"), QDateTime(), office.windows)
            << wall(ny, "2026-03-01T12:00") << Upcoming << false << wall(ny, "2026-03-02T06:00")
            << wall(ny, "2026-03-02T08:00");
        QTest::newRow("schedule: validity ends inside a window")
            << ny << scheduled(from, wall(ny, "2026-03-03T12:00"), office.windows) << wall(ny, "2026-03-03T10:00")
            << Active << true << wall(ny, "2026-03-03T12:00") << wall(ny, "2026-03-03T12:00");
        DigitalKey officeRevoked = office;
        officeRevoked.revokedAt = wall(ny, "2026-03-03T10:00");
        QTest::newRow("schedule: revoked inside a window")
            << ny << officeRevoked << wall(ny, "2026-03-03T09:00") << Active << true << officeRevoked.revokedAt
            << officeRevoked.revokedAt;

        // ---- DST, New York ----
        const DigitalKey nySpring = scheduled(from, QDateTime(), { window(Weekdays::everyDay(), 1, 30, 2, 30) });
        QTest::newRow("NY spring: 01:30–02:30 ends at the jump (30 min)")
            << ny << nySpring << utc("2026-03-08T06:45:00") << Active << true << never << utc("2026-03-08T07:00:00");
        QTest::newRow("NY spring: after the jump the window is over")
            << ny << nySpring << utc("2026-03-08T07:15:00") << Active << false << never << utc("2026-03-09T05:30:00");
        const DigitalKey nyGapOnly = scheduled(from, QDateTime(), { window(days({ Qt::Sunday }), 2, 0, 3, 0) });
        QTest::newRow("NY spring: window inside the gap does not open that day")
            << ny << nyGapOnly << utc("2026-03-08T06:30:00") << Active << false << never << utc("2026-03-15T06:00:00");
        const DigitalKey nyFall = scheduled(from, QDateTime(), { window(Weekdays::everyDay(), 1, 0, 1, 30) });
        QTest::newRow("NY fall: first 01:15 (EDT) is inside")
            << ny << nyFall << utc("2026-11-01T05:15:00") << Active << true << never << utc("2026-11-01T05:30:00");
        QTest::newRow("NY fall: second 01:15 (EST) is outside")
            << ny << nyFall << utc("2026-11-01T06:15:00") << Active << false << never << utc("2026-11-02T06:00:00");
        const DigitalKey nyNight = scheduled(from, QDateTime(), { window(days({ Qt::Saturday }), 22, 0, 2, 0) });
        QTest::newRow("NY fall: Sat 22:00–02:00 runs through the repeated hour")
            << ny << nyNight << utc("2026-11-01T06:30:00") << Active << true << never << utc("2026-11-01T07:00:00");
        QTest::newRow("NY: crossing window, Sunday morning after → closed until next Saturday")
            << ny << nyNight << utc("2026-11-01T07:00:00") << Active << false << never << utc("2026-11-08T03:00:00");

        // ---- Berlin: crossing midnight, DST ----
        const QDateTime bFrom = wall(berlin, "2026-01-01T00:00");
        const DigitalKey nights = scheduled(bFrom, QDateTime(), { window(Weekdays::mondayToFriday(), 22, 0, 6, 0) });
        QTest::newRow("Berlin: Fri 22:00–06:00 still open Sat 03:00")
            << berlin << nights << wall(berlin, "2026-11-28T03:00") << Active << true << never
            << wall(berlin, "2026-11-28T06:00");
        QTest::newRow("Berlin: Sun 03:00 closed (Sat not a start day) until Mon 22:00")
            << berlin << nights << wall(berlin, "2026-11-29T03:00") << Active << false << never
            << wall(berlin, "2026-11-30T22:00");
        QTest::newRow("Berlin: Mon 02:00 closed (Sun not a start day)")
            << berlin << nights << wall(berlin, "2026-11-30T02:00") << Active << false << never
            << wall(berlin, "2026-11-30T22:00");
        const DigitalKey bSpring = scheduled(bFrom, QDateTime(), { window(days({ Qt::Saturday }), 23, 0, 3, 30) });
        QTest::newRow("Berlin spring: Sat 23:00–03:30 is 2.5 h, open at 03:15 CEST")
            << berlin << bSpring << utc("2026-03-29T01:15:00") << Active << true << never << utc("2026-03-29T01:30:00");
        const DigitalKey bFall = scheduled(bFrom, QDateTime(), { window(days({ Qt::Sunday }), 2, 0, 3, 0) });
        QTest::newRow("Berlin fall: 02:00–03:00 open during the repeated 02:30 (CET)")
            << berlin << bFall << utc("2026-10-25T01:30:00") << Active << true << never << utc("2026-10-25T02:00:00");
        QTest::newRow("Berlin fall: closed before the first 02:00")
            << berlin << bFall << utc("2026-10-24T23:59:00") << Active << false << never << utc("2026-10-25T00:00:00");

        const DigitalKey allWeek
            = scheduled(from, QDateTime(),
                        { window(Weekdays::everyDay(), 0, 0, 12, 0), window(Weekdays::everyDay(), 12, 0, 0, 0) });
        QTest::newRow("schedule covering the whole week → open, never changes")
            << ny << allWeek << utc("2026-03-08T07:00:00") << Active << true << never << never;

        // ---- Santiago: DST at midnight ----
        const QString scl = QStringLiteral("America/Santiago");
        const DigitalKey sMorning
            = scheduled(wall(scl, "2026-01-01T00:00"), QDateTime(), { window(days({ Qt::Sunday }), 0, 0, 2, 0) });
        QTest::newRow("Santiago spring: Sun 00:00–02:00 starts at the transition, lasts 1 h")
            << scl << sMorning << utc("2026-09-06T03:59:00") << Active << false << never << utc("2026-09-06T04:00:00");
        QTest::newRow("Santiago spring: inside the shortened window")
            << scl << sMorning << utc("2026-09-06T04:30:00") << Active << true << never << utc("2026-09-06T05:00:00");
        const DigitalKey sLate
            = scheduled(wall(scl, "2026-01-01T00:00"), QDateTime(), { window(days({ Qt::Saturday }), 23, 0, 0, 0) });
        QTest::newRow("Santiago autumn: Sat 23:00–24:00 runs until Sunday's only midnight (2 h)")
            << scl << sLate << utc("2026-04-05T03:30:00") << Active << true << never << utc("2026-04-05T04:00:00");

        // ---- Lord Howe: 30-minute DST ----
        const QDateTime lFrom = wall(lhi, "2026-01-01T00:00");
        const DigitalKey lGapOnly = scheduled(lFrom, QDateTime(), { window(days({ Qt::Sunday }), 2, 0, 2, 30) });
        QTest::newRow("Lord Howe spring: 02:00–02:30 is skipped; next Sunday +11")
            << lhi << lGapOnly << utc("2026-10-03T15:00:00") << Active << false << never << utc("2026-10-10T15:00:00");
        const DigitalKey lSpring = scheduled(lFrom, QDateTime(), { window(days({ Qt::Sunday }), 1, 0, 3, 0) });
        QTest::newRow("Lord Howe spring: 01:00–03:00 lasts 1.5 h")
            << lhi << lSpring << utc("2026-10-03T15:45:00") << Active << true << never << utc("2026-10-03T16:00:00");
        QTest::newRow("Lord Howe spring: opens at 01:00 +10:30")
            << lhi << lSpring << utc("2026-10-03T14:00:00") << Active << false << never << utc("2026-10-03T14:30:00");
        const DigitalKey lAutumn = scheduled(lFrom, QDateTime(), { window(days({ Qt::Sunday }), 1, 45, 2, 15) });
        QTest::newRow("Lord Howe autumn: second 01:50 (+10:30) is inside 01:45–02:15")
            << lhi << lAutumn << utc("2026-04-04T15:20:00") << Active << true << never << utc("2026-04-04T15:45:00");
        const DigitalKey lAutumnShort = scheduled(lFrom, QDateTime(), { window(days({ Qt::Sunday }), 1, 30, 1, 50) });
        QTest::newRow("Lord Howe autumn: second 01:40 (+10:30) is outside 01:30–01:50")
            << lhi << lAutumnShort << utc("2026-04-04T15:10:00") << Active << false << never
            << utc("2026-04-11T15:00:00");
    }

    void status()
    {
        QFETCH(QString, zone);
        QFETCH(DigitalKey, key);
        QFETCH(QDateTime, at);
        QFETCH(KeyStatus, status);
        QFETCH(bool, canOpen);
        QFETCH(QDateTime, nextStatus);
        QFETCH(QDateTime, nextOpen);

        QVERIFY2(validateKey(key).ok(), qPrintable(validateKey(key).errorMessage()));
        const FacilityZone z = zoneOf(zone);
        QCOMPARE(toString(keyStatus(key, at)),
                 toString(status)); // QCOMPARE on the enum would pick our toString via ADL
        QCOMPARE(canOpenAt(key, z, at), canOpen);
        QCOMPARE(nextStatusChange(key, at), nextStatus);
        QCOMPARE(nextOpenChange(key, z, at), nextOpen);
        if (nextOpen.isValid()) {
            // Constant up to the change, flipped at it.
            QCOMPARE(canOpenAt(key, z, nextOpen.addSecs(-1)), canOpen);
            QCOMPARE(canOpenAt(key, z, nextOpen), !canOpen);
        }
        if (nextStatus.isValid()) {
            QCOMPARE(toString(keyStatus(key, nextStatus.addMSecs(-1))), toString(status));
            QVERIFY(keyStatus(key, nextStatus) != status);
        }
    }

    void strings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("USER") << QStringLiteral("USER") << true;
        QTest::newRow("ADMIN") << QStringLiteral("ADMIN") << true;
        QTest::newRow("lower case is not a role") << QStringLiteral("user") << false;
        QTest::newRow("unknown") << QStringLiteral("OWNER") << false;
    }

    void strings()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto role = keyRoleFromString(text);
        QCOMPARE(role.ok(), valid);
        if (valid)
            QCOMPARE(toString(*role), text);
        else
            QVERIFY(role.error().message.contains(text));
    }

    void enumRoundTrips()
    {
        for (const auto r : { Restriction::None, Restriction::OneTime, Restriction::Scheduled })
            QVERIFY(*restrictionFromString(toString(r)) == r);
        for (const auto s : { KeyStatus::Upcoming, KeyStatus::Active, KeyStatus::Expired, KeyStatus::Revoked })
            QVERIFY(*keyStatusFromString(toString(s)) == s);
        QCOMPARE(toString(Restriction::OneTime), QStringLiteral("one_time"));
        QCOMPARE(toString(KeyStatus::Upcoming), QStringLiteral("UPCOMING"));
        QCOMPARE(restrictionFromString(QStringLiteral("weekly")).error().code, QStringLiteral("invalid_restriction"));
        QCOMPARE(keyStatusFromString(QStringLiteral("active")).error().code, QStringLiteral("invalid_key_status"));
    }

    void validate_data()
    {
        QTest::addColumn<DigitalKey>("key");
        QTest::addColumn<QString>("code"); // empty = valid

        const QDateTime from = utc("2026-03-01T00:00:00");
        const QDateTime to = utc("2026-04-01T00:00:00");
        const QList<AccessWindow> office { window(Weekdays::mondayToFriday(), 8, 0, 17, 0) };
        QTest::newRow("pass: plain key") << key(from, to) << QString();
        QTest::newRow("pass: open end") << key(from, QDateTime()) << QString();
        QTest::newRow("pass: scheduled") << scheduled(from, to, office) << QString();
        DigitalKey noLock = key(from, to);
        noLock.lockId.clear();
        QTest::newRow("fail: no lock") << noLock << QStringLiteral("key_no_lock");
        DigitalKey noUser = key(from, to);
        noUser.userId = QStringLiteral("  ");
        QTest::newRow("fail: no user") << noUser << QStringLiteral("key_no_user");
        QTest::newRow("fail: no start") << key(QDateTime(), to) << QStringLiteral("key_no_start");
        QTest::newRow("fail: end equals start") << key(from, from) << QStringLiteral("key_range_empty");
        QTest::newRow("fail: end before start") << key(to, from) << QStringLiteral("key_range_empty");
        QTest::newRow("fail: scheduled without windows") << scheduled(from, to, {}) << QStringLiteral("key_no_windows");
        QTest::newRow("fail: windows on an unrestricted key")
            << key(from, to, Restriction::None, office) << QStringLiteral("key_windows_not_scheduled");
        QTest::newRow("fail: overlapping windows")
            << scheduled(from, to, { office[0], window(days({ Qt::Monday }), 16, 0, 18, 0) })
            << QStringLiteral("window_overlap");
        DigitalKey usedPlain = key(from, to);
        usedPlain.usedAt = from.addDays(1);
        QTest::newRow("fail: used but not one-time") << usedPlain << QStringLiteral("key_used_not_one_time");
    }

    void validate()
    {
        QFETCH(DigitalKey, key);
        QFETCH(QString, code);
        const Result<void> result = validateKey(key);
        QCOMPARE(result.ok(), code.isEmpty());
        if (!code.isEmpty()) {
            QCOMPARE(result.error().code, code);
            QVERIFY(!result.error().message.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestKeyStatus)
#include "TestKeyStatus.moc"
