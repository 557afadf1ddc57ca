#include "tests/server/v1/V1Fixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::HttpTestClient;
using Keydesk::Test::jsonCall;
using Keydesk::Test::V1Fixture;

namespace {
QString idOf(const HttpReply &r, const QString &kind)
{
    return r.json().value(kind).toObject().value(QStringLiteral("id")).toString();
}
QJsonObject errorOf(const HttpReply &r)
{
    return r.json().value(QStringLiteral("error")).toObject();
}
} // namespace

/// Facilities, units, locks, users and groups over /v1: validation naming the field, conflicts, and access
/// through user and lock groups (explain, mobile) including what a membership change takes away.
class TestV1Resources final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<V1Fixture> m_f;
    std::unique_ptr<HttpTestClient> m_admin;

    QString create(const QString &path, const QJsonObject &body, const QString &kind)
    {
        const HttpReply r = jsonCall(*m_admin, "POST", path, body);
        return r.status == 201 ? idOf(r, kind) : QString();
    }
    bool allowed(const QString &userId, const QString &lockId, const QString &at = {})
    {
        QString path = QStringLiteral("/v1/access/explain?user=%1&lock=%2").arg(userId, lockId);
        if (!at.isEmpty())
            path += QStringLiteral("&at=") + at;
        return m_admin->get(path)
            .json()
            .value(QStringLiteral("decision"))
            .toObject()
            .value(QStringLiteral("allowed"))
            .toBool();
    }

