// CacheStore: every database call runs on the worker thread; results come back to the caller's thread.
#include "core/cache/CacheStore.h"
#include "tests/client/AwaitTask.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk::Core;
using Keydesk::Test::awaitTask;

namespace {

ChangeRow unitRow(const QString &id, qint64 revision)
{
    ChangeRow r;
    r.entity = QStringLiteral("units");
    r.id = id;
    r.revision = revision;
    r.data = QJsonObject { { QStringLiteral("id"), id }, { QStringLiteral("name"), id.toUpper() } };
    return r;
}

/// The task finished and its Result is a success.
template <typename T> bool succeeded(const T &awaited)
{
    return awaited && bool(*awaited);
}

ChangePage pageOf(QList<ChangeRow> rows)
{
    ChangePage page;
    page.nextRevision = rows.last().revision;
    page.rows = std::move(rows);
    return page;
}

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

    void bulkLoadIsAnnouncedOnceAsWholeTables()
    {
        // The initial full sync applies hundreds of pages: readers must not read back every synced row while it
        // runs (1M keys crawled with the views open), so the store announces each touched entity once at the end.
        QTemporaryDir dir;
        CacheStore store(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(succeeded(awaitTask(store.open())));
        QSignalSpy rows(&store, &CacheStore::rowsChanged);

        QVERIFY(succeeded(awaitTask(store.beginBulkLoad())));
        QVERIFY(store.isQuiet());
        QVERIFY(succeeded(awaitTask(
            store.applyPage(pageOf({ unitRow(QStringLiteral("u1"), 1), unitRow(QStringLiteral("u2"), 2) })))));
        ChangeRow lock = unitRow(QStringLiteral("l1"), 3);
        lock.entity = QStringLiteral("locks");
        QVERIFY(succeeded(awaitTask(store.applyPage(pageOf({ unitRow(QStringLiteral("u3"), 3), lock })))));
        QCOMPARE(rows.count(), 0);

        QVERIFY(succeeded(awaitTask(store.endBulkLoad())));
        QVERIFY(!store.isQuiet());
        QCOMPARE(rows.count(), 2);
        QCOMPARE(rows.at(0).at(0).toString(), QStringLiteral("locks"));
        QCOMPARE(rows.at(0).at(1).toStringList(), QStringList());
        QCOMPARE(rows.at(1).at(0).toString(), QStringLiteral("units"));
        QCOMPARE(rows.at(1).at(1).toStringList(), QStringList());
        QCOMPARE(awaitTask(store.rows(QStringLiteral("units")))->value().size(), 3);

        // Afterwards every page is announced row by row again.
        rows.clear();
        QVERIFY(succeeded(awaitTask(store.applyPage(pageOf({ unitRow(QStringLiteral("u4"), 4) })))));
        QCOMPARE(rows.count(), 1);
        QCOMPARE(rows.first().at(1).toStringList(), QStringList { QStringLiteral("u4") });
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
