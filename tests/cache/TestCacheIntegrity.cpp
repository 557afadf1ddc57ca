// When the cache runs its quick_check: before use after a crash or when something else wrote the file, in the
// background after a clean close (opening a large cache must not wait seconds for it) — and damage the
// background check finds is repaired at the next start.
#include "core/cache/CacheStore.h"
#include "tests/client/AwaitTask.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk::Core;
using Keydesk::Test::awaitTask;

namespace {

ChangePage units(int count)
{
    ChangePage page;
    for (int i = 0; i < count; ++i) {
        ChangeRow r;
        r.entity = QStringLiteral("units");
        r.id = QStringLiteral("unit-%1").arg(i);
        r.revision = i + 1;
        r.data = QJsonObject { { QStringLiteral("id"), r.id },
                               { QStringLiteral("name"),
                                 QStringLiteral("a fairly long unit name to fill pages %1").arg(i) } };
        page.rows.append(r);
    }
    page.nextRevision = count;
    return page;
}

} // namespace

class TestCacheIntegrity final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aCleanCloseDefersTheCheckAndACrashDoesNot()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        {
            auto db = CacheDatabase::open(path);
            QVERIFY(db);
            QVERIFY(db.value()->applyPage(units(10)));
        }
        QVERIFY(QFile::exists(path + QStringLiteral(".clean")));
        CacheOpenReport report;
        {
            auto db = CacheDatabase::open(path, &report);
            QVERIFY(db);
            QVERIFY(report.quickCheckDeferred);
            QVERIFY(!QFile::exists(path + QStringLiteral(".clean"))); // a crash from here on leaves none
            QVERIFY(db.value()->applyPage(units(20)));
            (void)db.value().release(); // "crash": the destructor never runs
        }
        auto db = CacheDatabase::open(path, &report);
        QVERIFY(db);
        QVERIFY(!report.quickCheckDeferred);
        QCOMPARE(db.value()->count(QStringLiteral("units")).value(), 20);
    }

    void aFileWrittenAfterTheCloseIsCheckedFirst()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        {
            auto db = CacheDatabase::open(path);
            QVERIFY(db);
            QVERIFY(db.value()->applyPage(units(10)));
        }
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write(QByteArray(4096, '\0')); // another program grew the file
        }
        CacheOpenReport report;
        auto db = CacheDatabase::open(path, &report);
        QVERIFY(db);
        QVERIFY(!report.quickCheckDeferred);
    }

    void theBackgroundCheck_data()
    {
        QTest::addColumn<bool>("damaged");
        QTest::newRow("a sound file → ok") << false;
        QTest::newRow("damage no timestamp shows → reported, repaired at the next start") << true;
    }

    void theBackgroundCheck()
    {
        QFETCH(bool, damaged);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        {
            auto db = CacheDatabase::open(path);
            QVERIFY(db);
            QVERIFY(db.value()->applyPage(units(3000)));
        }
        if (damaged) {
            QFile stamp(path + QStringLiteral(".clean"));
            QVERIFY(stamp.open(QIODevice::ReadOnly));
            const QByteArray before = stamp.readAll();
            stamp.close();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 size = file.size();
            for (qint64 at = size / 2; at < size - 4096; at += 4096 * 7) {
                file.seek(at);
                file.write(QByteArray(4096, '\xA5'));
            }
            QVERIFY(file.flush());
            // Bit rot does not change the modification time: give the damaged file the stamp it had.
            QVERIFY(file.setFileTime(QDateTime::fromMSecsSinceEpoch(before.split(' ').value(1).trimmed().toLongLong()),
                                     QFileDevice::FileModificationTime));
            file.close();
        }
        {
            CacheStore store(path);
            QSignalSpy checked(&store, &CacheStore::integrityChecked);
            auto opened = awaitTask(store.open());
            QVERIFY(opened && *opened);
            QVERIFY(opened->value().quickCheckDeferred);
            QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 20000);
            QCOMPARE(checked.first().at(0).toBool(), !damaged);
            QCOMPARE(checked.first().at(1).toString().isEmpty(), !damaged);
        }
        CacheOpenReport report;
        auto db = CacheDatabase::open(path, &report);
        QVERIFY(db);
        QCOMPARE(report.quickCheckDeferred, false == damaged);
        QCOMPARE(report.recovered, damaged);
    }

    void closingDuringTheBackgroundCheckDoesNotWaitForIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        {
            auto db = CacheDatabase::open(path);
            QVERIFY(db);
            QVERIFY(db.value()->applyPage(units(3000)));
        }
        auto store = std::make_unique<CacheStore>(path);
        auto opened = awaitTask(store->open());
        QVERIFY(opened && *opened && opened->value().quickCheckDeferred);
        store.reset(); // interrupts the check; a cancelled check reports nothing and marks nothing
        CacheOpenReport report;
        auto db = CacheDatabase::open(path, &report);
        QVERIFY(db);
        QVERIFY(report.quickCheckDeferred);
        QVERIFY(!report.recovered);
    }
};

QTEST_GUILESS_MAIN(TestCacheIntegrity)
#include "TestCacheIntegrity.moc"
