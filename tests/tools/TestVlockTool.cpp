// keydesk-vlock's command line through QProcess: one JSON object on stdout, exit 0 opened/succeeded,
// 1 refused, 2 bad usage.
#include "core/lockproto/Commands.h"
#include "core/lockproto/LockLog.h"
#include "core/lockproto/OfflineCredential.h"
#include "tests/support/TestPaths.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Keydesk::Core;

namespace {

const QString MacText = QStringLiteral("aa-bb-cc-dd-ee-01");

struct Run
{
    int exitCode = -1;
    QJsonObject json;
    QByteArray stdoutBytes;
};

} // namespace

class TestVlockTool final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void initWritesState();
    void badUsage_data();
    void badUsage();
    void sessionPrintsFortyHex();
    void applyOpens_data();
    void applyOpens();
    void applyRefusesReplay();
    void offlineOpensAndExpires();
    void offlineRefusedAfterPowerLoss();
    void quickClick();
    void showHasNoSecret();
    void unlockNeedsServerOptions();
    void unlockWithUnreachableServerFails();

private:
    Run vlock(const QStringList &arguments);
    QString session();
    QString sealedFor(CommandKind kind, const QList<QuickClickChange> &quickClicks = {});

    std::optional<QTemporaryDir> m_dir;
    QString m_state;
    LockSecret m_secret;
    MacAddress m_mac;
};

Run TestVlockTool::vlock(const QStringList &arguments)
{
    QProcess process;
    process.start(Keydesk::Test::binaryPath(QStringLiteral("keydesk-vlock")),
                  QStringList { QStringLiteral("--state"), m_state } + arguments);
    Run run;
    if (!process.waitForFinished(15000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.stdoutBytes = process.readAllStandardOutput();
    // Exactly one JSON object, one line.
    const QJsonDocument doc = QJsonDocument::fromJson(run.stdoutBytes);
    if (doc.isObject() && run.stdoutBytes.count('\n') == 1)
        run.json = doc.object();
    return run;
}

void TestVlockTool::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_state = m_dir->filePath(QStringLiteral("lock.json"));
    m_secret = *LockSecret::generate();
    m_mac = *MacAddress::parse(MacText);
    const Run run = vlock(
        { QStringLiteral("init"), QStringLiteral("--mac"), MacText, QStringLiteral("--secret"), m_secret.toHex() });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json.value(QStringLiteral("mac")).toString(), QStringLiteral("AA:BB:CC:DD:EE:01"));
}

void TestVlockTool::cleanup()
{
    m_dir.reset();
}

QString TestVlockTool::session()
{
    const Run run = vlock({ QStringLiteral("session") });
    return run.exitCode == 0 ? run.json.value(QStringLiteral("session")).toString() : QString();
}

QString TestVlockTool::sealedFor(CommandKind kind, const QList<QuickClickChange> &quickClicks)
{
    const auto parsed = Session::parse(session());
    if (!parsed)
        return {};
    OnlineCommand command;
    command.kind = kind;
    command.serverTime = QDateTime::currentSecsSinceEpoch();
    command.expiresAt = command.serverTime + 60;
    command.keyId = 3;
    command.quickClicks = quickClicks;
    return sealCommand(m_secret, m_mac, *parsed, command).valueOr(QString());
}

void TestVlockTool::initWritesState()
{
    QVERIFY(QFile::exists(m_state));
    // A second init is bad usage and leaves the file alone.
    QFile file(m_state);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    const Run again = vlock({ QStringLiteral("init"), QStringLiteral("--mac"), MacText, QStringLiteral("--secret"),
                              LockSecret::generate()->toHex() });
    QCOMPARE(again.exitCode, 2);
    QCOMPARE(again.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("state_exists"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestVlockTool::badUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown command") << QStringList { QStringLiteral("explode") } << QStringLiteral("unknown_command");
    QTest::newRow("no command") << QStringList {} << QStringLiteral("missing_command");
    QTest::newRow("apply without commands") << QStringList { QStringLiteral("apply") } << QStringLiteral("bad_usage");
    QTest::newRow("unknown option") << QStringList { QStringLiteral("show"), QStringLiteral("--verbose") }
                                    << QStringLiteral("bad_usage");
    QTest::newRow("quick-click code with a 2")
        << QStringList { QStringLiteral("quick-click"), QStringLiteral("0120") } << QStringLiteral("invalid_code");
    QTest::newRow("clock without an action")
        << QStringList { QStringLiteral("clock") } << QStringLiteral("missing_option");
    QTest::newRow("clock advance not a number")
        << QStringList { QStringLiteral("clock"), QStringLiteral("--advance"), QStringLiteral("soon") }
        << QStringLiteral("bad_advance");
    QTest::newRow("clock with both actions") << QStringList { QStringLiteral("clock"), QStringLiteral("--advance"),
                                                              QStringLiteral("5"), QStringLiteral("--power-loss") }
                                             << QStringLiteral("missing_option");
    QTest::newRow("offline key not hex") << QStringList { QStringLiteral("offline"), QStringLiteral("--offline-key"),
                                                          QStringLiteral("xyz"), QStringLiteral("--unlock-command"),
                                                          QStringLiteral("00") }
                                         << QStringLiteral("invalid_offline_key");
    QTest::newRow("init with a bad MAC") << QStringList { QStringLiteral("init"), QStringLiteral("--mac"),
                                                          QStringLiteral("aa:bb"), QStringLiteral("--secret"),
                                                          QString(64, u'a') }
                                         << QStringLiteral("invalid_mac");
}

void TestVlockTool::badUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, code);
    QFile file(m_state);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    const Run run = vlock(arguments);
    QCOMPARE(run.exitCode, 2);
    const QJsonObject error = run.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before); // bad input changes nothing
}

