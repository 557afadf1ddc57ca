// FeedScanner: the strict single-pass reader of change-feed bodies. Every JSON rule it must hold (strings with
// every escape, surrogate pairs, numbers of every shape, nesting, whitespace) and every malformed body refused.
#include "core/cache/FeedScanner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Keydesk::Core;

class TestFeedScanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsRowsAndHeadInAnyKeyOrder()
    {
        const QByteArray body = " { \"count\": 2, \"has_more\": true,\n"
                                "            \"changes\": [ {\"data\": {\"id\": \"k1\", \"n\": 3}, \"revision\": 7, "
                                "\"id\": \"k1\", \"entity\": \"keys\"},\n"
                                "                         {\"entity\": \"units\", \"id\": \"u\\u00e9\", \"revision\": "
                                "8, \"deleted\": true, \"data\": null, \"x\": [1, {}]} ],\n"
                                "            \"next_revision\": 9 } ";
        QList<FeedScanner::Row> rows;
        QStringList ids;
        QString error;
        auto head = FeedScanner::scan(
            body,
            [&](const FeedScanner::Row &r) {
                rows.append(r);
                ids.append(QString::fromUtf8(r.id)); // views are valid during the callback only
                return true;
            },
            &error);
        QVERIFY2(head, qPrintable(error));
        QCOMPARE(head->nextRevision, 9);
        QVERIFY(head->hasMore);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(ids, QStringList({ QStringLiteral("k1"), QStringLiteral("ué") }));
        QCOMPARE(rows.at(0).revision, 7);
        QVERIFY(!rows.at(0).deleted);
        QCOMPARE(QJsonDocument::fromJson(rows.at(0).data.toByteArray()).object().value(QStringLiteral("n")).toInt(), 3);
        QVERIFY(rows.at(1).deleted);
        QVERIFY(rows.at(1).data.isEmpty());
    }

    void decodesFieldsLikeAJsonParser_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("escapes") << QByteArray("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\te\"}");
        QTest::newRow("unicode and a surrogate pair") << QByteArray("{\"s\":\"\\u00e4\\u20ac\\ud83d\\ude00 ok\"}");
        QTest::newRow("raw UTF-8") << QByteArray("{\"s\":\"Grüße 😀\"}");
        QTest::newRow("numbers") << QByteArray(R"({"a":0,"b":-12,"c":1795613169077,"d":2.95,"e":-1.5e3,"f":1E2})");
        QTest::newRow("literals and nesting")
            << QByteArray(R"({"t":true,"f":false,"n":null,"o":{"x":[1,2,{"y":"z"}]}})");
    }

    void decodesFieldsLikeAJsonParser()
    {
        QFETCH(QByteArray, json);
        const QJsonObject expected = QJsonDocument::fromJson(json).object();
        QVERIFY(!expected.isEmpty());
        QJsonObject got;
        QString error;
        QVERIFY2(FeedScanner::scanObject(
                     json,
                     [&got](QByteArrayView key, const FeedValue &v) {
                         const QString k = QString::fromUtf8(key);
                         switch (v.type) {
                         case FeedValue::Type::Null:
                             got.insert(k, QJsonValue::Null);
                             break;
                         case FeedValue::Type::Bool:
                             got.insert(k, v.integer != 0);
                             break;
                         case FeedValue::Type::Integer:
                             got.insert(k, v.integer);
                             break;
                         case FeedValue::Type::Real:
                             got.insert(k, v.real);
                             break;
                         case FeedValue::Type::String:
                             got.insert(k, QString::fromUtf8(v.text));
                             break;
                         case FeedValue::Type::Nested:
                             got.insert(k, QJsonDocument::fromJson(v.text.toByteArray()).object());
                             break;
                         }
                     },
                     &error),
                 qPrintable(error));
        QCOMPARE(got, expected);
    }

    void refusesMalformedBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not JSON") << QByteArray("<html>502</html>");
        QTest::newRow("truncated") << QByteArray(
            R"({"changes":[{"entity":"keys","id":"k","revision":1,"data":{"a":1})");
        QTest::newRow("trailing text") << QByteArray(R"({"changes":[],"next_revision":1} x)");
        QTest::newRow("no changes") << QByteArray(R"({"next_revision":1})");
        QTest::newRow("no next_revision") << QByteArray(R"({"changes":[]})");
        QTest::newRow("unterminated string") << QByteArray("{\"changes\":[],\"next_revision\":1,\"x\":\"abc}");
        QTest::newRow("bad escape") << QByteArray("{\"changes\":[],\"next_revision\":1,\"x\":\"\\q\"}");
        QTest::newRow("control character in a string")
            << QByteArray("{\"changes\":[],\"next_revision\":1,\"x\":\"a\nb\"}");
        QTest::newRow("leading zero") << QByteArray(R"({"changes":[],"next_revision":01})");
        QTest::newRow("missing comma") << QByteArray(R"({"changes":[] "next_revision":1})");
        QTest::newRow("trailing comma") << QByteArray(
            R"({"changes":[{"entity":"keys","id":"k","revision":1,"data":{},}],"next_revision":1})");
        QTest::newRow("row without id") << QByteArray(
            R"({"changes":[{"entity":"keys","revision":1,"data":{}}],"next_revision":1})");
        QTest::newRow("revision as text")
            << QByteArray(R"({"changes":[{"entity":"keys","id":"k","revision":"1","data":{}}],"next_revision":1})");
        QTest::newRow("live row with data null")
            << QByteArray(R"({"changes":[{"entity":"keys","id":"k","revision":1,"data":null}],"next_revision":1})");
        QTest::newRow("data an array") << QByteArray(
            R"({"changes":[{"entity":"keys","id":"k","revision":1,"data":[]}],"next_revision":1})");
        QTest::newRow("nested too deeply")
            << QByteArray("{\"changes\":[],\"next_revision\":1,\"x\":" + QByteArray(100, char(0x5B))
                          + QByteArray(100, char(0x5D)) + "}");
    }

    void refusesMalformedBodies()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!FeedScanner::scan(body, {}, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFeedScanner)
#include "TestFeedScanner.moc"
