#include "tests/support/TestPaths.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Keydesk;

/// `keydesk-server generate`, run as a separate process: help, bad arguments (exit 2, nothing written), a small
/// facility, and a second run into the same database refused (exit 1).
class TestGenerateCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    };

    static Run server(const QStringList &arguments)
    {
        QProcess process;
        process.start(Test::binaryPath(QStringLiteral("keydesk-server")), arguments);
        Run result;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QString initDatabase()
    {
        const QString path = m_dir.filePath(QStringLiteral("generate%1.sqlite").arg(++m_counter));
        const Run init
            = server({ QStringLiteral("init"), QStringLiteral("--database"), path, QStringLiteral("--company"),
                       QStringLiteral("Big Storage"), QStringLiteral("--timezone"), QStringLiteral("UTC") });
        return init.exitCode == 0 ? path : QString();
    }

private Q_SLOTS:
    void helpListsTheOptions();
    void badArgumentsExitTwo_data();
    void badArgumentsExitTwo();
    void generatesAndPrintsWhatItMade();
};

void TestGenerateCli::helpListsTheOptions()
{
    const Run help = server({ QStringLiteral("generate"), QStringLiteral("--help") });
    QCOMPARE(help.exitCode, 0);
    for (const char *option : { "--database", "--locks", "--users", "--keys", "--seed" })
        QVERIFY2(help.out.contains(option), option);
    const Run main = server({ QStringLiteral("--help") });
    QVERIFY(main.out.contains("generate"));
}

void TestGenerateCli::badArgumentsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList sizes { QStringLiteral("--locks"), QStringLiteral("3"),      QStringLiteral("--users"),
                              QStringLiteral("4"),       QStringLiteral("--keys"), QStringLiteral("5") };
    QTest::newRow("keys missing") << QStringList { QStringLiteral("--locks"), QStringLiteral("3"),
                                                   QStringLiteral("--users"), QStringLiteral("4") }
                                  << QStringLiteral("--keys");
    QTest::newRow("locks not a number") << (QStringList { QStringLiteral("--locks"), QStringLiteral("many"),
                                                          QStringLiteral("--users"), QStringLiteral("4"),
                                                          QStringLiteral("--keys"), QStringLiteral("5") })
                                        << QStringLiteral("--locks must be a whole number");
    QTest::newRow("zero users") << (QStringList { QStringLiteral("--locks"), QStringLiteral("3"),
                                                  QStringLiteral("--users"), QStringLiteral("0"),
                                                  QStringLiteral("--keys"), QStringLiteral("5") })
                                << QStringLiteral("--users must be a whole number from 1");
    QTest::newRow("negative seed") << (sizes + QStringList { QStringLiteral("--seed"), QStringLiteral("-1") })
                                   << QStringLiteral("--seed");
    QTest::newRow("unknown option") << (sizes + QStringList { QStringLiteral("--bogus"), QStringLiteral("1") })
                                    << QStringLiteral("--bogus");
}

void TestGenerateCli::badArgumentsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString database = initDatabase();
    QVERIFY(!database.isEmpty());
    const Run run
        = server(QStringList { QStringLiteral("generate"), QStringLiteral("--database"), database } + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    // Nothing was generated: a valid run into the same database still works.
    const Run valid = server({ QStringLiteral("generate"), QStringLiteral("--database"), database,
                               QStringLiteral("--locks"), QStringLiteral("1"), QStringLiteral("--users"),
                               QStringLiteral("1"), QStringLiteral("--keys"), QStringLiteral("1") });
    QCOMPARE(valid.exitCode, 0);
}

void TestGenerateCli::generatesAndPrintsWhatItMade()
{
    const QString database = initDatabase();
    QVERIFY(!database.isEmpty());
    const QStringList arguments { QStringLiteral("generate"), QStringLiteral("--database"), database,
                                  QStringLiteral("--locks"),  QStringLiteral("20"),         QStringLiteral("--users"),
                                  QStringLiteral("50"),       QStringLiteral("--keys"),     QStringLiteral("300"),
                                  QStringLiteral("--seed"),   QStringLiteral("42") };
    const Run run = server(arguments);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject out = run.json();
    QCOMPARE(out.value(QStringLiteral("locks")).toInt(), 20);
    QCOMPARE(out.value(QStringLiteral("users")).toInt(), 50);
    QCOMPARE(out.value(QStringLiteral("keys")).toInt(), 300);
    QCOMPARE(out.value(QStringLiteral("seed")).toInt(), 42);
    QCOMPARE(out.value(QStringLiteral("rows")).toInt(), 20 + 20 + 50 + 300);
    QVERIFY(out.contains(QStringLiteral("total_ms")));
    QVERIFY(out.value(QStringLiteral("revision")).toInteger() >= 390);

    const Run again = server(arguments);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("already has locks or users"), again.err.constData());
    const Run missing
        = server({ QStringLiteral("generate"), QStringLiteral("--database"),
                   m_dir.filePath(QStringLiteral("missing.sqlite")), QStringLiteral("--locks"), QStringLiteral("1"),
                   QStringLiteral("--users"), QStringLiteral("1"), QStringLiteral("--keys"), QStringLiteral("1") });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("does not exist"), missing.err.constData());
}

QTEST_GUILESS_MAIN(TestGenerateCli)
#include "TestGenerateCli.moc"