void TestVlockTool::sessionPrintsFortyHex()
{
    const QString first = session();
    const QString second = session();
    QCOMPARE(first.size(), 40);
    QCOMPARE(first, first.toLower());
    QCOMPARE(Session::parse(first)->counter() + 1, Session::parse(second)->counter());
    const Run noState = [&] {
        QProcess process;
        process.start(Keydesk::Test::binaryPath(QStringLiteral("keydesk-vlock")), { QStringLiteral("session") });
        process.waitForFinished(15000);
        return Run { process.exitCode(), QJsonDocument::fromJson(process.readAllStandardOutput()).object(), {} };
    }();
    QCOMPARE(noState.exitCode, 2);
}

void TestVlockTool::applyOpens_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("result");
    QTest::newRow("unlock") << int(CommandKind::Unlock) << QStringLiteral("unlocked");
    QTest::newRow("unshackle") << int(CommandKind::Unshackle) << QStringLiteral("unshackled");
    QTest::newRow("firmware update") << int(CommandKind::FirmwareUpdate) << QStringLiteral("fwupdate");
}

void TestVlockTool::applyOpens()
{
    QFETCH(int, kind);
    QFETCH(QString, result);
    const QString hex = sealedFor(CommandKind(kind));
    QVERIFY(!hex.isEmpty());
    const Run run = vlock({ QStringLiteral("apply"), hex });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json.value(QStringLiteral("result")).toString(), result);
    QCOMPARE(run.json.value(QStringLiteral("reason")).toString(), QString());
    const QJsonArray responses = run.json.value(QStringLiteral("responses")).toArray();
    QCOMPARE(responses.size(), 1);
    const auto entry = decodeLockResponse(m_secret, m_mac, responses.first().toString());
    QVERIFY2(entry.ok(), qPrintable(entry.errorMessage()));
    QCOMPARE(entry->keyId, 3u);
    QVERIFY(entry->exactTime);
}

void TestVlockTool::applyRefusesReplay()
{
    const QString hex = sealedFor(CommandKind::Unlock);
    QCOMPARE(vlock({ QStringLiteral("apply"), hex }).exitCode, 0);
    const Run replay = vlock({ QStringLiteral("apply"), hex });
    QCOMPARE(replay.exitCode, 1);
    QCOMPARE(replay.json.value(QStringLiteral("result")).toString(), QStringLiteral("rejected"));
    QCOMPARE(replay.json.value(QStringLiteral("reason")).toString(), QStringLiteral("no_session"));
    QVERIFY(!session().isEmpty());
    const Run newer = vlock({ QStringLiteral("apply"), hex });
    QCOMPARE(newer.exitCode, 1);
    QCOMPARE(newer.json.value(QStringLiteral("reason")).toString(), QStringLiteral("wrong_session"));
    // The refusal is an authenticated failed_unlock entry for the server.
    const auto entry = decodeLockResponse(m_secret, m_mac,
                                          newer.json.value(QStringLiteral("responses")).toArray().last().toString());
    QVERIFY(entry.ok());
    QCOMPARE(entry->event, LockEvent::FailedUnlock);
}

void TestVlockTool::offlineOpensAndExpires()
{
    QCOMPARE(vlock({ QStringLiteral("apply"), sealedFor(CommandKind::Unlock) }).exitCode, 0); // sets the clock
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    OfflineGrant grant;
    grant.keyId = 500;
    grant.trackingKey = QStringLiteral("tk-carol");
    grant.notBefore = now - 60;
    grant.notAfter = now + 3600;
    const auto credential = *issueOfflineCredential(m_secret, m_mac, grant);
    const QStringList offline { QStringLiteral("offline"), QStringLiteral("--offline-key"), credential.offlineKeyHex,
                                QStringLiteral("--unlock-command"), credential.unlockCommandHex };
    const Run opened = vlock(offline);
    QCOMPARE(opened.exitCode, 0);
    QCOMPARE(opened.json.value(QStringLiteral("result")).toString(), QStringLiteral("unlocked"));
    const auto entry = decodeLockResponse(m_secret, m_mac,
                                          opened.json.value(QStringLiteral("responses")).toArray().last().toString());
    QCOMPARE(entry->keyId, 500u);
    QCOMPARE(vlock({ QStringLiteral("clock"), QStringLiteral("--advance"), QStringLiteral("7200") }).exitCode, 0);
    const Run expired = vlock(offline);
    QCOMPARE(expired.exitCode, 1);
    QCOMPARE(expired.json.value(QStringLiteral("reason")).toString(), QStringLiteral("expired"));
    // "--advance -N" (a value starting with '-') rolls the clock back; far enough, the lock notices.
    QCOMPARE(vlock({ QStringLiteral("clock"), QStringLiteral("--advance"), QStringLiteral("-9000") }).exitCode, 0);
    QCOMPARE(vlock(offline).json.value(QStringLiteral("reason")).toString(), QStringLiteral("clock_rollback"));
}

