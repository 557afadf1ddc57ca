// Formats of the lock protocol without a lock: sessions, online commands, offline credentials, revocation
// blobs and lock responses — round trips, and refusal of every change an attacker could make.
#include "core/lockproto/Commands.h"
#include "core/lockproto/LockLog.h"
#include "core/lockproto/OfflineCredential.h"
#include "core/lockproto/Revocation.h"

#include <QTest>

using namespace Keydesk::Core;

namespace {

constexpr qint64 T0 = 1'750'000'000;

MacAddress macA()
{
    return *MacAddress::parse(QStringLiteral("12:34:56:78:9A:BC"));
}
MacAddress macB()
{
    return *MacAddress::parse(QStringLiteral("12:34:56:78:9A:BD"));
}

QString flipBit(const QString &hex, int byteIndex, int bit)
{
    QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    bytes[byteIndex] = char(bytes[byteIndex] ^ (1 << bit));
    return QString::fromLatin1(bytes.toHex());
}

OnlineCommand sampleCommand(CommandKind kind)
{
    OnlineCommand command;
    command.kind = kind;
    command.serverTime = T0;
    command.expiresAt = T0 + OnlineCommand::DefaultLifetimeSeconds;
    command.keyId = 42;
    command.trackingKey = QStringLiteral("tk-alice");
    command.quickClicks
        = { QuickClickChange::add(QStringLiteral("0110"), 3), QuickClickChange::remove(QStringLiteral("1111")) };
    command.revocation = { 3, 1, { 5, 9 } };
    return command;
}

OfflineGrant sampleGrant()
{
    OfflineGrant grant;
    grant.keyId = 77;
    grant.trackingKey = QStringLiteral("tk-alice");
    grant.notBefore = T0;
    grant.notAfter = T0 + 86400;
    grant.windows = { { T0 + 3600, T0 + 7200 }, { T0 + 36000, T0 + 40000 } };
    grant.oneTime = true;
    grant.epoch = 1;
    grant.revocation = { 3, 1, { 5 } };
    return grant;
}

} // namespace

class TestLockProtocol final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void sessionParsing_data();
    void sessionParsing();
    void sessionCarriesCounter();

    void commandRoundTrip_data();
    void commandRoundTrip();
    void commandRefused_data();
    void commandRefused();
    void commandBitFlipsAnywhereAreRefused();
    void sealCommandRejectsBadInput_data();
    void sealCommandRejectsBadInput();

    void offlineCredentialRoundTrip();
    void offlineCredentialIsDeterministicAndBound();
    void offlineProofRefused_data();
    void offlineProofRefused();
    void offlineProofBitFlipsAnywhereAreRefused();
    void issueRejectsBadGrants_data();
    void issueRejectsBadGrants();

    void revocationRoundTripAndTamper();

    void lockResponseRoundTrip_data();
    void lockResponseRoundTrip();
    void lockResponseForgeriesRefused();
    void eventNamesMatchCoreApi();

private:
    LockSecret m_secret;
    LockKeys m_keys;
    Session m_session;
};

void TestLockProtocol::initTestCase()
{
    m_secret = *LockSecret::generate();
    m_keys = *LockKeys::derive(m_secret, macA());
    m_session = *Session::make(7);
}

void TestLockProtocol::sessionParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("40 lower-case hex") << QStringLiteral("00112233445566778899aabbccddeeff00000001") << true;
    QTest::newRow("40 upper-case hex, printed lower")
        << QStringLiteral("00112233445566778899AABBCCDDEEFF00000001") << true;
    QTest::newRow("39 characters") << QStringLiteral("00112233445566778899aabbccddeeff0000000") << false;
    QTest::newRow("41 characters") << QStringLiteral("00112233445566778899aabbccddeeff000000011") << false;
    QTest::newRow("42 characters") << QStringLiteral("00112233445566778899aabbccddeeff0000000102") << false;
    QTest::newRow("non-hex character") << QStringLiteral("00112233445566778899aabbccddeeff0000000g") << false;
    QTest::newRow("blank inside") << QStringLiteral("00112233445566778899aabbccddeeff 0000001") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestLockProtocol::sessionParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto session = Session::parse(text);
    QCOMPARE(session.ok(), valid);
    if (valid) {
        QCOMPARE(session->toHex(), text.toLower());
        QCOMPARE(session->counter(), 1u);
    } else {
        QCOMPARE(session.error().field, QStringLiteral("session"));
    }
}

