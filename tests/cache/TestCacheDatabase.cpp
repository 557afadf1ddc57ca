// CacheDatabase: pragmas, migrations, change pages, the outbox's optimistic effects and rollback, corrupt files.
#include "core/cache/CacheDatabase.h"
#include "core/cache/CacheSchema.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk::Core;

namespace {

ChangeRow unitRow(const QString &id, qint64 revision, const QString &name, bool deleted = false)
{
    ChangeRow r;
    r.entity = QStringLiteral("units");
    r.id = id;
    r.revision = revision;
    r.deleted = deleted;
    if (!deleted)
        r.data = QJsonObject { { QStringLiteral("id"), id },
                               { QStringLiteral("facility_id"), QStringLiteral("f1") },
                               { QStringLiteral("name"), name } };
    return r;
}

ChangePage page(QList<ChangeRow> rows, qint64 next)
{
    ChangePage p;
    p.rows = std::move(rows);
    p.nextRevision = next;
    return p;
}

OutboxEntry rename(const QString &id, const QString &name)
{
    OutboxEntry e;
    e.op = QStringLiteral("unit.rename");
    e.method = QByteArrayLiteral("PATCH");
    e.path = QStringLiteral("/v1/units/") + id;
    e.body = QJsonObject { { QStringLiteral("name"), name } };
    e.entity = QStringLiteral("units");
    e.entityId = id;
    e.effect = OutboxEntry::Effect::Merge;
    e.effectData = QJsonObject { { QStringLiteral("name"), name } };
    return e;
}

ApiError conflict()
{
    ApiError e;
    e.kind = ApiErrorKind::Conflict;
    e.code = QStringLiteral("name_taken");
    e.message = QStringLiteral("The name is taken.");
    e.field = QStringLiteral("name");
    return e;
}

QString pragma(CacheDatabase &db, const QString &name)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("PRAGMA ") + name);
    return q.next() ? q.value(0).toString() : QString();
}

QString nameOf(CacheDatabase &db, const QString &id)
{
    auto row = db.row(QStringLiteral("units"), id);
    if (!row || !row->has_value())
        return QStringLiteral("<absent>");
    return row->value().data.value(QStringLiteral("name")).toString();
}

} // namespace

