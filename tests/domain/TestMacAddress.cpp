#include "core/domain/MacAddress.h"

#include <QTest>

using Keydesk::Core::MacAddress;

class TestMacAddress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("canonical");

        QTest::newRow("lower colon") << QStringLiteral("aa:bb:cc:dd:ee:ff") << true
                                     << QStringLiteral("AA:BB:CC:DD:EE:FF");
        QTest::newRow("upper dash") << QStringLiteral("AA-BB-CC-DD-EE-0F") << true
                                    << QStringLiteral("AA:BB:CC:DD:EE:0F");
        QTest::newRow("bare") << QStringLiteral("a1b2c3d4e5f6") << true << QStringLiteral("A1:B2:C3:D4:E5:F6");
        QTest::newRow("mixed case, blanks around")
            << QStringLiteral("  De:aD:bE:eF:00:01 ") << true << QStringLiteral("DE:AD:BE:EF:00:01");
        QTest::newRow("empty") << QString() << false << QString();
        QTest::newRow("too short") << QStringLiteral("aa:bb:cc:dd:ee") << false << QString();
        QTest::newRow("too long bare") << QStringLiteral("aabbccddeeff00") << false << QString();
        QTest::newRow("mixed separators") << QStringLiteral("aa:bb-cc:dd:ee:ff") << false << QString();
        QTest::newRow("dot separators") << QStringLiteral("aa.bb.cc.dd.ee.ff") << false << QString();
        QTest::newRow("non-hex digit") << QStringLiteral("aa:bb:cc:dd:ee:fg") << false << QString();
        QTest::newRow("separator misplaced") << QStringLiteral("aab:b:cc:dd:ee:ff") << false << QString();
        QTest::newRow("unicode digit") << QStringLiteral("aa:bb:cc:dd:ee:\u0661\u0662") << false << QString();
    }

    void parse()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        QFETCH(QString, canonical);

        const auto mac = MacAddress::parse(input);
        QCOMPARE(mac.ok(), valid);
        if (valid) {
            QCOMPARE(mac->toString(), canonical);
            QCOMPARE(MacAddress::parse(mac->toString())->toString(), canonical); // round trip
            QCOMPARE(MacAddress::fromBytes(mac->toBytes())->toString(), canonical);
        } else {
            QCOMPARE(mac.error().code, QStringLiteral("invalid_mac"));
            QVERIFY2(mac.error().message.contains(QLatin1Char('"') + input + QLatin1Char('"')),
                     qPrintable(mac.error().message)); // the error names the input
        }
    }

    void fromBytesRejectsWrongLength()
    {
        QVERIFY(!MacAddress::fromBytes(QByteArray(5, 'x')).ok());
        QVERIFY(!MacAddress::fromBytes(QByteArray(7, 'x')).ok());
    }

    void ordersAndHashes()
    {
        const auto a = *MacAddress::parse(QStringLiteral("00:00:00:00:00:01"));
        const auto b = *MacAddress::parse(QStringLiteral("00:00:00:00:00:02"));
        QVERIFY(a < b);
        QVERIFY(a != b);
        QCOMPARE(qHash(a), qHash(*MacAddress::parse(QStringLiteral("000000000001"))));
    }
};

QTEST_GUILESS_MAIN(TestMacAddress)
#include "TestMacAddress.moc"
