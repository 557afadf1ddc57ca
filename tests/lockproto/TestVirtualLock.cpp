// The lock side: every check of the protocol on a VirtualLock with a fake clock and a state file.
#include "core/lockproto/Commands.h"
#include "core/lockproto/OfflineCredential.h"
#include "core/lockproto/VirtualLock.h"
#include "tests/support/TempDatabase.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Keydesk::Core;
using Keydesk::Test::FakeClock;

namespace {

constexpr qint64 T0 = 1'750'000'000;

MacAddress lockMac()
{
    return *MacAddress::parse(QStringLiteral("AA:BB:CC:00:00:01"));
}

QString flipBit(const QString &hex, int byteIndex, int bit)
{
    QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    bytes[byteIndex] = char(bytes[byteIndex] ^ (1 << bit));
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

class TestVirtualLock final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void onlineCommandOpens_data();
    void onlineCommandOpens();
    void onlineCommandSetsClockAndLogsExactTime();
    void onlineCommandRefused_data();
    void onlineCommandRefused();
    void bitFlipsInCommandChangeNothing();
    void fastLockClockDoesNotLockOutTheServer();

    void offlineCredentialOpens();
    void offlineCredentialRefused_data();
    void offlineCredentialRefused();
    void oneTimeCredentialOpensOnce();
    void offlineProofReplayRefused();
    void revocationTravelsInOfflineTokens();
    void powerLossRefusesOfflineUntilOnlineCommand();

    void quickClicksCountDownAndIdentifyTheCode();
    void quickClickRemovedByCommand();
    void wrongQuickClicksBackOff();

    void stateSurvivesReload();
    void createRefusesExistingFile();
    void minimalStateFileLoads();
    void damagedStateFileRefused_data();
    void damagedStateFileRefused();
    void describeHasNoSecrets();
    void logSequenceAndDelivery();

private:
    /// Opens a session and seals `command` to it with the server's view of time (the fake clock).
    QString sealed(OnlineCommand command);
    OnlineCommand unlock() const;
    LockOutcome sync(const RevocationState &revocation = {});
    OfflineGrant grant(quint64 keyId) const;
    LockOutcome openOffline(const OfflineGrant &grant);
    qint64 serverNow() const { return m_clock->now().toSecsSinceEpoch(); }

    std::optional<QTemporaryDir> m_dir;
    std::optional<FakeClock> m_clock;
    LockSecret m_secret;
    std::optional<VirtualLock> m_lock;
};

void TestVirtualLock::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_clock.emplace(QDateTime::fromSecsSinceEpoch(T0, Qt::UTC));
    m_secret = *LockSecret::generate();
    auto lock = VirtualLock::create(m_dir->filePath(QStringLiteral("lock.json")), lockMac(), m_secret, *m_clock);
    QVERIFY2(lock.ok(), qPrintable(lock.errorMessage()));
    m_lock.emplace(std::move(lock).value());
}

void TestVirtualLock::cleanup()
{
    m_lock.reset();
    m_dir.reset();
}

OnlineCommand TestVirtualLock::unlock() const
{
    OnlineCommand command;
    command.kind = CommandKind::Unlock;
    command.serverTime = serverNow();
    command.expiresAt = command.serverTime + OnlineCommand::DefaultLifetimeSeconds;
    command.keyId = 11;
    command.trackingKey = QStringLiteral("tk-alice");
    command.revocation = m_lock->revocation(); // the server always sends the lock's current state
    return command;
}

QString TestVirtualLock::sealed(OnlineCommand command)
{
    const auto session = m_lock->newSession();
    if (!session)
        return {};
    return sealCommand(m_secret, lockMac(), *session, command).valueOr(QString());
}

LockOutcome TestVirtualLock::sync(const RevocationState &revocation)
{
    OnlineCommand command = unlock();
    command.revocation = revocation;
    return m_lock->applyCommand(sealed(command));
}

OfflineGrant TestVirtualLock::grant(quint64 keyId) const
{
    OfflineGrant g;
    g.keyId = keyId;
    g.trackingKey = QStringLiteral("tk-bob");
    g.notBefore = serverNow() - 3600;
    g.notAfter = serverNow() + 3600;
    g.revocation = m_lock->revocation();
    return g;
}