void TestLockProtocol::sessionCarriesCounter()
{
    const auto a = Session::make(0xfffffffe);
    const auto b = Session::make(0xfffffffe);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->counter(), 0xfffffffeu);
    QCOMPARE(a->toHex().size(), 40);
    QVERIFY(a->toHex().endsWith(QLatin1String("fffffffe")));
    QVERIFY(a->randomPart() != b->randomPart());
}

void TestLockProtocol::commandRoundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("unlock") << int(CommandKind::Unlock);
    QTest::newRow("unshackle") << int(CommandKind::Unshackle);
    QTest::newRow("firmware-update mode") << int(CommandKind::FirmwareUpdate);
}

void TestLockProtocol::commandRoundTrip()
{
    QFETCH(int, kind);
    const OnlineCommand command = sampleCommand(CommandKind(kind));
    const auto hex = sealCommand(m_secret, macA(), m_session, command);
    QVERIFY2(hex.ok(), qPrintable(hex.errorMessage()));
    QVERIFY(hex->startsWith(QLatin1String("01123456789abc") + m_session.toHex()));
    QCOMPARE(*hex, hex->toLower());
    const auto opened = openCommand(m_keys, macA(), m_session, *hex);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    QCOMPARE(int(opened->kind), kind);
    QCOMPARE(opened->serverTime, command.serverTime);
    QCOMPARE(opened->expiresAt, command.expiresAt);
    QCOMPARE(opened->keyId, command.keyId);
    QCOMPARE(opened->trackingKeyHash, trackingKeyHash(m_keys, QStringLiteral("tk-alice")));
    QCOMPARE(opened->revocation, command.revocation);
    QCOMPARE(opened->quickClicks.size(), 2);
    QCOMPARE(opened->quickClicks.at(0).op, QuickClickChange::Op::Add);
    QCOMPARE(opened->quickClicks.at(0).codeId, *quickClickId(m_secret, macA(), QStringLiteral("0110")));
    QCOMPARE(opened->quickClicks.at(0).uses, 3);
    QCOMPARE(opened->quickClicks.at(1).op, QuickClickChange::Op::Remove);
    QCOMPARE(opened->quickClicks.at(1).codeId, *quickClickId(m_secret, macA(), QStringLiteral("1111")));
    // The code itself never travels.
    QVERIFY(!QByteArray::fromHex(hex->toLatin1()).contains("0110"));
}

void TestLockProtocol::commandRefused_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("code");
    QTest::newRow("replayed into another session") << 0 << QStringLiteral("wrong_session");
    QTest::newRow("made for another lock") << 1 << QStringLiteral("wrong_lock");
    QTest::newRow("sealed with another lock's secret") << 2 << QStringLiteral("tampered");
    QTest::newRow("truncated") << 3 << QStringLiteral("malformed");
    QTest::newRow("not hex") << 4 << QStringLiteral("malformed");
    QTest::newRow("unknown format version") << 5 << QStringLiteral("malformed");
    QTest::newRow("session swapped in the header") << 6 << QStringLiteral("tampered");
}

void TestLockProtocol::commandRefused()
{
    QFETCH(int, what);
    QFETCH(QString, code);
    QString hex = *sealCommand(m_secret, macA(), m_session, sampleCommand(CommandKind::Unlock));
    Session session = m_session;
    MacAddress mac = macA();
    switch (what) {
    case 0:
        session = *Session::make(8);
        break;
    case 1:
        mac = macB();
        break;
    case 2:
        hex = *sealCommand(*LockSecret::generate(), macA(), m_session, sampleCommand(CommandKind::Unlock));
        break;
    case 3:
        hex.chop(40);
        hex = hex.left(60);
        break;
    case 4:
        hex[10] = u'z';
        break;
    case 5:
        hex.replace(0, 2, QStringLiteral("02"));
        break;
    case 6: {
        // An attacker rewrites the clear session field to the lock's current one: the AAD catches it.
        session = *Session::make(8);
        hex.replace(14, 40, session.toHex());
        break;
    }
    }
    const auto opened = openCommand(m_keys, mac, session, hex);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, code);
}

