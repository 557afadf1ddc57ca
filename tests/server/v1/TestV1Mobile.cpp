#include "core/lockproto/OfflineCredential.h"
#include "core/lockproto/VirtualLock.h"
#include "server/store/LockRepository.h"
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
} // namespace

/// The tenant endpoints end to end: a phone's credential, online unlock and offline credentials that the
/// virtual lock accepts, invalidation that the lock enforces once the revocation reached it, denials with
/// reasons, and the rate limit.
class TestV1Mobile final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<V1Fixture> m_f;
    std::unique_ptr<HttpTestClient> m_admin;
    std::unique_ptr<HttpTestClient> m_tenant;
    std::optional<Core::VirtualLock> m_lock;
    QString m_lockId;
    QString m_userId;

    HttpReply onlineUnlock()
    {
        auto session = m_lock->newSession();
        if (!session)
            return {};
        return jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/unlock"),
                        { { QStringLiteral("lock_id"), m_lockId }, { QStringLiteral("session"), session->toHex() } });
    }

private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<V1Fixture>(); // 2026-03-10 15:00 UTC = 16:00 in Berlin
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
        m_admin = m_f->as(QStringLiteral("admin"));
        QVERIFY(m_admin);
        const HttpReply lock = jsonCall(*m_admin, "POST", QStringLiteral("/v1/locks"),
                                        { { QStringLiteral("mac"), QStringLiteral("C0:FF:EE:00:00:01") },
                                          { QStringLiteral("serial"), QStringLiteral("VL-1") },
                                          { QStringLiteral("name"), QStringLiteral("B-104") } });
        QCOMPARE(lock.status, 201);
        m_lockId = idOf(lock, QStringLiteral("lock"));
        const HttpReply user = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users"),
                                        { { QStringLiteral("name"), QStringLiteral("Bob") } });
        m_userId = idOf(user, QStringLiteral("user"));
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"),
                          { { QStringLiteral("lock_id"), m_lockId },
                            { QStringLiteral("user_id"), m_userId },
                            { QStringLiteral("valid_from"), QStringLiteral("2026-03-01T00:00:00Z") } })
                     .status,
                 201);
        const HttpReply credential
            = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users/%1/mobile-credential").arg(m_userId));
        QCOMPARE(credential.status, 201);
        m_tenant = m_f->anonymous();
        m_tenant->setBearer(credential.json().value(QStringLiteral("credential")).toString());

        // The virtual lock gets the secret the server generated for this lock.
        const auto record = Server::LockRepository(m_f->server().db()).findById(m_lockId);
        QVERIFY(record);
        auto secret = Server::LockRepository::secretOf(*record, m_f->server().server().context().kek);
        QVERIFY2(secret.ok(), qPrintable(secret.errorMessage()));
        auto vlock = Core::VirtualLock::create(m_f->server().dirPath() + QStringLiteral("/lock.json"), record->mac,
                                               *secret, m_f->clock());
        QVERIFY2(vlock.ok(), qPrintable(vlock.errorMessage()));
        m_lock.emplace(std::move(vlock).value());
    }
    void cleanup()
    {
        m_lock.reset();
        m_tenant.reset();
        m_admin.reset();
        m_f.reset();
    }

    void tenantSeesTheirLocks()
    {
        const HttpReply me = m_tenant->get(QStringLiteral("/v1/mobile/me"));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(), m_userId);
        QCOMPARE(me.json().value(QStringLiteral("locks")).toArray().size(), 1);
        QCOMPARE(me.json().value(QStringLiteral("offline_key_expiration")).toObject().value(QStringLiteral("kind")),
                 QJsonValue(QStringLiteral("never_issued")));
        // A staff token is not a tenant credential, and a tenant credential is not a staff token.
        QCOMPARE(m_admin->get(QStringLiteral("/v1/mobile/me")).status, 401);
        QCOMPARE(m_tenant->get(QStringLiteral("/v1/users")).status, 401);
    }

    void onlineUnlockOpensTheLock()
    {
        const HttpReply r = onlineUnlock();
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(QStringLiteral("decision")).toObject().value(QStringLiteral("allowed")).toBool());
        const Core::LockOutcome outcome = m_lock->applyCommand(r.json().value(QStringLiteral("commands")).toString());
        QVERIFY2(outcome.opened(), qPrintable(outcome.message));
        QCOMPARE(m_admin->get(QStringLiteral("/v1/locks/") + m_lockId)
                     .json()
                     .value(QStringLiteral("lock"))
                     .toObject()
                     .value(QStringLiteral("status")),
                 QJsonValue(QStringLiteral("ready")));
    }

    void offlineCredentialOpensTheLockUntilInvalidated()
    {
        // The first online unlock sets the lock's clock (a new lock refuses offline credentials before that).
        QVERIFY(m_lock->applyCommand(onlineUnlock().json().value(QStringLiteral("commands")).toString()).opened());

        const HttpReply issued = jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/offline-keys"));
        QCOMPARE(issued.status, 200);
        const QJsonArray keys = issued.json().value(QStringLiteral("offline_keys")).toArray();
        QCOMPARE(keys.size(), 1);
        const QJsonObject key = keys[0].toObject();
        QCOMPARE(key.value(QStringLiteral("lock_id")).toString(), m_lockId);
        // Offline keys end with the facility day: midnight in Berlin.
        QCOMPARE(key.value(QStringLiteral("expires_at")).toString(), QStringLiteral("2026-03-10T23:00:00.000Z"));

        auto session = m_lock->newSession();
        QVERIFY(session.ok());
        auto proof = Core::makeOfflineProof(key.value(QStringLiteral("offline_key")).toString(),
                                            key.value(QStringLiteral("unlock_command")).toString(), *session);
        QVERIFY(proof.ok());
        Core::LockOutcome outcome = m_lock->applyOfflineProof(*proof);
        QVERIFY2(outcome.opened(), qPrintable(outcome.message));

        // Staff see the "Offline Key Expiration".
        QJsonObject report = m_admin->get(QStringLiteral("/v1/users/%1/offline-keys").arg(m_userId)).json();
        QCOMPARE(report.value(QStringLiteral("offline_key_expiration")).toObject().value(QStringLiteral("until")),
                 QJsonValue(QStringLiteral("2026-03-10T23:00:00.000Z")));
        QCOMPARE(report.value(QStringLiteral("locks")).toArray().size(), 1);

        // Force a fresh security check: the server refuses at once, the lock once the revocation reached it.
        const HttpReply invalidated
            = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users/%1/offline-keys/invalidate").arg(m_userId));
        QCOMPARE(invalidated.status, 200);
        QCOMPARE(
            invalidated.json().value(QStringLiteral("offline_key_expiration")).toObject().value(QStringLiteral("kind")),
            QJsonValue(QStringLiteral("expired")));
        QCOMPARE(
            invalidated.json().value(QStringLiteral("offline_key_expiration")).toObject().value(QStringLiteral("text")),
            QJsonValue(QStringLiteral("Expired")));
        QVERIFY(m_admin->get(QStringLiteral("/v1/locks/") + m_lockId)
                    .json()
                    .value(QStringLiteral("lock"))
                    .toObject()
                    .value(QStringLiteral("revocation"))
                    .toObject()
                    .value(QStringLiteral("pending_delivery"))
                    .toBool());
        // The next online command carries the revocation state to the lock.
        QVERIFY(m_lock->applyCommand(onlineUnlock().json().value(QStringLiteral("commands")).toString()).opened());
        session = m_lock->newSession();
        proof = Core::makeOfflineProof(key.value(QStringLiteral("offline_key")).toString(),
                                       key.value(QStringLiteral("unlock_command")).toString(), *session);
        outcome = m_lock->applyOfflineProof(*proof);
        QVERIFY(!outcome.opened());
        QVERIFY2(outcome.reason().contains(QLatin1String("revoked")), qPrintable(outcome.reason()));

        // A fresh download after the check works again.
        const HttpReply again = jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/offline-keys"));
        const QJsonObject fresh = again.json().value(QStringLiteral("offline_keys")).toArray().first().toObject();
        session = m_lock->newSession();
        proof = Core::makeOfflineProof(fresh.value(QStringLiteral("offline_key")).toString(),
                                       fresh.value(QStringLiteral("unlock_command")).toString(), *session);
        QVERIFY(m_lock->applyOfflineProof(*proof).opened());
    }

    void revokedKeyCredentialIsRefusedByTheLock()
    {
        QVERIFY(m_lock->applyCommand(onlineUnlock().json().value(QStringLiteral("commands")).toString()).opened());
        const QJsonObject key = jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/offline-keys"))
                                    .json()
                                    .value(QStringLiteral("offline_keys"))
                                    .toArray()
                                    .first()
                                    .toObject();
        const HttpReply revoked = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users/%1/revoke-keys").arg(m_userId),
                                           { { QStringLiteral("reason"), QStringLiteral("moved out") } });
        QCOMPARE(revoked.status, 200);
        // No key any more: the tenant's online unlock is denied, with the reason.
        const HttpReply denied = onlineUnlock();
        QCOMPARE(denied.status, 403);
        QCOMPARE(denied.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
                 QJsonValue(QStringLiteral("access_denied")));
        QVERIFY(denied.json()
                    .value(QStringLiteral("decision"))
                    .toObject()
                    .value(QStringLiteral("reasons"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QLatin1String("REVOKED")));
        // Another tenant's phone brings the revocation to the lock.
        const HttpReply other = jsonCall(*m_admin, "POST", QStringLiteral("/v1/users"),
                                         { { QStringLiteral("name"), QStringLiteral("Ann") } });
        const QString annId = idOf(other, QStringLiteral("user"));
        QCOMPARE(jsonCall(*m_admin, "POST", QStringLiteral("/v1/keys"),
                          { { QStringLiteral("lock_id"), m_lockId },
                            { QStringLiteral("user_id"), annId },
                            { QStringLiteral("valid_from"), QStringLiteral("2026-03-01T00:00:00Z") } })
                     .status,
                 201);
        auto ann = m_f->anonymous();
        ann->setBearer(jsonCall(*m_admin, "POST", QStringLiteral("/v1/users/%1/mobile-credential").arg(annId))
                           .json()
                           .value(QStringLiteral("credential"))
                           .toString());
        auto session = m_lock->newSession();
        const HttpReply annUnlock
            = jsonCall(*ann, "POST", QStringLiteral("/v1/mobile/unlock"),
                       { { QStringLiteral("lock_id"), m_lockId }, { QStringLiteral("session"), session->toHex() } });
        QCOMPARE(annUnlock.status, 200);
        QVERIFY(m_lock->applyCommand(annUnlock.json().value(QStringLiteral("commands")).toString()).opened());
        session = m_lock->newSession();
        auto proof = Core::makeOfflineProof(key.value(QStringLiteral("offline_key")).toString(),
                                            key.value(QStringLiteral("unlock_command")).toString(), *session);
        QVERIFY(!m_lock->applyOfflineProof(*proof).opened());
    }

    void delinquentTenantIsDeniedWithReasons()
    {
        QCOMPARE(jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/users/") + m_userId,
                          { { QStringLiteral("status"), QStringLiteral("delinquent") } })
                     .status,
                 200);
        const HttpReply check = jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/access-check"));
        QCOMPARE(check.status, 200);
        const QJsonObject decision = check.json().value(QStringLiteral("decisions")).toArray().first().toObject();
        QCOMPARE(decision.value(QStringLiteral("allowed")).toBool(), false);
        QVERIFY(decision.value(QStringLiteral("reasons"))
                    .toArray()
                    .first()
                    .toString()
                    .contains(QLatin1String("delinquent")));

        const HttpReply offline = jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/offline-keys"));
        QCOMPARE(offline.status, 200);
        QCOMPARE(offline.json().value(QStringLiteral("offline_keys")).toArray().size(), 0);
        QCOMPARE(offline.json().value(QStringLiteral("denied")).toArray().size(), 1);
        QCOMPARE(onlineUnlock().status, 403);
    }

    void geofenceDeniesAPhoneFarAway()
    {
        QCOMPARE(jsonCall(*m_admin, "PATCH", QStringLiteral("/v1/facilities/") + m_f->facilityId(),
                          { { QStringLiteral("geofence"),
                              QJsonObject { { QStringLiteral("lat"), 52.52 },
                                            { QStringLiteral("lon"), 13.405 },
                                            { QStringLiteral("radius_m"), 200 } } } })
                     .status,
                 200);
        const auto check = [this](double lat, double lon) {
            return jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/access-check"),
                            { { QStringLiteral("location"),
                                QJsonObject { { QStringLiteral("lat"), lat }, { QStringLiteral("lon"), lon } } } })
                .json()
                .value(QStringLiteral("decisions"))
                .toArray()
                .first()
                .toObject();
        };
        QCOMPARE(check(52.5201, 13.4051).value(QStringLiteral("allowed")).toBool(), true);
        const QJsonObject far = check(48.137, 11.575); // Munich
        QCOMPARE(far.value(QStringLiteral("allowed")).toBool(), false);
        QVERIFY(far.value(QStringLiteral("reasons")).toArray().first().toString().contains(QLatin1String("geofence")));
    }

    void badInputNamesTheField()
    {
        const HttpReply badSession = jsonCall(
            *m_tenant, "POST", QStringLiteral("/v1/mobile/unlock"),
            { { QStringLiteral("lock_id"), m_lockId }, { QStringLiteral("session"), QStringLiteral("xyz") } });
        QCOMPARE(badSession.status, 400);
        QCOMPARE(badSession.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("field")),
                 QJsonValue(QStringLiteral("session")));
        const HttpReply badLocation = jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/access-check"),
                                               { { QStringLiteral("location"), QStringLiteral("here") } });
        QCOMPARE(badLocation.status, 400);
        QCOMPARE(badLocation.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("field")),
                 QJsonValue(QStringLiteral("location")));
    }

    void quickClickReachesTheLockThroughTheTenantsUnlock()
    {
        auto frontDesk = m_f->as(QStringLiteral("front_desk"));
        QVERIFY(frontDesk);
        const QString path = QStringLiteral("/v1/locks/%1/quick-clicks").arg(m_lockId);
        const HttpReply issued
            = jsonCall(*frontDesk, "POST", path,
                       { { QStringLiteral("code"), QStringLiteral("10110") }, { QStringLiteral("uses"), 3 } });
        QCOMPARE(issued.status, 201);
        QCOMPARE(issued.json().value(QStringLiteral("quick_click")).toObject().value(QStringLiteral("pending")),
                 QJsonValue(true));
        // Rule errors name the field and change nothing.
        const HttpReply bad
            = jsonCall(*frontDesk, "POST", path,
                       { { QStringLiteral("code"), QStringLiteral("12") }, { QStringLiteral("uses"), 3 } });
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("field")),
                 QJsonValue(QStringLiteral("code")));
        QCOMPARE(frontDesk->get(path).json().value(QStringLiteral("quick_clicks")).toArray().size(), 1);

        QVERIFY(m_lock->applyCommand(onlineUnlock().json().value(QStringLiteral("commands")).toString()).opened());
        QCOMPARE(m_lock->quickClickUses(QStringLiteral("10110")), 3);
        QCOMPARE(frontDesk->get(path)
                     .json()
                     .value(QStringLiteral("quick_clicks"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("pending")),
                 QJsonValue(false));
        QVERIFY(m_lock->quickClick(QStringLiteral("10110")).opened());

        const HttpReply revoked = jsonCall(*frontDesk, "DELETE", path + QStringLiteral("/10110"));
        QCOMPARE(revoked.status, 200);
        QCOMPARE(revoked.json().value(QStringLiteral("quick_click")).toObject().value(QStringLiteral("revoked")),
                 QJsonValue(true));
        QVERIFY(m_lock->applyCommand(onlineUnlock().json().value(QStringLiteral("commands")).toString()).opened());
        QCOMPARE(m_lock->quickClickUses(QStringLiteral("10110")), -1);
        QCOMPARE(jsonCall(*frontDesk, "DELETE", path + QStringLiteral("/111")).status, 404);
    }

    void activityShowsWhatTheLockLogged()
    {
        const Core::LockOutcome opened
            = m_lock->applyCommand(onlineUnlock().json().value(QStringLiteral("commands")).toString());
        QVERIFY(opened.opened());
        const QStringList responses = opened.responses; // the phone relays the lock's log entries
        QVERIFY(!responses.isEmpty());
        auto phone = m_f->server().mobileClient();
        const HttpReply upload
            = phone->post(QStringLiteral("/upload/"),
                          { { QStringLiteral("logs"),
                              QJsonArray { QJsonObject {
                                  { QStringLiteral("session"), m_lock->currentSession().toHex() },
                                  { QStringLiteral("mac"), QStringLiteral("C0:FF:EE:00:00:01") },
                                  { QStringLiteral("received_time"), m_f->clock().now().toSecsSinceEpoch() },
                                  { QStringLiteral("responses"), QJsonArray::fromStringList(responses) } } } } });
        QCOMPARE(upload.status, 200);
        auto auditor = m_f->as(QStringLiteral("auditor"));
        QVERIFY(auditor);
        const HttpReply r = auditor->get(QStringLiteral("/v1/activity?lock_id=%1&action=unlocked").arg(m_lockId));
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json().value(QStringLiteral("activity")).toArray().isEmpty());
        QCOMPARE(auditor->get(QStringLiteral("/v1/activity?action=teleported")).status, 400);
    }

    void attemptsAreRateLimited()
    {
        int status = 0;
        int attempts = 0;
        while (attempts < 100 && status != 429) {
            status = jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/access-check")).status;
            ++attempts;
        }
        QCOMPARE(status, 429);
        QCOMPARE(attempts, 21);
        m_f->clock().advance(3);
        QCOMPARE(jsonCall(*m_tenant, "POST", QStringLiteral("/v1/mobile/access-check")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestV1Mobile)
#include "TestV1Mobile.moc"
