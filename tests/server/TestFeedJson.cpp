#include "server/ServerSetup.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/FeedJson.h"
#include "server/store/V1ChangeFeed.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Keydesk;
using namespace Keydesk::Server;

namespace {

/// What QJsonDocument writes for one value: the value inside a compact one-element array, brackets removed.
QByteArray qtJson(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

/// FeedJson, the change feed's direct JSON writer, against QJsonDocument's output byte for byte.
class TestFeedJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void utf8StringsMatchQJsonDocument_data();
    void utf8StringsMatchQJsonDocument();
    void utf16StringsMatchQJsonDocument_data();
    void utf16StringsMatchQJsonDocument();
    void numbersMatchQJsonDocument_data();
    void numbersMatchQJsonDocument();
    void feedRowsWithAwkwardTextParseBackToTheStoredValues();
};

void TestFeedJson::utf8StringsMatchQJsonDocument_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("plain ASCII") << QByteArray("Unit A-101, door 3");
    QTest::newRow("double quotes") << QByteArray("the \"big\" unit");
    QTest::newRow("backslashes") << QByteArray("C:\\keys\\\\share\\");
    QTest::newRow("newline, return, tab") << QByteArray("line 1\nline 2\r\n\tindented");
    QTest::newRow("backspace and form feed") << QByteArray("a\bb\fc");
    QTest::newRow("other control characters") << QByteArray("\x01\x02\x1b[0m\x1f");
    QTest::newRow("NUL inside") << QByteArray("before\0after", 12);
    QTest::newRow("DEL is not escaped") << QByteArray("x\x7fy");
    QTest::newRow("slash is not escaped") << QByteArray("a/b</script>");
    QTest::newRow("Latin-1 letters") << QByteArray("J\xc3\xb6rg M\xc3\xbcller, Zo\xc3\xab");
    QTest::newRow("CJK") << QByteArray("\xe9\x8d\xb5\xe5\x8c\x99 \xe4\xb8\xad\xe6\x96\x87");
    QTest::newRow("emoji (4-byte UTF-8)") << QByteArray("key \xf0\x9f\x94\x91 and \xf0\x9f\x98\x80!");
    QTest::newRow("U+FFFF and U+10FFFF") << QByteArray("\xef\xbf\xbf\xf4\x8f\xbf\xbf");
    QTest::newRow("invalid byte 0xFF") << QByteArray("a\xff"
                                                     "b");
    QTest::newRow("truncated sequence") << QByteArray("euro \xe2\x82");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf");
    QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80z");
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
    QTest::newRow("lone continuation byte") << QByteArray("\x80quote\"");
    QTest::newRow("everything at once") << QByteArray("\"\\\n\x01 J\xc3\xb6rg \xf0\x9f\x94\x91 \xff\t");
}

void TestFeedJson::utf8StringsMatchQJsonDocument()
{
    QFETCH(QByteArray, utf8);
    QByteArray out = "prefix:";
    FeedJson::appendString(out, QByteArrayView(utf8));
    QCOMPARE(out, QByteArray("prefix:") + qtJson(QString::fromUtf8(utf8)));
}

void TestFeedJson::utf16StringsMatchQJsonDocument_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QStringLiteral("plain");
    QTest::newRow("escapes") << QStringLiteral("\"\\/\b\f\n\r\t");
    QTest::newRow("control") << QString(QChar(0x01)) + QChar(0x1f) + QChar(0x7f);
    QTest::newRow("non-ASCII") << QStringLiteral("Łukasz • 中文 • ✓");
    QTest::newRow("surrogate pair (emoji)") << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("lone high surrogate") << QString(QChar(0xd83d)) + QStringLiteral("x");
    QTest::newRow("lone low surrogate at end") << QStringLiteral("x") + QChar(0xde00);
}

void TestFeedJson::utf16StringsMatchQJsonDocument()
{
    QFETCH(QString, text);
    QByteArray out;
    FeedJson::appendString(out, QStringView(text));
    QCOMPARE(out, qtJson(text));
}