void TestLockProtocol::commandBitFlipsAnywhereAreRefused()
{
    const QString hex = *sealCommand(m_secret, macA(), m_session, sampleCommand(CommandKind::Unlock));
    const int size = int(hex.size() / 2);
    for (int i = 0; i < size; ++i) {
        const auto opened = openCommand(m_keys, macA(), m_session, flipBit(hex, i, i % 8));
        QVERIFY2(!opened.ok(), qPrintable(QStringLiteral("a flip in byte %1 was accepted").arg(i)));
    }
}

void TestLockProtocol::sealCommandRejectsBadInput_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("field");
    QTest::newRow("quick-click code with a 2") << 0 << QStringLiteral("code");
    QTest::newRow("quick-click code too short") << 1 << QStringLiteral("code");
    QTest::newRow("zero uses") << 2 << QStringLiteral("uses");
    QTest::newRow("256 uses") << 3 << QStringLiteral("uses");
    QTest::newRow("expires before the server time") << 4 << QStringLiteral("expiresAt");
    QTest::newRow("lives longer than five minutes") << 5 << QStringLiteral("expiresAt");
    QTest::newRow("no session") << 6 << QStringLiteral("session");
    QTest::newRow("no server time") << 7 << QStringLiteral("serverTime");
}

void TestLockProtocol::sealCommandRejectsBadInput()
{
    QFETCH(int, what);
    QFETCH(QString, field);
    OnlineCommand command = sampleCommand(CommandKind::Unlock);
    Session session = m_session;
    switch (what) {
    case 0:
        command.quickClicks = { QuickClickChange::add(QStringLiteral("0120"), 1) };
        break;
    case 1:
        command.quickClicks = { QuickClickChange::add(QStringLiteral("01"), 1) };
        break;
    case 2:
        command.quickClicks = { QuickClickChange::add(QStringLiteral("010"), 0) };
        break;
    case 3:
        command.quickClicks = { QuickClickChange::add(QStringLiteral("010"), 256) };
        break;
    case 4:
        command.expiresAt = command.serverTime;
        break;
    case 5:
        command.expiresAt = command.serverTime + OnlineCommand::MaxLifetimeSeconds + 1;
        break;
    case 6:
        session = Session();
        break;
    case 7:
        command.serverTime = 0;
        break;
    }
    const auto hex = sealCommand(m_secret, macA(), session, command);
    QVERIFY(!hex.ok());
    QCOMPARE(hex.error().field, field);
    QVERIFY(!hex.error().message.isEmpty());
}

void TestLockProtocol::offlineCredentialRoundTrip()
{
    const OfflineGrant grant = sampleGrant();
    const auto credential = issueOfflineCredential(m_secret, macA(), grant);
    QVERIFY2(credential.ok(), qPrintable(credential.errorMessage()));
    QCOMPARE(credential->offlineKeyHex.size(), 64);
    const auto proof = makeOfflineProof(credential->offlineKeyHex, credential->unlockCommandHex, m_session);
    QVERIFY(proof.ok());
    QVERIFY(proof->startsWith(credential->unlockCommandHex));
    const auto token = verifyOfflineProof(m_keys, macA(), m_session, *proof);
    QVERIFY2(token.ok(), qPrintable(token.errorMessage()));
    QCOMPARE(token->keyId, grant.keyId);
    QCOMPARE(token->mac, macA());
    QCOMPARE(token->trackingKeyHash, trackingKeyHash(m_keys, grant.trackingKey));
    QCOMPARE(token->notBefore, grant.notBefore);
    QCOMPARE(token->notAfter, grant.notAfter);
    QCOMPARE(token->windows, grant.windows);
    QCOMPARE(token->oneTime, true);
    QCOMPARE(token->epoch, 1u);
    QCOMPARE(*openRevocation(m_keys, macA(), token->revocationBlob), grant.revocation);
}