LockOutcome TestVirtualLock::openOffline(const OfflineGrant &g)
{
    const auto credential = issueOfflineCredential(m_secret, lockMac(), g);
    if (!credential)
        return {};
    const auto session = m_lock->newSession();
    const auto proof = makeOfflineProof(credential->offlineKeyHex, credential->unlockCommandHex, *session);
    return m_lock->applyOfflineProof(*proof);
}

void TestVirtualLock::onlineCommandOpens_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("event");
    QTest::newRow("unlock → unlocked") << int(CommandKind::Unlock) << QStringLiteral("unlocked")
                                       << QStringLiteral("unlocked");
    QTest::newRow("unshackle → unshackled")
        << int(CommandKind::Unshackle) << QStringLiteral("unshackled") << QStringLiteral("unlocked");
    QTest::newRow("firmware update → fwupdate")
        << int(CommandKind::FirmwareUpdate) << QStringLiteral("fwupdate") << QStringLiteral("unknown");
}

void TestVirtualLock::onlineCommandOpens()
{
    QFETCH(int, kind);
    QFETCH(QString, result);
    QFETCH(QString, event);
    OnlineCommand command = unlock();
    command.kind = CommandKind(kind);
    const LockOutcome outcome = m_lock->applyCommand(sealed(command));
    QCOMPARE(outcome.actionName(), result);
    QVERIFY(outcome.opened());
    QCOMPARE(outcome.responses.size(), 1);
    const auto entry = decodeLockResponse(m_secret, lockMac(), outcome.responses.first());
    QVERIFY2(entry.ok(), qPrintable(entry.errorMessage()));
    QCOMPARE(lockEventName(entry->event), event);
    QCOMPARE(int(entry->detail), kind);
}

void TestVirtualLock::onlineCommandSetsClockAndLogsExactTime()
{
    QVERIFY(m_lock->clockUnset());
    QVERIFY(m_lock->advanceClock(-5000).ok()); // a drifted lock clock gets corrected
    const Session session = *m_lock->newSession();
    const LockOutcome outcome = m_lock->applyCommand(*sealCommand(m_secret, lockMac(), session, unlock()));
    QVERIFY(outcome.opened());
    QVERIFY(!m_lock->clockUnset());
    QCOMPARE(m_lock->now(), T0);
    QCOMPARE(m_lock->highWaterMark(), T0);
    const LockLogEntry entry = *decodeLockResponse(m_secret, lockMac(), outcome.responses.last());
    QVERIFY(entry.exactTime);
    QCOMPARE(entry.time(), T0);
    QCOMPARE(entry.keyId, 11u);
    QCOMPARE(entry.trackingKeyHash, *trackingKeyHash(m_secret, lockMac(), QStringLiteral("tk-alice")));
    QCOMPARE(entry.session, session.bytes());
    QVERIFY(m_lock->currentSession().isNull()); // one command per session
}

void TestVirtualLock::onlineCommandRefused_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("reason");
    QTest::newRow("replayed after it was used") << 0 << QStringLiteral("no_session");
    QTest::newRow("replayed into a newer session") << 1 << QStringLiteral("wrong_session");
    QTest::newRow("made for another lock") << 2 << QStringLiteral("wrong_lock");
    QTest::newRow("sealed with another secret") << 3 << QStringLiteral("tampered");
    QTest::newRow("held back past its expiry") << 4 << QStringLiteral("expired");
    QTest::newRow("server time before the high-water mark") << 5 << QStringLiteral("clock_rollback");
    QTest::newRow("older revocation state") << 6 << QStringLiteral("stale_revocation");
    QTest::newRow("no session opened") << 7 << QStringLiteral("no_session");
    QTest::newRow("names a revoked key") << 8 << QStringLiteral("revoked");
    QTest::newRow("garbage") << 9 << QStringLiteral("malformed");
}