class TestCacheDatabase final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newFileHasPragmasSchemaAndIndexes()
    {
        QTemporaryDir dir;
        CacheOpenReport report;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("sub/cache.sqlite")), &report);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QVERIFY(report.created);
        QVERIFY(!report.recovered);
        QCOMPARE(pragma(**db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE(pragma(**db, QStringLiteral("synchronous")), QStringLiteral("1")); // NORMAL
        QCOMPARE(pragma(**db, QStringLiteral("busy_timeout")), QString::number(CacheDatabase::kBusyTimeoutMs));
        QCOMPARE(db.value()->schemaVersion(), CacheSchema::latestVersion());
        QCOMPARE(db.value()->lastRevision(), 0);
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), CacheSchema::secondaryIndexes().size());
        // Every mirrored column exists in its table.
        for (const CacheSchema::EntityTable &t : CacheSchema::entityTables()) {
            QSqlQuery c(db.value()->connection());
            QVERIFY2(c.exec(QStringLiteral("SELECT id, revision, data, pending, pending_op, %1 FROM %2 LIMIT 0")
                                .arg(t.columns.join(QLatin1Char(',')), t.entity)),
                     qPrintable(t.entity));
        }
    }

    void reopenKeepsDataAndNewerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
        {
            auto db = CacheDatabase::open(path);
            QVERIFY(db);
            QVERIFY(db.value()->applyPage(page({ unitRow(QStringLiteral("u1"), 3, QStringLiteral("A-1")) }, 3)));
        }
        {
            CacheOpenReport report;
            auto db = CacheDatabase::open(path, &report);
            QVERIFY(db);
            QVERIFY(!report.created);
            QCOMPARE(db.value()->lastRevision(), 3);
            QCOMPARE(nameOf(**db, QStringLiteral("u1")), QStringLiteral("A-1"));
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=%1").arg(CacheSchema::latestVersion() + 1)));
        }
        auto db = CacheDatabase::open(path);
        QVERIFY(!db);
        QCOMPARE(db.error().code, QStringLiteral("cache_too_new"));
        QVERIFY(db.error().message.contains(QStringLiteral("newer Keydesk")));
        QCOMPARE(QDir(dir.path()).entryList({ QStringLiteral("*.corrupt-*") }).size(), 0); // not moved aside
    }

    void applyPageUpsertsDeletesAndSkipsUnknownEntities()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(db);
        ChangeRow alien;
        alien.entity = QStringLiteral("from_the_future");
        alien.id = QStringLiteral("x");
        alien.revision = 4;
        auto stats = db.value()->applyPage(page({ unitRow(QStringLiteral("u1"), 2, QStringLiteral("A-1")),
                                                  unitRow(QStringLiteral("u2"), 3, QStringLiteral("A-2")), alien },
                                                5));
        QVERIFY(stats);
        QCOMPARE(stats->applied, 2);
        QCOMPARE(stats->skipped, 1);
        QCOMPARE(stats->changed.value(QStringLiteral("units")).size(), 2);
        QCOMPARE(db.value()->lastRevision(), 5);
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT name, facility_id FROM units WHERE id = 'u2'")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("A-2")); // copied out for the views' filters
        QCOMPARE(q.value(1).toString(), QStringLiteral("f1"));

        QVERIFY(db.value()->applyPage(page({ unitRow(QStringLiteral("u1"), 6, QString(), true),
                                             unitRow(QStringLiteral("u2"), 7, QStringLiteral("A-2b")) },
                                           7)));
        QCOMPARE(nameOf(**db, QStringLiteral("u1")), QStringLiteral("<absent>"));
        QCOMPARE(nameOf(**db, QStringLiteral("u2")), QStringLiteral("A-2b"));
        QCOMPARE(db.value()->count(QStringLiteral("units")).value(), 1);
    }

    void bulkLoadDropsAndRebuildsIndexes()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(db);
        auto indexCount = [&](const QString &like) {
            QSqlQuery q(db.value()->connection());
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE ?"));
            q.addBindValue(like);
            q.exec();
            return q.next() ? q.value(0).toInt() : -1;
        };
        int pendingIndexes = 0;
        for (const CacheSchema::SecondaryIndex &index : CacheSchema::secondaryIndexes())
            pendingIndexes += index.name.endsWith(QLatin1String("_pending")) ? 1 : 0;
        QVERIFY(pendingIndexes > 0);
        QVERIFY(db.value()->beginBulkLoad());
        // Only the partial "pending" indexes stay (the feed's rows never enter them).
        QCOMPARE(indexCount(QStringLiteral("ix_%")), pendingIndexes);
        QCOMPARE(indexCount(QStringLiteral("ix_%_pending")), pendingIndexes);
        QCOMPARE(pragma(**db, QStringLiteral("journal_mode")), QStringLiteral("memory")); // each page written once
        QCOMPARE(pragma(**db, QStringLiteral("synchronous")), QStringLiteral("0"));
        QVERIFY(db.value()->endBulkLoad());
        QCOMPARE(indexCount(QStringLiteral("ix_%")), CacheSchema::secondaryIndexes().size());
        QCOMPARE(pragma(**db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE(pragma(**db, QStringLiteral("synchronous")), QStringLiteral("1"));
        QCOMPARE(pragma(**db, QStringLiteral("page_size")), QStringLiteral("32768"));
    }

    void rejectedChangeRollsBackAndStaysUntilDismissed()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(db);
        QVERIFY(db.value()->applyPage(page({ unitRow(QStringLiteral("u1"), 2, QStringLiteral("A-1")) }, 2)));
        auto seq = db.value()->enqueue(rename(QStringLiteral("u1"), QStringLiteral("B-1")), 1000);
        QVERIFY(seq);
        auto row = db.value()->row(QStringLiteral("units"), QStringLiteral("u1")).value();
        QVERIFY(row);
        QCOMPARE(row->data.value(QStringLiteral("name")).toString(), QStringLiteral("B-1")); // optimistic
        QCOMPARE(row->pending, 1);
        QCOMPARE(row->pendingOp, QStringLiteral("unit.rename"));
        auto queued = db.value()->queued();
        QCOMPARE(queued->size(), 1);
        QVERIFY(!queued->first().idempotencyKey.isEmpty());

        QVERIFY(db.value()->reject(*seq, conflict()));
        row = db.value()->row(QStringLiteral("units"), QStringLiteral("u1")).value();
        QCOMPARE(row->data.value(QStringLiteral("name")).toString(), QStringLiteral("A-1")); // rolled back
        QCOMPARE(row->pending, 0);
        auto rejected = db.value()->rejected();
        QCOMPARE(rejected->size(), 1);
        QCOMPARE(rejected->first().errorMessage, QStringLiteral("The name is taken."));
        QCOMPARE(rejected->first().errorField, QStringLiteral("name"));
        QVERIFY(db.value()->queued()->isEmpty());
        QVERIFY(db.value()->dismiss(*seq));
        QVERIFY(db.value()->allOutbox()->isEmpty());
    }

    void feedUnderPendingChangeKeepsItOnTopUntilConfirmed()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(db);
        QVERIFY(db.value()->applyPage(page({ unitRow(QStringLiteral("u1"), 2, QStringLiteral("A-1")) }, 2)));
        OutboxEntry note = rename(QStringLiteral("u1"), QStringLiteral("ignored"));
        note.effectData = QJsonObject { { QStringLiteral("note"), QStringLiteral("local") } };
        auto seq = db.value()->enqueue(note, 1000);
        QVERIFY(seq);
        // Another desktop renamed it meanwhile: the server's name shows, the local field stays on top.
        QVERIFY(db.value()->applyPage(page({ unitRow(QStringLiteral("u1"), 5, QStringLiteral("Z-9")) }, 5)));
        auto row = db.value()->row(QStringLiteral("units"), QStringLiteral("u1")).value();
        QCOMPARE(row->data.value(QStringLiteral("name")).toString(), QStringLiteral("Z-9"));
        QCOMPARE(row->data.value(QStringLiteral("note")).toString(), QStringLiteral("local"));
        QCOMPARE(row->pending, 1);
        QCOMPARE(row->revision, 5);

        QVERIFY(db.value()->markSent(*seq, 2000));
        QCOMPARE(db.value()->sentSeqs().value(), QList<qint64> { *seq });
        QVERIFY(db.value()->confirm({ *seq }));
        row = db.value()->row(QStringLiteral("units"), QStringLiteral("u1")).value();
        QCOMPARE(row->pending, 0);
        QVERIFY(!row->data.contains(QStringLiteral("note"))); // only what the server has
        QVERIFY(db.value()->allOutbox()->isEmpty());
    }

    void rejectingOneChangeKeepsTheOthers()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(db);
        QVERIFY(db.value()->applyPage(page({ unitRow(QStringLiteral("u1"), 2, QStringLiteral("A-1")) }, 2)));
        auto first = db.value()->enqueue(rename(QStringLiteral("u1"), QStringLiteral("B-1")), 1);
        OutboxEntry second = rename(QStringLiteral("u1"), QString());
        second.effectData = QJsonObject { { QStringLiteral("floor"), 2 } };
        QVERIFY(db.value()->enqueue(second, 2));
        QVERIFY(db.value()->reject(*first, conflict()));
        auto row = db.value()->row(QStringLiteral("units"), QStringLiteral("u1")).value();
        QCOMPARE(row->data.value(QStringLiteral("name")).toString(), QStringLiteral("A-1"));
        QCOMPARE(row->data.value(QStringLiteral("floor")).toInt(), 2);
        QCOMPARE(row->pending, 1);
    }

    void rejectedCreateDisappearsAndDeleteComesBack()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(db);
        QVERIFY(db.value()->applyPage(page({ unitRow(QStringLiteral("u1"), 2, QStringLiteral("A-1")) }, 2)));
        OutboxEntry create = rename(QStringLiteral("tmp-1"), QStringLiteral("N-1"));
        create.op = QStringLiteral("unit.create");
        create.effect = OutboxEntry::Effect::Upsert;
        create.effectData = unitRow(QStringLiteral("tmp-1"), 0, QStringLiteral("N-1")).data;
        auto created = db.value()->enqueue(create, 1);
        OutboxEntry remove = rename(QStringLiteral("u1"), QString());
        remove.op = QStringLiteral("unit.delete");
        remove.effect = OutboxEntry::Effect::Delete;
        auto removed = db.value()->enqueue(remove, 2);
        QVERIFY(created && removed);
        QCOMPARE(nameOf(**db, QStringLiteral("tmp-1")), QStringLiteral("N-1"));
        QCOMPARE(nameOf(**db, QStringLiteral("u1")), QStringLiteral("<absent>"));
        QVERIFY(db.value()->reject(*created, conflict()));
        QVERIFY(db.value()->reject(*removed, conflict()));
        QCOMPARE(nameOf(**db, QStringLiteral("tmp-1")), QStringLiteral("<absent>"));
        QCOMPARE(nameOf(**db, QStringLiteral("u1")), QStringLiteral("A-1"));
    }

    void badOutboxEntryIsRefused()
    {
        QTemporaryDir dir;
        auto db = CacheDatabase::open(dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(db);
        OutboxEntry e = rename(QStringLiteral("u1"), QStringLiteral("x"));
        e.entity = QStringLiteral("spaceships");
        auto r = db.value()->enqueue(e, 1);
        QVERIFY(!r);
        QCOMPARE(r.error().field, QStringLiteral("entity"));
        QVERIFY(db.value()->allOutbox()->isEmpty());
    }

    void defaultPathIsPerServerAndFacility_data()
    {
        QTest::addColumn<QUrl>("server");
        QTest::addColumn<QString>("facility");
        QTest::addColumn<QString>("file");
        QTest::newRow("http with port") << QUrl(QStringLiteral("http://127.0.0.1:8080")) << QStringLiteral("f-1")
                                        << QStringLiteral("cache/127.0.0.1_8080-f-1.sqlite");
        QTest::newRow("https default port")
            << QUrl(QStringLiteral("https://keys.example.com/")) << QStringLiteral("f-2")
            << QStringLiteral("cache/keys.example.com_443-f-2.sqlite");
        QTest::newRow("odd characters are replaced")
            << QUrl(QStringLiteral("http://[::1]:9000")) << QStringLiteral("a/b")
            << QStringLiteral("cache/__1_9000-a_b.sqlite");
    }

    void defaultPathIsPerServerAndFacility()
    {
        QFETCH(QUrl, server);
        QFETCH(QString, facility);
        QFETCH(QString, file);
        QCOMPARE(CacheDatabase::defaultPath(QStringLiteral("/data"), server, facility),
                 QStringLiteral("/data/") + file);
    }

    void corruptFile_data()
    {
        QTest::addColumn<bool>("garbageHeader");
        QTest::newRow("damaged table pages → moved aside, outbox kept") << false;
        QTest::newRow("not a database at all → moved aside") << true;
    }

    void corruptFile()
    {
        QFETCH(bool, garbageHeader);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        {
            auto db = CacheDatabase::open(path);
            QVERIFY(db);
            QVERIFY(db.value()->enqueue(rename(QStringLiteral("u1"), QStringLiteral("kept")), 1)); // early page
            QList<ChangeRow> rows;
            for (int i = 0; i < 3000; ++i)
                rows.append(unitRow(QStringLiteral("unit-%1").arg(i), i + 1,
                                    QStringLiteral("a fairly long unit name to fill pages %1").arg(i)));
            QVERIFY(db.value()->applyPage(page(rows, 3000)));
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const qint64 size = file.size();
            QVERIFY(size > 200000);
            if (garbageHeader) {
                file.seek(0);
                file.write(QByteArray(100, 'x'));
            } else {
                // Scribble over pages in the second half: the bulk-loaded units, not the outbox's early page.
                for (qint64 at = size / 2; at < size - 4096; at += 4096 * 7) {
                    file.seek(at);
                    file.write(QByteArray(4096, '\xA5'));
                }
            }
        }
        CacheOpenReport report;
        auto db = CacheDatabase::open(path, &report);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QVERIFY(report.recovered);
        QVERIFY(QFile::exists(report.movedAsidePath)); // never silently deleted
        QVERIFY(!report.reason.isEmpty());
        QCOMPARE(db.value()->lastRevision(), 0); // rebuilt from the server by the next (full) sync
        QCOMPARE(db.value()->count(QStringLiteral("units")).value(), 0);
        if (!garbageHeader) {
            QCOMPARE(report.salvagedOutbox, 1);
            auto queued = db.value()->queued();
            QCOMPARE(queued->size(), 1);
            QCOMPARE(queued->first().effectData.value(QStringLiteral("name")).toString(), QStringLiteral("kept"));
            // The unsent change is still shown as pending (its row comes back with the full sync).
            auto row = db.value()->row(QStringLiteral("units"), QStringLiteral("u1")).value();
            QVERIFY(!row); // the server's row is not known yet; a merge over nothing shows nothing
        }
        QCOMPARE(pragma(**db, QStringLiteral("quick_check")), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCacheDatabase)
#include "TestCacheDatabase.moc"
