// Known-answer vectors (tests/lockproto/vectors.json): fixed secret, MAC, session, nonces and times must give
// exactly the stored hex, so the wire format cannot drift silently between the server and locks in the field.
#include "core/lockproto/Commands.h"
#include "core/lockproto/LockLog.h"
#include "core/lockproto/OfflineCredential.h"
#include "core/lockproto/Revocation.h"
#include "tests/support/TestPaths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Keydesk::Core;

namespace {

QByteArray hexBytes(const QJsonValue &value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

quint64 id(const QJsonValue &value)
{
    return value.toString().toULongLong();
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

RevocationState revocationFrom(const QJsonObject &json)
{
    RevocationState state;
    state.version = quint32(json.value(QStringLiteral("version")).toInteger());
    state.minEpoch = quint32(json.value(QStringLiteral("min_epoch")).toInteger());
    const QJsonArray ids = json.value(QStringLiteral("revoked_key_ids")).toArray();
    for (const QJsonValue &v : ids)
        state.revokedKeyIds.append(id(v));
    return state;
}

} // namespace

class TestLockVectors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void vectors_data();
    void vectors();
    void storedVectorsStillOpen();
    void cleanupTestCase();

private:
    QJsonObject m_file;
    QJsonObject m_computed;
};

void TestLockVectors::initTestCase()
{
    QFile file(Keydesk::Test::sourcePath(QStringLiteral("tests/lockproto/vectors.json")));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    QVERIFY(doc.isObject());
    m_file = doc.object();
    const QJsonObject in = m_file.value(QStringLiteral("inputs")).toObject();

    const LockSecret secret = *LockSecret::fromHex(in.value(QStringLiteral("secret")).toString());
    const MacAddress mac = *MacAddress::parse(in.value(QStringLiteral("mac")).toString());
    const LockKeys keys = *LockKeys::derive(secret, mac);
    const QString trackingKey = in.value(QStringLiteral("tracking_key")).toString();
    const RevocationState revocation = revocationFrom(in.value(QStringLiteral("revocation")).toObject());

    QJsonObject out;
    out.insert(QStringLiteral("subkey_cmd"), hex(keys.command));
    out.insert(QStringLiteral("subkey_offline"), hex(keys.offline));
    out.insert(QStringLiteral("subkey_revocation"), hex(keys.revocation));
    out.insert(QStringLiteral("subkey_quickclick"), hex(keys.quickClick));
    out.insert(QStringLiteral("subkey_log"), hex(keys.log));
    out.insert(QStringLiteral("tracking_key_hash"), hex(trackingKeyHash(keys, trackingKey)));
    out.insert(QStringLiteral("quick_click_id"),
               hex(quickClickId(keys, in.value(QStringLiteral("quick_click_code")).toString())));

    const Crypto::FixedRandomSource secretNonce(hexBytes(in.value(QStringLiteral("secret_nonce"))));
    out.insert(QStringLiteral("sealed_secret"),
               hex(*sealSecret(hexBytes(in.value(QStringLiteral("kek"))), secret, mac.toBytes(), secretNonce)));

    const Crypto::FixedRandomSource sessionRandom(hexBytes(in.value(QStringLiteral("session_random"))));
    const Session session
        = *Session::make(quint32(in.value(QStringLiteral("session_counter")).toInteger()), sessionRandom);
    out.insert(QStringLiteral("session"), session.toHex());

    out.insert(QStringLiteral("revocation_blob"), hex(*sealRevocation(keys, mac, revocation)));

    const QJsonObject c = in.value(QStringLiteral("command")).toObject();
    OnlineCommand command;
    command.kind = CommandKind(c.value(QStringLiteral("kind")).toInt());
    command.serverTime = c.value(QStringLiteral("server_time")).toInteger();
    command.expiresAt = c.value(QStringLiteral("expires_at")).toInteger();
    command.keyId = id(c.value(QStringLiteral("key_id")));
    command.trackingKey = trackingKey;
    command.revocation = revocation;
    const QJsonArray quickClicks = c.value(QStringLiteral("quick_clicks")).toArray();
    for (const QJsonValue &v : quickClicks) {
        const QJsonObject q = v.toObject();
        const QString code = q.value(QStringLiteral("code")).toString();
        command.quickClicks.append(q.value(QStringLiteral("op")).toString() == QLatin1String("add")
                                       ? QuickClickChange::add(code, q.value(QStringLiteral("uses")).toInt())
                                       : QuickClickChange::remove(code));
    }
    const Crypto::FixedRandomSource commandNonce(hexBytes(in.value(QStringLiteral("command_nonce"))));
    out.insert(QStringLiteral("command"), *sealCommand(secret, mac, session, command, commandNonce));

    const QJsonObject g = in.value(QStringLiteral("grant")).toObject();
    OfflineGrant grant;
    grant.keyId = id(g.value(QStringLiteral("key_id")));
    grant.trackingKey = trackingKey;
    grant.notBefore = g.value(QStringLiteral("not_before")).toInteger();
    grant.notAfter = g.value(QStringLiteral("not_after")).toInteger();
    const QJsonArray windows = g.value(QStringLiteral("windows")).toArray();
    for (const QJsonValue &w : windows)
        grant.windows.append({ w.toArray().at(0).toInteger(), w.toArray().at(1).toInteger() });
    grant.oneTime = g.value(QStringLiteral("one_time")).toBool();
    grant.epoch = quint32(g.value(QStringLiteral("epoch")).toInteger());
    grant.revocation = revocation;
    const OfflineCredential credential = *issueOfflineCredential(secret, mac, grant);
    out.insert(QStringLiteral("offline_key"), credential.offlineKeyHex);
    out.insert(QStringLiteral("unlock_command"), credential.unlockCommandHex);
    out.insert(QStringLiteral("offline_proof"),
               *makeOfflineProof(credential.offlineKeyHex, credential.unlockCommandHex, session));

    const QJsonObject l = in.value(QStringLiteral("log_entry")).toObject();
    LockLogEntry entry;
    entry.seq = quint32(l.value(QStringLiteral("seq")).toInteger());
    entry.event = *lockEventFromName(l.value(QStringLiteral("event")).toString());
    entry.detail = quint8(l.value(QStringLiteral("detail")).toInt());
    entry.exactTime = l.value(QStringLiteral("exact_time")).toBool();
    entry.rangeStart = l.value(QStringLiteral("range_start")).toInteger();
    entry.rangeEnd = l.value(QStringLiteral("range_end")).toInteger();
    entry.keyId = id(l.value(QStringLiteral("key_id")));
    entry.trackingKeyHash = trackingKeyHash(keys, trackingKey);
    entry.batteryMv = l.value(QStringLiteral("battery_mv")).toInt();
    entry.revocationVersion = quint32(l.value(QStringLiteral("revocation_version")).toInteger());
    entry.session = session.bytes();
    out.insert(QStringLiteral("log_entry"), *encodeLockResponse(keys, mac, entry));
    m_computed = out;
}

void TestLockVectors::vectors_data()
{
    QTest::addColumn<QString>("name");
    for (auto it = m_computed.constBegin(); it != m_computed.constEnd(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key();
}

void TestLockVectors::vectors()
{
    QFETCH(QString, name);
    if (qEnvironmentVariableIsSet("KEYDESK_WRITE_VECTORS"))
        QSKIP("writing vectors, not checking them");
    const QJsonObject expected = m_file.value(QStringLiteral("expected")).toObject();
    QVERIFY2(expected.contains(name), qPrintable(QStringLiteral("vectors.json has no expected \"%1\"").arg(name)));
    QCOMPARE(m_computed.value(name).toString(), expected.value(name).toString());
}

void TestLockVectors::storedVectorsStillOpen()
{
    // The lock-side parsers must accept what the stored vectors hold, not only what today's sealer makes.
    const QJsonObject in = m_file.value(QStringLiteral("inputs")).toObject();
    const QJsonObject expected = m_file.value(QStringLiteral("expected")).toObject();
    if (expected.isEmpty())
        QSKIP("no stored vectors yet");
    const LockSecret secret = *LockSecret::fromHex(in.value(QStringLiteral("secret")).toString());
    const MacAddress mac = *MacAddress::parse(in.value(QStringLiteral("mac")).toString());
    const LockKeys keys = *LockKeys::derive(secret, mac);
    const Session session = *Session::parse(expected.value(QStringLiteral("session")).toString());

    const auto command = openCommand(keys, mac, session, expected.value(QStringLiteral("command")).toString());
    QVERIFY2(command.ok(), qPrintable(command.errorMessage()));
    QCOMPARE(command->keyId, 42u);
    QCOMPARE(command->quickClicks.size(), 2);
    const auto token
        = verifyOfflineProof(keys, mac, session, expected.value(QStringLiteral("offline_proof")).toString());
    QVERIFY2(token.ok(), qPrintable(token.errorMessage()));
    QCOMPARE(token->keyId, 77u);
    const auto entry = decodeLockResponse(secret, mac, expected.value(QStringLiteral("log_entry")).toString());
    QVERIFY2(entry.ok(), qPrintable(entry.errorMessage()));
    QCOMPARE(entry->seq, 12u);
    QCOMPARE(entry->batteryMv, 3012);
    const auto opened = openSecret(hexBytes(in.value(QStringLiteral("kek"))),
                                   hexBytes(expected.value(QStringLiteral("sealed_secret"))), mac.toBytes());
    QVERIFY(opened.ok());
    QCOMPARE(opened->bytes(), secret.bytes());
}

void TestLockVectors::cleanupTestCase()
{
    if (!qEnvironmentVariableIsSet("KEYDESK_WRITE_VECTORS"))
        return;
    m_file.insert(QStringLiteral("expected"), m_computed);
    QFile file(Keydesk::Test::sourcePath(QStringLiteral("tests/lockproto/vectors.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(m_file).toJson(QJsonDocument::Indented));
}

QTEST_GUILESS_MAIN(TestLockVectors)
#include "TestLockVectors.moc"