void TestVirtualLock::onlineCommandRefused()
{
    QFETCH(int, what);
    QFETCH(QString, reason);
    QVERIFY(sync(RevocationState { 5, 0, { 99 } }).opened());
    const qint64 highWater = m_lock->highWaterMark();
    const quint32 revocationVersion = m_lock->revocation().version;
    m_clock->advance(600);
    QString hex;
    switch (what) {
    case 0: {
        hex = sealed(unlock());
        QVERIFY(m_lock->applyCommand(hex).opened());
        break;
    }
    case 1:
        hex = sealed(unlock());
        QVERIFY(m_lock->newSession().ok());
        break;
    case 2: {
        const auto session = m_lock->newSession();
        hex = *sealCommand(m_secret, *MacAddress::parse(QStringLiteral("AA:BB:CC:00:00:02")), *session, unlock());
        break;
    }
    case 3: {
        const auto session = m_lock->newSession();
        hex = *sealCommand(*LockSecret::generate(), lockMac(), *session, unlock());
        break;
    }
    case 4:
        hex = sealed(unlock());
        QVERIFY(m_lock->advanceClock(OnlineCommand::DefaultLifetimeSeconds + 1).ok());
        break;
    case 5: {
        OnlineCommand old = unlock();
        old.serverTime = highWater - VirtualLock::ClockSkewSeconds - 1;
        old.expiresAt = old.serverTime + 60;
        hex = sealed(old);
        break;
    }
    case 6: {
        OnlineCommand stale = unlock();
        stale.revocation = { 4, 0, {} };
        hex = sealed(stale);
        break;
    }
    case 7:
        hex = *sealCommand(m_secret, lockMac(), *Session::make(1), unlock());
        break;
    case 8: {
        OnlineCommand revoked = unlock();
        revoked.keyId = 99;
        revoked.revocation = { 5, 0, { 99 } };
        hex = sealed(revoked);
        break;
    }
    case 9:
        m_lock->newSession().ok();
        hex = QStringLiteral("0102030405");
        break;
    }
    const qint64 clockBefore = m_lock->now();
    const LockOutcome outcome = m_lock->applyCommand(hex);
    QVERIFY(!outcome.opened());
    QCOMPARE(outcome.reason(), reason);
    QVERIFY(!outcome.message.isEmpty());
    // A refusal is logged, and an unauthenticated one changes neither clock nor revocation state.
    const LockLogEntry entry = *decodeLockResponse(m_secret, lockMac(), outcome.responses.last());
    QCOMPARE(entry.event, LockEvent::FailedUnlock);
    QCOMPARE(refusalName(Refusal(entry.detail)), reason);
    if (what != 8) {
        QCOMPARE(m_lock->now(), clockBefore);
        QCOMPARE(m_lock->revocation().version, revocationVersion);
    }
    QVERIFY(m_lock->currentSession().isNull());
}

void TestVirtualLock::bitFlipsInCommandChangeNothing()
{
    OnlineCommand command = unlock();
    command.quickClicks = { QuickClickChange::add(QStringLiteral("0101"), 5) };
    command.revocation = { 7, 2, { 3 } };
    const qint64 lockNow = m_lock->now();
    for (int i = 0;; ++i) {
        const QString hex = sealed(command);
        if (i >= hex.size() / 2)
            break;
        const LockOutcome outcome = m_lock->applyCommand(flipBit(hex, i, (i * 5) % 8));
        QVERIFY2(!outcome.opened(), qPrintable(QStringLiteral("a flip in byte %1 opened the lock").arg(i)));
    }
    QVERIFY(m_lock->clockUnset());
    QCOMPARE(m_lock->now(), lockNow);
    QCOMPARE(m_lock->revocation().version, 0u);
    QCOMPARE(m_lock->quickClickCount(), 0);
    QVERIFY(m_lock->applyCommand(sealed(command)).opened()); // the unflipped command still works
    QCOMPARE(m_lock->quickClickCount(), 1);
}

void TestVirtualLock::fastLockClockDoesNotLockOutTheServer()
{
    QVERIFY(sync().opened());
    QVERIFY(m_lock->advanceClock(86400).ok());
    QVERIFY(m_lock->applyCommand(sealed(unlock())).opened());
    QCOMPARE(m_lock->now(), serverNow());
}

