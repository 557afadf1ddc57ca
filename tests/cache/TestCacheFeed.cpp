// CacheDatabase::applyFeedBody: GET /v1/changes bodies applied as received — the head read from the body's
// ends, bad bodies refused with nothing changed, tombstones before re-creations, rows under local changes.
#include "core/cache/CacheDatabase.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk::Core;

namespace {

QByteArray unitJson(const QString &id, qint64 revision, const QString &name)
{
    return QStringLiteral(R"({"entity":"units","id":"%1","revision":%2,"deleted":false,)"
                          R"("data":{"id":"%1","facility_id":"f1","name":"%3"}})")
        .arg(id)
        .arg(revision)
        .arg(name)
        .toUtf8();
}

QByteArray tombstoneJson(const QString &id, qint64 revision)
{
    return QStringLiteral(R"({"entity":"units","id":"%1","revision":%2,"deleted":true,"data":null})")
        .arg(id)
        .arg(revision)
        .toUtf8();
}

QByteArray body(const QList<QByteArray> &rows, qint64 next, bool more = false)
{
    return "{\"changes\":[" + rows.join(',') + "],\"count\":" + QByteArray::number(rows.size())
        + ",\"next_revision\":" + QByteArray::number(next) + ",\"has_more\":" + (more ? "true" : "false") + "}";
}

QString column(CacheDatabase &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("<none>");
    return q.value(0).toString();
}

} // namespace

