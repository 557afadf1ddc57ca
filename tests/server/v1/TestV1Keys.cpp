#include "tests/server/v1/V1Fixture.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
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

/// Digital keys over /v1: validation naming the field, idempotent creation, notifications, revocations raising
/// the lock's revocation version, explain reasons, audit entries, and company isolation.
class TestV1Keys final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<V1Fixture> m_f;
    std::unique_ptr<HttpTestClient> m_admin;
    QString m_lockId;
    QString m_lock2Id;
    QString m_userId;

    QJsonObject keyBody(const QJsonObject &extra = {}) const
    {
        QJsonObject b { { QStringLiteral("lock_id"), m_lockId },
                        { QStringLiteral("user_id"), m_userId },
                        { QStringLiteral("description"), QStringLiteral("Plumber, Thursday afternoon") },
                        { QStringLiteral("valid_from"), QStringLiteral("2026-03-01T00:00:00Z") },
                        { QStringLiteral("valid_to"), QStringLiteral("2026-04-01T00:00:00Z") } };
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            if (it.value() == QJsonValue(QStringLiteral("<remove>")))
                b.remove(it.key());
            else
                b.insert(it.key(), it.value());
        }
        return b;
    }
    int keyCount()
    {
        return m_admin->get(QStringLiteral("/v1/keys")).json().value(QStringLiteral("keys")).toArray().size();
    }
    QJsonObject lockRevocation(const QString &lockId)
    {
        return m_admin->get(QStringLiteral("/v1/locks/") + lockId)
            .json()
            .value(QStringLiteral("lock"))
            .toObject()
            .value(QStringLiteral("revocation"))
            .toObject();
    }