void TestVirtualLock::offlineCredentialOpens()
{
    QVERIFY(sync().opened());
    m_clock->advance(100);
    const LockOutcome outcome = openOffline(grant(21));
    QVERIFY2(outcome.opened(), qPrintable(outcome.message));
    QCOMPARE(outcome.actionName(), QStringLiteral("unlocked"));
    const LockLogEntry entry = *decodeLockResponse(m_secret, lockMac(), outcome.responses.last());
    QCOMPARE(entry.event, LockEvent::Unlocked);
    QCOMPARE(entry.keyId, 21u);
    QCOMPARE(entry.trackingKeyHash, *trackingKeyHash(m_secret, lockMac(), QStringLiteral("tk-bob")));
    // Own clock, not server-set: a range around the true time.
    QVERIFY(!entry.exactTime);
    QVERIFY(entry.rangeStart <= serverNow() && serverNow() <= entry.rangeEnd);
}

void TestVirtualLock::offlineCredentialRefused_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("reason");
    QTest::newRow("expired") << 0 << QStringLiteral("expired");
    QTest::newRow("not yet valid") << 1 << QStringLiteral("not_yet_valid");
    QTest::newRow("outside today's windows") << 2 << QStringLiteral("outside_window");
    QTest::newRow("key id revoked") << 3 << QStringLiteral("revoked");
    QTest::newRow("epoch below min_epoch (revoke all)") << 4 << QStringLiteral("revoked");
    QTest::newRow("lock clock rolled back") << 5 << QStringLiteral("clock_rollback");
    QTest::newRow("credential for another lock") << 6 << QStringLiteral("wrong_lock");
    QTest::newRow("issued under another secret") << 7 << QStringLiteral("tampered");
    QTest::newRow("clock never set") << 8 << QStringLiteral("clock_unset");
}

void TestVirtualLock::offlineCredentialRefused()
{
    QFETCH(int, what);
    QFETCH(QString, reason);
    if (what != 8)
        QVERIFY(sync(RevocationState { 2, 3, { 31 } }).opened());
    OfflineGrant g = grant(30);
    g.epoch = 3;
    QString proof;
    switch (what) {
    case 0:
        QVERIFY(m_lock->advanceClock(3600).ok()); // exactly notAfter: exclusive
        break;
    case 1:
        g.notBefore = serverNow() + 10;
        break;
    case 2:
        g.windows = { { serverNow() - 7200, serverNow() - 60 }, { serverNow() + 60, serverNow() + 600 } };
        break;
    case 3:
        g.keyId = 31;
        break;
    case 4:
        g.epoch = 2;
        break;
    case 5:
        QVERIFY(m_lock->advanceClock(-(VirtualLock::ClockSkewSeconds + 1)).ok());
        break;
    case 6: {
        const auto credential
            = *issueOfflineCredential(m_secret, *MacAddress::parse(QStringLiteral("AA:BB:CC:00:00:02")), g);
        proof = *makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, *m_lock->newSession());
        break;
    }
    case 7: {
        const auto credential = *issueOfflineCredential(*LockSecret::generate(), lockMac(), g);
        proof = *makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, *m_lock->newSession());
        break;
    }
    }
    const LockOutcome outcome = proof.isEmpty() ? openOffline(g) : m_lock->applyOfflineProof(proof);
    QVERIFY(!outcome.opened());
    QCOMPARE(outcome.reason(), reason);
    const LockLogEntry entry = *decodeLockResponse(m_secret, lockMac(), outcome.responses.last());
    QCOMPARE(entry.event, LockEvent::FailedUnlock);
}

void TestVirtualLock::oneTimeCredentialOpensOnce()
{
    QVERIFY(sync().opened());
    OfflineGrant g = grant(40);
    g.oneTime = true;
    QVERIFY(openOffline(g).opened());
    const LockOutcome again = openOffline(g);
    QVERIFY(!again.opened());
    QCOMPARE(again.reason(), QStringLiteral("one_time_used"));
    // Reloading the state file (a reboot without power loss) keeps the memory.
    m_lock.emplace(*VirtualLock::load(m_lock->path(), *m_clock));
    QCOMPARE(openOffline(g).reason(), QStringLiteral("one_time_used"));
    OfflineGrant other = grant(41);
    other.oneTime = true;
    QVERIFY(openOffline(other).opened());
}

