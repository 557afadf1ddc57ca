#include "core/domain/AccessDecision.h"

#include <QLocale>
#include <QTest>

using namespace Keydesk::Core;

Q_DECLARE_METATYPE(Keydesk::Core::AccessRequest)

namespace {

const QString kBerlin = QStringLiteral("Europe/Berlin");

QDateTime wall(const char *iso)
{
    const QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
    return FacilityZone::fromIanaId(kBerlin)->toUtc(t.date(), t.time());
}

QString dash()
{
    return QString(QChar(0x2013));
}

DigitalKey key(const QString &id, const QString &description, Restriction restriction = Restriction::None)
{
    DigitalKey k;
    k.id = id;
    k.description = description;
    k.lockId = QStringLiteral("lock-b104");
    k.userId = QStringLiteral("bob");
    k.validFrom = wall("2026-11-01T00:00");
    k.restriction = restriction;
    if (restriction == Restriction::Scheduled)
        k.windows = { AccessWindow { Weekdays::mondayToFriday(), QTime(8, 0), QTime(17, 0) } };
    return k;
}

AccessRequest request(QList<DigitalKey> keys, const char *at = "2026-11-25T12:00", UserState state = UserState::Active)
{
    AccessRequest r;
    r.userState = state;
    r.keysOnLock = std::move(keys);
    r.zone = *FacilityZone::fromIanaId(kBerlin);
    r.at = wall(at);
    r.lockName = QStringLiteral("B-104");
    return r;
}

// Berlin, Alexanderplatz; and points ~50 m and ~2.3 km north of it.
constexpr GeoPoint kCentre { 52.5219, 13.4132 };
constexpr GeoPoint kNear { 52.52235, 13.4132 };
constexpr GeoPoint kFar { 52.5426, 13.4132 };

} // namespace

