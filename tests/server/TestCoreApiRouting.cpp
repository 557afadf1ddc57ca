#include "tests/server/CoreApiHelpers.h"
#include "tests/server/ServerFixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::ServerFixture;

/// Core API plumbing over real HTTP: the envelope, unknown path, wrong method, trailing slash, API keys,
/// malformed and oversized bodies, wrong types.
class TestCoreApiRouting final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;

    static void verifyEnvelope(const QJsonObject &json, const QString &request, int code)
    {
        QCOMPARE(json.value(QStringLiteral("request")).toString(), request);
        QCOMPARE(json.value(QStringLiteral("error_code")).toInt(-1), code);
        QCOMPARE(json.value(QStringLiteral("result")).toString(),
                 code == 0 ? QStringLiteral("success") : QStringLiteral("failure"));
        QVERIFY(!json.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(json.contains(QStringLiteral("data")));
        QVERIFY(json.contains(QStringLiteral("error_details")));
        const QJsonObject version = json.value(QStringLiteral("api_version")).toObject();
        QCOMPARE(version.value(QStringLiteral("default")).toString(), QStringLiteral("0.1.0"));
        const QJsonObject available = version.value(QStringLiteral("available")).toObject();
        QCOMPARE(available.keys(),
                 QStringList({ QStringLiteral("0.0.0"), QStringLiteral("0.1.0"), QStringLiteral("1.0.0") }));
        QCOMPARE(available.value(QStringLiteral("0.1.0")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("default"));
    }

private Q_SLOTS:
    // One server for the whole class: none of these requests may change anything (several tests check that).
    void initTestCase()
    {
        m_fixture = std::make_unique<ServerFixture>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        QVERIFY(m_fixture->server().port() != 0);
        QVERIFY(Test::addTestLock(*m_fixture, QStringLiteral("AA:BB:CC:00:00:01")));
    }
    void cleanupTestCase() { m_fixture.reset(); }

    void unknownPathAnswersErrorCode5()
    {
        auto client = m_fixture->companyClient();
        const HttpReply reply = client->post(QStringLiteral("/no/such/thing/"), QJsonObject());
        QCOMPARE(reply.status, 404);
        verifyEnvelope(reply.json(), QStringLiteral("no/such/thing"), 5);
        QCOMPARE(
            reply.json().value(QStringLiteral("api_version")).toObject().value(QStringLiteral("response")).toString(),
            QStringLiteral("0.1.0"));
    }

    void wrongMethodAnswersErrorCode4_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("request");
        QTest::newRow("GET /unlock/") << QByteArray("GET") << QStringLiteral("/unlock/") << QStringLiteral("unlock");
        QTest::newRow("PUT /lock") << QByteArray("PUT") << QStringLiteral("/lock") << QStringLiteral("lock");
        QTest::newRow("DELETE /qc/issue/")
            << QByteArray("DELETE") << QStringLiteral("/qc/issue/") << QStringLiteral("qc/issue");
    }
    void wrongMethodAnswersErrorCode4()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, request);
        auto client = m_fixture->companyClient();
        const HttpReply reply = client->send(method, path, "{}");
        QCOMPARE(reply.status, 405);
        verifyEnvelope(reply.json(), request, 4);
        QCOMPARE(reply.header("Allow"), QByteArray("POST"));
    }

    void trailingSlashIsOptional_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("with slash") << QStringLiteral("/lock/");
        QTest::newRow("without slash") << QStringLiteral("/lock");
        QTest::newRow("double slash") << QStringLiteral("/lock//");
    }
    void trailingSlashIsOptional()
    {
        QFETCH(QString, path);
        auto client = m_fixture->companyClient();
        const HttpReply reply = client->post(path, QJsonObject());
        QCOMPARE(reply.status, 200);
        verifyEnvelope(reply.json(), QStringLiteral("lock"), 0);
        QCOMPARE(Test::dataObject(reply).value(QStringLiteral("locks")).toArray().size(), 1);
    }

    void wrongKeyAnswersErrorCode2_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("key"); // "company", "mobile", "bogus", "none"
        QTest::newRow("no key on /lock/") << QStringLiteral("/lock/") << QStringLiteral("none");
        QTest::newRow("bogus key on /lock/") << QStringLiteral("/lock/") << QStringLiteral("bogus");
        QTest::newRow("mobile key on /unlock/") << QStringLiteral("/unlock/") << QStringLiteral("mobile");
        QTest::newRow("mobile key on /keys/") << QStringLiteral("/keys/") << QStringLiteral("mobile");
        QTest::newRow("company key on /upload/") << QStringLiteral("/upload/") << QStringLiteral("company");
        QTest::newRow("bogus key on /upload/") << QStringLiteral("/upload/") << QStringLiteral("bogus");
    }
    void wrongKeyAnswersErrorCode2()
    {
        QFETCH(QString, path);
        QFETCH(QString, key);
        auto client = m_fixture->anonymousClient();
        if (key == QLatin1String("company"))
            client->setBearer(m_fixture->company().companyApiKey);
        else if (key == QLatin1String("mobile"))
            client->setBearer(m_fixture->company().mobileApiKey);
        else if (key == QLatin1String("bogus"))
            client->setBearer(QStringLiteral("kd_company_0000"));
        const HttpReply reply = client->post(path, QJsonObject());
        QCOMPARE(reply.status, 401);
        QCOMPARE(Test::errorCode(reply), 2);
    }

    void badBodiesAnswerErrorCode3_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("malformed JSON") << QStringLiteral("/lock/") << QByteArray("{\"macs\": [")
                                        << QStringLiteral("JSON");
        QTest::newRow("array body") << QStringLiteral("/lock/") << QByteArray("[1,2]") << QStringLiteral("object");
        QTest::newRow("macs not an array")
            << QStringLiteral("/lock/") << QByteArray("{\"macs\": \"AA\"}") << QStringLiteral("macs");
        QTest::newRow("bad MAC in macs") << QStringLiteral("/lock/") << QByteArray("{\"macs\": [\"zz:zz\"]}")
                                         << QStringLiteral("macs[0]");
        QTest::newRow("unlock without mac")
            << QStringLiteral("/unlock/") << QByteArray("{\"session\": \"00\"}") << QStringLiteral("mac");
        QTest::newRow("unlock with bad session")
            << QStringLiteral("/unlock/") << QByteArray("{\"mac\": \"AA:BB:CC:00:00:01\", \"session\": \"xyz\"}")
            << QStringLiteral("session");
        QTest::newRow("tracking_key a number")
            << QStringLiteral("/unlock/")
            << QByteArray("{\"mac\": \"AA:BB:CC:00:00:01\", \"session\": \"00\", \"tracking_key\": 5}")
            << QStringLiteral("tracking_key");
        QTest::newRow("unknown api_version")
            << QStringLiteral("/qc/display/") << QByteArray("{\"api_version\": \"9.9.9\"}")
            << QStringLiteral("api_version");
    }
    void badBodiesAnswerErrorCode3()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        auto client = m_fixture->companyClient();
        const qint64 revision = m_fixture->db().revision();
        const HttpReply reply = client->postRaw(path, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(Test::errorCode(reply), 3);
        const QString message = reply.json().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(mentions), qPrintable(message));
        QCOMPARE(m_fixture->db().revision(), revision); // nothing written
    }

    void oversizedBodyAnswers413()
    {
        auto client = m_fixture->companyClient();
        QByteArray body = "{\"macs\": [], \"pad\": \"" + QByteArray(1024 * 1024 + 10, 'x') + "\"}";
        const HttpReply reply = client->postRaw(QStringLiteral("/lock/"), body);
        QCOMPARE(reply.status, 413);
        QCOMPARE(Test::errorCode(reply), 3);
    }

    void overlongArrayAnswers400()
    {
        auto client = m_fixture->companyClient();
        QJsonArray macs;
        for (int i = 0; i < 1001; ++i)
            macs.append(QStringLiteral("AA:BB:CC:00:00:01"));
        const HttpReply reply
            = client->post(QStringLiteral("/lock/"), QJsonObject { { QStringLiteral("macs"), macs } });
        QCOMPARE(reply.status, 400);
        QCOMPARE(Test::errorCode(reply), 3);
        QVERIFY(reply.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("macs")));
        macs.removeLast();
        QCOMPARE(client->post(QStringLiteral("/lock/"), QJsonObject { { QStringLiteral("macs"), macs } }).status, 200);
    }

    void unknownLockAnswersErrorCode7()
    {
        auto client = m_fixture->companyClient();
        const HttpReply reply = client->post(
            QStringLiteral("/unlock/"),
            QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:99") },
                          { QStringLiteral("session"), QStringLiteral("00112233445566778899aabbccddeeff00000001") } });
        QCOMPARE(reply.status, 404);
        QCOMPARE(Test::errorCode(reply), 7);
    }

    void junkNeverCrashesOrWrites_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        const QStringList paths { QStringLiteral("/lock/"),      QStringLiteral("/unlock/"),
                                  QStringLiteral("/unshackle/"), QStringLiteral("/fwupdate/"),
                                  QStringLiteral("/keys/"),      QStringLiteral("/qc/issue/"),
                                  QStringLiteral("/qc/revoke/"), QStringLiteral("/qc/display/"),
                                  QStringLiteral("/qc/"),        QStringLiteral("/activity/") };
        const QList<QByteArray> bodies {
            "{\"mac\": [], \"macs\": {}, \"session\": 5}",
            "{\"issue\": {}, \"revoke\": \"all\", \"display\": []}",
            "{\"issue\": [5, null, []], \"revoke\": [{\"macs\": [1]}]}",
            "{\"mac\": \"AA:BB:CC:00:00:01\", \"quick_clicks\": \"101\", \"session\": \"\"}",
            "{\"mac\": \"AA:BB:CC:00:00:01\", \"quick_clicks\": [{\"code\": \"101\", \"uses\": 1e300}]}",
            "{\"lock_macs\": null, \"actions\": [null], \"before\": 5, \"after\": {}}",
            "{\"display\": {\"macs\": \"AA\"}, \"tracking_keys\": 7}",
            "null",
            "\"string\"",
            "{\"a\": [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}",
            "{\"mac\": \"AA:BB:CC:00:00:01\", \"session\": \"\u0000\u0001\"}",
        };
        for (const QString &path : paths) {
            for (qsizetype i = 0; i < bodies.size(); ++i)
                QTest::addRow("%s body %d", qPrintable(path), int(i)) << path << bodies.at(i);
        }
    }
    void junkNeverCrashesOrWrites()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        auto client = m_fixture->companyClient();
        const qint64 revision = m_fixture->db().revision();
        const HttpReply reply = client->postRaw(path, body);
        // Either a documented refusal or (for lenient read endpoints) a success; never a 5xx or a dropped line.
        QVERIFY2(reply.status == 200 || reply.status == 400 || reply.status == 404, reply.body.constData());
        const int code = Test::errorCode(reply);
        QVERIFY(code == 0 || code == 3 || code == 7);
        if (path != QLatin1String("/unlock/") && path != QLatin1String("/unshackle/")
            && path != QLatin1String("/fwupdate/"))
            QCOMPARE(m_fixture->db().revision(), revision);
        // The server still answers.
        QCOMPARE(client->post(QStringLiteral("/lock/"), QJsonObject()).status, 200);
    }

    void requestedApiVersionIsEchoed()
    {
        auto client = m_fixture->companyClient();
        const HttpReply reply = client->post(
            QStringLiteral("/qc/display/"), QJsonObject { { QStringLiteral("api_version"), QStringLiteral("1.0.0") } });
        QCOMPARE(reply.status, 200);
        QCOMPARE(
            reply.json().value(QStringLiteral("api_version")).toObject().value(QStringLiteral("response")).toString(),
            QStringLiteral("1.0.0"));
    }
};

QTEST_GUILESS_MAIN(TestCoreApiRouting)
#include "TestCoreApiRouting.moc"