void TestLockProtocol::offlineCredentialIsDeterministicAndBound()
{
    const auto a = *issueOfflineCredential(m_secret, macA(), sampleGrant());
    const auto b = *issueOfflineCredential(m_secret, macA(), sampleGrant());
    QCOMPARE(a.offlineKeyHex, b.offlineKeyHex);
    QCOMPARE(a.unlockCommandHex, b.unlockCommandHex);
    OfflineGrant other = sampleGrant();
    other.keyId = 78;
    QVERIFY(issueOfflineCredential(m_secret, macA(), other)->offlineKeyHex != a.offlineKeyHex);
    QVERIFY(issueOfflineCredential(m_secret, macB(), sampleGrant())->offlineKeyHex != a.offlineKeyHex);
}

void TestLockProtocol::offlineProofRefused_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("code");
    QTest::newRow("proof replayed in another session") << 0 << QStringLiteral("tampered");
    QTest::newRow("credential for another lock") << 1 << QStringLiteral("wrong_lock");
    QTest::newRow("issued under another secret") << 2 << QStringLiteral("tampered");
    QTest::newRow("offline key of another credential") << 3 << QStringLiteral("tampered");
    QTest::newRow("validity stretched in the token") << 4 << QStringLiteral("tampered");
    QTest::newRow("tag cut off") << 5 << QStringLiteral("malformed");
}

void TestLockProtocol::offlineProofRefused()
{
    QFETCH(int, what);
    QFETCH(QString, code);
    OfflineCredential credential = *issueOfflineCredential(m_secret, macA(), sampleGrant());
    Session lockSession = m_session;
    QString proof;
    switch (what) {
    case 0:
        lockSession = *Session::make(8);
        break;
    case 1:
        credential = *issueOfflineCredential(m_secret, macB(), sampleGrant());
        break;
    case 2:
        credential = *issueOfflineCredential(*LockSecret::generate(), macA(), sampleGrant());
        break;
    case 3: {
        OfflineGrant other = sampleGrant();
        other.keyId = 78;
        credential.offlineKeyHex = issueOfflineCredential(m_secret, macA(), other)->offlineKeyHex;
        break;
    }
    case 4: {
        // notAfter sits after version(1) + key id(8) + mac(6) + hash(16) + notBefore(8) = byte 39.
        QByteArray token = QByteArray::fromHex(credential.unlockCommandHex.toLatin1());
        token[39 + 4] = char(token[39 + 4] + 1);
        credential.unlockCommandHex = QString::fromLatin1(token.toHex());
        break;
    }
    case 5:
        break;
    }
    proof = *makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, m_session);
    if (what == 5)
        proof.chop(64);
    const auto token = verifyOfflineProof(m_keys, macA(), lockSession, proof);
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, code);
}

void TestLockProtocol::offlineProofBitFlipsAnywhereAreRefused()
{
    const auto credential = *issueOfflineCredential(m_secret, macA(), sampleGrant());
    const QString proof = *makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, m_session);
    QVERIFY(verifyOfflineProof(m_keys, macA(), m_session, proof).ok());
    for (int i = 0; i < proof.size() / 2; ++i) {
        const auto token = verifyOfflineProof(m_keys, macA(), m_session, flipBit(proof, i, (i + 3) % 8));
        QVERIFY2(!token.ok(), qPrintable(QStringLiteral("a flip in byte %1 was accepted").arg(i)));
    }
    // The phone holds offline_key and may re-tag a token it altered (longer validity, other windows, not
    // one-time, another key id): offline_key is derived from T, so any change to T voids it.
    const int tokenSize = int(credential.unlockCommandHex.size() / 2);
    for (int i = 0; i < tokenSize; ++i) {
        const auto retagged = makeOfflineProof(credential.offlineKeyHex,
                                               flipBit(credential.unlockCommandHex, i, (i + 1) % 8), m_session);
        if (!retagged)
            continue; // not even a well-formed token: the phone cannot make a proof of it
        QVERIFY2(!verifyOfflineProof(m_keys, macA(), m_session, *retagged).ok(),
                 qPrintable(QStringLiteral("a re-tagged flip in token byte %1 was accepted").arg(i)));
    }
    // The phone's key, too: a flipped offline_key makes a proof the lock refuses.
    for (int i = 0; i < 32; ++i) {
        const QString bad
            = *makeOfflineProof(flipBit(credential.offlineKeyHex, i, i % 8), credential.unlockCommandHex, m_session);
        QVERIFY(!verifyOfflineProof(m_keys, macA(), m_session, bad).ok());
    }
}