/// The access check: allow/deny with specific reasons in words.
class TestAccessDecision final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void decide_data()
    {
        QTest::addColumn<AccessRequest>("request");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("grantingKeyId");
        QTest::addColumn<QStringList>("reasons");

        const DigitalKey plumber = key(QStringLiteral("k1"), QStringLiteral("Plumber"));
        const QString office = QStringLiteral("Mon") + dash() + QStringLiteral("Fri 08:00") + dash()
            + QStringLiteral("17:00 (Europe/Berlin)");

        QTest::newRow("active user, open-ended key → allowed")
            << request({ plumber }) << true << QStringLiteral("k1")
            << QStringList { QStringLiteral("key \"Plumber\" (USER) allows access with no end") };
        DigitalKey ending = plumber;
        ending.id = QStringLiteral("k5");
        ending.validTo = wall("2026-11-27T17:00");
        ending.role = KeyRole::Admin;
        QTest::newRow("allowed until the key ends")
            << request({ ending }) << true << QStringLiteral("k5")
            << QStringList { QStringLiteral(
                   "key \"Plumber\" (ADMIN) allows access until Fri 27 Nov 17:00 (Europe/Berlin)") };
        const DigitalKey scheduled = key(QStringLiteral("k2"), QStringLiteral("Cleaner"), Restriction::Scheduled);
        QTest::newRow("inside schedule → allowed until the window ends")
            << request({ scheduled }) << true << QStringLiteral("k2")
            << QStringList { QStringLiteral("key \"Cleaner\" (USER) allows access inside schedule ") + office
                             + QStringLiteral(" until Wed 25 Nov 17:00 (Europe/Berlin)") };
        QTest::newRow("outside schedule → denied, says when it opens")
            << request({ scheduled }, "2026-11-25T18:00") << false << QString()
            << QStringList { QStringLiteral("key \"Cleaner\": outside schedule ") + office
                             + QStringLiteral("; next window starts Thu 26 Nov 08:00 (Europe/Berlin)") };
        DigitalKey lastDay = scheduled;
        lastDay.validTo = wall("2026-11-25T20:00");
        QTest::newRow("outside the last window before the key ends")
            << request({ lastDay }, "2026-11-25T18:00") << false << QString()
            << QStringList { QStringLiteral("key \"Cleaner\": outside schedule ") + office
                             + QStringLiteral("; no window starts before the key ends") };
        QTest::newRow("delinquent → denied") << request({ plumber }, "2026-11-25T12:00", UserState::Delinquent) << false
                                             << QString() << QStringList { QStringLiteral("account is delinquent") };
        QTest::newRow("suspended → denied") << request({ plumber }, "2026-11-25T12:00", UserState::Suspended) << false
                                            << QString() << QStringList { QStringLiteral("account is suspended") };
        QTest::newRow("no key → denied") << request({}) << false << QString()
                                         << QStringList { QStringLiteral("no digital key for B-104") };
        DigitalKey upcoming = plumber;
        upcoming.validFrom = wall("2026-11-26T08:00");
        QTest::newRow("upcoming → denied with its start")
            << request({ upcoming }) << false << QString()
            << QStringList { QStringLiteral("key \"Plumber\" is UPCOMING: starts Thu 26 Nov 08:00 (Europe/Berlin)") };
        DigitalKey expired = plumber;
        expired.validTo = wall("2026-11-24T17:00");
        QTest::newRow("expired → denied with its end")
            << request({ expired }) << false << QString()
            << QStringList { QStringLiteral("key \"Plumber\" is EXPIRED: ended Tue 24 Nov 17:00 (Europe/Berlin)") };
        DigitalKey used = key(QStringLiteral("k3"), QStringLiteral("Courier"), Restriction::OneTime);
        used.usedAt = wall("2026-11-25T09:12");
        QTest::newRow("one-time used → denied with when")
            << request({ used }) << false << QString()
            << QStringList { QStringLiteral(
                   "one-time key \"Courier\" already used on Wed 25 Nov 09:12 (Europe/Berlin)") };
        DigitalKey revoked = plumber;
        revoked.revokedAt = wall("2026-11-25T10:00");
        revoked.revokedBy = QStringLiteral("desk@site");
        revoked.revokedReason = QStringLiteral("lost phone");
        QTest::newRow("revoked → denied with who and why")
            << request({ revoked }) << false << QString()
            << QStringList { QStringLiteral(
                   "key \"Plumber\" is REVOKED since Wed 25 Nov 10:00 (Europe/Berlin) by desk@site: lost phone") };
        DigitalKey revokedBare = plumber;
        revokedBare.revokedAt = wall("2026-11-25T10:00");
        QTest::newRow("revoked without who or why")
            << request({ revokedBare }) << false << QString()
            << QStringList { QStringLiteral("key \"Plumber\" is REVOKED since Wed 25 Nov 10:00 (Europe/Berlin)") };
        DigitalKey noName = plumber;
        noName.description.clear();
        noName.validFrom = wall("2026-11-26T08:00");
        QTest::newRow("key without description is named by id")
            << request({ noName }) << false << QString()
            << QStringList { QStringLiteral("key \"k1\" is UPCOMING: starts Thu 26 Nov 08:00 (Europe/Berlin)") };
        QTest::newRow("one good key among bad ones → allowed by it")
            << request({ expired, scheduled }) << true << QStringLiteral("k2")
            << QStringList { QStringLiteral("key \"Cleaner\" (USER) allows access inside schedule ") + office
                             + QStringLiteral(" until Wed 25 Nov 17:00 (Europe/Berlin)") };
        const DigitalKey oneTime = key(QStringLiteral("k4"), QStringLiteral("Courier"), Restriction::OneTime);
        QTest::newRow("a regular key is preferred over spending a one-time key")
            << request({ oneTime, ending }) << true << QStringLiteral("k5")
            << QStringList { QStringLiteral(
                   "key \"Plumber\" (ADMIN) allows access until Fri 27 Nov 17:00 (Europe/Berlin)") };
        QTest::newRow("one-time key alone → allowed, says so")
            << request({ oneTime }) << true << QStringLiteral("k4")
            << QStringList { QStringLiteral(
                   "one-time key \"Courier\" (USER, not used yet) allows access with no end") };
        QTest::newRow("of two good keys, the one open longest")
            << request({ ending, plumber }) << true << QStringLiteral("k1")
            << QStringList { QStringLiteral("key \"Plumber\" (USER) allows access with no end") };
        QTest::newRow("every denial listed, account first")
            << request({ expired, upcoming }, "2026-11-25T12:00", UserState::Delinquent) << false << QString()
            << QStringList { QStringLiteral("account is delinquent"),
                             QStringLiteral("key \"Plumber\" is EXPIRED: ended Tue 24 Nov 17:00 (Europe/Berlin)"),
                             QStringLiteral("key \"Plumber\" is UPCOMING: starts Thu 26 Nov 08:00 (Europe/Berlin)") };

        AccessRequest far = request({ plumber });
        far.geofence = Geofence { kCentre, 200 };
        far.phoneLocation = kFar;
        QTest::newRow("phone far away → denied with the distance")
            << far << false << QString()
            << QStringList { QStringLiteral("phone is 2.3 km from the facility (geofence 200 m)") };
        AccessRequest near = far;
        near.phoneLocation = kNear;
        QTest::newRow("phone on site → allowed, location noted")
            << near << true << QStringLiteral("k1")
            << QStringList { QStringLiteral("key \"Plumber\" (USER) allows access with no end"),
                             QStringLiteral("phone is on site, 50 m from the facility centre (geofence 200 m)") };
        AccessRequest noLocation = far;
        noLocation.phoneLocation.reset();
        QTest::newRow("no phone location → geofence not checked")
            << noLocation << true << QStringLiteral("k1")
            << QStringList { QStringLiteral("key \"Plumber\" (USER) allows access with no end"),
                             QStringLiteral("phone sent no location, so on-site presence was not checked") };
        AccessRequest noFence = request({ plumber });
        noFence.phoneLocation = kFar;
        QTest::newRow("no geofence → location ignored")
            << noFence << true << QStringLiteral("k1")
            << QStringList { QStringLiteral("key \"Plumber\" (USER) allows access with no end") };
        AccessRequest all = request({}, "2026-11-25T12:00", UserState::Suspended);
        all.geofence = Geofence { kCentre, 200 };
        all.phoneLocation = kFar;
        QTest::newRow("suspended, no key, far → three reasons")
            << all << false << QString()
            << QStringList { QStringLiteral("account is suspended"), QStringLiteral("no digital key for B-104"),
                             QStringLiteral("phone is 2.3 km from the facility (geofence 200 m)") };
    }

    void decide()
    {
        QFETCH(AccessRequest, request);
        QFETCH(bool, allowed);
        QFETCH(QString, grantingKeyId);
        QFETCH(QStringList, reasons);
        const AccessDecision d = decideAccess(request);
        QCOMPARE(d.reasons, reasons);
        QCOMPARE(d.allowed, allowed);
        QCOMPARE(d.grantingKeyId, grantingKeyId);
    }

    void distance()
    {
        QVERIFY(qAbs(distanceMetres(kCentre, kNear) - 50) < 1);
        QVERIFY(qAbs(distanceMetres(kCentre, kFar) - 2258) < 50);
        // Berlin → New York, about 6385 km.
        QVERIFY(qAbs(distanceMetres({ 52.52, 13.405 }, { 40.7128, -74.006 }) / 1000 - 6385) < 15);
        QCOMPARE(distanceMetres(kCentre, kCentre), 0.0);
    }

    void userStateNames()
    {
        for (const UserState s : { UserState::Active, UserState::Delinquent, UserState::Suspended })
            QVERIFY(*userStateFromString(toString(s)) == s);
        QCOMPARE(userStateFromString(QStringLiteral("banned")).error().code, QStringLiteral("invalid_user_state"));
    }
};

QTEST_GUILESS_MAIN(TestAccessDecision)
#include "TestAccessDecision.moc"
