#include "server/v1/V1Services.h"
#include "tests/server/v1/V1Fixture.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>
#include <QTimer>

using namespace Keydesk;
using Keydesk::Test::HttpReply;
using Keydesk::Test::HttpTestClient;
using Keydesk::Test::jsonCall;
using Keydesk::Test::V1Fixture;

namespace {

QJsonObject feed(HttpTestClient &client, qint64 since, int limit = 500)
{
    const HttpReply r = client.get(QStringLiteral("/v1/changes?since=%1&limit=%2").arg(since).arg(limit));
    return r.status == 200 ? r.json() : QJsonObject();
}

/// The rows of one entity in a feed page.
QList<QJsonObject> rowsOf(const QJsonObject &page, const QString &entity)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : page.value(QStringLiteral("changes")).toArray()) {
        if (v.toObject().value(QStringLiteral("entity")).toString() == entity)
            out.append(v.toObject());
    }
    return out;
}

QString idOf(const HttpReply &r, const QString &kind)
{
    return r.json().value(kind).toObject().value(QStringLiteral("id")).toString();
}

} // namespace

/// GET /v1/changes: revisions, tombstones, paging, long-poll wake-up, secrets and company isolation.
class TestV1ChangeFeed final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<V1Fixture> m_f;
    std::unique_ptr<HttpTestClient> m_admin;