void TestVirtualLock::offlineProofReplayRefused()
{
    QVERIFY(sync().opened());
    const auto credential = *issueOfflineCredential(m_secret, lockMac(), grant(50));
    const auto proof = *makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, *m_lock->newSession());
    QVERIFY(m_lock->applyOfflineProof(proof).opened());
    QCOMPARE(m_lock->applyOfflineProof(proof).reason(), QStringLiteral("no_session"));
    QVERIFY(m_lock->newSession().ok());
    QCOMPARE(m_lock->applyOfflineProof(proof).reason(), QStringLiteral("tampered"));
    // And a bit flip anywhere in a fresh proof opens nothing.
    for (int i = 0; i < proof.size() / 2; ++i) {
        const auto fresh
            = *makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, *m_lock->newSession());
        QVERIFY2(!m_lock->applyOfflineProof(flipBit(fresh, i, i % 8)).opened(), qPrintable(QString::number(i)));
    }
}

void TestVirtualLock::revocationTravelsInOfflineTokens()
{
    QVERIFY(sync(RevocationState { 5, 0, { 60 } }).opened());
    // An older download (version 3, before key 60 was revoked) neither rolls the lock back nor opens for 60.
    OfflineGrant old = grant(60);
    old.revocation = { 3, 0, {} };
    QCOMPARE(openOffline(old).reason(), QStringLiteral("revoked"));
    QCOMPARE(m_lock->revocation().version, 5u);
    // A newer download delivers its state: key 61 opens and carries the revocation of 62 to the lock.
    OfflineGrant fresh = grant(61);
    fresh.revocation = { 6, 0, { 60, 62 } };
    QVERIFY(openOffline(fresh).opened());
    QCOMPARE(m_lock->revocation().version, 6u);
    QCOMPARE(openOffline(grant(62)).reason(), QStringLiteral("revoked"));
    // After that, an online command with the older state 5 is refused.
    OnlineCommand stale = unlock();
    stale.revocation = { 5, 0, { 60 } };
    QCOMPARE(m_lock->applyCommand(sealed(stale)).reason(), QStringLiteral("stale_revocation"));
}

void TestVirtualLock::powerLossRefusesOfflineUntilOnlineCommand()
{
    QVERIFY(sync().opened());
    QVERIFY(openOffline(grant(70)).opened());
    QVERIFY(m_lock->powerLoss().ok());
    QVERIFY(m_lock->clockUnset());
    const LockOutcome refused = openOffline(grant(70));
    QCOMPARE(refused.reason(), QStringLiteral("clock_unset"));
    // The start-up was logged with an open-ended range from the last known time.
    const LockLogEntry startUp = *decodeLockResponse(m_secret, lockMac(), refused.responses.first());
    QCOMPARE(startUp.event, LockEvent::StartUp);
    QCOMPARE(startUp.rangeStart, T0);
    QCOMPARE(startUp.rangeEnd, 0);
    m_clock->advance(30);
    QVERIFY(sync().opened());
    QVERIFY(openOffline(grant(70)).opened());
}

