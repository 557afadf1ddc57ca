#include "core/domain/QuickClick.h"

#include <QTest>

using namespace Keydesk::Core;

/// Quick-click rules: every rule has a passing and a failing row, each failure its own error code.
class TestQuickClick final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void code_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("error"); // empty = valid
        QTest::addColumn<QString>("normalized");
        QTest::newRow("pass: shortest (3)") << QStringLiteral("010") << QString() << QStringLiteral("010");
        QTest::newRow("pass: longest (24)")
            << QStringLiteral("010101010101010101010101") << QString() << QStringLiteral("010101010101010101010101");
        QTest::newRow("pass: blanks around are dropped")
            << QStringLiteral(" 1101 ") << QString() << QStringLiteral("1101");
        QTest::newRow("fail: too short (2)")
            << QStringLiteral("01") << QStringLiteral("qc_code_too_short") << QString();
        QTest::newRow("fail: empty") << QString() << QStringLiteral("qc_code_too_short") << QString();
        QTest::newRow("fail: too long (25)")
            << QStringLiteral("0101010101010101010101010") << QStringLiteral("qc_code_too_long") << QString();
        QTest::newRow("fail: digit 2") << QStringLiteral("0120") << QStringLiteral("qc_code_not_binary") << QString();
        QTest::newRow("fail: letters") << QStringLiteral("abc") << QStringLiteral("qc_code_not_binary") << QString();
        QTest::newRow("fail: blank inside")
            << QStringLiteral("01 10") << QStringLiteral("qc_code_not_binary") << QString();
        QTest::newRow("fail: Arabic-Indic zero")
            << QStringLiteral("01\u0660") << QStringLiteral("qc_code_not_binary") << QString();
    }

    void code()
    {
        QFETCH(QString, code);
        QFETCH(QString, error);
        QFETCH(QString, normalized);
        const Result<QString> r = validateQuickClickCode(code);
        QCOMPARE(r.ok(), error.isEmpty());
        if (r.ok()) {
            QCOMPARE(*r, normalized);
        } else {
            QCOMPARE(r.error().code, error);
            QCOMPARE(r.error().field, QStringLiteral("code"));
            QVERIFY2(r.error().message.contains(QStringLiteral("\"%1\"").arg(code)), qPrintable(r.error().message));
        }
    }

    void uses_data()
    {
        QTest::addColumn<int>("uses");
        QTest::addColumn<bool>("valid");
        QTest::newRow("pass: one use") << 1 << true;
        QTest::newRow("pass: 254 uses") << 254 << true;
        QTest::newRow("pass: 255 = unlimited") << 255 << true;
        QTest::newRow("fail: zero") << 0 << false;
        QTest::newRow("fail: negative") << -1 << false;
        QTest::newRow("fail: 256") << 256 << false;
    }

    void uses()
    {
        QFETCH(int, uses);
        QFETCH(bool, valid);
        const Result<int> r = validateQuickClickUses(uses);
        QCOMPARE(r.ok(), valid);
        if (valid) {
            QCOMPARE(*r, uses);
        } else {
            QCOMPARE(r.error().code, QStringLiteral("qc_uses_out_of_range"));
            QCOMPARE(r.error().field, QStringLiteral("uses"));
            QVERIFY(r.error().message.contains(QStringLiteral("255")));
        }
    }

    void describeUses()
    {
        QCOMPARE(describeQuickClickUses(kUnlimitedUses), QStringLiteral("unlimited"));
        QCOMPARE(describeQuickClickUses(1), QStringLiteral("1 use"));
        QCOMPARE(describeQuickClickUses(3), QStringLiteral("3 uses"));
    }

    void issue_data()
    {
        QTest::addColumn<QStringList>("existing");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("uses");
        QTest::addColumn<QString>("error"); // empty = valid

        QStringList ninetyNine;
        for (int i = 0; i < kMaxQuickClicksPerLock - 1; ++i)
            ninetyNine.append(QString::number(i + 8, 2)); // distinct binary codes, 4+ presses
        QStringList hundred = ninetyNine;
        hundred.append(QStringLiteral("111111111111"));

        QTest::newRow("pass: first code on an empty lock") << QStringList() << QStringLiteral("0101") << 5 << QString();
        QTest::newRow("pass: the 100th code") << ninetyNine << QStringLiteral("000") << 255 << QString();
        QTest::newRow("pass: code differs by one press")
            << QStringList { QStringLiteral("0101") } << QStringLiteral("01010") << 1 << QString();
        QTest::newRow("fail: lock already holds 100")
            << hundred << QStringLiteral("000") << 1 << QStringLiteral("qc_lock_full");
        QTest::newRow("fail: duplicate on this lock")
            << QStringList { QStringLiteral("0101"), QStringLiteral("111") } << QStringLiteral("111") << 1
            << QStringLiteral("qc_code_duplicate");
        QTest::newRow("fail: duplicate after trimming")
            << QStringList { QStringLiteral("0101") } << QStringLiteral(" 0101") << 1
            << QStringLiteral("qc_code_duplicate");
        QTest::newRow("fail: bad code is reported before a full lock")
            << hundred << QStringLiteral("2") << 1 << QStringLiteral("qc_code_not_binary");
        QTest::newRow("fail: bad uses") << QStringList() << QStringLiteral("0101") << 0
                                        << QStringLiteral("qc_uses_out_of_range");
    }

    void issue()
    {
        QFETCH(QStringList, existing);
        QFETCH(QString, code);
        QFETCH(int, uses);
        QFETCH(QString, error);
        const Result<void> r = validateQuickClickIssue(existing, code, uses);
        QCOMPARE(r.ok(), error.isEmpty());
        if (!r.ok()) {
            QCOMPARE(r.error().code, error);
            QVERIFY(!r.error().message.isEmpty());
        }
    }

    void everyErrorCodeIsDistinct()
    {
        const QStringList codes {
            validateQuickClickCode(QStringLiteral("01")).error().code,
            validateQuickClickCode(QString(25, QLatin1Char('1'))).error().code,
            validateQuickClickCode(QStringLiteral("012")).error().code,
            validateQuickClickUses(0).error().code,
            validateQuickClickIssue(QStringList { QStringLiteral("111") }, QStringLiteral("111"), 1).error().code,
        };
        QCOMPARE(QSet<QString>(codes.begin(), codes.end()).size(), codes.size());
    }
};

QTEST_GUILESS_MAIN(TestQuickClick)
#include "TestQuickClick.moc"