private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<V1Fixture>();
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
        m_admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(m_admin);
    }
    void cleanup()
    {
        m_admin.reset();
        m_f.reset();
    }

    void createEditDeleteInRevisionOrderWithTombstone()
    {
        const qint64 start = feed(*m_admin, 0).value(QStringLiteral("next_revision")).toInteger();
        QVERIFY(start > 0);
        const HttpReply created = jsonCall(*m_admin, "POST", QStringLiteral("/v1/units"),
                                           { { QStringLiteral("name"), QStringLiteral("A-101") } });
        QCOMPARE(created.status, 201);
        const QString unitId = idOf(created, QStringLiteral("unit"));

        QJsonObject page = feed(*m_admin, start);
        QList<QJsonObject> units = rowsOf(page, QStringLiteral("units"));
        QCOMPARE(units.size(), 1);
        QCOMPARE(units[0].value(QStringLiteral("id")).toString(), unitId);
        QCOMPARE(units[0].value(QStringLiteral("deleted")).toBool(), false);
        QCOMPARE(units[0].value(QStringLiteral("data")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("A-101"));
        const qint64 r1 = units[0].value(QStringLiteral("revision")).toInteger();
        QVERIFY(r1 > start);
        // The audit entry of the same mutation is in the feed too.
        QCOMPARE(rowsOf(page, QStringLiteral("audit_log")).size(), 1);
        const qint64 afterCreate = page.value(QStringLiteral("next_revision")).toInteger();
        QVERIFY(afterCreate >= r1);

        QCOMPARE(jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/units/") + unitId,
                          { { QStringLiteral("name"), QStringLiteral("A-102") } })
                     .status,
                 200);
        page = feed(*m_admin, afterCreate);
        units = rowsOf(page, QStringLiteral("units"));
        QCOMPARE(units.size(), 1);
        const qint64 r2 = units[0].value(QStringLiteral("revision")).toInteger();
        QVERIFY(r2 > afterCreate);
        QCOMPARE(units[0].value(QStringLiteral("data")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("A-102"));

        QCOMPARE(jsonCall(*m_admin, "DELETE", QStringLiteral("/v1/units/") + unitId).status, 200);
        page = feed(*m_admin, r2);
        units = rowsOf(page, QStringLiteral("units"));
        QCOMPARE(units.size(), 1);
        QCOMPARE(units[0].value(QStringLiteral("deleted")).toBool(), true);
        QCOMPARE(units[0].value(QStringLiteral("id")).toString(), unitId);
        QVERIFY(units[0].value(QStringLiteral("revision")).toInteger() > r2);
        QVERIFY(units[0].value(QStringLiteral("data")).isNull());

        // Revisions within a page strictly increase.
        qint64 previous = r2;
        for (const QJsonValue &v : page.value(QStringLiteral("changes")).toArray()) {
            const qint64 rev = v.toObject().value(QStringLiteral("revision")).toInteger();
            QVERIFY(rev > previous);
            previous = rev;
        }
        // Nothing new: an empty page that does not move backwards.
        const qint64 end = page.value(QStringLiteral("next_revision")).toInteger();
        const QJsonObject empty = feed(*m_admin, end);
        QCOMPARE(empty.value(QStringLiteral("count")).toInt(), 0);
        QCOMPARE(empty.value(QStringLiteral("next_revision")).toInteger(), end);
        QCOMPARE(empty.value(QStringLiteral("has_more")).toBool(), false);
    }

    void textSurvivesTheFeedExactly()
    {
        const QString name = QStringLiteral("Unit \"B\" \\ 1\n\t\u00e9\u6771\U0001F511 </script>");
        const qint64 start = m_f->server().db().revision();
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/units"), { { QStringLiteral("name"), name } }).status,
                 201);
        const QList<QJsonObject> units = rowsOf(feed(*m_admin, start), QStringLiteral("units"));
        QCOMPARE(units.size(), 1);
        QCOMPARE(units[0].value(QStringLiteral("data")).toObject().value(QStringLiteral("name")).toString(), name);
    }

    void pagesCoverEveryRowOnce()
    {
        const qint64 start = feed(*m_admin, 0).value(QStringLiteral("next_revision")).toInteger();
        QSet<QString> created;
        for (int i = 0; i < 23; ++i) {
            const HttpReply r = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users"),
                                         { { QStringLiteral("name"), QStringLiteral("User %1").arg(i) } });
            QCOMPARE(r.status, 201);
            created.insert(idOf(r, QStringLiteral("user")));
        }
        QSet<QString> seen;
        qint64 since = start;
        qint64 last = start;
        int pages = 0;
        bool more = true;
        while (more) {
            const QJsonObject page = feed(*m_admin, since, 7);
            QVERIFY(page.value(QStringLiteral("count")).toInt() <= 7);
            for (const QJsonValue &v : page.value(QStringLiteral("changes")).toArray()) {
                const qint64 rev = v.toObject().value(QStringLiteral("revision")).toInteger();
                QVERIFY2(rev > last, "revisions must increase across pages");
                last = rev;
            }
            for (const QJsonObject &u : rowsOf(page, QStringLiteral("users"))) {
                const QString id = u.value(QStringLiteral("id")).toString();
                QVERIFY2(!seen.contains(id), "a row appeared twice");
                seen.insert(id);
            }
            more = page.value(QStringLiteral("has_more")).toBool();
            since = page.value(QStringLiteral("next_revision")).toInteger();
            QVERIFY(++pages < 100);
        }
        QCOMPARE(seen, created);
        QVERIFY(pages >= 7); // 23 users + 23 audit entries in pages of 7
    }

    void secretsNeverInTheFeed()
    {
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/locks"),
                          { { QStringLiteral("mac"), QStringLiteral("aa-bb-cc-dd-ee-01") },
                            { QStringLiteral("serial"), QStringLiteral("S1") } })
                     .status,
                 201);
        const HttpReply user = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users"),
                                        { { QStringLiteral("name"), QStringLiteral("Tina") } });
        const HttpReply credential = jsonCall(
            *m_admin, "POST", QStringLiteral("/v1/users/%1/mobile-credential").arg(idOf(user, QStringLiteral("user"))));
        QCOMPARE(credential.status, 201);
        const HttpReply r = m_admin->get(QStringLiteral("/v1/changes?since=0&limit=10000"));
        QCOMPARE(r.status, 200);
        for (const char *secret : { "sealed_secret", "password_hash", "mobile_secret_hash", "kd_company_" })
            QVERIFY2(!r.body.contains(secret), secret);
        QVERIFY(!r.body.contains(credential.json().value(QStringLiteral("credential")).toString().toUtf8()));
        QCOMPARE(rowsOf(r.json(), QStringLiteral("locks")).size(), 1);
        QCOMPARE(rowsOf(r.json(), QStringLiteral("locks"))[0]
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("mac")),
                 QJsonValue(QStringLiteral("AA:BB:CC:DD:EE:01")));
    }

    void anotherCompanySeesNoneOfIt()
    {
        QString otherFacility;
        const QString other = m_f->createCompany(QStringLiteral("Other Storage"), &otherFacility);
        QVERIFY(!other.isEmpty());
        auto otherAdmin = m_f->as(QStringLiteral("admin"), other);
        QVERIFY(otherAdmin);
        const HttpReply unit = jsonCall(*m_admin, "POST", QStringLiteral("/v1/units"),
                                        { { QStringLiteral("name"), QStringLiteral("Secret-1") } });
        QCOMPARE(unit.status, 201);
        QCOMPARE(jsonCall(*m_admin, "DELETE", QStringLiteral("/v1/units/") + idOf(unit, QStringLiteral("unit"))).status,
                 200);
        const HttpReply mine = m_admin->get(QStringLiteral("/v1/changes?since=0&limit=10000"));
        const HttpReply theirs = otherAdmin->get(QStringLiteral("/v1/changes?since=0&limit=10000"));
        QCOMPARE(theirs.status, 200);
        QVERIFY(mine.body.contains(idOf(unit, QStringLiteral("unit")).toUtf8()));
        QVERIFY(!theirs.body.contains(idOf(unit, QStringLiteral("unit")).toUtf8()));
        QVERIFY(!theirs.body.contains(m_f->companyId().toUtf8()));
        QVERIFY(!theirs.body.contains(m_f->facilityId().toUtf8()));
        for (const QJsonValue &v : theirs.json().value(QStringLiteral("changes")).toArray()) {
            const QJsonObject data = v.toObject().value(QStringLiteral("data")).toObject();
            if (data.contains(QStringLiteral("facility_id")))
                QCOMPARE(data.value(QStringLiteral("facility_id")).toString(), otherFacility);
        }
        QVERIFY(rowsOf(theirs.json(), QStringLiteral("facilities")).size() == 1);
    }

    void badParametersNameTheField_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("negative since") << QStringLiteral("since=-1") << QStringLiteral("since");
        QTest::newRow("since not a number") << QStringLiteral("since=abc") << QStringLiteral("since");
        QTest::newRow("limit zero") << QStringLiteral("limit=0") << QStringLiteral("limit");
        QTest::newRow("limit too big") << QStringLiteral("limit=10001") << QStringLiteral("limit");
        QTest::newRow("wait too long") << QStringLiteral("wait=26") << QStringLiteral("wait");
    }
    void badParametersNameTheField()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const HttpReply r = m_admin->get(QStringLiteral("/v1/changes?") + query);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString(), field);
    }

    /// Long-polls parked in the server right now.
    int parked()
    {
        auto *services = m_f->server().server().context().http.findChild<Server::V1::V1Services *>();
        return services ? services->changes.waiting() : -1;
    }

    /// Logs a new auditor in, then parks GET /v1/changes?since=<now>&wait=... on a raw asynchronous client.
    QNetworkReply *startPoll(QNetworkAccessManager &nam, const QString &username, int waitSeconds)
    {
        if (m_f->createStaff(username, QStringLiteral("auditor")).isEmpty())
            return nullptr;
        const HttpReply login = jsonCall(
            *m_f->anonymous(), "POST", QStringLiteral("/v1/login"),
            { { QStringLiteral("username"), username }, { QStringLiteral("password"), V1Fixture::password() } });
        if (login.status != 200)
            return nullptr;
        // After the login (which itself changed the staff row), so only the test's change can wake it.
        const qint64 since = m_f->server().db().revision();
        QNetworkRequest request(m_f->server().baseUrl().resolved(
            QUrl(QStringLiteral("/v1/changes?since=%1&wait=%2").arg(since).arg(waitSeconds))));
        request.setRawHeader("Authorization",
                             "Bearer " + login.json().value(QStringLiteral("token")).toString().toUtf8());
        return nam.get(request);
    }

    void longPollWakesWithinTwoSecondsOfACommit()
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = startPoll(nam, QStringLiteral("poller"), 20);
        QVERIFY(reply);
        QTRY_COMPARE(parked(), 1); // it reached the server and waits
        QVERIFY(!reply->isFinished());

        QElapsedTimer timer;
        timer.start();
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/units"),
                          { { QStringLiteral("name"), QStringLiteral("Woken") } })
                     .status,
                 201);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 2000);
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject page = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(rowsOf(page, QStringLiteral("units")).size(), 1);
        reply->deleteLater();
    }

    void longPollSeesWritesFromOtherCodePaths()
    {
        // A change that does not go through /v1 (Core API, CLI in another process) is noticed by the poll.
        QNetworkAccessManager nam;
        QNetworkReply *reply = startPoll(nam, QStringLiteral("poller2"), 20);
        QVERIFY(reply);
        QTRY_COMPARE(parked(), 1);
        QVERIFY(!reply->isFinished());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_f->server().db().exec(QStringLiteral("UPDATE facilities SET name = 'Renamed' WHERE id = ?"),
                                        { m_f->facilityId() }));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 2000);
        QVERIFY(timer.elapsed() < 2000);
        const QJsonObject page = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(rowsOf(page, QStringLiteral("facilities")).size(), 1);
        reply->deleteLater();
    }

    void longPollAnswersEmptyAtTheDeadline()
    {
        QNetworkAccessManager nam;
        const qint64 before = m_f->server().db().revision();
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = startPoll(nam, QStringLiteral("poller3"), 1);
        QVERIFY(reply);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 3000);
        QVERIFY(timer.elapsed() >= 900);
        const QJsonObject page = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(page.value(QStringLiteral("count")).toInt(), 0);
        QVERIFY(page.value(QStringLiteral("next_revision")).toInteger() > before);
        reply->deleteLater();
    }

    void anotherCompanysChangeDoesNotWakeMyPoll()
    {
        const QString other = m_f->createCompany(QStringLiteral("Other Storage"));
        QVERIFY(!other.isEmpty());
        auto otherAdmin = m_f->as(QStringLiteral("admin"), other); // before the poll: logging in is a change too
        QVERIFY(otherAdmin);
        QVERIFY(!m_f->createStaff(QStringLiteral("otherpoller"), QStringLiteral("auditor"), other).isEmpty());
        const HttpReply login = jsonCall(*m_f->anonymous(), "POST", QStringLiteral("/v1/login"),
                                         { { QStringLiteral("username"), QStringLiteral("otherpoller") },
                                           { QStringLiteral("password"), V1Fixture::password() } });
        QCOMPARE(login.status, 200);
        QNetworkAccessManager nam;
        QNetworkRequest request(m_f->server().baseUrl().resolved(
            QUrl(QStringLiteral("/v1/changes?since=%1&wait=20").arg(m_f->server().db().revision()))));
        request.setRawHeader("Authorization",
                             "Bearer " + login.json().value(QStringLiteral("token")).toString().toUtf8());
        QNetworkReply *reply = nam.get(request);
        QTRY_COMPARE(parked(), 1);
        // Our company's change: the other company's poll wakes, finds nothing of its own and parks again.
        const qint64 before = m_f->server().db().revision();
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/units"),
                          { { QStringLiteral("name"), QStringLiteral("Mine") } })
                     .status,
                 201);
        QVERIFY(m_f->server().db().revision() > before);
        QTRY_COMPARE(parked(), 1);
        QVERIFY(!reply->isFinished());
        // Its own company's change answers it.
        QCOMPARE(jsonCall(*otherAdmin, "POST", QStringLiteral("/v1/units"),
                          { { QStringLiteral("name"), QStringLiteral("Theirs") } })
                     .status,
                 201);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 2000);
        const QByteArray body = reply->readAll();
        QVERIFY(body.contains("Theirs"));
        QVERIFY(!body.contains("Mine"));
        reply->deleteLater();
    }

    void serverShutsDownCleanlyWithAParkedPoll()
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = startPoll(nam, QStringLiteral("poller5"), 20);
        QVERIFY(reply);
        QTRY_COMPARE(parked(), 1);
        m_admin.reset();
        m_f.reset(); // destroys the server while the request waits
        QTRY_VERIFY(reply->isFinished());
        QVERIFY(reply->error() != QNetworkReply::NoError);
        reply->deleteLater();
    }

    void clientThatLeavesWhileWaitingDoesNotHurtTheServer()
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = startPoll(nam, QStringLiteral("poller4"), 20);
        QVERIFY(reply);
        QTRY_COMPARE(parked(), 1);
        reply->abort();
        reply->deleteLater();
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/units"),
                          { { QStringLiteral("name"), QStringLiteral("After abort") } })
                     .status,
                 201);
        QTRY_COMPARE(parked(), 0); // the parked poll woke, found its client gone and answered nothing
        QCOMPARE(m_admin->get(QStringLiteral("/v1/me")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestV1ChangeFeed)
#include "TestV1ChangeFeed.moc"