private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<V1Fixture>(); // 2026-03-10 15:00 UTC, Europe/Berlin
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
        m_admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(m_admin);
        const HttpReply lock = jsonCall(*m_admin, "POST", QStringLiteral("/v1/locks"),
                                        { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:01") },
                                          { QStringLiteral("serial"), QStringLiteral("S-1") },
                                          { QStringLiteral("name"), QStringLiteral("B-104") } });
        QCOMPARE(lock.status, 201);
        m_lockId = idOf(lock, QStringLiteral("lock"));
        const HttpReply lock2 = jsonCall(*m_admin, "POST", QStringLiteral("/v1/locks"),
                                         { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:00:02") },
                                           { QStringLiteral("serial"), QStringLiteral("S-2") },
                                           { QStringLiteral("name"), QStringLiteral("Gate") },
                                           { QStringLiteral("hw_version"), QStringLiteral("keypad-2") } });
        QCOMPARE(lock2.status, 201);
        m_lock2Id = idOf(lock2, QStringLiteral("lock"));
        const HttpReply user = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users"),
                                        { { QStringLiteral("name"), QStringLiteral("Bob") },
                                          { QStringLiteral("email"), QStringLiteral("bob@example.com") },
                                          { QStringLiteral("phone"), QStringLiteral("+49 30 1234567") },
                                          { QStringLiteral("kind"), QStringLiteral("contractor") } });
        QCOMPARE(user.status, 201);
        m_userId = idOf(user, QStringLiteral("user"));
    }
    void cleanup()
    {
        m_admin.reset();
        m_f.reset();
    }

    void createdKeyIsActiveAndNotifiesTheUser()
    {
        const HttpReply r = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody());
        QCOMPARE(r.status, 201);
        const QJsonObject key = r.json().value(QStringLiteral("key")).toObject();
        QCOMPARE(key.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
        QCOMPARE(key.value(QStringLiteral("role")).toString(), QStringLiteral("USER"));
        QCOMPARE(key.value(QStringLiteral("restriction")).toString(), QStringLiteral("none"));
        QCOMPARE(key.value(QStringLiteral("valid_from")).toString(), QStringLiteral("2026-03-01T00:00:00.000Z"));
        QCOMPARE(r.json().value(QStringLiteral("notifications_queued")).toInt(), 1);

        const QJsonArray notes = m_admin->get(QStringLiteral("/v1/notifications?user_id=") + m_userId)
                                     .json()
                                     .value(QStringLiteral("notifications"))
                                     .toArray();
        QCOMPARE(notes.size(), 1);
        const QJsonObject n = notes[0].toObject();
        QCOMPARE(n.value(QStringLiteral("channel")).toString(), QStringLiteral("email"));
        QCOMPARE(n.value(QStringLiteral("recipient")).toString(), QStringLiteral("bob@example.com"));
        QVERIFY(n.value(QStringLiteral("body")).toString().contains(QLatin1String("B-104")));
        QCOMPARE(n.value(QStringLiteral("access_code")).toString(), QString()); // not a keypad lock
        QVERIFY(!n.value(QStringLiteral("sent_at")).isNull()); // delivered by the default log sender
        QFile log(m_f->server().databasePath() + QStringLiteral(".notifications.log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(log.readAll().contains("bob@example.com"));
    }

    void keypadLockAndSmsGetASixDigitCode()
    {
        const HttpReply r = jsonCall(
            *m_admin, "POST", QStringLiteral("/v1/keys"),
            keyBody({ { QStringLiteral("lock_id"), m_lock2Id }, { QStringLiteral("notify"), QStringLiteral("sms") } }));
        QCOMPARE(r.status, 201);
        const QJsonObject n = m_admin->get(QStringLiteral("/v1/notifications?key_id=") + idOf(r, QStringLiteral("key")))
                                  .json()
                                  .value(QStringLiteral("notifications"))
                                  .toArray()
                                  .first()
                                  .toObject();
        QCOMPARE(n.value(QStringLiteral("channel")).toString(), QStringLiteral("sms"));
        QCOMPARE(n.value(QStringLiteral("recipient")).toString(), QStringLiteral("+49 30 1234567"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9]{6}$"))
                    .match(n.value(QStringLiteral("access_code")).toString())
                    .hasMatch());
        QVERIFY(n.value(QStringLiteral("body")).toString().contains(n.value(QStringLiteral("access_code")).toString()));
    }

    void validationErrorsNameTheField_data()
    {
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        const QJsonValue remove = QJsonValue(QStringLiteral("<remove>"));
        const auto window = [](QJsonArray days, const char *start, const char *end) {
            return QJsonObject { { QStringLiteral("days"), days },
                                 { QStringLiteral("start"), QLatin1String(start) },
                                 { QStringLiteral("end"), QLatin1String(end) } };
        };
        QTest::newRow("no valid_from") << QJsonObject { { QStringLiteral("valid_from"), remove } } << 400
                                       << QStringLiteral("missing_field") << QStringLiteral("valid_from");
        QTest::newRow("valid_from without zone")
            << QJsonObject { { QStringLiteral("valid_from"), QStringLiteral("2026-03-01T00:00:00") } } << 400
            << QStringLiteral("invalid_instant") << QStringLiteral("valid_from");
        QTest::newRow("end before start")
            << QJsonObject { { QStringLiteral("valid_to"), QStringLiteral("2026-02-01T00:00:00Z") } } << 400
            << QStringLiteral("key_range_empty") << QStringLiteral("valid_to");
        QTest::newRow("lock and lock group") << QJsonObject { { QStringLiteral("lock_group_id"), QStringLiteral("x") } }
                                             << 400 << QStringLiteral("missing_field") << QStringLiteral("lock_id");
        QTest::newRow("no user") << QJsonObject { { QStringLiteral("user_id"), remove } } << 400
                                 << QStringLiteral("missing_field") << QStringLiteral("user_id");
        QTest::newRow("unknown lock") << QJsonObject { { QStringLiteral("lock_id"), QStringLiteral("nope") } } << 404
                                      << QStringLiteral("not_found") << QStringLiteral("lock_id");
        QTest::newRow("unknown restriction")
            << QJsonObject { { QStringLiteral("restriction"), QStringLiteral("weekly") } } << 400
            << QStringLiteral("invalid_value") << QStringLiteral("restriction");
        QTest::newRow("unknown role") << QJsonObject { { QStringLiteral("role"), QStringLiteral("ROOT") } } << 400
                                      << QStringLiteral("invalid_value") << QStringLiteral("role");
        QTest::newRow("scheduled without windows")
            << QJsonObject { { QStringLiteral("restriction"), QStringLiteral("scheduled") } } << 400
            << QStringLiteral("key_no_windows") << QStringLiteral("windows");
        QTest::newRow("bad window time")
            << QJsonObject { { QStringLiteral("restriction"), QStringLiteral("scheduled") },
                             { QStringLiteral("windows"), QJsonArray { window({ 1 }, "8am", "17:00") } } }
            << 400 << QStringLiteral("window_time_invalid") << QStringLiteral("windows[0].start");
        QTest::newRow("bad day") << QJsonObject { { QStringLiteral("restriction"), QStringLiteral("scheduled") },
                                                  { QStringLiteral("windows"),
                                                    QJsonArray { window({ 8 }, "08:00", "17:00") } } }
                                 << 400 << QStringLiteral("window_day_invalid") << QStringLiteral("windows[0].days");
        QTest::newRow("overlapping windows")
            << QJsonObject { { QStringLiteral("restriction"), QStringLiteral("scheduled") },
                             { QStringLiteral("windows"),
                               QJsonArray { window({ 1, 2, 3 }, "08:00", "12:00"),
                                            window({ QStringLiteral("wed") }, "11:00", "14:00") } } }
            << 400 << QStringLiteral("window_overlap") << QString(); // field: "windows[i]"
    }
    void validationErrorsNameTheField()
    {
        QFETCH(QJsonObject, extra);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const HttpReply r = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody(extra));
        QCOMPARE(r.status, status);
        QCOMPARE(errorOf(r).value(QStringLiteral("code")).toString(), code);
        if (field.isEmpty())
            QVERIFY(errorOf(r).value(QStringLiteral("field")).toString().startsWith(QLatin1String("windows[")));
        else
            QCOMPARE(errorOf(r).value(QStringLiteral("field")).toString(), field);
        QVERIFY(!errorOf(r).value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(keyCount(), 0);
    }

    void scheduledKeyRoundTripsItsWindows()
    {
        const QJsonArray windows { QJsonObject { { QStringLiteral("days"), QJsonArray { 1, 2, 3, 4, 5 } },
                                                 { QStringLiteral("start"), QStringLiteral("08:00") },
                                                 { QStringLiteral("end"), QStringLiteral("17:00") } },
                                   QJsonObject { { QStringLiteral("days"), QJsonArray { QStringLiteral("sat") } },
                                                 { QStringLiteral("start"), QStringLiteral("22:00") },
                                                 { QStringLiteral("end"), QStringLiteral("02:00") } } };
        const HttpReply r = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"),
                                     keyBody({ { QStringLiteral("restriction"), QStringLiteral("scheduled") },
                                               { QStringLiteral("windows"), windows } }));
        QCOMPARE(r.status, 201);
        const QJsonArray back
            = r.json().value(QStringLiteral("key")).toObject().value(QStringLiteral("windows")).toArray();
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[1].toObject().value(QStringLiteral("days")).toArray(), QJsonArray { 6 });
        QCOMPARE(back[1].toObject().value(QStringLiteral("end")).toString(), QStringLiteral("02:00"));
    }

    void idempotencyKeyReplaysTheFirstResponse()
    {
        const QList<QPair<QByteArray, QByteArray>> header { { "Idempotency-Key", "create-key-1" } };
        const HttpReply first = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody(), header);
        QCOMPARE(first.status, 201);
        const qint64 revision = m_f->server().db().revision();
        const HttpReply replay = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody(), header);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.body, first.body);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(keyCount(), 1);
        QCOMPARE(m_admin->get(QStringLiteral("/v1/notifications"))
                     .json()
                     .value(QStringLiteral("notifications"))
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(m_f->server().db().revision(), revision); // the replay wrote nothing

        // Same key for a different request: refused, nothing applied.
        const HttpReply reused = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users"),
                                          { { QStringLiteral("name"), QStringLiteral("Eve") } }, header);
        QCOMPARE(reused.status, 422);
        QCOMPARE(errorOf(reused).value(QStringLiteral("code")).toString(), QStringLiteral("idempotency_key_reused"));
        // A failed request does not consume its key: after fixing the body the same key applies once.
        const QList<QPair<QByteArray, QByteArray>> other { { "Idempotency-Key", "create-key-2" } };
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"),
                          keyBody({ { QStringLiteral("valid_from"), QStringLiteral("<remove>") } }), other)
                     .status,
                 400);
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody(), other).status, 201);
        QCOMPARE(keyCount(), 2);
        // Keys are per caller: another staff member's identical key is a separate request.
        auto manager = m_f->as(QStringLiteral("manager"));
        QVERIFY(manager);
        QCOMPARE(
            jsonCall(*manager, "POST", QStringLiteral("/v1/keys"), keyBody(), header).header("Idempotent-Replayed"),
            QByteArray());
        QCOMPARE(keyCount(), 3);
    }

    void revokeRaisesTheLockRevocationAndIsAudited()
    {
        const HttpReply created = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody());
        const QString keyId = idOf(created, QStringLiteral("key"));
        const qint64 versionBefore = lockRevocation(m_lockId).value(QStringLiteral("version")).toInteger();

        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys/%1/revoke").arg(keyId)).status, 400); // no reason
        const HttpReply revoked = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys/%1/revoke").arg(keyId),
                                           { { QStringLiteral("reason"), QStringLiteral("job finished") } });
        QCOMPARE(revoked.status, 200);
        const QJsonObject key = revoked.json().value(QStringLiteral("key")).toObject();
        QCOMPARE(key.value(QStringLiteral("status")).toString(), QStringLiteral("REVOKED"));
        QCOMPARE(key.value(QStringLiteral("revoked_reason")).toString(), QStringLiteral("job finished"));
        const QJsonObject revocation = lockRevocation(m_lockId);
        QCOMPARE(revocation.value(QStringLiteral("version")).toInteger(), versionBefore + 1);
        QCOMPARE(revocation.value(QStringLiteral("pending_delivery")).toBool(), true);

        const HttpReply again = jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys/%1/revoke").arg(keyId),
                                         { { QStringLiteral("reason"), QStringLiteral("twice") } });
        QCOMPARE(again.status, 409);
        QCOMPARE(errorOf(again).value(QStringLiteral("code")).toString(), QStringLiteral("already_revoked"));

        // Who, what, when, before/after.
        const QJsonArray entries = m_admin->get(QStringLiteral("/v1/audit?entity=keys&entity_id=") + keyId)
                                       .json()
                                       .value(QStringLiteral("entries"))
                                       .toArray();
        QCOMPARE(entries.size(), 2); // newest first: revoke, create
        const QJsonObject revokeEntry = entries[0].toObject();
        QCOMPARE(revokeEntry.value(QStringLiteral("action")).toString(), QStringLiteral("key.revoke"));
        QVERIFY(revokeEntry.value(QStringLiteral("staff_username")).toString().startsWith(QLatin1String("admin")));
        QCOMPARE(revokeEntry.value(QStringLiteral("at")).toString(), QStringLiteral("2026-03-10T15:00:00.000Z"));
        QCOMPARE(revokeEntry.value(QStringLiteral("before")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("ACTIVE"));
        QCOMPARE(revokeEntry.value(QStringLiteral("after")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("REVOKED"));
        QCOMPARE(entries[1].toObject().value(QStringLiteral("action")).toString(), QStringLiteral("key.create"));
        QVERIFY(entries[1].toObject().value(QStringLiteral("before")).isNull());
    }

    void revokeAllOfAUserAndAllOnALock()
    {
        for (const QString &lock : { m_lockId, m_lock2Id })
            QCOMPARE(
                jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody({ { QStringLiteral("lock_id"), lock } }))
                    .status,
                201);
        const qint64 epochBefore = lockRevocation(m_lock2Id).value(QStringLiteral("min_epoch")).toInteger();
        const HttpReply onLock = jsonCall(*m_admin, "POST", QStringLiteral("/v1/locks/%1/revoke-keys").arg(m_lock2Id),
                                          { { QStringLiteral("reason"), QStringLiteral("lock replaced") } });
        QCOMPARE(onLock.status, 200);
        QCOMPARE(onLock.json().value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(lockRevocation(m_lock2Id).value(QStringLiteral("min_epoch")).toInteger(), epochBefore + 1);
        const HttpReply ofUser = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users/%1/revoke-keys").arg(m_userId),
                                          { { QStringLiteral("reason"), QStringLiteral("moved out") } });
        QCOMPARE(ofUser.status, 200);
        QCOMPARE(ofUser.json().value(QStringLiteral("count")).toInt(), 1); // the other one was already revoked
        const QJsonArray keys
            = m_admin->get(QStringLiteral("/v1/keys?status=REVOKED")).json().value(QStringLiteral("keys")).toArray();
        QCOMPARE(keys.size(), 2);
        QCOMPARE(m_admin->get(QStringLiteral("/v1/keys?status=ACTIVE"))
                     .json()
                     .value(QStringLiteral("keys"))
                     .toArray()
                     .size(),
                 0);
    }

    void editChangesTheScheduleButNotTheTarget()
    {
        const QString keyId
            = idOf(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody()), QStringLiteral("key"));
        const HttpReply edited
            = jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/keys/") + keyId,
                       { { QStringLiteral("valid_from"), QStringLiteral("2026-03-20T08:00:00+01:00") } });
        QCOMPARE(edited.status, 200);
        QCOMPARE(edited.json().value(QStringLiteral("key")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("UPCOMING"));
        QCOMPARE(edited.json().value(QStringLiteral("key")).toObject().value(QStringLiteral("valid_from")).toString(),
                 QStringLiteral("2026-03-20T07:00:00.000Z"));
        const HttpReply retarget = jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/keys/") + keyId,
                                            { { QStringLiteral("lock_id"), m_lock2Id } });
        QCOMPARE(retarget.status, 400);
        QCOMPARE(errorOf(retarget).value(QStringLiteral("field")).toString(), QStringLiteral("lock_id"));
    }

    void explainGivesTheReasons()
    {
        const QString path = QStringLiteral("/v1/access/explain?user=%1&lock=%2").arg(m_userId, m_lockId);
        QJsonObject d = m_admin->get(path).json().value(QStringLiteral("decision")).toObject();
        QCOMPARE(d.value(QStringLiteral("allowed")).toBool(), false);
        QVERIFY(
            d.value(QStringLiteral("reasons")).toArray().first().toString().contains(QLatin1String("no digital key")));

        const QString keyId
            = idOf(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody()), QStringLiteral("key"));
        d = m_admin->get(path).json().value(QStringLiteral("decision")).toObject();
        QCOMPARE(d.value(QStringLiteral("allowed")).toBool(), true);
        QCOMPARE(d.value(QStringLiteral("granting_key_id")).toString(), keyId);

        // At a time after the key ended.
        d = m_admin->get(path + QStringLiteral("&at=2026-05-01T12:00:00Z"))
                .json()
                .value(QStringLiteral("decision"))
                .toObject();
        QCOMPARE(d.value(QStringLiteral("allowed")).toBool(), false);
        QVERIFY(d.value(QStringLiteral("reasons")).toArray().first().toString().contains(QLatin1String("EXPIRED")));

        QCOMPARE(jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/users/") + m_userId,
                          { { QStringLiteral("status"), QStringLiteral("delinquent") } })
                     .status,
                 200);
        d = m_admin->get(path).json().value(QStringLiteral("decision")).toObject();
        QCOMPARE(d.value(QStringLiteral("allowed")).toBool(), false);
        QVERIFY(d.value(QStringLiteral("reasons")).toArray().first().toString().contains(QLatin1String("delinquent")));

        const HttpReply bad
            = m_admin->get(QStringLiteral("/v1/access/explain?user=%1&lock=%2&at=tomorrow").arg(m_userId, m_lockId));
        QCOMPARE(bad.status, 400);
        QCOMPARE(errorOf(bad).value(QStringLiteral("field")).toString(), QStringLiteral("at"));
    }

    void auditLogIsAppendOnlyAndFilterable()
    {
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody()).status, 201);
        const QJsonArray all
            = m_admin->get(QStringLiteral("/v1/audit")).json().value(QStringLiteral("entries")).toArray();
        QVERIFY(all.size() >= 4); // 2 locks, user, key
        const QJsonArray users
            = m_admin->get(QStringLiteral("/v1/audit?entity=users")).json().value(QStringLiteral("entries")).toArray();
        QCOMPARE(users.size(), 1);
        QCOMPARE(users[0].toObject().value(QStringLiteral("after")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Bob"));
        QCOMPARE(m_admin->get(QStringLiteral("/v1/audit?from=2026-03-11T00:00:00Z"))
                     .json()
                     .value(QStringLiteral("entries"))
                     .toArray()
                     .size(),
                 0);
        QCOMPARE(m_admin->get(QStringLiteral("/v1/audit?action=key.create"))
                     .json()
                     .value(QStringLiteral("entries"))
                     .toArray()
                     .size(),
                 1);
        // Nothing can change or remove an entry, not even SQL.
        QVERIFY(!m_f->server().db().exec(QStringLiteral("UPDATE audit_log SET action = 'x'")));
        QVERIFY(!m_f->server().db().exec(QStringLiteral("DELETE FROM audit_log")));
        QCOMPARE(m_admin->get(QStringLiteral("/v1/audit")).json().value(QStringLiteral("entries")).toArray().size(),
                 all.size());
    }

    void nothingOfAnotherCompanyIsVisible()
    {
        const QString keyId
            = idOf(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"), keyBody()), QStringLiteral("key"));
        const QString other = m_f->createCompany(QStringLiteral("Other Storage"));
        QVERIFY(!other.isEmpty());
        auto intruder = m_f->as(QStringLiteral("owner"), other);
        QVERIFY(intruder);
        const QStringList paths { QStringLiteral("/v1/keys/") + keyId, QStringLiteral("/v1/users/") + m_userId,
                                  QStringLiteral("/v1/locks/") + m_lockId,
                                  QStringLiteral("/v1/facilities/") + m_f->facilityId(),
                                  QStringLiteral("/v1/users/%1/offline-keys").arg(m_userId) };
        for (const QString &p : paths)
            QCOMPARE(intruder->get(p).status, 404);
        for (const char *list : { "/v1/keys", "/v1/users", "/v1/locks", "/v1/notifications", "/v1/audit" }) {
            const HttpReply r = intruder->get(QString::fromLatin1(list));
            QCOMPARE(r.status, 200);
            QVERIFY2(!r.body.contains(m_userId.toUtf8()) && !r.body.contains(m_lockId.toUtf8()), list);
        }
        QCOMPARE(intruder->get(QStringLiteral("/v1/access/explain?user=%1&lock=%2").arg(m_userId, m_lockId)).status,
                 404);
        QCOMPARE(jsonCall(*intruder, "POST", QStringLiteral("/v1/keys/%1/revoke").arg(keyId),
                          { { QStringLiteral("reason"), QStringLiteral("sabotage") } })
                     .status,
                 404);
        QCOMPARE(jsonCall(*intruder, "PATCH", QStringLiteral("/v1/users/") + m_userId,
                          { { QStringLiteral("status"), QStringLiteral("suspended") } })
                     .status,
                 404);
        QCOMPARE(m_admin->get(QStringLiteral("/v1/keys/") + keyId)
                     .json()
                     .value(QStringLiteral("key"))
                     .toObject()
                     .value(QStringLiteral("status")),
                 QJsonValue(QStringLiteral("ACTIVE")));
    }

    void oversizedAndMalformedBodies()
    {
        const HttpReply big = m_admin->send("POST", QStringLiteral("/v1/users"), QByteArray(1024 * 1024 + 10, ' '));
        QCOMPARE(big.status, 413);
        const HttpReply broken = m_admin->send("POST", QStringLiteral("/v1/users"), QByteArray("{\"name\": "));
        QCOMPARE(broken.status, 400);
        QJsonArray many;
        for (int i = 0; i < 1001; ++i)
            many.append(QStringLiteral("x"));
        const HttpReply tooMany
            = jsonCall(*m_admin, "POST", QStringLiteral("/v1/user-groups"),
                       { { QStringLiteral("name"), QStringLiteral("Big") }, { QStringLiteral("member_ids"), many } });
        QCOMPARE(tooMany.status, 400);
        QCOMPARE(errorOf(tooMany).value(QStringLiteral("field")).toString(), QStringLiteral("member_ids"));
        QCOMPARE(
            m_admin->get(QStringLiteral("/v1/user-groups")).json().value(QStringLiteral("groups")).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestV1Keys)
#include "TestV1Keys.moc"
