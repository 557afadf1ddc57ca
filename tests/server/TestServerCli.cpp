#include "tests/server/HttpTestClient.h"
#include "tests/support/TestPaths.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Keydesk;
using Keydesk::Test::HttpReply;

/// The keydesk-server command line, run as a separate process: init, serve, lock add, --help, bad arguments,
/// and the keydesk-vlock phone flow against a served database.
class TestServerCli final : public QObject
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

    static Run run(const QString &program, const QStringList &arguments)
    {
        QProcess process;
        process.start(program, arguments);
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
    static Run server(const QStringList &arguments)
    {
        return run(Test::binaryPath(QStringLiteral("keydesk-server")), arguments);
    }

    QString freshDatabase() { return m_dir.filePath(QStringLiteral("cli%1.sqlite").arg(++m_counter)); }

    QJsonObject initDatabase(const QString &path)
    {
        const Run init
            = server({ QStringLiteral("init"), QStringLiteral("--database"), path, QStringLiteral("--company"),
                       QStringLiteral("Acme Storage"), QStringLiteral("--timezone"), QStringLiteral("Europe/Berlin") });
        if (init.exitCode != 0)
            qWarning() << init.err;
        return init.json();
    }

    static QByteArray fileHash(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    }

private Q_SLOTS:
    void helpOnEachCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("top level") << QStringList { QStringLiteral("--help") } << QStringLiteral("lock add");
        QTest::newRow("init") << QStringList { QStringLiteral("init"), QStringLiteral("--help") }
                              << QStringLiteral("--timezone IANA");
        QTest::newRow("serve") << QStringList { QStringLiteral("serve"), QStringLiteral("--help") }
                               << QStringLiteral("--listen HOST:PORT");
        QTest::newRow("lock add") << QStringList { QStringLiteral("lock"), QStringLiteral("add"),
                                                   QStringLiteral("--help") }
                                  << QStringLiteral("--vlock-state FILE");
        QTest::newRow("demo") << QStringList { QStringLiteral("demo"), QStringLiteral("--help") }
                              << QStringLiteral("--locks N");
    }
    void helpOnEachCommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Run result = server(arguments);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(QString::fromUtf8(result.out).contains(mentions), result.out.constData());
    }

    void badArgumentsExit2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QString db = QStringLiteral("/nonexistent/x.sqlite");
        QTest::newRow("no command") << QStringList() << QStringLiteral("Usage");
        QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") }
                                         << QStringLiteral("frobnicate");
        QTest::newRow("init without --company")
            << QStringList { QStringLiteral("init"), QStringLiteral("--database"), db, QStringLiteral("--timezone"),
                             QStringLiteral("UTC") }
            << QStringLiteral("--company");
        QTest::newRow("init with a bad zone")
            << QStringList { QStringLiteral("init"),        QStringLiteral("--database"), db,
                             QStringLiteral("--company"),   QStringLiteral("X"),          QStringLiteral("--timezone"),
                             QStringLiteral("Mars/Olympus") }
            << QStringLiteral("Mars/Olympus");
        QTest::newRow("init with an unknown option")
            << QStringList { QStringLiteral("init"), QStringLiteral("--bogus") } << QStringLiteral("--bogus");
        QTest::newRow("init admin without password file") << QStringList { QStringLiteral("init"),
                                                                           QStringLiteral("--database"),
                                                                           db,
                                                                           QStringLiteral("--company"),
                                                                           QStringLiteral("X"),
                                                                           QStringLiteral("--timezone"),
                                                                           QStringLiteral("UTC"),
                                                                           QStringLiteral("--admin-user"),
                                                                           QStringLiteral("root") }
                                                          << QStringLiteral("--admin-password-file");
        QTest::newRow("serve with a bad listen")
            << QStringList { QStringLiteral("serve"), QStringLiteral("--database"), db, QStringLiteral("--listen"),
                             QStringLiteral("nohost") }
            << QStringLiteral("HOST:PORT");
        QTest::newRow("serve with a bad port")
            << QStringList { QStringLiteral("serve"), QStringLiteral("--database"), db, QStringLiteral("--listen"),
                             QStringLiteral("127.0.0.1:99999") }
            << QStringLiteral("port");
        QTest::newRow("lock without add") << QStringList { QStringLiteral("lock") } << QStringLiteral("lock add");
        QTest::newRow("lock add with a bad MAC") << QStringList {
            QStringLiteral("lock"),  QStringLiteral("add"),   QStringLiteral("--database"), db,
            QStringLiteral("--mac"), QStringLiteral("zz:zz"), QStringLiteral("--serial"),   QStringLiteral("S")
        } << QStringLiteral("zz:zz");
        QTest::newRow("lock add without serial")
            << QStringList { QStringLiteral("lock"),       QStringLiteral("add"),
                             QStringLiteral("--database"), db,
                             QStringLiteral("--mac"),      QStringLiteral("AA:BB:CC:DD:EE:FF") }
            << QStringLiteral("--serial");
        QTest::newRow("option without value")
            << QStringList { QStringLiteral("serve"), QStringLiteral("--database") } << QStringLiteral("needs a value");
    }
    void badArgumentsExit2()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Run result = server(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(QString::fromUtf8(result.err).contains(mentions), result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    void initPrintsKeysOnceAndRefusesToOverwrite()
    {
        const QString path = freshDatabase();
        const QJsonObject keys = initDatabase(path);
        QVERIFY(keys.value(QStringLiteral("company_api_key")).toString().size() > 32);
        QVERIFY(keys.value(QStringLiteral("mobile_api_key")).toString().size() > 32);
        QVERIFY(!keys.value(QStringLiteral("facility_id")).toString().isEmpty());
        QFile kek(path + QStringLiteral(".kek"));
        QVERIFY(kek.exists());
        QCOMPARE(kek.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // The keys are stored only as hashes.
        QVERIFY(!QFile(path).open(QIODevice::ReadOnly) || true);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(!file.readAll().contains(keys.value(QStringLiteral("company_api_key")).toString().toLatin1()));
        }
        const QByteArray before = fileHash(path);
        const QByteArray kekBefore = fileHash(kek.fileName());
        const Run again
            = server({ QStringLiteral("init"), QStringLiteral("--database"), path, QStringLiteral("--company"),
                       QStringLiteral("Other"), QStringLiteral("--timezone"), QStringLiteral("UTC") });
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("refusing to overwrite"));
        QVERIFY(again.out.isEmpty());
        QCOMPARE(fileHash(path), before);
        QCOMPARE(fileHash(kek.fileName()), kekBefore);
    }

    void initWithAdminCreatesOwner()
    {
        const QString path = freshDatabase();
        QFile password(m_dir.filePath(QStringLiteral("pw%1").arg(m_counter)));
        QVERIFY(password.open(QIODevice::WriteOnly));
        password.write("correct horse battery staple\n");
        password.close();
        const Run init = server({ QStringLiteral("init"), QStringLiteral("--database"), path,
                                  QStringLiteral("--company"), QStringLiteral("Acme"), QStringLiteral("--timezone"),
                                  QStringLiteral("UTC"), QStringLiteral("--admin-user"), QStringLiteral("owner"),
                                  QStringLiteral("--admin-password-file"), password.fileName() });
        QCOMPARE(init.exitCode, 0);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("cli-check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT role, password_hash FROM staff WHERE username = 'owner'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("owner"));
            QVERIFY(!q.value(1).toString().contains(QStringLiteral("correct horse")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("cli-check"));
    }

    void lockAddPrintsTheLockAndWritesVlockState()
    {
        const QString path = freshDatabase();
        QVERIFY(!initDatabase(path).isEmpty());
        const QString state = m_dir.filePath(QStringLiteral("vlock%1.json").arg(m_counter));
        const Run add
            = server({ QStringLiteral("lock"), QStringLiteral("add"), QStringLiteral("--database"), path,
                       QStringLiteral("--mac"), QStringLiteral("aa-bb-cc-dd-ee-01"), QStringLiteral("--serial"),
                       QStringLiteral("SN-1"), QStringLiteral("--name"), QStringLiteral("B-104"),
                       QStringLiteral("--hw"), QStringLiteral("3p"), QStringLiteral("--fw"), QStringLiteral("2.10"),
                       QStringLiteral("--vlock-state"), state });
        QCOMPARE(add.exitCode, 0);
        const QJsonObject lock = add.json();
        QCOMPARE(lock.value(QStringLiteral("mac")).toString(), QStringLiteral("AA:BB:CC:DD:EE:01"));
        QCOMPARE(lock.value(QStringLiteral("serial")).toString(), QStringLiteral("SN-1"));
        QCOMPARE(lock.value(QStringLiteral("name")).toString(), QStringLiteral("B-104"));
        QCOMPARE(lock.value(QStringLiteral("hw_version")).toString(), QStringLiteral("3p"));
        QCOMPARE(lock.value(QStringLiteral("status")).toString(), QStringLiteral("awaiting setup"));
        QCOMPARE(lock.value(QStringLiteral("setup_count")).toInt(-1), 0);
        QVERIFY(QFile::exists(state));
        const Run show = run(Test::binaryPath(QStringLiteral("keydesk-vlock")),
                             { QStringLiteral("--state"), state, QStringLiteral("show") });
        QCOMPARE(show.exitCode, 0);
        QVERIFY(show.out.contains("AA:BB:CC:DD:EE:01"));

        const Run duplicate = server({ QStringLiteral("lock"), QStringLiteral("add"), QStringLiteral("--database"),
                                       path, QStringLiteral("--mac"), QStringLiteral("AABBCCDDEE01"),
                                       QStringLiteral("--serial"), QStringLiteral("SN-2") });
        QCOMPARE(duplicate.exitCode, 1);
        QVERIFY(duplicate.err.contains("already registered"));

        // An existing state file is never overwritten, and then the lock is not registered either.
        const Run clash
            = server({ QStringLiteral("lock"), QStringLiteral("add"), QStringLiteral("--database"), path,
                       QStringLiteral("--mac"), QStringLiteral("AA:BB:CC:DD:EE:02"), QStringLiteral("--serial"),
                       QStringLiteral("SN-3"), QStringLiteral("--vlock-state"), state });
        QCOMPARE(clash.exitCode, 1);
        const Run retry = server({ QStringLiteral("lock"), QStringLiteral("add"), QStringLiteral("--database"), path,
                                   QStringLiteral("--mac"), QStringLiteral("AA:BB:CC:DD:EE:02"),
                                   QStringLiteral("--serial"), QStringLiteral("SN-3") });
        QCOMPARE(retry.exitCode, 0);
    }

    void lockAddNeedsAnInitialisedDatabase()
    {
        const Run add
            = server({ QStringLiteral("lock"), QStringLiteral("add"), QStringLiteral("--database"),
                       m_dir.filePath(QStringLiteral("missing.sqlite")), QStringLiteral("--mac"),
                       QStringLiteral("AA:BB:CC:DD:EE:01"), QStringLiteral("--serial"), QStringLiteral("S") });
        QCOMPARE(add.exitCode, 1);
        QVERIFY(add.err.contains("init"));
    }

    void serveAnswersAndShutsDownOnSigterm_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void serveAnswersAndShutsDownOnSigterm()
    {
        QFETCH(int, signalNumber);
        const QString path = freshDatabase();
        const QJsonObject keys = initDatabase(path);
        const QString state = m_dir.filePath(QStringLiteral("phone%1.json").arg(m_counter));
        QCOMPARE(server({ QStringLiteral("lock"), QStringLiteral("add"), QStringLiteral("--database"), path,
                          QStringLiteral("--mac"), QStringLiteral("AA:BB:CC:DD:EE:10"), QStringLiteral("--serial"),
                          QStringLiteral("SN-10"), QStringLiteral("--vlock-state"), state })
                     .exitCode,
                 0);

        QProcess serve;
        serve.start(Test::binaryPath(QStringLiteral("keydesk-server")),
                    { QStringLiteral("serve"), QStringLiteral("--database"), path, QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0") });
        QVERIFY(serve.waitForStarted());
        QByteArray firstLine;
        QTRY_VERIFY_WITH_TIMEOUT(serve.canReadLine() || (serve.waitForReadyRead(100) && serve.canReadLine()), 15000);
        firstLine = serve.readLine().trimmed();
        QVERIFY2(firstLine.startsWith("listening on 127.0.0.1:"), firstLine.constData());
        const int port = firstLine.mid(firstLine.lastIndexOf(':') + 1).toInt();
        QVERIFY(port > 0);
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);

        // The phone flow: keydesk-vlock reads a session, asks /unlock/, applies the command, uploads the logs.
        const Run phone
            = run(Test::binaryPath(QStringLiteral("keydesk-vlock")),
                  { QStringLiteral("--state"), state, QStringLiteral("unlock"), QStringLiteral("--server"), url,
                    QStringLiteral("--api-key"), keys.value(QStringLiteral("company_api_key")).toString(),
                    QStringLiteral("--mobile-key"), keys.value(QStringLiteral("mobile_api_key")).toString(),
                    QStringLiteral("--tracking-key"), QStringLiteral("bob@example.com") });
        QVERIFY2(phone.exitCode == 0, phone.out.constData());

        Test::HttpTestClient client { QUrl(url) };
        client.setBearer(keys.value(QStringLiteral("company_api_key")).toString());
        const HttpReply locks = client.post(QStringLiteral("/lock"), QJsonObject());
        QCOMPARE(locks.status, 200);
        const QJsonObject lock = locks.json()
                                     .value(QStringLiteral("data"))
                                     .toObject()
                                     .value(QStringLiteral("locks"))
                                     .toArray()
                                     .first()
                                     .toObject();
        QCOMPARE(lock.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
        QCOMPARE(lock.value(QStringLiteral("setup_count")).toInt(), 1);
        const HttpReply activity = client.post(
            QStringLiteral("/activity"),
            QJsonObject { { QStringLiteral("tracking_keys"), QJsonArray { QStringLiteral("bob@example.com") } } });
        QVERIFY(!activity.json()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("activity"))
                     .toArray()
                     .isEmpty());

        ::kill(pid_t(serve.processId()), signalNumber);
        QVERIFY(serve.waitForFinished(15000));
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
        QVERIFY(serve.readAllStandardError().contains("shutting down"));
    }

    void demoFillsAFacilityThroughTheRealCodePaths()
    {
        const QString path = freshDatabase();
        const Run demo = server({ QStringLiteral("demo"), QStringLiteral("--database"), path, QStringLiteral("--locks"),
                                  QStringLiteral("4"), QStringLiteral("--users"), QStringLiteral("8") });
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
        const QJsonObject summary = demo.json();
        QCOMPARE(summary.value(QStringLiteral("locks")).toInt(), 4);
        QCOMPARE(summary.value(QStringLiteral("users")).toInt(), 8);
        QVERIFY(summary.value(QStringLiteral("activity")).toInt() > 10);
        QVERIFY(!summary.value(QStringLiteral("company_api_key")).toString().isEmpty());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("demo-check"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM locks WHERE status = 'ready' AND setup_count = 1")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 4);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(DISTINCT kind) FROM users")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 3);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM activity WHERE range_start < range_end")));
            QVERIFY(q.next());
            QVERIFY(q.value(0).toInt() > 0); // offline or quick-click events with ranges
        }
        QSqlDatabase::removeDatabase(QStringLiteral("demo-check"));
        const Run again = server({ QStringLiteral("demo"), QStringLiteral("--database"), path });
        QCOMPARE(again.exitCode, 1);
        QCOMPARE(server({ QStringLiteral("demo"), QStringLiteral("--database"), freshDatabase(),
                          QStringLiteral("--locks"), QStringLiteral("0") })
                     .exitCode,
                 2);
    }

    void serveRefusesACorruptDatabase()
    {
        const QString path = freshDatabase();
        QVERIFY(!initDatabase(path).isEmpty());
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(100);
            file.write(QByteArray(4096 * 4, '\xff'));
        }
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        const Run serve = server({ QStringLiteral("serve"), QStringLiteral("--database"), path,
                                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") });
        QCOMPARE(serve.exitCode, 1);
        QVERIFY2(serve.err.contains("integrity") || serve.err.contains("not a usable"), serve.err.constData());
        QVERIFY(serve.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerCli)
#include "TestServerCli.moc"