class TestCacheFeed final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CacheDatabase> m_db;

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        auto db = CacheDatabase::open(m_dir.filePath(QStringLiteral("feed-%1.sqlite").arg(++n)));
        QVERIFY(db);
        m_db = std::move(db).value();
    }

    void cleanup() { m_db.reset(); }

    void peekReadsOnlyTheServersLayout_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("found");
        QTest::addColumn<qint64>("next");
        QTest::addColumn<bool>("more");
        QTest::newRow("server layout, more")
            << body({ unitJson(QStringLiteral("u1"), 3, QStringLiteral("A")) }, 3, true) << true << qint64(3) << true;
        QTest::newRow("empty page, spaces")
            << QByteArray(" { \"changes\" : [ ] , \"count\":0, \"next_revision\" : 77 , \"has_more\" : false }\n")
            << true << qint64(77) << false;
        QTest::newRow("other key order → parse instead")
            << QByteArray(R"({"next_revision":5,"has_more":false,"changes":[]})") << false << qint64(0) << false;
        QTest::newRow("trailer inside a nested object → parse instead")
            << QByteArray(R"({"changes":[],"x":{"next_revision":5,"has_more":false}})") << false << qint64(0) << false;
        QTest::newRow("not JSON") << QByteArray("<html>502</html>") << false << qint64(0) << false;
    }

    void peekReadsOnlyTheServersLayout()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, found);
        const std::optional<FeedPageHead> head = CacheDatabase::peekFeedHead(body);
        QCOMPARE(head.has_value(), found);
        if (found) {
            QTEST(head->nextRevision, "next");
            QTEST(head->hasMore, "more");
        }
    }

    void applyCopiesColumnsAndReportsChangedRows()
    {
        auto stats = m_db->applyFeedBody(body({ unitJson(QStringLiteral("u1"), 2, QStringLiteral("A-1")),
                                                unitJson(QStringLiteral("u2"), 3, QStringLiteral("Ä \\\"quoted\\\"")),
                                                R"({"entity":"future_things","id":"x","revision":4,"data":{}})" },
                                              9));
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QCOMPARE(stats->applied, 2);
        QCOMPARE(stats->skipped, 1);
        QCOMPARE(stats->lastRevision, 9);
        QCOMPARE(stats->changed.value(QStringLiteral("units")),
                 QStringList({ QStringLiteral("u1"), QStringLiteral("u2") }));
        QCOMPARE(m_db->lastRevision(), 9);
        QCOMPARE(column(*m_db, QStringLiteral("SELECT name FROM units WHERE id = 'u2'")),
                 QStringLiteral("Ä \"quoted\""));
        QCOMPARE(column(*m_db, QStringLiteral("SELECT facility_id FROM units WHERE id = 'u1'")), QStringLiteral("f1"));
        auto row = m_db->row(QStringLiteral("units"), QStringLiteral("u2"));
        QVERIFY(row && row->has_value());
        QCOMPARE(row->value().data.value(QStringLiteral("name")).toString(), QStringLiteral("Ä \"quoted\""));
        QCOMPARE(row->value().revision, 3);
    }

    void tombstoneThenRecreationInOnePageKeepsTheRow()
    {
        QVERIFY(m_db->applyFeedBody(body({ unitJson(QStringLiteral("u1"), 2, QStringLiteral("old")) }, 2)));
        QVERIFY(m_db->applyFeedBody(
            body({ tombstoneJson(QStringLiteral("u1"), 3), unitJson(QStringLiteral("u1"), 4, QStringLiteral("new")),
                   tombstoneJson(QStringLiteral("gone"), 5) },
                 5)));
        QCOMPARE(column(*m_db, QStringLiteral("SELECT name FROM units WHERE id = 'u1'")), QStringLiteral("new"));
        QVERIFY(m_db->applyFeedBody(body({ tombstoneJson(QStringLiteral("u1"), 6) }, 6)));
        QCOMPARE(m_db->count(QStringLiteral("units")).value(), 0);
    }

    void badBodiesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::newRow("not JSON") << QByteArray("<html>502 Bad Gateway</html>");
        QTest::newRow("truncated") << body({ unitJson(QStringLiteral("u9"), 12, QStringLiteral("Z")) }, 12).chopped(30);
        QTest::newRow("no changes array") << QByteArray(R"({"next_revision":12,"has_more":false})");
        QTest::newRow("no next_revision") << QByteArray(R"({"changes":[],"has_more":false})");
        QTest::newRow("a row without id")
            << body({ unitJson(QStringLiteral("u9"), 12, QStringLiteral("Z")),
                      R"({"entity":"units","revision":13,"deleted":false,"data":{"name":"?"}})" },
                    13);
        QTest::newRow("a live row without data")
            << body({ R"({"entity":"units","id":"u9","revision":13,"deleted":false,"data":null})" }, 13);
        QTest::newRow("revision zero") << body(
            { R"({"entity":"units","id":"u9","revision":0,"deleted":false,"data":{}})" }, 13);
    }

    void badBodiesChangeNothing()
    {
        QFETCH(QByteArray, bad);
        QVERIFY(m_db->applyFeedBody(body({ unitJson(QStringLiteral("u1"), 2, QStringLiteral("A-1")) }, 2)));
        auto stats = m_db->applyFeedBody(bad);
        QVERIFY(!stats);
        QCOMPARE(stats.error().code, QStringLiteral("bad_response"));
        QVERIFY2(stats.error().message.contains(QStringLiteral("change feed")), qPrintable(stats.error().message));
        QCOMPARE(m_db->lastRevision(), 2);
        QCOMPARE(m_db->count(QStringLiteral("units")).value(), 1);
        QCOMPARE(column(*m_db, QStringLiteral("SELECT name FROM units WHERE id = 'u1'")), QStringLiteral("A-1"));
        // Still usable afterwards (the transaction was rolled back, the staging table emptied).
        QVERIFY(m_db->applyFeedBody(body({ unitJson(QStringLiteral("u2"), 3, QStringLiteral("B")) }, 3)));
        QCOMPARE(m_db->count(QStringLiteral("units")).value(), 2);
    }

    void aRowUnderALocalChangeKeepsTheChangeOnTop()
    {
        QVERIFY(m_db->applyFeedBody(body({ unitJson(QStringLiteral("u1"), 2, QStringLiteral("A-1")) }, 2)));
        OutboxEntry e;
        e.op = QStringLiteral("unit.rename");
        e.method = QByteArrayLiteral("PATCH");
        e.path = QStringLiteral("/v1/units/u1");
        e.entity = QStringLiteral("units");
        e.entityId = QStringLiteral("u1");
        e.effectData = QJsonObject { { QStringLiteral("name"), QStringLiteral("local") } };
        QVERIFY(m_db->enqueue(e, 1));
        QVERIFY(m_db->applyFeedBody(body({ R"({"entity":"units","id":"u1","revision":5,"deleted":false,)"
                                           R"("data":{"id":"u1","facility_id":"f2","name":"server"}})" },
                                         5)));
        auto row = m_db->row(QStringLiteral("units"), QStringLiteral("u1"));
        QVERIFY(row && row->has_value());
        QCOMPARE(row->value().data.value(QStringLiteral("name")).toString(), QStringLiteral("local"));
        QCOMPARE(row->value().data.value(QStringLiteral("facility_id")).toString(), QStringLiteral("f2"));
        QCOMPARE(row->value().pending, 1);
        QCOMPARE(column(*m_db, QStringLiteral("SELECT revision FROM base_rows WHERE id = 'u1'")), QStringLiteral("5"));
    }
};

QTEST_GUILESS_MAIN(TestCacheFeed)
#include "TestCacheFeed.moc"
