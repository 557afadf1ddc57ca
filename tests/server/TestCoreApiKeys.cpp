#include "core/lockproto/OfflineCredential.h"
#include "tests/server/CoreApiHelpers.h"

#include <QJsonArray>
#include <QTest>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::ServerFixture;
using Keydesk::Test::TestLock;

/// /keys/ (issue, display, revoke) and the offline flow: issue → the lock accepts offline → revoke →
/// revocation delivered by an online unlock → refused.
class TestCoreApiKeys final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;
    std::optional<TestLock> m_lock;

    HttpReply keys(const QJsonObject &body) { return m_fixture->companyClient()->post(QStringLiteral("/keys/"), body); }

    static QJsonObject issueBody(const QStringList &macs, const QStringList &trackingKeys)
    {
        return QJsonObject { { QStringLiteral("issue"),
                               QJsonArray { QJsonObject { { QStringLiteral("macs"), QJsonArray::fromStringList(macs) },
                                                          { QStringLiteral("tracking_keys"),
                                                            QJsonArray::fromStringList(trackingKeys) } } } } };
    }

    /// tracking_key → {offline_key, unlock_command} for one lock in a /keys/ reply.
    static QHash<QString, QJsonObject> keysOf(const HttpReply &reply, const QString &mac)
    {
        QHash<QString, QJsonObject> result;
        for (const QJsonValue &lock : Test::dataObject(reply).value(QStringLiteral("locks")).toArray()) {
            if (lock.toObject().value(QStringLiteral("mac")).toString() != mac)
                continue;
            for (const QJsonValue &key : lock.toObject().value(QStringLiteral("keys")).toArray())
                result.insert(key.toObject().value(QStringLiteral("tracking_key")).toString(), key.toObject());
        }
        return result;
    }

    Core::LockOutcome offlineUnlock(TestLock &lock, const QJsonObject &key)
    {
        auto session = lock.vlock->newSession();
        if (!session)
            return {};
        auto proof = Core::makeOfflineProof(key.value(QStringLiteral("offline_key")).toString(),
                                            key.value(QStringLiteral("unlock_command")).toString(), session.value());
        if (!proof)
            return {};
        return lock.vlock->applyOfflineProof(proof.value());
    }

    QString flags()
    {
        const HttpReply reply = m_fixture->companyClient()->post(QStringLiteral("/lock/"), QJsonObject());
        return Test::dataObject(reply)
            .value(QStringLiteral("locks"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("flags"))
            .toString();
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        m_lock = Test::addTestLock(*m_fixture, QStringLiteral("AA:BB:CC:00:00:01"));
        QVERIFY(m_lock);
        QVERIFY(!Test::addUserWithKey(*m_fixture, *m_lock, QStringLiteral("bob")).isEmpty());
        QVERIFY(!Test::addUserWithKey(*m_fixture, *m_lock, QStringLiteral("linda")).isEmpty());
        // The lock's first online unlock sets its clock; offline credentials need it.
        QVERIFY(Test::onlineCommand(*m_fixture, *m_lock).opened());
    }
    void cleanup()
    {
        m_lock.reset();
        m_fixture.reset();
    }

    void issueReturnsACredentialPerLockAndTrackingKey()
    {
        auto second = Test::addTestLock(*m_fixture, QStringLiteral("AA:BB:CC:00:00:02"));
        QVERIFY(second);
        QVERIFY(!Test::addUserWithKey(*m_fixture, *second, QStringLiteral("bob")).isEmpty());
        QVERIFY(!Test::addUserWithKey(*m_fixture, *second, QStringLiteral("linda")).isEmpty());
        const HttpReply reply
            = keys(issueBody({ m_lock->mac(), second->mac() }, { QStringLiteral("bob"), QStringLiteral("linda") }));
        QVERIFY2(reply.status == 200, reply.body.constData());
        QCOMPARE(reply.json().value(QStringLiteral("request")).toString(), QStringLiteral("keys"));
        const QJsonArray locks = Test::dataObject(reply).value(QStringLiteral("locks")).toArray();
        QCOMPARE(locks.size(), 2);
        QCOMPARE(locks.at(0).toObject().value(QStringLiteral("mac")).toString(), m_lock->mac());
        QCOMPARE(locks.at(1).toObject().value(QStringLiteral("mac")).toString(), second->mac());
        for (const QJsonValue &lock : locks) {
            const QJsonArray entries = lock.toObject().value(QStringLiteral("keys")).toArray();
            QCOMPARE(entries.size(), 2);
            for (const QJsonValue &entry : entries) {
                QVERIFY(!entry.toObject().value(QStringLiteral("offline_key")).toString().isEmpty());
                QVERIFY(!entry.toObject().value(QStringLiteral("unlock_command")).toString().isEmpty());
            }
        }
        // The credential expires at the end of the facility day (Berlin: 2026-03-10 24:00 CET = 23:00 UTC).
        auto expiry = m_fixture->db().scalar(QStringLiteral("SELECT MAX(expires_at) FROM offline_keys"));
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(expiry.value().toLongLong(), Qt::UTC),
                 QDateTime(QDate(2026, 3, 10), QTime(23, 0), Qt::UTC));
    }

    void offlineFlowIssueUseRevokeDeliverRefuse()
    {
        const HttpReply issued = keys(issueBody({ m_lock->mac() }, { QStringLiteral("bob"), QStringLiteral("linda") }));
        QCOMPARE(issued.status, 200);
        const QJsonObject bob = keysOf(issued, m_lock->mac()).value(QStringLiteral("bob"));
        const QJsonObject linda = keysOf(issued, m_lock->mac()).value(QStringLiteral("linda"));
        QVERIFY(!bob.isEmpty());

        m_fixture->clock().advance(600);
        const Core::LockOutcome first = offlineUnlock(*m_lock, bob);
        QVERIFY2(first.opened(), qPrintable(first.message));

        const HttpReply revoked = keys(QJsonObject {
            { QStringLiteral("revoke"),
              QJsonArray { QJsonObject { { QStringLiteral("tracking_keys"), QJsonArray { QStringLiteral("bob") } },
                                         { QStringLiteral("macs"), QJsonArray { m_lock->mac() } } } } } });
        QCOMPARE(revoked.status, 200);
        // The answer lists what remains valid on the lock: linda only.
        QCOMPARE(keysOf(revoked, m_lock->mac()).keys(), QStringList { QStringLiteral("linda") });
        QCOMPARE(keysOf(keys(QJsonObject()), m_lock->mac()).keys(), QStringList { QStringLiteral("linda") });
        QCOMPARE(flags(), QStringLiteral("revocation"));

        // Until the revocation reaches the lock, the lock cannot know (exposure bounded by the daily expiry).
        QVERIFY(offlineUnlock(*m_lock, bob).opened());

        // Another tenant's online unlock carries the revocation state to the lock; its upload acknowledges it.
        const Core::LockOutcome online = Test::onlineCommand(*m_fixture, *m_lock, QStringLiteral("linda"));
        QVERIFY(online.opened());
        QCOMPARE(Test::uploadResponses(*m_fixture, *m_lock, online.responses).status, 200);
        QCOMPARE(flags(), QStringLiteral("none"));

        const Core::LockOutcome refused = offlineUnlock(*m_lock, bob);
        QVERIFY(!refused.opened());
        QCOMPARE(refused.refusal, Core::Refusal::Revoked);
        QVERIFY(offlineUnlock(*m_lock, linda).opened());
    }

    void revokeAllOnALockRaisesItsEpoch()
    {
        const HttpReply issued = keys(issueBody({ m_lock->mac() }, { QStringLiteral("bob"), QStringLiteral("linda") }));
        const auto credentials = keysOf(issued, m_lock->mac());
        QCOMPARE(credentials.size(), 2);
        const HttpReply revoked = keys(QJsonObject {
            { QStringLiteral("revoke"),
              QJsonArray { QJsonObject { { QStringLiteral("macs"), QJsonArray { m_lock->mac() } } } } } });
        QCOMPARE(revoked.status, 200);
        QVERIFY(keysOf(revoked, m_lock->mac()).isEmpty());
        QVERIFY(Test::onlineCommand(*m_fixture, *m_lock).opened());
        for (const QJsonObject &credential : credentials)
            QCOMPARE(offlineUnlock(*m_lock, credential).refusal, Core::Refusal::Revoked);
        // A credential issued after "revoke all" carries the new epoch and opens.
        const HttpReply again = keys(issueBody({ m_lock->mac() }, { QStringLiteral("bob") }));
        QVERIFY(offlineUnlock(*m_lock, keysOf(again, m_lock->mac()).value(QStringLiteral("bob"))).opened());
    }

    void displayFiltersAndHidesExpired_data()
    {
        QTest::addColumn<QJsonObject>("display");
        QTest::addColumn<QStringList>("trackingKeys");
        QTest::newRow("all") << QJsonObject() << QStringList { QStringLiteral("bob"), QStringLiteral("linda") };
        QTest::newRow("by tracking key") << QJsonObject { { QStringLiteral("tracking_keys"),
                                                            QJsonArray { QStringLiteral("linda") } } }
                                         << QStringList { QStringLiteral("linda") };
        QTest::newRow("by mac") << QJsonObject { { QStringLiteral("macs"),
                                                   QJsonArray { QStringLiteral("aabbcc000001") } } }
                                << QStringList { QStringLiteral("bob"), QStringLiteral("linda") };
    }
    void displayFiltersAndHidesExpired()
    {
        QFETCH(QJsonObject, display);
        QFETCH(QStringList, trackingKeys);
        QCOMPARE(keys(issueBody({ m_lock->mac() }, { QStringLiteral("bob"), QStringLiteral("linda") })).status, 200);
        const QJsonObject body
            = display.isEmpty() ? QJsonObject() : QJsonObject { { QStringLiteral("display"), display } };
        QStringList got = keysOf(keys(body), m_lock->mac()).keys();
        got.sort();
        QCOMPARE(got, trackingKeys);
        m_fixture->clock().advance(24 * 3600); // past the end of the facility day
        QVERIFY(keysOf(keys(body), m_lock->mac()).isEmpty());
    }

    void issueRunsTheAccessCheck()
    {
        QVERIFY(!Test::addUserWithKey(*m_fixture, *m_lock, QStringLiteral("sam"), Core::Restriction::None, {},
                                      QStringLiteral("delinquent"))
                     .isEmpty());
        const qint64 before = m_fixture->db().revision();
        const HttpReply denied
            = keys(issueBody({ m_lock->mac() }, { QStringLiteral("sam"), QStringLiteral("nobody") }));
        QCOMPARE(denied.status, 400);
        QCOMPARE(Test::errorCode(denied), 3);
        const QJsonArray details = denied.json().value(QStringLiteral("error_details")).toArray();
        QCOMPARE(details.size(), 2);
        QCOMPARE(details.at(0).toObject().value(QStringLiteral("tracking_key")).toString(), QStringLiteral("sam"));
        QCOMPARE(details.at(0).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("access_denied"));
        QCOMPARE(details.at(1).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("unknown_tracking_key"));
        QCOMPARE(m_fixture->db().revision(), before);

        const HttpReply partial = keys(issueBody({ m_lock->mac() }, { QStringLiteral("bob"), QStringLiteral("sam") }));
        QCOMPARE(partial.status, 200);
        QCOMPARE(keysOf(partial, m_lock->mac()).keys(), QStringList { QStringLiteral("bob") });
        QCOMPARE(partial.json().value(QStringLiteral("error_details")).toArray().size(), 1);
    }

    void scheduledKeyOutsideItsWindowGetsNoOfflineKey()
    {
        // Now is Tuesday 16:00 in Berlin; the window is Monday mornings only.
        Core::AccessWindow window { Core::Weekdays::fromMask(0x01), QTime(8, 0), QTime(9, 0) };
        QVERIFY(
            !Test::addUserWithKey(*m_fixture, *m_lock, QStringLiteral("carl"), Core::Restriction::Scheduled, { window })
                 .isEmpty());
        const HttpReply reply = keys(issueBody({ m_lock->mac() }, { QStringLiteral("carl") }));
        QCOMPARE(Test::errorCode(reply), 3);
        QCOMPARE(reply.json()
                     .value(QStringLiteral("error_details"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("access_denied"));
    }

    void badRequestsChangeNothing_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("code");
        QTest::newRow("unknown lock") << issueBody({ QStringLiteral("AA:BB:CC:00:00:99") }, { QStringLiteral("bob") })
                                      << 7;
        QTest::newRow("bad mac") << issueBody({ QStringLiteral("nope") }, { QStringLiteral("bob") }) << 3;
        QTest::newRow("issue without tracking keys") << issueBody({ QStringLiteral("AA:BB:CC:00:00:01") }, {}) << 3;
        QTest::newRow("issue not an array") << QJsonObject { { QStringLiteral("issue"), QStringLiteral("x") } } << 3;
        QTest::newRow("empty revoke item")
            << QJsonObject { { QStringLiteral("revoke"), QJsonArray { QJsonObject() } } } << 3;
        QTest::newRow("revoke on unknown lock")
            << QJsonObject { { QStringLiteral("revoke"),
                               QJsonArray { QJsonObject { { QStringLiteral("macs"),
                                                            QJsonArray { QStringLiteral("AA:BB:CC:00:00:98") } } } } } }
            << 7;
    }
    void badRequestsChangeNothing()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, code);
        const qint64 before = m_fixture->db().revision();
        const HttpReply reply = keys(body);
        QCOMPARE(Test::errorCode(reply), code);
        QCOMPARE(reply.status, code == 7 ? 404 : 400);
        QCOMPARE(m_fixture->db().revision(), before);
    }
};

QTEST_GUILESS_MAIN(TestCoreApiKeys)
#include "TestCoreApiKeys.moc"
