#include "tests/server/v1/V1Fixture.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::HttpTestClient;
using Keydesk::Test::jsonCall;
using Keydesk::Test::V1Fixture;

namespace {

// Who may call each route, written down from DESIGN.md's role list rather than derived from the code:
// O = owner, A = admin, M = manager, F = front_desk, U = auditor; "T" = tenant credential only.
struct Expectation
{
    const char *method;
    const char *path;
    const char *roles;
};

const Expectation kMatrix[] = {
    { "GET", "/v1/me", "OAMFU" },
    { "GET", "/v1/routes", "OAMFU" },
    { "GET", "/v1/staff", "OA" },
    { "POST", "/v1/staff", "OA" },
    { "GET", "/v1/staff/{id}", "OA" },
    { "PATCH", "/v1/staff/{id}", "OA" },
    { "DELETE", "/v1/staff/{id}", "OA" },
    { "GET", "/v1/facilities", "OAMFU" },
    { "POST", "/v1/facilities", "OA" },
    { "GET", "/v1/facilities/{id}", "OAMFU" },
    { "PATCH", "/v1/facilities/{id}", "OA" },
    { "GET", "/v1/units", "OAMFU" },
    { "POST", "/v1/units", "OA" },
    { "GET", "/v1/units/{id}", "OAMFU" },
    { "PATCH", "/v1/units/{id}", "OA" },
    { "DELETE", "/v1/units/{id}", "OA" },
    { "GET", "/v1/locks", "OAMFU" },
    { "POST", "/v1/locks", "OA" },
    { "GET", "/v1/locks/{id}", "OAMFU" },
    { "PATCH", "/v1/locks/{id}", "OA" },
    { "POST", "/v1/locks/{id}/revoke-keys", "OAMF" },
    { "GET", "/v1/locks/{id}/quick-clicks", "OAMFU" },
    { "POST", "/v1/locks/{id}/quick-clicks", "OAMF" },
    { "DELETE", "/v1/locks/{id}/quick-clicks/{code}", "OAMF" },
    { "GET", "/v1/activity", "OAMFU" },
    { "GET", "/v1/users", "OAMFU" },
    { "POST", "/v1/users", "OAM" },
    { "GET", "/v1/users/{id}", "OAMFU" },
    { "PATCH", "/v1/users/{id}", "OAM" },
    { "POST", "/v1/users/{id}/mobile-credential", "OAM" },
    { "POST", "/v1/users/{id}/revoke-keys", "OAMF" },
    { "GET", "/v1/users/{id}/offline-keys", "OAMFU" },
    { "POST", "/v1/users/{id}/offline-keys/invalidate", "OAM" },
    { "GET", "/v1/user-groups", "OAMFU" },
    { "POST", "/v1/user-groups", "OAM" },
    { "GET", "/v1/user-groups/{id}", "OAMFU" },
    { "PATCH", "/v1/user-groups/{id}", "OAM" },
    { "DELETE", "/v1/user-groups/{id}", "OAM" },
    { "GET", "/v1/lock-groups", "OAMFU" },
    { "POST", "/v1/lock-groups", "OA" },
    { "GET", "/v1/lock-groups/{id}", "OAMFU" },
    { "PATCH", "/v1/lock-groups/{id}", "OA" },
    { "DELETE", "/v1/lock-groups/{id}", "OA" },
    { "GET", "/v1/keys", "OAMFU" },
    { "POST", "/v1/keys", "OAM" },
    { "GET", "/v1/keys/{id}", "OAMFU" },
    { "PATCH", "/v1/keys/{id}", "OAM" },
    { "POST", "/v1/keys/{id}/revoke", "OAMF" },
    { "GET", "/v1/notifications", "OAMFU" },
    { "GET", "/v1/access/explain", "OAMFU" },
    { "GET", "/v1/audit", "OAU" },
    { "GET", "/v1/changes", "OAMFU" },
    { "GET", "/v1/mobile/me", "T" },
    { "POST", "/v1/mobile/access-check", "T" },
    { "POST", "/v1/mobile/offline-keys", "T" },
    { "POST", "/v1/mobile/unlock", "T" },
    // Last: it ends the caller's session.
    { "POST", "/v1/logout", "OAMFU" },
};

const QList<QPair<QChar, QString>> kRoles { { QLatin1Char('O'), QStringLiteral("owner") },
                                            { QLatin1Char('A'), QStringLiteral("admin") },
                                            { QLatin1Char('M'), QStringLiteral("manager") },
                                            { QLatin1Char('F'), QStringLiteral("front_desk") },
                                            { QLatin1Char('U'), QStringLiteral("auditor") } };

QString concrete(const char *path)
{
    // An id that exists nowhere: allowed calls end in 404/400 and change nothing.
    return QString::fromLatin1(path)
        .replace(QStringLiteral("{id}"), QStringLiteral("00000000-0000-4000-8000-000000000000"))
        .replace(QStringLiteral("{code}"), QStringLiteral("0101"));
}

} // namespace

/// Every /v1 route × every staff role (and the tenant credential): allowed, or 403 and nothing changed.
class TestV1Permissions final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<V1Fixture> m_f;
    QHash<QString, std::shared_ptr<HttpTestClient>> m_clients; ///< role → logged-in client
    std::shared_ptr<HttpTestClient> m_tenant;

