#include "tests/server/ServerFixture.h"

#include <QJsonArray>
#include <QTest>

using namespace Keydesk;
using Keydesk::Test::ServerFixture;

/// Core API plumbing over real HTTP: unknown path, wrong method, trailing slash, body limits, the envelope.
class TestCoreApiRouting final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerFixture> m_fixture;

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<ServerFixture>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        QVERIFY(m_fixture->server().port() != 0);
    }
    void cleanup() { m_fixture.reset(); }

    void unknownPathAnswersErrorCode5()
    {
        auto client = m_fixture->companyClient();
        const Test::HttpReply reply = client->post(QStringLiteral("/no/such/thing/"), QJsonObject());
        QCOMPARE(reply.status, 404);
        const QJsonObject json = reply.json();
        QCOMPARE(json.value(QStringLiteral("result")).toString(), QStringLiteral("failure"));
        QCOMPARE(json.value(QStringLiteral("error_code")).toInt(), 5);
        QCOMPARE(json.value(QStringLiteral("request")).toString(), QStringLiteral("no/such/thing"));
        QVERIFY(!json.value(QStringLiteral("message")).toString().isEmpty());
        const QJsonObject version = json.value(QStringLiteral("api_version")).toObject();
        QCOMPARE(version.value(QStringLiteral("default")).toString(), QStringLiteral("0.1.0"));
        QVERIFY(version.value(QStringLiteral("available")).toObject().contains(QStringLiteral("1.0.0")));
    }
};

QTEST_GUILESS_MAIN(TestCoreApiRouting)
#include "TestCoreApiRouting.moc"