void TestVirtualLock::quickClicksCountDownAndIdentifyTheCode()
{
    OnlineCommand command = unlock();
    command.quickClicks = { QuickClickChange::add(QStringLiteral("0110"), 2),
                            QuickClickChange::add(QStringLiteral("111000"), QuickClickChange::UnlimitedUses) };
    QVERIFY(m_lock->applyCommand(sealed(command)).opened());
    QCOMPARE(m_lock->quickClickUses(QStringLiteral("0110")), 2);
    const LockOutcome first = m_lock->quickClick(QStringLiteral("0110"));
    QVERIFY(first.opened());
    const LockLogEntry entry = *decodeLockResponse(m_secret, lockMac(), first.responses.last());
    QCOMPARE(entry.event, LockEvent::UnlockedViaQuickClick);
    QCOMPARE(entry.quickClickId, *quickClickId(m_secret, lockMac(), QStringLiteral("0110")));
    QCOMPARE(m_lock->quickClickUses(QStringLiteral("0110")), 1);
    QVERIFY(m_lock->quickClick(QStringLiteral("0110")).opened());
    QCOMPARE(m_lock->quickClickUses(QStringLiteral("0110")), -1); // used up: gone
    QCOMPARE(m_lock->quickClick(QStringLiteral("0110")).reason(), QStringLiteral("wrong_code"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_lock->quickClick(QStringLiteral("111000")).opened());
    QCOMPARE(m_lock->quickClickUses(QStringLiteral("111000")), QuickClickChange::UnlimitedUses);
}

void TestVirtualLock::quickClickRemovedByCommand()
{
    OnlineCommand add = unlock();
    add.quickClicks = { QuickClickChange::add(QStringLiteral("0101"), 10) };
    QVERIFY(m_lock->applyCommand(sealed(add)).opened());
    QVERIFY(m_lock->quickClick(QStringLiteral("0101")).opened());
    OnlineCommand remove = unlock();
    remove.quickClicks = { QuickClickChange::remove(QStringLiteral("0101")) };
    QVERIFY(m_lock->applyCommand(sealed(remove)).opened());
    QCOMPARE(m_lock->quickClickCount(), 0);
    QCOMPARE(m_lock->quickClick(QStringLiteral("0101")).reason(), QStringLiteral("wrong_code"));
}

void TestVirtualLock::wrongQuickClicksBackOff()
{
    OnlineCommand add = unlock();
    add.quickClicks = { QuickClickChange::add(QStringLiteral("0101"), 255) };
    QVERIFY(m_lock->applyCommand(sealed(add)).opened());
    for (int i = 0; i < VirtualLock::QuickClickFreeAttempts; ++i)
        QCOMPARE(m_lock->quickClick(QStringLiteral("0000")).reason(), QStringLiteral("wrong_code"));
    // Even the right code is ignored during the back-off, and a battery pull does not reset it.
    QCOMPARE(m_lock->quickClick(QStringLiteral("0101")).reason(), QStringLiteral("backoff"));
    QVERIFY(m_lock->powerLoss().ok());
    QCOMPARE(m_lock->quickClick(QStringLiteral("0101")).reason(), QStringLiteral("backoff"));
    QVERIFY(m_lock->advanceClock(31).ok());
    QVERIFY(m_lock->quickClick(QStringLiteral("0101")).opened());
    // A success resets the count: five more wrong codes before the next back-off.
    for (int i = 0; i < VirtualLock::QuickClickFreeAttempts - 1; ++i)
        QCOMPARE(m_lock->quickClick(QStringLiteral("0011")).reason(), QStringLiteral("wrong_code"));
    QVERIFY(m_lock->quickClick(QStringLiteral("0101")).opened());
    // Failures during a back-off are ignored; the next wrong code after it doubles the wait.
    for (int i = 0; i < VirtualLock::QuickClickFreeAttempts; ++i)
        QCOMPARE(m_lock->quickClick(QStringLiteral("0000")).reason(), QStringLiteral("wrong_code"));
    QVERIFY(m_lock->advanceClock(31).ok());
    QCOMPARE(m_lock->quickClick(QStringLiteral("0000")).reason(), QStringLiteral("wrong_code"));
    QVERIFY(m_lock->advanceClock(31).ok());
    QCOMPARE(m_lock->quickClick(QStringLiteral("0101")).reason(), QStringLiteral("backoff"));
    QVERIFY(m_lock->advanceClock(30).ok());
    QVERIFY(m_lock->quickClick(QStringLiteral("0101")).opened());
}

void TestVirtualLock::stateSurvivesReload()
{
    OnlineCommand command = unlock();
    command.quickClicks = { QuickClickChange::add(QStringLiteral("0110"), 4) };
    command.revocation = { 9, 2, { 0xfedcba9876543210ULL } };
    QVERIFY(m_lock->applyCommand(sealed(command)).opened());
    QVERIFY(m_lock->advanceClock(42).ok());
    const Session open = *m_lock->newSession();
    const auto reloaded = VirtualLock::load(m_lock->path(), *m_clock);
    QVERIFY2(reloaded.ok(), qPrintable(reloaded.errorMessage()));
    QCOMPARE(reloaded->mac(), lockMac());
    QCOMPARE(reloaded->now(), m_lock->now());
    QCOMPARE(reloaded->clockUnset(), false);
    QCOMPARE(reloaded->highWaterMark(), T0);
    QCOMPARE(reloaded->revocation(), command.revocation);
    QCOMPARE(reloaded->quickClickUses(QStringLiteral("0110")), 4);
    QCOMPARE(reloaded->currentSession(), open);
    QCOMPARE(reloaded->logSequence(), m_lock->logSequence());
}

void TestVirtualLock::createRefusesExistingFile()
{
    const QByteArray before = [&] {
        QFile f(m_lock->path());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const auto again = VirtualLock::create(m_lock->path(), lockMac(), *LockSecret::generate(), *m_clock);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, QStringLiteral("state_exists"));
    QFile f(m_lock->path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QCOMPARE(VirtualLock::load(m_dir->filePath(QStringLiteral("missing.json")), *m_clock).error().code,
             QStringLiteral("no_state"));
}

void TestVirtualLock::minimalStateFileLoads()
{
    // What a provisioning server writes: format, MAC and secret; everything else is a new lock's default.
    const QString path = m_dir->filePath(QStringLiteral("provisioned.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("format"), 1 },
                                           { QStringLiteral("mac"), QStringLiteral("aa:bb:cc:00:00:01") },
                                           { QStringLiteral("secret"), m_secret.toHex() } })
                   .toJson());
    file.close();
    auto lock = VirtualLock::load(path, *m_clock);
    QVERIFY2(lock.ok(), qPrintable(lock.errorMessage()));
    QVERIFY(lock->clockUnset());
    QCOMPARE(lock->logSequence(), 0u);
    m_lock.emplace(std::move(lock).value());
    QVERIFY(sync().opened());
}

void TestVirtualLock::damagedStateFileRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not JSON") << QByteArray("{ nope");
    QTest::newRow("unknown format") << QByteArray(R"({"format": 2, "mac": "AA:BB:CC:00:00:01", "secret": ")")
            + QByteArray(64, 'a') + QByteArray(R"("})");
    QTest::newRow("short secret") << QByteArray(R"({"format": 1, "mac": "AA:BB:CC:00:00:01", "secret": "abcd"})");
    QTest::newRow("bad MAC") << QByteArray(R"({"format": 1, "mac": "AA:BB", "secret": ")") + QByteArray(64, 'a')
            + QByteArray(R"("})");
    QTest::newRow("damaged quick click") << QByteArray(R"({"format": 1, "mac": "AA:BB:CC:00:00:01", "secret": ")")
            + QByteArray(64, 'a') + QByteArray(R"(", "quick_clicks": [{"id": "zz", "uses": 3}]})");
}