private Q_SLOTS:
    void initTestCase()
    {
        m_f = std::make_unique<V1Fixture>();
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
        for (const auto &role : kRoles) {
            auto client = m_f->as(role.second);
            QVERIFY2(client, qPrintable(role.second));
            m_clients.insert(role.second, std::shared_ptr<HttpTestClient>(client.release()));
        }
        // A tenant with a mobile credential.
        const HttpReply user = jsonCall(*m_clients.value(QStringLiteral("admin")), "POST", QStringLiteral("/v1/users"),
                                        { { QStringLiteral("name"), QStringLiteral("Tina Tenant") } });
        QCOMPARE(user.status, 201);
        const QString userId
            = user.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
        const HttpReply credential = jsonCall(*m_clients.value(QStringLiteral("admin")), "POST",
                                              QStringLiteral("/v1/users/%1/mobile-credential").arg(userId));
        QCOMPARE(credential.status, 201);
        m_tenant = std::shared_ptr<HttpTestClient>(m_f->anonymous().release());
        m_tenant->setBearer(credential.json().value(QStringLiteral("credential")).toString());
    }
    void cleanupTestCase()
    {
        m_clients.clear();
        m_tenant.reset();
        m_f.reset();
    }

    void everyRouteIsInTheMatrix()
    {
        const HttpReply r = m_clients.value(QStringLiteral("auditor"))->get(QStringLiteral("/v1/routes"));
        QCOMPARE(r.status, 200);
        QSet<QString> served;
        for (const QJsonValue &v : r.json().value(QStringLiteral("routes")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("access")).toString() == QLatin1String("public"))
                continue; // POST /v1/login
            served.insert(o.value(QStringLiteral("method")).toString() + QLatin1Char(' ')
                          + o.value(QStringLiteral("path")).toString());
        }
        QSet<QString> expected;
        for (const Expectation &e : kMatrix)
            expected.insert(QString::fromLatin1(e.method) + QLatin1Char(' ') + QString::fromLatin1(e.path));
        QCOMPARE(QStringList((served - expected).values()), QStringList());
        QCOMPARE(QStringList((expected - served).values()), QStringList());
    }

    void routeByRole_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("role");
        QTest::addColumn<bool>("allowed");
        for (const Expectation &e : kMatrix) {
            const QString roles = QString::fromLatin1(e.roles);
            for (const auto &role : kRoles)
                QTest::addRow("%s %s as %s", e.method, e.path, qPrintable(role.second))
                    << QByteArray(e.method) << concrete(e.path) << role.second << roles.contains(role.first);
            QTest::addRow("%s %s as tenant", e.method, e.path)
                << QByteArray(e.method) << concrete(e.path) << QStringLiteral("tenant")
                << roles.contains(QLatin1Char('T'));
        }
    }
    void routeByRole()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, role);
        QFETCH(bool, allowed);
        HttpTestClient &client = role == QLatin1String("tenant") ? *m_tenant : *m_clients.value(role);
        const qint64 revisionBefore = m_f->server().db().revision();
        const HttpReply r = jsonCall(client, method, path);
        const QString code
            = r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
        if (allowed) {
            QVERIFY2(r.status != 401 && r.status != 403, qPrintable(QStringLiteral("%1 %2").arg(r.status).arg(code)));
            return;
        }
        // Staff tokens are not tenant credentials and vice versa: 401. A staff role without the permission: 403.
        const bool tenantRoute = path.startsWith(QLatin1String("/v1/mobile/"));
        const int expected = (role == QLatin1String("tenant") || tenantRoute) ? 401 : 403;
        QCOMPARE(r.status, expected);
        QCOMPARE(code, expected == 403 ? QStringLiteral("forbidden") : QStringLiteral("unauthenticated"));
        QCOMPARE(m_f->server().db().revision(), revisionBefore); // refused: nothing written
    }

    void frontDeskCannotCreateKeysAuditorCannotRevoke()
    {
        // The two named cases, with real objects rather than placeholder ids.
        auto admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(admin);
        const QString userId = jsonCall(*admin, "POST", QStringLiteral("/v1/users"),
                                        { { QStringLiteral("name"), QStringLiteral("Carl Contractor") } })
                                   .json()
                                   .value(QStringLiteral("user"))
                                   .toObject()
                                   .value(QStringLiteral("id"))
                                   .toString();
        const HttpReply lock = jsonCall(*admin, "POST", QStringLiteral("/v1/locks"),
                                        { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:01") },
                                          { QStringLiteral("serial"), QStringLiteral("S-1") },
                                          { QStringLiteral("name"), QStringLiteral("B-104") } });
        QCOMPARE(lock.status, 201);
        const QString lockId
            = lock.json().value(QStringLiteral("lock")).toObject().value(QStringLiteral("id")).toString();
        const QJsonObject key { { QStringLiteral("lock_id"), lockId },
                                { QStringLiteral("user_id"), userId },
                                { QStringLiteral("valid_from"), QStringLiteral("2026-03-10T00:00:00Z") } };
        auto frontDesk = m_f->as(QStringLiteral("front_desk"));
        QVERIFY(frontDesk);
        QCOMPARE(jsonCall(*frontDesk, "POST", QStringLiteral("/v1/keys"), key).status, 403);
        const HttpReply created = jsonCall(*admin, "POST", QStringLiteral("/v1/keys"), key);
        QCOMPARE(created.status, 201);
        const QString keyId
            = created.json().value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toString();
        auto auditor = m_f->as(QStringLiteral("auditor"));
        QVERIFY(auditor);
        const QJsonObject reason { { QStringLiteral("reason"), QStringLiteral("moved out") } };
        QCOMPARE(jsonCall(*auditor, "POST", QStringLiteral("/v1/keys/%1/revoke").arg(keyId), reason).status, 403);
        QCOMPARE(auditor->get(QStringLiteral("/v1/keys/") + keyId)
                     .json()
                     .value(QStringLiteral("key"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("ACTIVE"));
        QCOMPARE(jsonCall(*frontDesk, "POST", QStringLiteral("/v1/keys/%1/revoke").arg(keyId), reason).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestV1Permissions)
#include "TestV1Permissions.moc"
