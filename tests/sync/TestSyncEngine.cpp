// SyncEngine against the real keydesk-server on loopback: initial and incremental sync, live updates between two
// desktops, the outbox across restarts, rejections, a server killed mid-sync and revocations made offline.
#include "core/sync/Mutations.h"
#include "core/sync/SyncEngine.h"
#include "server/Server.h"
#include "server/store/Database.h"
#include "tests/client/AwaitTask.h"
#include "tests/client/LiveServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk;
using namespace Keydesk::Core;
using Test::awaitTask;
using Test::LiveServer;

namespace {

/// One desktop: its cache file, API client and sync engine.
struct Desk
{
    Desk(QNetworkAccessManager &network, const QUrl &url, const QString &token, const QString &cachePath)
        : client(network, url)
        , cache(cachePath)
        , engine(client, cache)
    {
        client.setToken(token);
        client.setTimeout(std::chrono::milliseconds(3000));
        SyncEngine::Options o;
        o.pageSize = 100;
        o.longPollSeconds = 10;
        o.backoffMin = std::chrono::milliseconds(50);
        o.backoffMax = std::chrono::milliseconds(400);
        engine.setOptions(o);
    }
    bool open()
    {
        auto r = awaitTask(cache.open());
        return r && r->ok();
    }

    ApiClient client;
    CacheStore cache;
    SyncEngine engine;
};

std::optional<CachedRow> cachedRow(CacheStore &cache, const QString &entity, const QString &id)
{
    auto r = awaitTask(cache.row(entity, id));
    if (!r || !*r)
        return std::nullopt;
    return r->value();
}

QCoro::Task<Result<QHash<QString, QJsonObject>>> allCached(CacheStore &cache, QStringList entities)
{
    auto job = [entities](CacheDatabase &db) -> Result<QHash<QString, QJsonObject>> {
        QHash<QString, QJsonObject> out;
        for (const QString &entity : entities) {
            auto rows = db.rows(entity);
            if (!rows)
                return rows.error();
            for (const CachedRow &row : *rows)
                out.insert(entity + QLatin1Char('/') + row.id, row.data);
        }
        return out;
    };
    co_return co_await cache.run(std::move(job));
}

template <typename Fn> QCoro::Task<Result<int>> countIndexes(CacheStore &cache, Fn job)
{
    co_return co_await cache.run(std::move(job));
}

/// The server's data (latest version of every live row) as entity/id → data.
QHash<QString, QJsonObject> serverData(LiveServer &server, qint64 upTo = std::numeric_limits<qint64>::max())
{
    QHash<QString, QJsonObject> out;
    auto feed = server.feed();
    if (!feed)
        return out;
    for (const QJsonValue &v : *feed) {
        const QJsonObject row = v.toObject();
        if (row.value(QStringLiteral("revision")).toInteger() > upTo)
            continue;
        const QString key = row.value(QStringLiteral("entity")).toString() + QLatin1Char('/')
            + row.value(QStringLiteral("id")).toString();
        if (row.value(QStringLiteral("deleted")).toBool())
            out.remove(key);
        else
            out.insert(key, row.value(QStringLiteral("data")).toObject());
    }
    return out;
}

const QStringList kEntities { QStringLiteral("facilities"), QStringLiteral("units"), QStringLiteral("users"),
                              QStringLiteral("staff"),      QStringLiteral("keys"),  QStringLiteral("locks"),
                              QStringLiteral("audit_log") };

QHash<QString, QJsonObject> onlyEntities(const QHash<QString, QJsonObject> &all)
{
    QHash<QString, QJsonObject> out;
    for (auto it = all.constBegin(); it != all.constEnd(); ++it) {
        if (kEntities.contains(it.key().section(QLatin1Char('/'), 0, 0)))
            out.insert(it.key(), it.value());
    }
    return out;
}

} // namespace