void TestVirtualLock::damagedStateFileRefused()
{
    QFETCH(QByteArray, content);
    const QString path = m_dir->filePath(QStringLiteral("damaged.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const auto lock = VirtualLock::load(path, *m_clock);
    QVERIFY(!lock.ok());
    QCOMPARE(lock.error().code, QStringLiteral("bad_state"));
    QVERIFY(lock.error().message.contains(QLatin1String("init")));
}

void TestVirtualLock::describeHasNoSecrets()
{
    QVERIFY(sync().opened());
    const QByteArray json = QJsonDocument(m_lock->describe()).toJson();
    QVERIFY(!json.contains(m_secret.toHex().toLatin1()));
    QVERIFY(!json.contains("secret"));
    QVERIFY(json.contains("AA:BB:CC:00:00:01"));
}

void TestVirtualLock::logSequenceAndDelivery()
{
    QVERIFY(m_lock->quickClick(QStringLiteral("0000")).responses.size() == 1); // queued for the next phone
    QCOMPARE(m_lock->pendingResponses().size(), 1);
    const LockOutcome outcome = sync();
    QCOMPARE(outcome.responses.size(), 2); // the queued quick click + this unlock
    QCOMPARE(m_lock->pendingResponses().size(), 0);
    quint32 expected = 1;
    for (const QString &hex : outcome.responses) {
        const auto entry = decodeLockResponse(m_secret, lockMac(), hex);
        QVERIFY(entry.ok());
        QCOMPARE(entry->seq, expected++);
    }
}

QTEST_GUILESS_MAIN(TestVirtualLock)
#include "TestVirtualLock.moc"
