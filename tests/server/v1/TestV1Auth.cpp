#include "server/auth/LoginThrottle.h"
#include "tests/server/v1/V1Fixture.h"

#include <QTest>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::jsonCall;
using Keydesk::Test::V1Fixture;

namespace {
QJsonObject credentials(const QString &user, const QString &pw)
{
    return { { QStringLiteral("username"), user }, { QStringLiteral("password"), pw } };
}
QString errorCode(const HttpReply &r)
{
    return r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}
QString errorField(const HttpReply &r)
{
    return r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
}
} // namespace

/// POST /v1/login, sessions, lockout after failed logins, login rate limit and staff accounts, over real HTTP.
class TestV1Auth final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<V1Fixture> m_f;

private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<V1Fixture>();
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
    }
    void cleanup() { m_f.reset(); }

    void loginReturnsTokenRoleAndStaff()
    {
        QVERIFY(!m_f->createStaff(QStringLiteral("frida"), QStringLiteral("front_desk")).isEmpty());
        auto client = m_f->anonymous();
        const HttpReply r = jsonCall(*client, "POST", QStringLiteral("/v1/login"),
                                     credentials(QStringLiteral("frida"), V1Fixture::password()));
        QCOMPARE(r.status, 200);
        const QJsonObject json = r.json();
        QVERIFY(json.value(QStringLiteral("token")).toString().startsWith(QLatin1String("kd_")));
        QCOMPARE(json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(json.value(QStringLiteral("role")).toString(), QStringLiteral("front_desk"));
        const QJsonObject staff = json.value(QStringLiteral("staff")).toObject();
        QCOMPARE(staff.value(QStringLiteral("username")).toString(), QStringLiteral("frida"));
        QVERIFY(!staff.contains(QStringLiteral("password_hash")));
        QVERIFY(staff.value(QStringLiteral("permissions")).toArray().contains(QStringLiteral("revoke_keys")));
        QVERIFY(!staff.value(QStringLiteral("permissions")).toArray().contains(QStringLiteral("create_keys")));

        client->setBearer(json.value(QStringLiteral("token")).toString());
        const HttpReply me = client->get(QStringLiteral("/v1/me"));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("staff")).toObject().value(QStringLiteral("username")).toString(),
                 QStringLiteral("frida"));
    }

    void missingOrWrongTokenIs401_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("no token") << QString();
        QTest::newRow("garbage") << QStringLiteral("nonsense");
        QTest::newRow("well-formed but unknown") << QStringLiteral("kd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("company api key is not a staff token") << QString();
    }
    void missingOrWrongTokenIs401()
    {
        QFETCH(QString, token);
        auto client = m_f->anonymous();
        if (QByteArray(QTest::currentDataTag()) == "company api key is not a staff token")
            token = m_f->server().company().companyApiKey;
        client->setBearer(token);
        const HttpReply r = client->get(QStringLiteral("/v1/me"));
        QCOMPARE(r.status, 401);
        QCOMPARE(errorCode(r), QStringLiteral("unauthenticated"));
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer"));
    }

    void wrongPasswordIs401AndUnknownUserLooksTheSame()
    {
        QVERIFY(!m_f->createStaff(QStringLiteral("alice"), QStringLiteral("admin")).isEmpty());
        auto client = m_f->anonymous();
        const HttpReply wrong = jsonCall(*client, "POST", QStringLiteral("/v1/login"),
                                         credentials(QStringLiteral("alice"), QStringLiteral("wrong password")));
        const HttpReply unknown = jsonCall(*client, "POST", QStringLiteral("/v1/login"),
                                           credentials(QStringLiteral("nobody"), QStringLiteral("wrong password")));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(unknown.status, 401);
        QCOMPARE(errorCode(wrong), QStringLiteral("invalid_credentials"));
        QCOMPARE(wrong.body, unknown.body);
    }

    void fiveFailuresLockTheAccountThenItReopens()
    {
        QVERIFY(!m_f->createStaff(QStringLiteral("alice"), QStringLiteral("admin")).isEmpty());
        auto client = m_f->anonymous();
        for (int i = 0; i < Server::LoginThrottle::kMaxFailures; ++i) {
            const HttpReply r = jsonCall(*client, "POST", QStringLiteral("/v1/login"),
                                         credentials(QStringLiteral("alice"), QStringLiteral("guess %1").arg(i)));
            QCOMPARE(r.status, 401);
            m_f->clock().advance(20);
        }
        // Even the right password is refused while locked.
        const HttpReply locked = jsonCall(*client, "POST", QStringLiteral("/v1/login"),
                                          credentials(QStringLiteral("alice"), V1Fixture::password()));
        QCOMPARE(locked.status, 423);
        QCOMPARE(errorCode(locked), QStringLiteral("account_locked"));
        QVERIFY(locked.header("Retry-After").toInt() > 0);
        // The lock is visible to admins on the staff row.
        auto admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(admin);
        const HttpReply staff = admin->get(QStringLiteral("/v1/staff"));
        bool sawLock = false;
        for (const QJsonValue &s : staff.json().value(QStringLiteral("staff")).toArray()) {
            if (s.toObject().value(QStringLiteral("username")).toString() == QLatin1String("alice"))
                sawLock = !s.toObject().value(QStringLiteral("locked_until")).isNull();
        }
        QVERIFY(sawLock);

        m_f->clock().advance(Server::LoginThrottle::kLockSeconds);
        QVERIFY(m_f->login(QStringLiteral("alice")));
    }

    void loginAttemptsAreRateLimitedPerAddress()
    {
        auto client = m_f->anonymous();
        int status = 0;
        int attempts = 0;
        // Different names each time: the per-account lock never triggers, only the address bucket.
        while (attempts < 50) {
            const HttpReply r = jsonCall(*client, "POST", QStringLiteral("/v1/login"),
                                         credentials(QStringLiteral("user%1").arg(attempts), QStringLiteral("x")));
            ++attempts;
            status = r.status;
            if (status == 429) {
                QCOMPARE(errorCode(r), QStringLiteral("rate_limited"));
                QVERIFY(r.header("Retry-After").toInt() >= 1);
                break;
            }
            QCOMPARE(status, 401);
        }
        QCOMPARE(status, 429);
        QCOMPARE(attempts, 11);
        // Time refills the bucket.
        m_f->clock().advance(60);
        QVERIFY(!m_f->createStaff(QStringLiteral("bob"), QStringLiteral("auditor")).isEmpty());
        QVERIFY(m_f->login(QStringLiteral("bob")));
    }

    void logoutEndsTheSession()
    {
        auto client = m_f->as(QStringLiteral("manager"));
        QVERIFY(client);
        QCOMPARE(client->get(QStringLiteral("/v1/me")).status, 200);
        QCOMPARE(jsonCall(*client, "POST", QStringLiteral("/v1/logout")).status, 200);
        QCOMPARE(client->get(QStringLiteral("/v1/me")).status, 401);
    }

    void sessionExpires()
    {
        auto client = m_f->as(QStringLiteral("manager"));
        QVERIFY(client);
        m_f->clock().advance(13 * 3600);
        QCOMPARE(client->get(QStringLiteral("/v1/me")).status, 401);
    }

    void adminManagesStaff()
    {
        auto admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(admin);
        HttpReply created = jsonCall(*admin, "POST", QStringLiteral("/v1/staff"),
                                     { { QStringLiteral("username"), QStringLiteral("maria") },
                                       { QStringLiteral("password"), QStringLiteral("a long password") },
                                       { QStringLiteral("role"), QStringLiteral("manager") } });
        QCOMPARE(created.status, 201);
        const QString id
            = created.json().value(QStringLiteral("staff")).toObject().value(QStringLiteral("id")).toString();
        auto maria = m_f->login(QStringLiteral("maria"), QStringLiteral("a long password"));
        QVERIFY(maria);
        QCOMPARE(maria->get(QStringLiteral("/v1/staff")).status, 403);

        // Changing the role ends maria's sessions.
        QCOMPARE(jsonCall(*admin, "PATCH", QStringLiteral("/v1/staff/") + id,
                          { { QStringLiteral("role"), QStringLiteral("auditor") } })
                     .status,
                 200);
        QCOMPARE(maria->get(QStringLiteral("/v1/me")).status, 401);

        QCOMPARE(jsonCall(*admin, "DELETE", QStringLiteral("/v1/staff/") + id).status, 200);
        QCOMPARE(admin->get(QStringLiteral("/v1/staff/") + id).status, 404);
        QVERIFY(!m_f->login(QStringLiteral("maria"), QStringLiteral("a long password")));
    }

    void staffValidation_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        const auto body = [](const QString &u, const QString &p, const QString &r) {
            return QJsonObject { { QStringLiteral("username"), u },
                                 { QStringLiteral("password"), p },
                                 { QStringLiteral("role"), r } };
        };
        QTest::newRow("short password") << body(QStringLiteral("newbie"), QStringLiteral("short"),
                                                QStringLiteral("auditor"))
                                        << 400 << QStringLiteral("password");
        QTest::newRow("unknown role") << body(QStringLiteral("newbie"), QStringLiteral("long enough"),
                                              QStringLiteral("janitor"))
                                      << 400 << QStringLiteral("role");
        QTest::newRow("bad username") << body(QStringLiteral("a b"), QStringLiteral("long enough"),
                                              QStringLiteral("auditor"))
                                      << 400 << QStringLiteral("username");
        QTest::newRow("taken username") << body(QStringLiteral("taken"), QStringLiteral("long enough"),
                                                QStringLiteral("auditor"))
                                        << 409 << QStringLiteral("username");
        QTest::newRow("admin may not create an owner")
            << body(QStringLiteral("boss"), QStringLiteral("long enough"), QStringLiteral("owner")) << 403 << QString();
    }
    void staffValidation()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        QVERIFY(!m_f->createStaff(QStringLiteral("taken"), QStringLiteral("auditor")).isEmpty());
        auto admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(admin);
        const int before
            = admin->get(QStringLiteral("/v1/staff")).json().value(QStringLiteral("staff")).toArray().size();
        const HttpReply r = jsonCall(*admin, "POST", QStringLiteral("/v1/staff"), body);
        QCOMPARE(r.status, status);
        QCOMPARE(errorField(r), field);
        QVERIFY(
            !r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(admin->get(QStringLiteral("/v1/staff")).json().value(QStringLiteral("staff")).toArray().size(),
                 before);
    }

    void unknownRouteAndWrongMethodAnswerV1Errors()
    {
        auto client = m_f->as(QStringLiteral("auditor"));
        QVERIFY(client);
        const HttpReply unknown = client->get(QStringLiteral("/v1/no-such-thing"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(errorCode(unknown), QStringLiteral("unknown_route"));
        const HttpReply method = client->send("DELETE", QStringLiteral("/v1/me"));
        QCOMPARE(method.status, 405);
        QCOMPARE(errorCode(method), QStringLiteral("method_not_allowed"));
        // Trailing slash is the same route.
        QCOMPARE(client->get(QStringLiteral("/v1/me/")).status, 200);
    }

    void lastAdminCannotBeDemoted()
    {
        auto admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(admin);
        const QString myId = admin->get(QStringLiteral("/v1/me"))
                                 .json()
                                 .value(QStringLiteral("staff"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toString();
        const HttpReply r = jsonCall(*admin, "PATCH", QStringLiteral("/v1/staff/") + myId,
                                     { { QStringLiteral("role"), QStringLiteral("auditor") } });
        QCOMPARE(r.status, 409);
        QCOMPARE(errorCode(r), QStringLiteral("last_admin"));
    }
};

QTEST_GUILESS_MAIN(TestV1Auth)
#include "TestV1Auth.moc"
