// CacheStore: every database call runs on the worker thread; results come back to the caller's thread.
#include "core/cache/CacheStore.h"
#include "tests/client/AwaitTask.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk::Core;
using Keydesk::Test::awaitTask;

namespace {

QCoro::Task<Result<QThread *>> threadOfWorker(CacheStore &store)
{
    auto job = [](CacheDatabase &) { return Result<QThread *>(QThread::currentThread()); };
    co_return co_await store.run(std::move(job));
}

} // namespace

class TestCacheStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void worksOffTheCallersThreadAndAnnouncesChanges()
    {
        QTemporaryDir dir;
        CacheStore store(dir.filePath(QStringLiteral("c.sqlite")));
        auto opened = awaitTask(store.open());
        QVERIFY(opened && *opened);
        QVERIFY(opened->value().created);

        QThread *caller = QThread::currentThread();
        auto where = awaitTask(threadOfWorker(store));
        QVERIFY(where && *where);
        QVERIFY(where->value() != caller);

        QSignalSpy rows(&store, &CacheStore::rowsChanged);
        QSignalSpy outbox(&store, &CacheStore::outboxChanged);
        ChangePage page;
        ChangeRow r;
        r.entity = QStringLiteral("units");
        r.id = QStringLiteral("u1");
        r.revision = 4;
        r.data = QJsonObject { { QStringLiteral("id"), QStringLiteral("u1") },
                               { QStringLiteral("name"), QStringLiteral("A-1") } };
        page.rows = { r };
        page.nextRevision = 4;
        auto applied = awaitTask(store.applyPage(page));
        QVERIFY(applied && *applied);
        QCOMPARE(rows.count(), 1);
        QCOMPARE(rows.first().at(0).toString(), QStringLiteral("units"));
        QCOMPARE(awaitTask(store.lastRevision())->value(), 4);

        OutboxEntry e;
        e.op = QStringLiteral("unit.rename");
        e.method = QByteArrayLiteral("PATCH");
        e.path = QStringLiteral("/v1/units/u1");
        e.entity = QStringLiteral("units");
        e.entityId = QStringLiteral("u1");
        e.effectData = QJsonObject { { QStringLiteral("name"), QStringLiteral("B-1") } };
        auto seq = awaitTask(store.enqueue(e));
        QVERIFY(seq && *seq);
        QCOMPARE(outbox.count(), 1);
        QCOMPARE(rows.count(), 2);
        auto row = awaitTask(store.row(QStringLiteral("units"), QStringLiteral("u1")));
        QVERIFY(row && *row && row->value());
        QCOMPARE(row->value()->data.value(QStringLiteral("name")).toString(), QStringLiteral("B-1"));
        QCOMPARE(row->value()->pending, 1);
    }

    void failedOpenIsAnError()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        CacheStore store(dir.filePath(QStringLiteral("file/c.sqlite"))); // a file where the folder should be
        auto opened = awaitTask(store.open());
        QVERIFY(opened && !*opened);
        auto rows = awaitTask(store.rows(QStringLiteral("units")));
        QVERIFY(rows && !*rows);
        QCOMPARE(rows->error().code, QStringLiteral("cache_closed"));
    }
};

QTEST_GUILESS_MAIN(TestCacheStore)
#include "TestCacheStore.moc"
