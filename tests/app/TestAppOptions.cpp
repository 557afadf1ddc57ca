#include "app/AppOptions.h"
#include "tests/support/TestPaths.h"
#include "ui/startup/ServerAddress.h"

#include <QCommandLineParser>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keydesk;

/// keydesk's command line: --help without a display, option checks, server address parsing.
class TestAppOptions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpListsEveryOption()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY")); // --help must not need a screen
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(env);
        process.start(Test::binaryPath(QStringLiteral("keydesk")), { QStringLiteral("--help") });
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        for (const char *option : { "--server", "--demo", "--data-dir", "--ca-file", "--user", "--version" })
            QVERIFY2(out.contains(QLatin1String(option)), option);
    }

    void unknownOptionFails()
    {
        QProcess process;
        process.start(Test::binaryPath(QStringLiteral("keydesk")), { QStringLiteral("--no-such-option") });
        QVERIFY(process.waitForFinished(20000));
        QVERIFY(process.exitCode() != 0);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QLatin1String("no-such-option")));
    }

    void readOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("errorCode"); // empty: accepted
        QTest::addColumn<QString>("serverUrl");
        QTest::addColumn<bool>("demo");

        QTest::newRow("nothing → embedded default") << QStringList {} << QString() << QString() << false;
        QTest::newRow("--demo") << QStringList { QStringLiteral("--demo") } << QString() << QString() << true;
        QTest::newRow("--server https URL")
            << QStringList { QStringLiteral("--server"), QStringLiteral("https://keys.example.com/") } << QString()
            << QStringLiteral("https://keys.example.com") << false;
        QTest::newRow("--server host:port → https")
            << QStringList { QStringLiteral("--server"), QStringLiteral("Keys.Example.com:8443") } << QString()
            << QStringLiteral("https://keys.example.com:8443") << false;
        QTest::newRow("--server ftp → error")
            << QStringList { QStringLiteral("--server"), QStringLiteral("ftp://keys.example.com") }
            << QStringLiteral("invalid_server_url") << QString() << false;
        QTest::newRow("--server without host → error")
            << QStringList { QStringLiteral("--server"), QStringLiteral("http://") }
            << QStringLiteral("invalid_server_url") << QString() << false;
        QTest::newRow("--demo with --server → error")
            << QStringList { QStringLiteral("--demo"), QStringLiteral("--server"), QStringLiteral("http://h") }
            << QStringLiteral("conflicting_options") << QString() << true;
        QTest::newRow("--ca-file missing → error")
            << QStringList { QStringLiteral("--ca-file"), QStringLiteral("/nonexistent/ca.pem") }
            << QStringLiteral("invalid_ca_file") << QString() << false;
        QTest::newRow("--data-dir empty → error")
            << QStringList { QStringLiteral("--data-dir="), QStringLiteral("--demo") }
            << QStringLiteral("invalid_data_dir") << QString() << true;
    }

    void readOptions()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, errorCode);
        QFETCH(QString, serverUrl);
        QFETCH(bool, demo);
        QCommandLineParser parser;
        App::configureParser(parser);
        QVERIFY(parser.parse(QStringList { QStringLiteral("keydesk") } + arguments));
        const auto options = App::readOptions(parser);
        if (!errorCode.isEmpty()) {
            QVERIFY(!options);
            QCOMPARE(options.error().code, errorCode);
            QVERIFY(!options.error().message.isEmpty());
            return;
        }
        QVERIFY2(options, options ? "" : qPrintable(options.error().message));
        QCOMPARE(options.value().serverUrl.toString(), serverUrl);
        QCOMPARE(options.value().demo, demo);
    }
};

QTEST_GUILESS_MAIN(TestAppOptions)
#include "TestAppOptions.moc"