void TestLockProtocol::issueRejectsBadGrants_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("field");
    QTest::newRow("key id zero") << 0 << QStringLiteral("keyId");
    QTest::newRow("no tracking key") << 1 << QStringLiteral("trackingKey");
    QTest::newRow("ends before it starts") << 2 << QStringLiteral("notAfter");
    QTest::newRow("empty window") << 3 << QStringLiteral("windows");
    QTest::newRow("seventeen windows") << 4 << QStringLiteral("windows");
}

void TestLockProtocol::issueRejectsBadGrants()
{
    QFETCH(int, what);
    QFETCH(QString, field);
    OfflineGrant grant = sampleGrant();
    switch (what) {
    case 0:
        grant.keyId = 0;
        break;
    case 1:
        grant.trackingKey.clear();
        break;
    case 2:
        grant.notAfter = grant.notBefore - 1;
        break;
    case 3:
        grant.windows = { { T0 + 10, T0 + 10 } };
        break;
    case 4:
        grant.windows = QList<TimeWindow>(17, TimeWindow { T0, T0 + 1 });
        break;
    }
    const auto credential = issueOfflineCredential(m_secret, macA(), grant);
    QVERIFY(!credential.ok());
    QCOMPARE(credential.error().field, field);
}

void TestLockProtocol::revocationRoundTripAndTamper()
{
    const RevocationState state { 12, 4, { 1, 0xffffffffffffffffULL, 99 } };
    const QByteArray blob = *sealRevocation(m_keys, macA(), state);
    QCOMPARE(*openRevocation(m_keys, macA(), blob), state);
    QCOMPARE(openRevocation(m_keys, macB(), blob).error().code, QStringLiteral("tampered"));
    for (int i = 0; i < blob.size(); ++i) {
        QByteArray bad = blob;
        bad[i] = char(bad[i] ^ 0x10);
        QVERIFY2(!openRevocation(m_keys, macA(), bad).ok(), qPrintable(QString::number(i)));
    }
    QVERIFY(!openRevocation(m_keys, macA(), blob.left(20)).ok());
    QVERIFY(state.isRevoked(99, 4));
    QVERIFY(state.isRevoked(5, 3)); // epoch below min_epoch: "revoke all"
    QVERIFY(!state.isRevoked(5, 4));
}

void TestLockProtocol::lockResponseRoundTrip_data()
{
    QTest::addColumn<int>("event");
    QTest::addColumn<bool>("exact");
    QTest::addColumn<qint64>("rangeEnd");
    QTest::addColumn<bool>("withKey");
    QTest::addColumn<bool>("withQuickClick");
    QTest::addColumn<int>("battery");
    QTest::newRow("online unlock at an exact time")
        << int(LockEvent::Unlocked) << true << qint64(0) << true << false << 3012;
    QTest::newRow("offline unlock in a time range")
        << int(LockEvent::Unlocked) << false << T0 + 120 << true << false << -1;
    QTest::newRow("quick click in a time range")
        << int(LockEvent::UnlockedViaQuickClick) << false << T0 + 120 << false << true << -1;
    QTest::newRow("start-up with an open range")
        << int(LockEvent::StartUp) << false << qint64(0) << false << false << 2900;
    QTest::newRow("failed unlock") << int(LockEvent::FailedUnlock) << false << T0 + 5 << true << false << -1;
}

