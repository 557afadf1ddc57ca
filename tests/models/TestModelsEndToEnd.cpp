// End to end: the real keydesk-server in-process on loopback (port 0) → ApiClient → SyncEngine → CacheStore →
// KeysModel / UsersModel. Changes made online by another desktop arrive as precise row signals, never a reset;
// a local revocation shows as pending at once.
#include "core/models/KeysModel.h"
#include "core/models/UsersModel.h"
#include "core/sync/Mutations.h"
#include "core/sync/SyncEngine.h"
#include "tests/client/AwaitTask.h"
#include "tests/client/LiveServer.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk;
using namespace Keydesk::Core;
using Test::awaitTask;
using Test::LiveServer;

class TestModelsEndToEnd final : public QObject
{
    Q_OBJECT

    /// POST to /v1 as another desktop; returns the created object's id under `key`.
    QString create(const QString &path, const QJsonObject &body, const QString &key)
    {
        ApiClient other(m_network, m_server->url());
        other.setToken(m_token);
        ApiRequest r;
        r.method = QByteArrayLiteral("POST");
        r.path = path;
        r.body = body;
        auto answer = awaitTask(other.send(r));
        if (!answer || !*answer) {
            qWarning() << path << (answer ? answer->error().message : QStringLiteral("timeout"));
            return {};
        }
        return answer->value().json.value(key).toObject().value(QStringLiteral("id")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<LiveServer>();
        QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
        ApiClient client(m_network, m_server->url());
        auto session = awaitTask(client.login(LiveServer::kOwner, LiveServer::kPassword));
        QVERIFY(session && *session);
        m_token = session->value().token;
        m_staffId = session->value().staffId;
    }

    void serverChangesReachTheModelsAsRowSignals()
    {
        const QString user
            = create(QStringLiteral("/v1/users"), { { QStringLiteral("name"), QStringLiteral("Dana Contractor") } },
                     QStringLiteral("user"));
        QVERIFY(!user.isEmpty());
        const QString lock = create(QStringLiteral("/v1/locks"),
                                    { { QStringLiteral("mac"), QStringLiteral("AA:BB:CC:00:11:22") },
                                      { QStringLiteral("serial"), QStringLiteral("SN-E2E-1") },
                                      { QStringLiteral("name"), QStringLiteral("B-104") } },
                                    QStringLiteral("lock"));
        QVERIFY(!lock.isEmpty());
        const QString active = create(QStringLiteral("/v1/keys"),
                                      { { QStringLiteral("lock_id"), lock },
                                        { QStringLiteral("user_id"), user },
                                        { QStringLiteral("description"), QStringLiteral("Contractor access") },
                                        { QStringLiteral("valid_from"), QStringLiteral("2026-01-01T00:00:00Z") },
                                        { QStringLiteral("notify"), QStringLiteral("none") } },
                                      QStringLiteral("key"));
        QVERIFY(!active.isEmpty());

        QTemporaryDir dir;
        ApiClient client(m_network, m_server->url());
        client.setToken(m_token);
        CacheStore cache(dir.filePath(QStringLiteral("cache.sqlite")));
        auto opened = awaitTask(cache.open());
        QVERIFY(opened && *opened);
        SyncEngine engine(client, cache);
        SyncEngine::Options options;
        options.longPollSeconds = 5;
        engine.setOptions(options);

        KeysModel keys;
        UsersModel users;
        QAbstractItemModelTester keysTester(&keys, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester usersTester(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
        keys.attach(&cache);
        users.attach(&cache);
        QTRY_VERIFY(keys.isLoaded() && users.isLoaded());

        QSignalSpy synced(&engine, &SyncEngine::synced);
        // The initial full sync reaches the models as one load at its end, not row by row (read back while the
        // sync writes them, a million keys crawled).
        QSignalSpy insertedDuringSync(&keys, &QAbstractItemModel::rowsInserted);
        QSignalSpy loadedAfterSync(&keys, &CacheTableModel::loaded);
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(keys.rowOfId(active) >= 0, 5000);
        QCOMPARE(insertedDuringSync.count(), 0);
        QVERIFY(loadedAfterSync.count() >= 1);
        int row = keys.rowOfId(active);
        QCOMPARE(keys.index(row, KeysModel::LockColumn).data().toString(), QStringLiteral("B-104"));
        QCOMPARE(keys.index(row, KeysModel::UserColumn).data().toString(), QStringLiteral("Dana Contractor"));
        QCOMPARE(keys.index(row, 0).data(StatusRole).toString(), QStringLiteral("ACTIVE"));
        QTRY_VERIFY(users.rowOfId(user) >= 0);
        QCOMPARE(users.index(users.rowOfId(user), UsersModel::OfflineKeyColumn).data().toString(),
                 QStringLiteral("Never issued"));

        // Another desktop adds a key: it arrives through the live long-poll as one inserted row.
        QSignalSpy resets(&keys, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&keys, &QAbstractItemModel::rowsInserted);
        const QString later = create(QStringLiteral("/v1/keys"),
                                     { { QStringLiteral("lock_id"), lock },
                                       { QStringLiteral("user_id"), user },
                                       { QStringLiteral("description"), QStringLiteral("Next year") },
                                       { QStringLiteral("valid_from"), QStringLiteral("2030-01-01T00:00:00Z") },
                                       { QStringLiteral("notify"), QStringLiteral("none") } },
                                     QStringLiteral("key"));
        QVERIFY(!later.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(keys.rowOfId(later) >= 0, 15000);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(keys.index(keys.rowOfId(later), 0).data(StatusRole).toString(), QStringLiteral("UPCOMING"));

        // A revocation here: pending at once (the outbox's optimistic effect), then confirmed by the feed.
        QSignalSpy changed(&keys, &QAbstractItemModel::dataChanged);
        auto seq = awaitTask(engine.submit(Mutations::revokeKey(active, QStringLiteral("contract ended"), m_staffId,
                                                                QDateTime::currentDateTimeUtc())));
        QVERIFY(seq && *seq);
        QTRY_VERIFY(keys.index(keys.rowOfId(active), 0).data(PendingRole).toBool()
                    || keys.index(keys.rowOfId(active), 0).data(StatusRole).toString() == QLatin1String("REVOKED"));
        QTRY_VERIFY_WITH_TIMEOUT(keys.index(keys.rowOfId(active), 0).data(StatusRole).toString()
                                         == QLatin1String("REVOKED")
                                     && !keys.index(keys.rowOfId(active), 0).data(PendingRole).toBool(),
                                 15000);
        QVERIFY(changed.size() >= 1);
        QCOMPARE(resets.size(), 0);
        engine.stop();
    }

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<LiveServer> m_server;
    QString m_token;
    QString m_staffId;
};

QTEST_MAIN(TestModelsEndToEnd)
#include "TestModelsEndToEnd.moc"