private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<V1Fixture>(); // Tue 2026-03-10 15:00 UTC = 16:00 Europe/Berlin
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
        m_admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(m_admin);
    }
    void cleanup()
    {
        m_admin.reset();
        m_f.reset();
    }

    void inputErrorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("facility without zone")
            << QByteArray("POST") << QStringLiteral("/v1/facilities")
            << QJsonObject { { QStringLiteral("name"), QStringLiteral("North") } } << 400 << QStringLiteral("timezone");
        QTest::newRow("facility with unknown zone")
            << QByteArray("POST") << QStringLiteral("/v1/facilities")
            << QJsonObject { { QStringLiteral("name"), QStringLiteral("North") },
                             { QStringLiteral("timezone"), QStringLiteral("Mars/Olympus") } }
            << 400 << QStringLiteral("timezone");
        QTest::newRow("geofence latitude out of range")
            << QByteArray("POST") << QStringLiteral("/v1/facilities")
            << QJsonObject { { QStringLiteral("name"), QStringLiteral("North") },
                             { QStringLiteral("timezone"), QStringLiteral("Europe/Berlin") },
                             { QStringLiteral("geofence"),
                               QJsonObject { { QStringLiteral("lat"), 91 },
                                             { QStringLiteral("lon"), 0 },
                                             { QStringLiteral("radius_m"), 50 } } } }
            << 400 << QStringLiteral("geofence.lat");
        QTest::newRow("lock with bad MAC") << QByteArray("POST") << QStringLiteral("/v1/locks")
                                           << QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB") },
                                                            { QStringLiteral("serial"), QStringLiteral("S") } }
                                           << 400 << QStringLiteral("mac");
        QTest::newRow("lock without serial")
            << QByteArray("POST") << QStringLiteral("/v1/locks")
            << QJsonObject { { QStringLiteral("mac"), QStringLiteral("aabbccddeeff") } } << 400
            << QStringLiteral("serial");
        QTest::newRow("user without name")
            << QByteArray("POST") << QStringLiteral("/v1/users") << QJsonObject {} << 400 << QStringLiteral("name");
        QTest::newRow("user with bad e-mail") << QByteArray("POST") << QStringLiteral("/v1/users")
                                              << QJsonObject { { QStringLiteral("name"), QStringLiteral("X") },
                                                               { QStringLiteral("email"), QStringLiteral("x@") } }
                                              << 400 << QStringLiteral("email");
        QTest::newRow("user with unknown status")
            << QByteArray("POST") << QStringLiteral("/v1/users")
            << QJsonObject { { QStringLiteral("name"), QStringLiteral("X") },
                             { QStringLiteral("status"), QStringLiteral("gone") } }
            << 400 << QStringLiteral("status");
        QTest::newRow("user with number as name")
            << QByteArray("POST") << QStringLiteral("/v1/users") << QJsonObject { { QStringLiteral("name"), 42 } }
            << 400 << QStringLiteral("name");
        QTest::newRow("group with unknown member")
            << QByteArray("POST") << QStringLiteral("/v1/user-groups")
            << QJsonObject { { QStringLiteral("name"), QStringLiteral("G") },
                             { QStringLiteral("member_ids"), QJsonArray { QStringLiteral("nobody") } } }
            << 404 << QStringLiteral("member_ids[0]");
    }
    void inputErrorsNameTheField()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const qint64 revision = m_f->server().db().revision();
        const HttpReply r = jsonCall(*m_admin, method, path, body);
        QCOMPARE(r.status, status);
        QCOMPARE(errorOf(r).value(QStringLiteral("field")).toString(), field);
        QVERIFY(!errorOf(r).value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(m_f->server().db().revision(), revision);
    }

    void conflictsAre409()
    {
        QVERIFY(!create(QStringLiteral("/v1/units"), { { QStringLiteral("name"), QStringLiteral("A-1") } },
                        QStringLiteral("unit"))
                     .isEmpty());
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/units"),
                          { { QStringLiteral("name"), QStringLiteral("A-1") } })
                     .status,
                 409);
        const QJsonObject lock { { QStringLiteral("mac"), QStringLiteral("aa:bb:cc:dd:ee:ff") },
                                 { QStringLiteral("serial"), QStringLiteral("S") } };
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/locks"), lock).status, 201);
        const HttpReply again = jsonCall(*m_admin, "POST", QStringLiteral("/v1/locks"),
                                         { { QStringLiteral("mac"), QStringLiteral("AABBCCDDEEFF") },
                                           { QStringLiteral("serial"), QStringLiteral("S2") } });
        QCOMPARE(again.status, 409);
        QCOMPARE(errorOf(again).value(QStringLiteral("field")).toString(), QStringLiteral("mac"));
        QVERIFY(!create(QStringLiteral("/v1/users"),
                        { { QStringLiteral("name"), QStringLiteral("A") },
                          { QStringLiteral("tracking_key"), QStringLiteral("tk-0001") } },
                        QStringLiteral("user"))
                     .isEmpty());
        const HttpReply dup = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users"),
                                       { { QStringLiteral("name"), QStringLiteral("B") },
                                         { QStringLiteral("tracking_key"), QStringLiteral("tk-0001") } });
        QCOMPARE(dup.status, 409);
        QCOMPARE(errorOf(dup).value(QStringLiteral("field")).toString(), QStringLiteral("tracking_key"));
    }

    void lockIsAssignedToAUnitOfItsFacility()
    {
        const QString unit = create(QStringLiteral("/v1/units"),
                                    { { QStringLiteral("name"), QStringLiteral("B-104") } }, QStringLiteral("unit"));
        const QString lock = create(QStringLiteral("/v1/locks"),
                                    { { QStringLiteral("mac"), QStringLiteral("02:00:00:00:00:01") },
                                      { QStringLiteral("serial"), QStringLiteral("S") } },
                                    QStringLiteral("lock"));
        QVERIFY(!unit.isEmpty() && !lock.isEmpty());
        const HttpReply assigned = jsonCall(
            *m_admin, "PATCH", QStringLiteral("/v1/locks/") + lock,
            { { QStringLiteral("unit_id"), unit }, { QStringLiteral("name"), QStringLiteral("Door B-104") } });
        QCOMPARE(assigned.status, 200);
        QCOMPARE(assigned.json().value(QStringLiteral("lock")).toObject().value(QStringLiteral("unit_id")).toString(),
                 unit);
        QCOMPARE(m_admin->get(QStringLiteral("/v1/locks?unit_id=") + unit)
                     .json()
                     .value(QStringLiteral("locks"))
                     .toArray()
                     .size(),
                 1);
        // A unit of another facility is refused.
        const QString north = create(QStringLiteral("/v1/facilities"),
                                     { { QStringLiteral("name"), QStringLiteral("North") },
                                       { QStringLiteral("timezone"), QStringLiteral("America/New_York") } },
                                     QStringLiteral("facility"));
        const QString far
            = create(QStringLiteral("/v1/units"),
                     { { QStringLiteral("name"), QStringLiteral("N-1") }, { QStringLiteral("facility_id"), north } },
                     QStringLiteral("unit"));
        QVERIFY(!far.isEmpty());
        const HttpReply wrong
            = jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/locks/") + lock, { { QStringLiteral("unit_id"), far } });
        QCOMPARE(wrong.status, 404);
        QCOMPARE(errorOf(wrong).value(QStringLiteral("field")).toString(), QStringLiteral("unit_id"));
        // With two facilities, a new unit must say where it goes.
        const HttpReply ambiguous = jsonCall(*m_admin, "POST", QStringLiteral("/v1/units"),
                                             { { QStringLiteral("name"), QStringLiteral("Z") } });
        QCOMPARE(ambiguous.status, 400);
        QCOMPARE(errorOf(ambiguous).value(QStringLiteral("field")).toString(), QStringLiteral("facility_id"));
        // Deleting the unit unassigns the lock.
        QCOMPARE(jsonCall(*m_admin, "DELETE", QStringLiteral("/v1/units/") + unit).status, 200);
        QVERIFY(m_admin->get(QStringLiteral("/v1/locks/") + lock)
                    .json()
                    .value(QStringLiteral("lock"))
                    .toObject()
                    .value(QStringLiteral("unit_id"))
                    .isNull());
    }

    void groupKeysGiveAccessUntilMembershipEnds()
    {
        const QString lockA = create(QStringLiteral("/v1/locks"),
                                     { { QStringLiteral("mac"), QStringLiteral("02:00:00:00:00:0A") },
                                       { QStringLiteral("serial"), QStringLiteral("A") } },
                                     QStringLiteral("lock"));
        const QString lockB = create(QStringLiteral("/v1/locks"),
                                     { { QStringLiteral("mac"), QStringLiteral("02:00:00:00:00:0B") },
                                       { QStringLiteral("serial"), QStringLiteral("B") } },
                                     QStringLiteral("lock"));
        const QString ann = create(QStringLiteral("/v1/users"), { { QStringLiteral("name"), QStringLiteral("Ann") } },
                                   QStringLiteral("user"));
        const QString ben = create(QStringLiteral("/v1/users"), { { QStringLiteral("name"), QStringLiteral("Ben") } },
                                   QStringLiteral("user"));
        const QString doors = create(QStringLiteral("/v1/lock-groups"),
                                     { { QStringLiteral("name"), QStringLiteral("Gate and B") },
                                       { QStringLiteral("member_ids"), QJsonArray { lockA, lockB } } },
                                     QStringLiteral("group"));
        const QString crew = create(QStringLiteral("/v1/user-groups"),
                                    { { QStringLiteral("name"), QStringLiteral("Cleaning crew") },
                                      { QStringLiteral("member_ids"), QJsonArray { ann, ben } } },
                                    QStringLiteral("group"));
        QVERIFY(!doors.isEmpty() && !crew.isEmpty());
        // Weekdays 08:00–18:00 Berlin; now is Tuesday 16:00.
        const HttpReply key
            = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"),
                       { { QStringLiteral("lock_group_id"), doors },
                         { QStringLiteral("user_group_id"), crew },
                         { QStringLiteral("valid_from"), QStringLiteral("2026-03-01T00:00:00Z") },
                         { QStringLiteral("restriction"), QStringLiteral("scheduled") },
                         { QStringLiteral("windows"),
                           QJsonArray { QJsonObject { { QStringLiteral("days"), QJsonArray { 1, 2, 3, 4, 5 } },
                                                      { QStringLiteral("start"), QStringLiteral("08:00") },
                                                      { QStringLiteral("end"), QStringLiteral("18:00") } } } } });
        QCOMPARE(key.status, 201);
        QCOMPARE(key.json().value(QStringLiteral("notifications_queued")).toInt(), 0); // nobody has an address
        for (const QString &user : { ann, ben })
            for (const QString &lock : { lockA, lockB })
                QVERIFY(allowed(user, lock));
        // Outside the schedule the reasons say so.
        const QJsonObject night
            = m_admin->get(QStringLiteral("/v1/access/explain?user=%1&lock=%2&at=2026-03-10T22:00:00Z").arg(ann, lockA))
                  .json()
                  .value(QStringLiteral("decision"))
                  .toObject();
        QCOMPARE(night.value(QStringLiteral("allowed")).toBool(), false);
        QVERIFY(night.value(QStringLiteral("reasons"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QLatin1String("outside schedule")));

        // The group key cannot be deleted away while keys use the group.
        QCOMPARE(jsonCall(*m_admin, "DELETE", QStringLiteral("/v1/user-groups/") + crew).status, 409);
        // Ben leaves the crew; lock B leaves the group.
        QCOMPARE(jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/user-groups/") + crew,
                          { { QStringLiteral("member_ids"), QJsonArray { ann } } })
                     .status,
                 200);
        QCOMPARE(jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/lock-groups/") + doors,
                          { { QStringLiteral("member_ids"), QJsonArray { lockA } } })
                     .status,
                 200);
        QVERIFY(allowed(ann, lockA));
        QVERIFY(!allowed(ann, lockB));
        QVERIFY(!allowed(ben, lockA));
        const QJsonObject group
            = m_admin->get(QStringLiteral("/v1/user-groups/") + crew).json().value(QStringLiteral("group")).toObject();
        QCOMPARE(group.value(QStringLiteral("member_ids")).toArray(), QJsonArray { ann });
    }

    void oneTimeKeyIsSpentByTheFirstOnlineUnlock()
    {
        const QString lock = create(QStringLiteral("/v1/locks"),
                                    { { QStringLiteral("mac"), QStringLiteral("02:00:00:00:00:0C") },
                                      { QStringLiteral("serial"), QStringLiteral("C") } },
                                    QStringLiteral("lock"));
        const QString user = create(QStringLiteral("/v1/users"), { { QStringLiteral("name"), QStringLiteral("Pat") } },
                                    QStringLiteral("user"));
        const HttpReply key = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"),
                                       { { QStringLiteral("lock_id"), lock },
                                         { QStringLiteral("user_id"), user },
                                         { QStringLiteral("valid_from"), QStringLiteral("2026-03-10T00:00:00Z") },
                                         { QStringLiteral("restriction"), QStringLiteral("one_time") } });
        QCOMPARE(key.status, 201);
        auto phone = m_f->anonymous();
        phone->setBearer(jsonCall(*m_admin, "POST", QStringLiteral("/v1/users/%1/mobile-credential").arg(user))
                             .json()
                             .value(QStringLiteral("credential"))
                             .toString());
        const QJsonObject unlock { { QStringLiteral("lock_id"), lock },
                                   { QStringLiteral("session"),
                                     QStringLiteral("00112233445566778899aabbccddeeff00000001") } };
        QCOMPARE(jsonCall(*phone, "POST", QStringLiteral("/v1/mobile/unlock"), unlock).status, 200);
        const HttpReply second = jsonCall(*phone, "POST", QStringLiteral("/v1/mobile/unlock"), unlock);
        QCOMPARE(second.status, 403);
        QVERIFY(second.json()
                    .value(QStringLiteral("decision"))
                    .toObject()
                    .value(QStringLiteral("reasons"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QLatin1String("already used")));
        QCOMPARE(m_admin->get(QStringLiteral("/v1/keys/") + idOf(key, QStringLiteral("key")))
                     .json()
                     .value(QStringLiteral("key"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("EXPIRED"));
    }
};

QTEST_GUILESS_MAIN(TestV1Resources)
#include "TestV1Resources.moc"
