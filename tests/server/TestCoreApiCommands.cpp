#include "core/lockproto/LockLog.h"
#include "server/store/Companies.h"
#include "tests/server/CoreApiHelpers.h"

#include <QJsonArray>
#include <QTest>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::ServerFixture;
using Keydesk::Test::TestLock;

/// /lock/, /unlock/, /unshackle/, /fwupdate/ over real HTTP with a VirtualLock playing the lock.
class TestCoreApiCommands final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;
    std::optional<TestLock> m_lock;

    QJsonObject lockEntry(const QString &mac)
    {
        auto client = m_fixture->companyClient();
        const HttpReply reply
            = client->post(QStringLiteral("/lock/"), QJsonObject { { QStringLiteral("macs"), QJsonArray { mac } } });
        return Test::dataObject(reply).value(QStringLiteral("locks")).toArray().first().toObject();
    }

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        m_lock = Test::addTestLock(*m_fixture, QStringLiteral("aa-bb-cc-00-00-01"), QStringLiteral("SN-1"),
                                   QStringLiteral("A-101"));
        QVERIFY(m_lock);
    }
    void cleanup()
    {
        m_lock.reset();
        m_fixture.reset();
    }

    void lockListsDocumentedFields()
    {
        auto client = m_fixture->companyClient();
        const HttpReply reply = client->post(QStringLiteral("/lock/"), QJsonObject());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("request")).toString(), QStringLiteral("lock"));
        const QJsonArray locks = Test::dataObject(reply).value(QStringLiteral("locks")).toArray();
        QCOMPARE(locks.size(), 1);
        const QJsonObject lock = locks.first().toObject();
        QCOMPARE(lock.value(QStringLiteral("mac")).toString(), QStringLiteral("AA:BB:CC:00:00:01"));
        QCOMPARE(lock.value(QStringLiteral("created_by")).toString(), QStringLiteral("J Doe"));
        QCOMPARE(lock.value(QStringLiteral("created_date")).toString(), QStringLiteral("2026-03-10T15:00:00Z"));
        QCOMPARE(lock.value(QStringLiteral("setup_count")).toInt(-1), 0);
        QCOMPARE(lock.value(QStringLiteral("hw_version")).toString(), QStringLiteral("3p"));
        QCOMPARE(lock.value(QStringLiteral("fw_version")).toString(), QStringLiteral("2.10"));
        QCOMPARE(lock.value(QStringLiteral("serial")).toString(), QStringLiteral("SN-1"));
        QVERIFY(lock.value(QStringLiteral("internal_battery")).isDouble());
        QVERIFY(lock.value(QStringLiteral("external_battery")).isDouble());
        QCOMPARE(lock.value(QStringLiteral("status")).toString(), QStringLiteral("awaiting setup"));
        QCOMPARE(lock.value(QStringLiteral("flags")).toString(), QStringLiteral("none"));
        QVERIFY(!lock.contains(QStringLiteral("sealed_secret")));
        QVERIFY(!reply.body.contains(m_lock->record.sealedSecret.toHex()));
    }

    void lockFiltersByMacOrSerial_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QStringList>("macs");
        QTest::newRow("by mac") << QJsonObject { { QStringLiteral("macs"),
                                                   QJsonArray { QStringLiteral("aabbcc000002") } } }
                                << QStringList { QStringLiteral("AA:BB:CC:00:00:02") };
        QTest::newRow("by serial") << QJsonObject { { QStringLiteral("serials"),
                                                      QJsonArray { QStringLiteral("SN-1") } } }
                                   << QStringList { QStringLiteral("AA:BB:CC:00:00:01") };
        QTest::newRow("either array") << QJsonObject {
            { QStringLiteral("serials"), QJsonArray { QStringLiteral("SN-1") } },
            { QStringLiteral("macs"), QJsonArray { QStringLiteral("AA:BB:CC:00:00:02") } }
        } << QStringList { QStringLiteral("AA:BB:CC:00:00:01"), QStringLiteral("AA:BB:CC:00:00:02") };
        QTest::newRow("empty body: all") << QJsonObject()
                                         << QStringList { QStringLiteral("AA:BB:CC:00:00:01"),
                                                          QStringLiteral("AA:BB:CC:00:00:02") };
    }
    void lockFiltersByMacOrSerial()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QStringList, macs);
        QVERIFY(Test::addTestLock(*m_fixture, QStringLiteral("AA:BB:CC:00:00:02"), QStringLiteral("SN-2")));
        auto client = m_fixture->companyClient();
        const HttpReply reply = client->post(QStringLiteral("/lock/"), body);
        QCOMPARE(reply.status, 200);
        QStringList got;
        for (const QJsonValue &lock : Test::dataObject(reply).value(QStringLiteral("locks")).toArray())
            got.append(lock.toObject().value(QStringLiteral("mac")).toString());
        got.sort();
        QCOMPARE(got, macs);
    }

    void onlineUnlockOpensAndCompletesSetup()
    {
        QJsonObject reply;
        const Core::LockOutcome outcome = Test::onlineCommand(*m_fixture, *m_lock, QStringLiteral("bob@example.com"),
                                                              QStringLiteral("unlock"), &reply);
        QVERIFY2(outcome.opened(), qPrintable(outcome.message));
        QCOMPARE(outcome.action, Core::LockOutcome::Action::Unlocked);
        QCOMPARE(reply.value(QStringLiteral("result")).toString(), QStringLiteral("success"));
        QCOMPARE(reply.value(QStringLiteral("request")).toString(), QStringLiteral("unlock"));
        QVERIFY(!reply.value(QStringLiteral("token")).toString().isEmpty());
        const QJsonObject lock = lockEntry(m_lock->mac());
        QCOMPARE(lock.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
        QCOMPARE(lock.value(QStringLiteral("setup_count")).toInt(), 1);
        // A second unlock keeps the lock ready and does not count another setup.
        QVERIFY(Test::onlineCommand(*m_fixture, *m_lock).opened());
        QCOMPARE(lockEntry(m_lock->mac()).value(QStringLiteral("setup_count")).toInt(), 1);
    }

    void commandKindsReachTheLock_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("request");
        QTest::addColumn<int>("action");
        QTest::newRow("unlock") << QStringLiteral("unlock") << QStringLiteral("unlock")
                                << int(Core::LockOutcome::Action::Unlocked);
        QTest::newRow("unshackle") << QStringLiteral("unshackle") << QStringLiteral("unshackle")
                                   << int(Core::LockOutcome::Action::Unshackled);
        // The documentation's /fwupdate/ example names its request "unlock".
        QTest::newRow("fwupdate") << QStringLiteral("fwupdate") << QStringLiteral("unlock")
                                  << int(Core::LockOutcome::Action::FirmwareUpdate);
    }
    void commandKindsReachTheLock()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, request);
        QFETCH(int, action);
        QJsonObject reply;
        const Core::LockOutcome outcome = Test::onlineCommand(*m_fixture, *m_lock, {}, endpoint, &reply);
        QVERIFY2(outcome.opened(), qPrintable(outcome.message));
        QCOMPARE(int(outcome.action), action);
        QCOMPARE(reply.value(QStringLiteral("request")).toString(), request);
    }

    void commandForAnotherSessionIsRefusedByTheLock()
    {
        auto first = m_lock->vlock->newSession();
        QVERIFY(first);
        auto client = m_fixture->companyClient();
        const HttpReply reply = client->post(QStringLiteral("/unlock/"),
                                             QJsonObject { { QStringLiteral("mac"), m_lock->mac() },
                                                           { QStringLiteral("session"), first.value().toHex() } });
        QCOMPARE(reply.status, 200);
        QVERIFY(m_lock->vlock->newSession()); // the phone reconnected: the first session is gone
        const Core::LockOutcome outcome
            = m_lock->vlock->applyCommand(Test::dataObject(reply).value(QStringLiteral("commands")).toString());
        QVERIFY(!outcome.opened());
        QCOMPARE(outcome.refusal, Core::Refusal::WrongSession);
    }

    void lockOfAnotherCompanyIsNotFound()
    {
        auto other
            = Server::CompanyRepository(m_fixture->db())
                  .create(QStringLiteral("Other"), QStringLiteral("UTC"), m_fixture->clock().now().toMSecsSinceEpoch());
        QVERIFY(other);
        auto client = m_fixture->anonymousClient();
        client->setBearer(other.value().companyApiKey);
        const HttpReply reply = client->post(
            QStringLiteral("/unlock/"),
            QJsonObject { { QStringLiteral("mac"), m_lock->mac() },
                          { QStringLiteral("session"), QStringLiteral("00112233445566778899aabbccddeeff00000001") } });
        QCOMPARE(reply.status, 404);
        QCOMPARE(Test::errorCode(reply), 7);
        const HttpReply list = client->post(QStringLiteral("/lock/"), QJsonObject());
        QCOMPARE(Test::dataObject(list).value(QStringLiteral("locks")).toArray().size(), 0);
        QCOMPARE(
            Test::errorCode(client->post(QStringLiteral("/lock/"),
                                         QJsonObject { { QStringLiteral("macs"), QJsonArray { m_lock->mac() } } })),
            7);
    }

    void uploadAfterUnlockRecordsBatteryAndLastSeen()
    {
        const Core::LockOutcome outcome = Test::onlineCommand(*m_fixture, *m_lock, QStringLiteral("bob"));
        QVERIFY(outcome.opened());
        QVERIFY(!outcome.responses.isEmpty());
        const HttpReply reply = Test::uploadResponses(*m_fixture, *m_lock, outcome.responses);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("request")).toString(), QStringLiteral("upload"));
        auto battery = Core::decodeLockResponse(
            Core::LockKeys::derive(
                Server::LockRepository::secretOf(m_lock->record, m_fixture->server().context().kek).value(),
                m_lock->record.mac)
                .value(),
            m_lock->record.mac, outcome.responses.last());
        QVERIFY(battery);
        const QJsonObject lock = lockEntry(m_lock->mac());
        if (battery.value().batteryMv >= 0)
            QCOMPARE(lock.value(QStringLiteral("internal_battery")).toInt(), battery.value().batteryMv);
        QVERIFY(Server::LockRepository(m_fixture->db()).findById(m_lock->record.id)->lastSeenAt.has_value());
    }
};

QTEST_GUILESS_MAIN(TestCoreApiCommands)
#include "TestCoreApiCommands.moc"
