// ApiClient against the real keydesk-server on loopback: login, typed errors, idempotency, timeouts, TLS.
#include "core/client/ApiClient.h"
#include "server/store/Database.h"
#include "tests/client/AwaitTask.h"
#include "tests/client/LiveServer.h"
#include "tests/client/TlsProxy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Keydesk;
using Core::ApiClient;
using Core::ApiErrorKind;
using Core::ApiRequest;
using Test::awaitTask;
using Test::LiveServer;

Q_DECLARE_METATYPE(Core::ApiErrorKind)

class TestApiClient final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LiveServer> m_server;
    QNetworkAccessManager m_network;

    QHash<QString, QString> m_tokens; // one login per user: the server rate-limits logins per address

    std::unique_ptr<ApiClient> loggedIn(const QString &user, bool fresh = false)
    {
        auto client = std::make_unique<ApiClient>(m_network, m_server->url());
        if (!fresh && m_tokens.contains(user)) {
            client->setToken(m_tokens.value(user));
            return client;
        }
        auto session = awaitTask(client->login(user, LiveServer::kPassword));
        if (!session || !*session)
            return nullptr;
        if (!fresh)
            m_tokens.insert(user, client->token());
        return client;
    }

    static ApiRequest createStaff(const QString &username, const QString &key = {})
    {
        ApiRequest r;
        r.method = QByteArrayLiteral("POST");
        r.path = QStringLiteral("/v1/staff");
        r.body = QJsonObject { { QStringLiteral("username"), username },
                               { QStringLiteral("role"), QStringLiteral("auditor") },
                               { QStringLiteral("password"), QStringLiteral("another long password") } };
        r.idempotencyKey = key;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<LiveServer>();
        QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
    }

    void login_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<ApiErrorKind>("kind");
        QTest::addColumn<QString>("field");
        QTest::newRow("right password → session")
            << LiveServer::kOwner << LiveServer::kPassword << true << ApiErrorKind::Server << QString();
        QTest::newRow("wrong password → WrongPassword") << LiveServer::kFrontDesk << QStringLiteral("not the password")
                                                        << false << ApiErrorKind::WrongPassword << QString();
        QTest::newRow("unknown user → WrongPassword (same answer, no user enumeration)")
            << QStringLiteral("nobody.here") << LiveServer::kPassword << false << ApiErrorKind::WrongPassword
            << QString();
        QTest::newRow("empty user name → Validation on username")
            << QString() << LiveServer::kPassword << false << ApiErrorKind::Validation << QStringLiteral("username");
    }

    void login()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(bool, ok);
        QFETCH(ApiErrorKind, kind);
        QFETCH(QString, field);
        ApiClient client(m_network, m_server->url());
        auto session = awaitTask(client.login(user, password));
        QVERIFY(session);
        QCOMPARE(session->ok(), ok);
        if (ok) {
            m_tokens.insert(user, client.token());
            QCOMPARE(session->value().username, user);
            QCOMPARE(session->value().role, QStringLiteral("owner"));
            QVERIFY(!session->value().token.isEmpty());
            QCOMPARE(client.token(), session->value().token);
            QVERIFY(session->value().expiresAt > QDateTime::currentDateTimeUtc());
            auto me = awaitTask(client.me());
            QVERIFY(me && *me);
            QCOMPARE(me->value().value(QStringLiteral("username")).toString(), user);
        } else {
            QCOMPARE(session->error().kind, kind);
            QCOMPARE(session->error().field, field);
            QVERIFY(!session->error().message.isEmpty());
            QVERIFY(!client.isLoggedIn());
        }
    }

    void endedSessionIsUnauthorizedAndSignalled()
    {
        ApiClient client(m_network, m_server->url());
        client.setToken(QStringLiteral("kd_not_a_real_token"));
        QSignalSpy expired(&client, &ApiClient::sessionExpired);
        auto me = awaitTask(client.me());
        QVERIFY(me && !*me);
        QCOMPARE(me->error().kind, ApiErrorKind::Unauthorized);
        QCOMPARE(expired.count(), 1);

        auto owner = loggedIn(LiveServer::kOwner, true);
        QVERIFY(owner);
        const QString ended = owner->token();
        QVERIFY(awaitTask(owner->logout()).value());
        QVERIFY(!owner->isLoggedIn());
        owner->setToken(ended);
        auto after = awaitTask(owner->me());
        QVERIFY(after && !*after);
        QCOMPARE(after->error().kind, ApiErrorKind::Unauthorized);
    }

    void httpErrorsAreTyped_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<ApiErrorKind>("kind");
        QTest::addColumn<QString>("field");
        const QJsonObject badName { { QStringLiteral("username"), QStringLiteral("x") },
                                    { QStringLiteral("role"), QStringLiteral("auditor") },
                                    { QStringLiteral("password"), QStringLiteral("another long password") } };
        const QJsonObject taken { { QStringLiteral("username"), LiveServer::kFrontDesk },
                                  { QStringLiteral("role"), QStringLiteral("auditor") },
                                  { QStringLiteral("password"), QStringLiteral("another long password") } };
        QTest::newRow("front desk lists staff → Forbidden")
            << LiveServer::kFrontDesk << QByteArrayLiteral("GET") << QStringLiteral("/v1/staff") << QJsonObject()
            << ApiErrorKind::Forbidden << QString();
        QTest::newRow("invalid user name → Validation naming the field")
            << LiveServer::kOwner << QByteArrayLiteral("POST") << QStringLiteral("/v1/staff") << badName
            << ApiErrorKind::Validation << QStringLiteral("username");
        QTest::newRow("taken user name → Conflict")
            << LiveServer::kOwner << QByteArrayLiteral("POST") << QStringLiteral("/v1/staff") << taken
            << ApiErrorKind::Conflict << QStringLiteral("username");
        QTest::newRow("unknown staff id → NotFound")
            << LiveServer::kOwner << QByteArrayLiteral("GET") << QStringLiteral("/v1/staff/no-such-id") << QJsonObject()
            << ApiErrorKind::NotFound << QString();
    }

    void httpErrorsAreTyped()
    {
        QFETCH(QString, user);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(ApiErrorKind, kind);
        QFETCH(QString, field);
        auto client = loggedIn(user);
        QVERIFY(client);
        ApiRequest r;
        r.method = method;
        r.path = path;
        if (!body.isEmpty())
            r.body = body;
        auto answer = awaitTask(client->send(r));
        QVERIFY(answer);
        QVERIFY(!*answer);
        QCOMPARE(answer->error().kind, kind);
        QCOMPARE(answer->error().field, field);
        QVERIFY2(answer->error().message.size() > 10, qPrintable(answer->error().message));
        QVERIFY(!answer->error().isTransient());
    }

    void idempotencyKeyAppliesOnce()
    {
        auto client = loggedIn(LiveServer::kOwner);
        QVERIFY(client);
        const QString key = QStringLiteral("test-key-once-1");
        auto first = awaitTask(client->send(createStaff(QStringLiteral("ida.once"), key)));
        QVERIFY(first && *first);
        QCOMPARE(first->value().status, 201);
        QVERIFY(!first->value().replayed);
        auto again = awaitTask(client->send(createStaff(QStringLiteral("ida.once"), key)));
        QVERIFY(again && *again);
        QVERIFY(again->value().replayed);
        QCOMPARE(again->value().json, first->value().json);
        auto count = m_server->db().scalar(QStringLiteral("SELECT COUNT(*) FROM staff WHERE username = ?"),
                                           { QStringLiteral("ida.once") });
        QVERIFY(count);
        QCOMPARE(count->toInt(), 1);
    }

    void unreachableServer()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close(); // nobody listens there any more
        QUrl url = m_server->url();
        url.setPort(port);
        ApiClient client(m_network, url);
        auto answer = awaitTask(client.login(LiveServer::kOwner, LiveServer::kPassword));
        QVERIFY(answer && !*answer);
        QCOMPARE(answer->error().kind, ApiErrorKind::Unreachable);
        QVERIFY(answer->error().isTransient());
        QVERIFY2(answer->error().message.contains(QString::number(port)), qPrintable(answer->error().message));
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        QList<QTcpSocket *> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (silent.hasPendingConnections())
                held.append(silent.nextPendingConnection());
        });
        QUrl url = m_server->url();
        url.setPort(silent.serverPort());
        ApiClient client(m_network, url);
        client.setTimeout(std::chrono::milliseconds(300));
        QElapsedTimer timer;
        timer.start();
        auto answer = awaitTask(client.me());
        QVERIFY(answer && !*answer);
        QCOMPARE(answer->error().kind, ApiErrorKind::Timeout);
        QVERIFY(answer->error().isTransient());
        QVERIFY(timer.elapsed() < 5000);
    }

    void tls_data()
    {
        QTest::addColumn<int>("trust"); // 0: system CAs only, 1: the server's CA file, 2: an unrelated CA file
        QTest::addColumn<bool>("ok");
        QTest::newRow("self-signed CA, default → refused") << 0 << false;
        QTest::newRow("self-signed CA trusted via option → works") << 1 << true;
        QTest::newRow("an unrelated CA trusted → still refused") << 2 << false;
    }

    void tls()
    {
        QFETCH(int, trust);
        QFETCH(bool, ok);
        Test::TestCertificates certificates;
        QVERIFY2(certificates.ok(), qPrintable(certificates.error()));
        Test::TlsProxy proxy(certificates, m_server->port());
        QVERIFY(proxy.listen());
        QUrl url;
        url.setScheme(QStringLiteral("https"));
        url.setHost(QStringLiteral("localhost"));
        url.setPort(proxy.port());
        QNetworkAccessManager network; // fresh: no TLS session cached from another row
        ApiClient client(network, url);
        if (trust == 1)
            QVERIFY(client.trustCaFile(certificates.caPath()).ok());
        if (trust == 2)
            QVERIFY(client.trustCaFile(certificates.otherCaPath()).ok());
        auto owner = loggedIn(LiveServer::kOwner);
        QVERIFY(owner);
        client.setToken(owner->token());
        auto answer = awaitTask(client.me());
        QVERIFY(answer);
        const QString why
            = answer->ok() ? QStringLiteral("accepted an untrusted certificate") : answer->error().message;
        QVERIFY2(answer->ok() == ok, qPrintable(why));
        if (!ok) {
            QCOMPARE(answer->error().kind, ApiErrorKind::Tls);
            QVERIFY(!answer->error().isTransient());
            QVERIFY2(answer->error().message.contains(QStringLiteral("CA file")), qPrintable(answer->error().message));
        }
    }

    void caFileMustHoldACertificate()
    {
        ApiClient client(m_network, m_server->url());
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.pem"));
        auto r = client.trustCaFile(missing);
        QVERIFY(!r);
        QCOMPARE(r.error().field, QStringLiteral("ca_file"));
        QFile junk(dir.filePath(QStringLiteral("junk.pem")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a certificate\n");
        junk.close();
        auto r2 = client.trustCaFile(junk.fileName());
        QVERIFY(!r2);
        QCOMPARE(r2.error().code, QStringLiteral("ca_file_invalid"));
        QVERIFY(client.extraCaCertificates().isEmpty());
    }

    void parseChangePage_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("rows");
        QTest::newRow("rows, next and has_more → page")
            << QByteArrayLiteral(R"({"changes":[{"entity":"units","id":"u1","revision":5,"deleted":false,)"
                                 R"("data":{"id":"u1","name":"A"}},{"entity":"units","id":"u2","revision":6,)"
                                 R"("deleted":true,"data":null}],"next_revision":6,"has_more":true})")
            << true << 2;
        QTest::newRow("empty page → page") << QByteArrayLiteral(R"({"changes":[],"next_revision":9})") << true << 0;
        QTest::newRow("no next revision → error") << QByteArrayLiteral(R"({"changes":[]})") << false << 0;
        QTest::newRow("no rows → error") << QByteArrayLiteral(R"({"next_revision":3})") << false << 0;
        QTest::newRow("row without id → error")
            << QByteArrayLiteral(R"({"changes":[{"entity":"units","revision":5}],"next_revision":5})") << false << 0;
    }

    void parseChangePage()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(int, rows);
        auto page = ApiClient::parseChangePage(QJsonDocument::fromJson(json).object());
        QCOMPARE(page.ok(), ok);
        if (ok)
            QCOMPARE(page->rows.size(), rows);
        else
            QCOMPARE(page.error().code, QStringLiteral("bad_response"));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "TestApiClient.moc"