void TestFeedJson::numbersMatchQJsonDocument_data()
{
    QTest::addColumn<bool>("isInteger");
    QTest::addColumn<qint64>("integer");
    QTest::addColumn<double>("real");
    QTest::newRow("zero") << true << qint64(0) << 0.0;
    QTest::newRow("unix ms") << true << qint64(1795600000000) << 0.0;
    QTest::newRow("negative") << true << qint64(-42) << 0.0;
    QTest::newRow("int64 max") << true << std::numeric_limits<qint64>::max() << 0.0;
    QTest::newRow("int64 min") << true << std::numeric_limits<qint64>::min() << 0.0;
    QTest::newRow("latitude") << false << qint64(0) << 52.52;
    QTest::newRow("one tenth") << false << qint64(0) << 0.1;
    QTest::newRow("whole double") << false << qint64(0) << 150.0;
    QTest::newRow("negative small") << false << qint64(0) << -0.000123;
    QTest::newRow("huge") << false << qint64(0) << 1e300;
    QTest::newRow("infinity is null") << false << qint64(0) << std::numeric_limits<double>::infinity();
    QTest::newRow("NaN is null") << false << qint64(0) << std::numeric_limits<double>::quiet_NaN();
}

void TestFeedJson::numbersMatchQJsonDocument()
{
    QFETCH(bool, isInteger);
    QFETCH(qint64, integer);
    QFETCH(double, real);
    QByteArray out;
    if (isInteger) {
        FeedJson::appendNumber(out, integer);
        QCOMPARE(out, qtJson(QJsonValue(integer)));
    } else {
        FeedJson::appendNumber(out, real);
        QCOMPARE(out, qtJson(QJsonValue(real)));
    }
}

void TestFeedJson::feedRowsWithAwkwardTextParseBackToTheStoredValues()
{
    QTemporaryDir dir;
    InitOptions init;
    init.databasePath = dir.filePath(QStringLiteral("feed.sqlite"));
    init.companyName = QStringLiteral("Feed");
    init.timezone = QStringLiteral("UTC");
    QVERIFY(initializeDatabase(init, QDateTime::currentMSecsSinceEpoch()));
    auto db = Database::open(init.databasePath, Database::OpenMode::OpenExisting);
    QVERIFY(db);
    const CompanyFacility site = CompanyRepository(*db.value()).defaultCompany().value();
    const QStringList names { QStringLiteral("O'Brien \"the key\" \\ keeper"), QStringLiteral("tab\there\nnewline"),
                              QString::fromUtf8("J\xc3\xb6rg \xf0\x9f\x94\x91 \xe4\xb8\xad\xe6\x96\x87"),
                              QStringLiteral("bell") + QChar(0x07) + QChar(0x1f) };
    for (int i = 0; i < names.size(); ++i) {
        QVERIFY(db.value()->exec(QStringLiteral("INSERT INTO users(id, facility_id, name, tracking_key, created_at) "
                                                "VALUES (?, ?, ?, ?, 0)"),
                                 { newId(), site.facilityId, names.at(i), QStringLiteral("tk-%1").arg(i) }));
    }
    QVERIFY(db.value()->exec(QStringLiteral("UPDATE facilities SET geofence_lat = 52.52, geofence_lon = 13.405, "
                                            "geofence_radius_m = 150.0")));
    auto page = V1ChangeFeed(*db.value()).read(site.companyId, 0, 100);
    QVERIFY(page);
    QJsonParseError error {};
    const QJsonArray rows = QJsonDocument::fromJson(page->rowsJson, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QStringList seen;
    for (const QJsonValue &row : rows) {
        const QJsonObject data = row[QStringLiteral("data")].toObject();
        if (row[QStringLiteral("entity")].toString() == QLatin1String("users"))
            seen.append(data[QStringLiteral("name")].toString());
        if (row[QStringLiteral("entity")].toString() == QLatin1String("facilities")) {
            QCOMPARE(data[QStringLiteral("geofence_lat")].toDouble(), 52.52);
            QCOMPARE(data[QStringLiteral("geofence_lon")].toDouble(), 13.405);
            // Stored verbatim: a REAL column stays a number, as QJsonDocument would write it.
            QVERIFY(page->rowsJson.contains("\"geofence_lat\":52.52,\"geofence_lon\":13.405"));
        }
    }
    QCOMPARE(seen, names);
}

QTEST_GUILESS_MAIN(TestFeedJson)
#include "TestFeedJson.moc"