class TestSyncEngine final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LiveServer> m_server;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    QString m_ownerToken;
    QString m_ownerId;
    int m_cacheCounter = 0;

    std::unique_ptr<Desk> desk(const QString &cachePath = {})
    {
        const QString path
            = cachePath.isEmpty() ? m_dir.filePath(QStringLiteral("desk-%1.sqlite").arg(++m_cacheCounter)) : cachePath;
        auto d = std::make_unique<Desk>(m_network, m_server->url(), m_ownerToken, path);
        if (!d->open())
            return nullptr;
        return d;
    }

    /// A user made online, as another desktop would.
    QString createUser(const QString &name)
    {
        ApiClient other(m_network, m_server->url());
        other.setToken(m_ownerToken);
        ApiRequest r;
        r.method = QByteArrayLiteral("POST");
        r.path = QStringLiteral("/v1/users");
        r.body = QJsonObject { { QStringLiteral("name"), name } };
        auto answer = awaitTask(other.send(r));
        if (!answer || !*answer)
            return {};
        return answer->value().json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    }

    /// A lock registered online; its id.
    QString createLock(const QString &mac, const QString &name)
    {
        ApiClient online(m_network, m_server->url());
        online.setToken(m_ownerToken);
        ApiRequest lock;
        lock.method = QByteArrayLiteral("POST");
        lock.path = QStringLiteral("/v1/locks");
        lock.body = QJsonObject { { QStringLiteral("mac"), mac },
                                  { QStringLiteral("serial"), QStringLiteral("SN-") + name },
                                  { QStringLiteral("name"), name } };
        auto answer = awaitTask(online.send(lock));
        if (!answer || !*answer)
            return {};
        return answer->value().json.value(QStringLiteral("lock")).toObject().value(QStringLiteral("id")).toString();
    }

    int usersNamed(const QString &name)
    {
        auto n = m_server->db().scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE name = ?"), { name });
        return n ? n->toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<LiveServer>();
        QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
        ApiClient client(m_network, m_server->url());
        auto session = awaitTask(client.login(LiveServer::kOwner, LiveServer::kPassword));
        QVERIFY(session && *session);
        m_ownerToken = session->value().token;
        m_ownerId = session->value().staffId;
        for (int i = 0; i < 450; ++i)
            QVERIFY(m_server->addUnit(QStringLiteral("Unit %1").arg(i, 4, 10, QLatin1Char('0'))));
    }

    void init()
    {
        // A test that failed half-way must not leave the next one without a server.
        if (!m_server->isRunning())
            QVERIFY(m_server->start());
    }

    void backoffDelay_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<int>("low");
        QTest::addColumn<int>("high");
        QTest::newRow("first retry → 50–100 % of the minimum") << 0 << 250 << 500;
        QTest::newRow("third retry → doubled twice") << 2 << 1000 << 2000;
        QTest::newRow("many retries → capped at the maximum") << 30 << 15000 << 30000;
    }

    void backoffDelay()
    {
        QFETCH(int, attempt);
        QFETCH(int, low);
        QFETCH(int, high);
        ApiClient client(m_network, m_server->url());
        CacheStore cache(m_dir.filePath(QStringLiteral("backoff.sqlite")));
        SyncEngine engine(client, cache); // default options: 500 ms .. 30 s
        QSet<qint64> seen;
        for (int i = 0; i < 50; ++i) {
            const qint64 d = engine.backoffDelay(attempt).count();
            QVERIFY2(d >= low && d <= high, qPrintable(QString::number(d)));
            seen.insert(d);
        }
        QVERIFY(seen.size() > 1); // jittered
    }

    void initialSyncEqualsServer()
    {
        auto d = desk();
        QVERIFY(d);
        QSignalSpy synced(&d->engine, &SyncEngine::synced);
        QSignalSpy progress(&d->engine, &SyncEngine::progress);
        QElapsedTimer timer;
        timer.start();
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        qInfo() << "initial sync:" << d->engine.rowsApplied() << "rows in" << progress.count() << "pages,"
                << timer.elapsed() << "ms (including QTRY polling)";
        QCOMPARE(d->engine.state(), SyncEngine::State::Idle);
        QVERIFY(progress.count() >= 5); // 450+ rows in pages of 100, one transaction each
        QVERIFY(progress.last().at(2).toBool()); // reported as the initial sync
        auto cached = awaitTask(allCached(d->cache, kEntities));
        QVERIFY(cached && *cached);
        const auto expected = onlyEntities(serverData(*m_server));
        QVERIFY(expected.size() > 450);
        QCOMPARE(cached->value().size(), expected.size());
        QCOMPARE(cached->value(), expected);
        QCOMPARE(d->engine.revision(), m_server->db().revision());
        // The secondary indexes dropped for the bulk load are back.
        auto job = [](CacheDatabase &db) -> Result<int> {
            QSqlQuery q(db.connection());
            if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"))
                || !q.next())
                return Error::make(QStringLiteral("sql"), QStringLiteral("cannot count indexes"));
            return q.value(0).toInt();
        };
        auto indexes = awaitTask(QCoro::Task<Result<int>>(countIndexes(d->cache, std::move(job))));
        QVERIFY(indexes && *indexes);
        QVERIFY(indexes->value() > 20);
    }

    void twoDesktopsSeeEachOthersChangesWithinTwoSeconds()
    {
        auto a = desk();
        auto b = desk();
        QVERIFY(a && b);
        QSignalSpy aSynced(&a->engine, &SyncEngine::synced);
        QSignalSpy bSynced(&b->engine, &SyncEngine::synced);
        a->engine.start();
        b->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(aSynced.count() >= 1 && bSynced.count() >= 1, 20000);

        // A renames a user through its outbox; B, long-polling, sees it.
        const QString userId = createUser(QStringLiteral("Bob Tenant"));
        QVERIFY(!userId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(cachedRow(a->cache, QStringLiteral("users"), userId).has_value(), 2000);
        auto seq = awaitTask(a->engine.submit(
            Mutations::editUser(userId, QJsonObject { { QStringLiteral("name"), QStringLiteral("Bob Renamed") } })));
        QVERIFY(seq && *seq);
        QElapsedTimer timer;
        timer.start();
        auto nameAt = [&](Desk &desk) {
            auto row = cachedRow(desk.cache, QStringLiteral("users"), userId);
            return row ? row->data.value(QStringLiteral("name")).toString() : QString();
        };
        QCOMPARE(nameAt(*a), QStringLiteral("Bob Renamed")); // optimistic, at once
        QTRY_COMPARE_WITH_TIMEOUT(nameAt(*b), QStringLiteral("Bob Renamed"), 2000);
        qInfo() << "change by another desktop visible after" << timer.elapsed() << "ms";
        // A's change is confirmed from the feed: no longer pending.
        QTRY_COMPARE_WITH_TIMEOUT(cachedRow(a->cache, QStringLiteral("users"), userId)->pending, 0, 2000);
        QTRY_VERIFY_WITH_TIMEOUT(awaitTask(a->cache.allOutbox())->value().isEmpty(), 2000);

        // And the other way round, with a change made straight on the server (Core API, CLI, ...).
        const auto unit = m_server->addUnit(QStringLiteral("Live unit"));
        QVERIFY(unit);
        QTRY_VERIFY_WITH_TIMEOUT(cachedRow(a->cache, QStringLiteral("units"), *unit).has_value(), 2000);
        QTRY_VERIFY_WITH_TIMEOUT(cachedRow(b->cache, QStringLiteral("units"), *unit).has_value(), 2000);
    }

    void offlineQueueSurvivesRestartAndAppliesOnce()
    {
        const QString path = m_dir.filePath(QStringLiteral("restart.sqlite"));
        const QString name = QStringLiteral("Queued Offline %1").arg(QDateTime::currentMSecsSinceEpoch());
        QString key;
        {
            auto d = desk(path);
            QVERIFY(d);
            QSignalSpy synced(&d->engine, &SyncEngine::synced);
            d->engine.start();
            QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
            m_server->stop();
            auto seq = awaitTask(
                d->engine.submit(Mutations::createUser(QJsonObject { { QStringLiteral("name"), name } },
                                                       m_server->facilityId(), QDateTime::currentDateTimeUtc())));
            QVERIFY(seq && *seq);
            QTRY_COMPARE_WITH_TIMEOUT(d->engine.state(), SyncEngine::State::Offline, 5000);
            // Retry state (attempts, next try) is kept in SQLite.
            QTRY_VERIFY_WITH_TIMEOUT(awaitTask(d->cache.queued())->value().value(0).attempts >= 1, 5000);
            auto queued = awaitTask(d->cache.queued());
            QCOMPARE(queued->value().size(), 1);
            key = queued->value().first().idempotencyKey;
            // The desktop is killed here (no clean shutdown of anything but the objects).
        }
        QVERIFY(m_server->start());
        // The first attempt had in fact reached the server before the kill: its answer was lost.
        {
            ApiClient lost(m_network, m_server->url());
            lost.setToken(m_ownerToken);
            ApiRequest r;
            r.method = QByteArrayLiteral("POST");
            r.path = QStringLiteral("/v1/users");
            r.body = QJsonObject { { QStringLiteral("name"), name } };
            r.idempotencyKey = key;
            auto answer = awaitTask(lost.send(r));
            QVERIFY(answer && *answer);
        }
        QCOMPARE(usersNamed(name), 1);
        auto d = desk(path);
        QVERIFY(d);
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(awaitTask(d->cache.allOutbox())->value().isEmpty(), 10000);
        QCOMPARE(usersNamed(name), 1); // sent again with the same key: replayed, not applied twice
        // The cache shows the server's row, not the local placeholder.
        auto users = awaitTask(d->cache.rows(QStringLiteral("users")));
        int named = 0;
        for (const CachedRow &row : users->value()) {
            if (row.data.value(QStringLiteral("name")).toString() == name) {
                ++named;
                QVERIFY(!Mutations::isLocalId(row.id));
                QCOMPARE(row.pending, 0);
            }
        }
        QCOMPARE(named, 1);
    }

    void aNewUserAndTheirKeysMadeOfflineAreSentInOrderAfterARestart_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("accepted: the keys name the server's user") << QStringLiteral("erin@example.com") << true;
        QTest::newRow("user refused: the keys are refused with it") << QStringLiteral("not an address") << false;
    }

    void aNewUserAndTheirKeysMadeOfflineAreSentInOrderAfterARestart()
    {
        QFETCH(QString, email);
        QFETCH(bool, accepted);
        static int round = 0;
        ++round;
        const QString lockId = createLock(QStringLiteral("AA:BB:CC:00:22:%1").arg(round, 2, 10, QLatin1Char('0')),
                                          QStringLiteral("C-%1").arg(round));
        QVERIFY(!lockId.isEmpty());
        const QString path = m_dir.filePath(QStringLiteral("dependent-%1.sqlite").arg(round));
        const QString name = QStringLiteral("Erin Inline %1").arg(round);
        {
            auto d = desk(path);
            QVERIFY(d);
            QSignalSpy synced(&d->engine, &SyncEngine::synced);
            d->engine.start();
            QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
            m_server->stop();
            const OutboxEntry user = Mutations::createUser(
                QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("email"), email } },
                m_server->facilityId(), QDateTime::currentDateTimeUtc());
            QVERIFY(awaitTask(d->engine.submit(user))->ok());
            for (int i = 0; i < 2; ++i) {
                const QJsonObject key { { QStringLiteral("lock_id"), lockId },
                                        { QStringLiteral("user_id"), user.entityId },
                                        { QStringLiteral("description"), QStringLiteral("%1 key %2").arg(name).arg(i) },
                                        { QStringLiteral("valid_from"), QStringLiteral("2026-01-01T00:00:00Z") },
                                        { QStringLiteral("notify"), QStringLiteral("none") } };
                QVERIFY(awaitTask(d->engine.submit(Mutations::createKey(key, m_server->facilityId(), QString(),
                                                                        QDateTime::currentDateTimeUtc())))
                            ->ok());
            }
            QCOMPARE(awaitTask(d->cache.queued())->value().size(), 3);
            // Killed while offline.
        }
        QVERIFY(m_server->start());
        auto d = desk(path);
        QVERIFY(d);
        QSignalSpy rejected(&d->engine, &SyncEngine::rejected);
        d->engine.start();
        if (accepted) {
            QTRY_VERIFY_WITH_TIMEOUT(awaitTask(d->cache.allOutbox())->value().isEmpty(), 15000);
            QCOMPARE(rejected.count(), 0);
            const QString userId
                = m_server->db().scalar(QStringLiteral("SELECT id FROM users WHERE name = ?"), { name })->toString();
            QVERIFY(!userId.isEmpty());
            auto keys = m_server->db().scalar(QStringLiteral("SELECT COUNT(*) FROM keys WHERE user_id = ? AND "
                                                             "lock_id = ?"),
                                              { userId, lockId });
            QCOMPARE(keys->toInt(), 2);
            QCOMPARE(usersNamed(name), 1);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(rejected.count(), 3, 15000);
            QCOMPARE(rejected.at(0).at(1).toString(), QStringLiteral("user.create"));
            QCOMPARE(rejected.at(1).at(1).toString(), QStringLiteral("key.create"));
            QVERIFY2(rejected.at(1).at(2).toString().contains(QStringLiteral("needed a change the server refused")),
                     qPrintable(rejected.at(1).at(2).toString()));
            QCOMPARE(usersNamed(name), 0);
            QCOMPARE(awaitTask(d->cache.queued())->value().size(), 0);
            QCOMPARE(awaitTask(d->cache.rejected())->value().size(), 3); // each visible until dismissed
        }
    }

    void serverRejectionRollsBack()
    {
        const QString userId = createUser(QStringLiteral("Carla Valid"));
        QVERIFY(!userId.isEmpty());
        auto d = desk();
        QVERIFY(d);
        QSignalSpy synced(&d->engine, &SyncEngine::synced);
        QSignalSpy rejected(&d->engine, &SyncEngine::rejected);
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        const auto before = cachedRow(d->cache, QStringLiteral("users"), userId);
        QVERIFY(before);
        auto seq = awaitTask(d->engine.submit(Mutations::editUser(
            userId, QJsonObject { { QStringLiteral("email"), QStringLiteral("not an address") } })));
        QCOMPARE(cachedRow(d->cache, QStringLiteral("users"), userId)->data.value(QStringLiteral("email")).toString(),
                 QStringLiteral("not an address")); // optimistic
        QVERIFY(seq && *seq);
        QTRY_COMPARE_WITH_TIMEOUT(rejected.count(), 1, 5000);
        QCOMPARE(rejected.first().at(0).toLongLong(), seq->value());
        QCOMPARE(rejected.first().at(1).toString(), QStringLiteral("user.edit"));
        QCOMPARE(rejected.first().at(3).toString(), QStringLiteral("email"));
        QVERIFY(!rejected.first().at(2).toString().isEmpty());
        auto row = cachedRow(d->cache, QStringLiteral("users"), userId);
        QVERIFY(row);
        QCOMPARE(row->data, before->data); // rolled back
        QCOMPARE(row->pending, 0);
        auto kept = awaitTask(d->cache.rejected());
        QCOMPARE(kept->value().size(), 1); // visible until dismissed
        QVERIFY(awaitTask(d->engine.dismissRejection(seq->value()))->ok());
        QVERIFY(awaitTask(d->cache.rejected())->value().isEmpty());
        auto email = m_server->db().scalar(QStringLiteral("SELECT email FROM users WHERE id = ?"), { userId });
        QVERIFY(email);
        QCOMPARE(email->toString(),
                 before->data.value(QStringLiteral("email")).toString()); // the server changed nothing
    }

    void revocationOfflineIsNotYetEffectiveUntilConfirmed()
    {
        // A key on a registered lock, made online.
        const QString userId = createUser(QStringLiteral("Dana Contractor"));
        ApiClient online(m_network, m_server->url());
        online.setToken(m_ownerToken);
        ApiRequest lock;
        lock.method = QByteArrayLiteral("POST");
        lock.path = QStringLiteral("/v1/locks");
        lock.body = QJsonObject { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:11:22") },
                                  { QStringLiteral("serial"), QStringLiteral("SN-REVOKE-1") },
                                  { QStringLiteral("name"), QStringLiteral("B-104") } };
        auto lockAnswer = awaitTask(online.send(lock));
        QVERIFY2(lockAnswer && *lockAnswer, lockAnswer && !*lockAnswer ? qPrintable(lockAnswer->error().message) : "");
        const QString lockId
            = lockAnswer->value().json.value(QStringLiteral("lock")).toObject().value(QStringLiteral("id")).toString();
        ApiRequest key;
        key.method = QByteArrayLiteral("POST");
        key.path = QStringLiteral("/v1/keys");
        key.body = QJsonObject { { QStringLiteral("lock_id"), lockId },
                                 { QStringLiteral("user_id"), userId },
                                 { QStringLiteral("valid_from"), QStringLiteral("2026-01-01T00:00:00Z") },
                                 { QStringLiteral("notify"), QStringLiteral("none") } };
        auto keyAnswer = awaitTask(online.send(key));
        QVERIFY2(keyAnswer && *keyAnswer, keyAnswer && !*keyAnswer ? qPrintable(keyAnswer->error().message) : "");
        const QString keyId
            = keyAnswer->value().json.value(QStringLiteral("key")).toObject().value(QStringLiteral("id")).toString();

        auto d = desk();
        QVERIFY(d);
        QSignalSpy synced(&d->engine, &SyncEngine::synced);
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        QVERIFY(cachedRow(d->cache, QStringLiteral("keys"), keyId));

        m_server->stop();
        auto seq = awaitTask(d->engine.submit(
            Mutations::revokeKey(keyId, QStringLiteral("contract ended"), m_ownerId, QDateTime::currentDateTimeUtc())));
        QVERIFY(seq && *seq);
        auto row = cachedRow(d->cache, QStringLiteral("keys"), keyId);
        QCOMPARE(row->pendingOp, QStringLiteral("key.revoke")); // shown as "not yet effective"
        QCOMPARE(row->pending, 1);
        QVERIFY(row->data.value(QStringLiteral("revoked_at")).toInteger() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(d->engine.state(), SyncEngine::State::Offline, 5000);
        QCOMPARE(cachedRow(d->cache, QStringLiteral("keys"), keyId)->pending, 1);

        QVERIFY(m_server->start());
        d->engine.retryNow(); // the network is back: no waiting out the back-off
        QTRY_COMPARE_WITH_TIMEOUT(cachedRow(d->cache, QStringLiteral("keys"), keyId)->pending, 0, 5000);
        row = cachedRow(d->cache, QStringLiteral("keys"), keyId);
        QCOMPARE(row->data.value(QStringLiteral("revoked_reason")).toString(), QStringLiteral("contract ended"));
        auto revoked = m_server->db().scalar(QStringLiteral("SELECT revoked_at FROM keys WHERE id = ?"), { keyId });
        QVERIFY(revoked && !revoked->isNull());
        QTRY_COMPARE_WITH_TIMEOUT(d->engine.state(), SyncEngine::State::Idle, 5000);
    }

    void killedServerMidSyncLeavesCacheConsistent()
    {
        auto d = desk();
        QVERIFY(d);
        SyncEngine::Options o = d->engine.options();
        o.pageSize = 20;
        d->engine.setOptions(o);
        QSignalSpy synced(&d->engine, &SyncEngine::synced);
        bool killed = false;
        connect(&d->engine, &SyncEngine::progress, this, [&](qint64 rows) {
            if (!killed && rows >= 100) {
                killed = true;
                m_server->stop(); // mid-sync: between two pages
            }
        });
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(killed, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(d->engine.state(), SyncEngine::State::Offline, 5000);
        QCOMPARE(synced.count(), 0);
        d->engine.stop();

        // What the cache holds is exactly the server's data up to the revision it recorded.
        QVERIFY(m_server->start());
        auto revision = awaitTask(d->cache.lastRevision());
        QVERIFY(revision && *revision && revision->value() > 0);
        auto cached = awaitTask(allCached(d->cache, kEntities));
        QVERIFY(cached && *cached);
        const auto upTo = onlyEntities(serverData(*m_server, revision->value()));
        QVERIFY(cached->value().size() >= 100 - 20);
        QCOMPARE(cached->value(), upTo);

        // Started again, it completes and equals the server.
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        auto after = awaitTask(allCached(d->cache, kEntities));
        QCOMPARE(after->value(), onlyEntities(serverData(*m_server)));
    }

    void longCatchUpIsAnnouncedOnceAtItsEnd()
    {
        // A full sync cut short and resumed goes on as a catch-up (the cache has a revision): past
        // quietCatchUpRows it must stop announcing row by row (a million rows read back by every view crawled),
        // and announce each changed table once when it is done.
        auto d = desk();
        QVERIFY(d);
        SyncEngine::Options o = d->engine.options();
        o.pageSize = 20;
        o.quietCatchUpRows = 60;
        d->engine.setOptions(o);
        bool killed = false;
        connect(&d->engine, &SyncEngine::progress, this, [&](qint64 rows) {
            if (!killed && rows >= 100) {
                killed = true;
                m_server->stop();
            }
        });
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(killed, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(d->engine.state(), SyncEngine::State::Offline, 5000);
        d->engine.stop();
        QVERIFY(!d->cache.isQuiet()); // a pass that failed ends its quiet too

        QVERIFY(m_server->start());
        QSignalSpy synced(&d->engine, &SyncEngine::synced);
        QSignalSpy rows(&d->cache, &CacheStore::rowsChanged);
        const qint64 appliedBefore = d->engine.rowsApplied();
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        QVERIFY(!d->cache.isQuiet());
        const qint64 caughtUp = d->engine.rowsApplied() - appliedBefore;
        QVERIFY2(caughtUp > 200, qPrintable(QString::number(caughtUp)));
        qsizetype idsAnnounced = 0;
        bool unitsAsATable = false;
        for (const QList<QVariant> &signal : std::as_const(rows)) {
            const QStringList ids = signal.at(1).toStringList();
            idsAnnounced += ids.size();
            unitsAsATable = unitsAsATable || (ids.isEmpty() && signal.at(0).toString() == QLatin1String("units"));
        }
        // Row by row only until a pass went past the threshold (a pass cut short by a slow answer starts counting
        // again, so allow a few pages more); the rest of the catch-up only as whole tables.
        QVERIFY2(idsAnnounced > 0 && idsAnnounced <= caughtUp / 2,
                 qPrintable(QStringLiteral("%1 of %2 rows announced one by one").arg(idsAnnounced).arg(caughtUp)));
        QVERIFY(unitsAsATable);
        auto after = awaitTask(allCached(d->cache, kEntities));
        QCOMPARE(after->value(), onlyEntities(serverData(*m_server)));
    }

    void endedSessionStopsUntilLoggedInAgain()
    {
        auto d = desk();
        QVERIFY(d);
        d->client.setToken(QStringLiteral("kd_this_session_has_ended"));
        QSignalSpy synced(&d->engine, &SyncEngine::synced);
        d->engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(d->engine.state(), SyncEngine::State::Error, 5000);
        QVERIFY2(d->engine.lastError().contains(QStringLiteral("log in")), qPrintable(d->engine.lastError()));
        QCOMPARE(synced.count(), 0);
        // Logged in again (the app asked for the password): retryNow resumes at once.
        d->client.setToken(m_ownerToken);
        d->engine.retryNow();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        QCOMPARE(d->engine.state(), SyncEngine::State::Idle);
    }

    void destroyedWhileLongPollingIsSafe()
    {
        auto d = desk();
        QVERIFY(d);
        QSignalSpy synced(&d->engine, &SyncEngine::synced);
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        QTest::qWait(100); // the long-poll is open now
        d.reset(); // engine, cache and client go while a request and both loops are suspended
        // Suspended loops resume (aborted reply, changes) and must find out they are orphaned.
        QVERIFY(m_server->addUnit(QStringLiteral("After the desk closed")));
        QTest::qWait(500);
        auto again = desk();
        QVERIFY(again);
    }

    void mutationBuilders_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("op");
        QTest::newRow("revoke key → POST /v1/keys/{id}/revoke")
            << 0 << QByteArrayLiteral("POST") << QStringLiteral("/v1/keys/k1/revoke") << QStringLiteral("keys")
            << QStringLiteral("key.revoke");
        QTest::newRow("edit key → PATCH /v1/keys/{id}")
            << 1 << QByteArrayLiteral("PATCH") << QStringLiteral("/v1/keys/k1") << QStringLiteral("keys")
            << QStringLiteral("key.edit");
        QTest::newRow("create key → POST /v1/keys") << 2 << QByteArrayLiteral("POST") << QStringLiteral("/v1/keys")
                                                    << QStringLiteral("keys") << QStringLiteral("key.create");
        QTest::newRow("invalidate offline keys → POST /v1/users/{id}/offline-keys/invalidate")
            << 3 << QByteArrayLiteral("POST") << QStringLiteral("/v1/users/u1/offline-keys/invalidate")
            << QStringLiteral("users") << QStringLiteral("user.invalidate_offline_keys");
        QTest::newRow("issue quick click → POST /v1/locks/{id}/quick-clicks")
            << 4 << QByteArrayLiteral("POST") << QStringLiteral("/v1/locks/l1/quick-clicks")
            << QStringLiteral("quick_clicks") << QStringLiteral("quick_click.issue");
        QTest::newRow("revoke quick click → DELETE /v1/locks/{id}/quick-clicks/{code}")
            << 5 << QByteArrayLiteral("DELETE") << QStringLiteral("/v1/locks/l1/quick-clicks/0101")
            << QStringLiteral("quick_clicks") << QStringLiteral("quick_click.revoke");
        QTest::newRow("staff password → refused (no path)")
            << 6 << QByteArrayLiteral("PATCH") << QString() << QStringLiteral("staff") << QStringLiteral("staff.edit");
    }

    void mutationBuilders()
    {
        QFETCH(int, which);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, entity);
        QFETCH(QString, op);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QJsonObject key { { QStringLiteral("valid_from"), QStringLiteral("2026-03-01T09:00:00Z") },
                                { QStringLiteral("windows"),
                                  QJsonArray { QJsonObject { { QStringLiteral("days"), QJsonArray { 1 } } } } } };
        OutboxEntry e;
        switch (which) {
        case 0:
            e = Mutations::revokeKey(QStringLiteral("k1"), QStringLiteral("lost phone"), QStringLiteral("s1"), now);
            QCOMPARE(e.effectData.value(QStringLiteral("revoked_at")).toInteger(), now.toMSecsSinceEpoch());
            break;
        case 1:
            e = Mutations::editKey(QStringLiteral("k1"), key);
            // The effect is in the feed's format: instants as unix ms, windows as JSON text.
            QCOMPARE(e.effectData.value(QStringLiteral("valid_from")).toInteger(),
                     QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch());
            QVERIFY(e.effectData.value(QStringLiteral("windows_json")).isString());
            break;
        case 2:
            e = Mutations::createKey(key, QStringLiteral("f1"), QStringLiteral("s1"), now);
            QVERIFY(Mutations::isLocalId(e.entityId));
            QCOMPARE(e.effect, OutboxEntry::Effect::Upsert);
            break;
        case 3:
            e = Mutations::invalidateOfflineKeys(QStringLiteral("u1"));
            break;
        case 4:
            e = Mutations::issueQuickClick(QStringLiteral("l1"), QStringLiteral("0101"), 3, now);
            QCOMPARE(e.effectData.value(QStringLiteral("pending")).toInt(), 1);
            break;
        case 5:
            e = Mutations::revokeQuickClick(QStringLiteral("q1"), QStringLiteral("l1"), QStringLiteral("0101"));
            break;
        default:
            e = Mutations::editStaff(QStringLiteral("s1"),
                                     QJsonObject { { QStringLiteral("password"), QStringLiteral("secret secret") } });
            break;
        }
        QCOMPARE(e.method, method);
        QCOMPARE(e.path, path);
        QCOMPARE(e.entity, entity);
        QCOMPARE(e.op, op);
        if (path.isEmpty()) {
            // The outbox refuses it: a password never lands in the cache file.
            CacheStore cache(m_dir.filePath(QStringLiteral("builders.sqlite")));
            QVERIFY(awaitTask(cache.open())->ok());
            QVERIFY(!awaitTask(cache.enqueue(e))->ok());
            QVERIFY(awaitTask(cache.allOutbox())->value().isEmpty());
        }
    }

    void corruptCacheIsRebuiltFromTheServerKeepingTheOutbox()
    {
        const QString path = m_dir.filePath(QStringLiteral("corrupt.sqlite"));
        const QString userId = createUser(QStringLiteral("Eve Before"));
        {
            auto d = desk(path);
            QVERIFY(d);
            QSignalSpy synced(&d->engine, &SyncEngine::synced);
            d->engine.start();
            QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
            d->engine.stop();
            m_server->stop(); // so the change stays unsent
            auto seq = awaitTask(d->engine.submit(
                Mutations::editUser(userId, QJsonObject { { QStringLiteral("name"), QStringLiteral("Eve After") } })));
            QVERIFY(seq && *seq);
        }
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 size = file.size();
            QVERIFY(size > 100000);
            // Damage pages in the second half (synced rows), not the outbox's early page.
            for (qint64 at = size / 2; at < size - 4096; at += 4096 * 5) {
                file.seek(at);
                file.write(QByteArray(4096, '\xA5'));
            }
        }
        QVERIFY(m_server->start());
        auto d = std::make_unique<Desk>(m_network, m_server->url(), m_ownerToken, path);
        auto opened = awaitTask(d->cache.open());
        QVERIFY(opened && *opened);
        QVERIFY(opened->value().recovered);
        QCOMPARE(opened->value().salvagedOutbox, 1);
        QVERIFY(QFile::exists(opened->value().movedAsidePath));
        QSignalSpy synced(&d->engine, &SyncEngine::synced);
        d->engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(awaitTask(d->cache.allOutbox())->value().isEmpty(), 5000);
        auto name = m_server->db().scalar(QStringLiteral("SELECT name FROM users WHERE id = ?"), { userId });
        QCOMPARE(name->toString(), QStringLiteral("Eve After"));
        auto cached = awaitTask(allCached(d->cache, kEntities));
        QCOMPARE(cached->value(), onlyEntities(serverData(*m_server)));
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "TestSyncEngine.moc"