void TestLockProtocol::lockResponseRoundTrip()
{
    QFETCH(int, event);
    QFETCH(bool, exact);
    QFETCH(qint64, rangeEnd);
    QFETCH(bool, withKey);
    QFETCH(bool, withQuickClick);
    QFETCH(int, battery);
    LockLogEntry entry;
    entry.seq = 4711;
    entry.event = LockEvent(event);
    entry.detail = 9;
    entry.exactTime = exact;
    entry.rangeStart = T0;
    entry.rangeEnd = exact ? T0 : rangeEnd;
    if (withKey) {
        entry.keyId = 0x0102030405060708ULL;
        entry.trackingKeyHash = trackingKeyHash(m_keys, QStringLiteral("tk-bob"));
        entry.session = m_session.bytes();
    }
    if (withQuickClick)
        entry.quickClickId = quickClickId(m_keys, QStringLiteral("0101"));
    entry.batteryMv = battery;
    entry.revocationVersion = 3;
    const auto hex = encodeLockResponse(m_keys, macA(), entry);
    QVERIFY(hex.ok());
    QCOMPARE(hex->size(), 244);
    const auto decoded = decodeLockResponse(m_secret, macA(), *hex);
    QVERIFY2(decoded.ok(), qPrintable(decoded.errorMessage()));
    QCOMPARE(*decoded, entry);
}

void TestLockProtocol::lockResponseForgeriesRefused()
{
    LockLogEntry entry;
    entry.seq = 1;
    entry.event = LockEvent::Unlocked;
    entry.exactTime = true;
    entry.rangeStart = entry.rangeEnd = T0;
    entry.keyId = 5;
    const QString hex = *encodeLockResponse(m_keys, macA(), entry);
    for (int i = 0; i < hex.size() / 2; ++i)
        QVERIFY2(!decodeLockResponse(m_keys, macA(), flipBit(hex, i, i % 8)).ok(), qPrintable(QString::number(i)));
    QCOMPARE(decodeLockResponse(m_keys, macB(), hex).error().code, QStringLiteral("tampered"));
    QCOMPARE(decodeLockResponse(*LockSecret::generate(), macA(), hex).error().code, QStringLiteral("tampered"));
    QCOMPARE(decodeLockResponse(m_keys, macA(), hex.left(242)).error().code, QStringLiteral("malformed"));
    QCOMPARE(decodeLockResponse(m_keys, macA(), QString(244, u'0')).error().code, QStringLiteral("tampered"));
    QCOMPARE(decodeLockResponse(m_keys, macA(), QStringLiteral("not hex")).error().code, QStringLiteral("malformed"));
    // A forger who knows the format but not the key cannot move an entry's time.
    QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    bytes[15] = char(bytes[15] + 1);
    QVERIFY(!decodeLockResponse(m_keys, macA(), QString::fromLatin1(bytes.toHex())).ok());
}

void TestLockProtocol::eventNamesMatchCoreApi()
{
    const QStringList names { QStringLiteral("alarm_triggered"),
                              QStringLiteral("button_touched"),
                              QStringLiteral("failed_unlock"),
                              QStringLiteral("locked"),
                              QStringLiteral("proximity_stats"),
                              QStringLiteral("setup_unlocked"),
                              QStringLiteral("start_up"),
                              QStringLiteral("unknown"),
                              QStringLiteral("unlock_via_access_code"),
                              QStringLiteral("unlocked"),
                              QStringLiteral("unlocked_via_quick_click"),
                              QStringLiteral("wake_stats") };
    for (const QString &name : names) {
        const auto event = lockEventFromName(name);
        QVERIFY2(event.has_value(), qPrintable(name));
        QCOMPARE(lockEventName(*event), name);
    }
    QVERIFY(!lockEventFromName(QStringLiteral("opened")).has_value());
}

QTEST_GUILESS_MAIN(TestLockProtocol)
#include "TestLockProtocol.moc"