void TestVlockTool::offlineRefusedAfterPowerLoss()
{
    QCOMPARE(vlock({ QStringLiteral("apply"), sealedFor(CommandKind::Unlock) }).exitCode, 0);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    OfflineGrant grant;
    grant.keyId = 501;
    grant.trackingKey = QStringLiteral("tk-dave");
    grant.notBefore = now - 60;
    grant.notAfter = now + 3600;
    const auto credential = *issueOfflineCredential(m_secret, m_mac, grant);
    const QStringList offline { QStringLiteral("offline"), QStringLiteral("--offline-key"), credential.offlineKeyHex,
                                QStringLiteral("--unlock-command"), credential.unlockCommandHex };
    const Run pulled = vlock({ QStringLiteral("clock"), QStringLiteral("--power-loss") });
    QCOMPARE(pulled.exitCode, 0);
    QCOMPARE(pulled.json.value(QStringLiteral("clock")).toObject().value(QStringLiteral("unset")).toBool(), true);
    const Run refused = vlock(offline);
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(refused.json.value(QStringLiteral("reason")).toString(), QStringLiteral("clock_unset"));
    QCOMPARE(vlock({ QStringLiteral("apply"), sealedFor(CommandKind::Unlock) }).exitCode, 0);
    QCOMPARE(vlock(offline).exitCode, 0);
}

void TestVlockTool::quickClick()
{
    const QString hex = sealedFor(CommandKind::Unlock, { QuickClickChange::add(QStringLiteral("10101"), 1) });
    QCOMPARE(vlock({ QStringLiteral("apply"), hex }).exitCode, 0);
    const Run opened = vlock({ QStringLiteral("quick-click"), QStringLiteral("10101") });
    QCOMPARE(opened.exitCode, 0);
    QCOMPARE(opened.json.value(QStringLiteral("result")).toString(), QStringLiteral("unlocked"));
    const auto entry = decodeLockResponse(m_secret, m_mac,
                                          opened.json.value(QStringLiteral("responses")).toArray().first().toString());
    QCOMPARE(entry->event, LockEvent::UnlockedViaQuickClick);
    QCOMPARE(entry->quickClickId, *quickClickId(m_secret, m_mac, QStringLiteral("10101")));
    const Run usedUp = vlock({ QStringLiteral("quick-click"), QStringLiteral("10101") });
    QCOMPARE(usedUp.exitCode, 1);
    QCOMPARE(usedUp.json.value(QStringLiteral("reason")).toString(), QStringLiteral("wrong_code"));
}

void TestVlockTool::showHasNoSecret()
{
    QCOMPARE(vlock({ QStringLiteral("apply"), sealedFor(CommandKind::Unlock) }).exitCode, 0);
    const Run shown = vlock({ QStringLiteral("show") });
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(shown.json.value(QStringLiteral("mac")).toString(), QStringLiteral("AA:BB:CC:DD:EE:01"));
    QCOMPARE(shown.json.value(QStringLiteral("clock")).toObject().value(QStringLiteral("unset")).toBool(), false);
    QCOMPARE(shown.json.value(QStringLiteral("session_counter")).toInt(), 1);
    QVERIFY(!shown.stdoutBytes.contains(m_secret.toHex().toLatin1()));
    QVERIFY(!shown.json.contains(QStringLiteral("secret")));
}

void TestVlockTool::unlockNeedsServerOptions()
{
    const Run run
        = vlock({ QStringLiteral("unlock"), QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1") });
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("missing_option"));
}

void TestVlockTool::unlockWithUnreachableServerFails()
{
    // Nothing listens on port 1: neither a lock refusal (1) nor bad usage (2), but "another failure" (3).
    // The phone flow against a real server is tested with the server (tests/server).
    const Run run = vlock({ QStringLiteral("unlock"), QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
                            QStringLiteral("--api-key"), QStringLiteral("k"), QStringLiteral("--mobile-key"),
                            QStringLiteral("m") });
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.json.value(QStringLiteral("result")).toString(), QStringLiteral("rejected"));
    QCOMPARE(run.json.value(QStringLiteral("reason")).toString(), QStringLiteral("server_unreachable"));
}

QTEST_GUILESS_MAIN(TestVlockTool)
#include "TestVlockTool.moc"
