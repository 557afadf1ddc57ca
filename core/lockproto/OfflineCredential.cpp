#include "core/lockproto/OfflineCredential.h"

#include "core/lockproto/Wire.h"

namespace Keydesk::Core {

namespace {

constexpr quint8 TokenFormat = 1;
constexpr quint8 FlagOneTime = 0x01;

Error badGrant(const QString &message, const QString &field)
{
    return Error::make(QStringLiteral("bad_grant"), message, field);
}

Result<QByteArray> deriveOfflineKey(const LockKeys &keys, quint64 keyId, const QByteArray &token)
{
    auto digest = Crypto::sha256(token);
    if (!digest)
        return digest.error();
    Wire::Writer salt;
    salt.u64(keyId);
    return Crypto::hkdfSha256(keys.offline, salt.data(), QByteArray("keydesk offline v1") + *digest, Crypto::KeySize);
}

QByteArray proofInput(const Session &session, const QByteArray &token)
{
    return QByteArray("KDOP") + session.bytes() + token;
}

Error malformed(const QString &what)
{
    return Error::make(QStringLiteral("malformed"),
                       QStringLiteral("Not an offline credential of this protocol version: %1.").arg(what));
}

} // namespace

Result<OfflineCredential> issueOfflineCredential(const LockKeys &keys, const MacAddress &mac, const OfflineGrant &grant)
{
    if (grant.keyId == 0)
        return badGrant(QStringLiteral("An offline credential needs a non-zero key id."), QStringLiteral("keyId"));
    if (grant.trackingKey.isEmpty())
        return badGrant(QStringLiteral("An offline credential needs the user's tracking key."),
                        QStringLiteral("trackingKey"));
    if (grant.notBefore <= 0 || grant.notAfter <= grant.notBefore)
        return badGrant(QStringLiteral("The validity must be a non-empty range of positive unix times."),
                        QStringLiteral("notAfter"));
    if (grant.windows.size() > OfflineGrant::MaxWindows)
        return badGrant(QStringLiteral("At most %1 windows per day fit in a credential.").arg(OfflineGrant::MaxWindows),
                        QStringLiteral("windows"));
    for (const TimeWindow &window : grant.windows) {
        if (window.end <= window.start)
            return badGrant(QStringLiteral("Each window must end after it starts."), QStringLiteral("windows"));
    }
    auto revocation = sealRevocation(keys, mac, grant.revocation);
    if (!revocation)
        return revocation.error();

    Wire::Writer t;
    t.u8(TokenFormat);
    t.u64(grant.keyId);
    t.bytes(mac.toBytes());
    t.bytes(trackingKeyHash(keys, grant.trackingKey));
    t.i64(grant.notBefore);
    t.i64(grant.notAfter);
    t.u8(grant.oneTime ? FlagOneTime : 0);
    t.u32(grant.epoch);
    t.u8(quint8(grant.windows.size()));
    for (const TimeWindow &window : grant.windows) {
        t.i64(window.start);
        t.i64(window.end);
    }
    t.u16(quint16(revocation->size()));
    t.bytes(*revocation);

    auto offlineKey = deriveOfflineKey(keys, grant.keyId, t.data());
    if (!offlineKey)
        return offlineKey.error();
    OfflineCredential credential { Wire::toHex(*offlineKey), Wire::toHex(t.data()) };
    Crypto::cleanse(offlineKey.value());
    return credential;
}

Result<OfflineCredential> issueOfflineCredential(const LockSecret &secret, const MacAddress &mac,
                                                 const OfflineGrant &grant)
{
    auto keys = LockKeys::derive(secret, mac);
    if (!keys)
        return keys.error();
    return issueOfflineCredential(*keys, mac, grant);
}

Result<OfflineToken> parseOfflineToken(const QByteArray &token)
{
    Wire::Reader r(token);
    if (r.u8() != TokenFormat)
        return malformed(QStringLiteral("unknown format version"));
    OfflineToken t;
    t.keyId = r.u64();
    auto mac = MacAddress::fromBytes(r.bytes(6));
    t.trackingKeyHash = r.bytes(16);
    t.notBefore = r.i64();
    t.notAfter = r.i64();
    const quint8 flags = r.u8();
    t.epoch = r.u32();
    const quint8 windows = r.u8();
    if (r.failed() || !mac)
        return malformed(QStringLiteral("truncated"));
    if ((flags & ~FlagOneTime) != 0)
        return malformed(QStringLiteral("unknown flags"));
    if (windows > OfflineGrant::MaxWindows)
        return malformed(QStringLiteral("too many windows"));
    t.mac = *mac;
    t.oneTime = (flags & FlagOneTime) != 0;
    for (int i = 0; i < windows; ++i) {
        TimeWindow window;
        window.start = r.i64();
        window.end = r.i64();
        t.windows.append(window);
    }
    const quint16 revocationLength = r.u16();
    t.revocationBlob = r.bytes(revocationLength);
    if (r.failed() || !r.atEnd())
        return malformed(QStringLiteral("length mismatch"));
    if (t.keyId == 0 || t.notAfter <= t.notBefore)
        return malformed(QStringLiteral("empty key id or validity"));
    t.raw = token;
    return t;
}

Result<QString> makeOfflineProof(const QString &offlineKeyHex, const QString &unlockCommandHex, const Session &session)
{
    bool keyOk = false, tokenOk = false;
    const QByteArray offlineKey = Wire::fromHex(offlineKeyHex.trimmed(), &keyOk);
    const QByteArray token = Wire::fromHex(unlockCommandHex.trimmed(), &tokenOk);
    if (!keyOk || offlineKey.size() != Crypto::KeySize)
        return Error::make(QStringLiteral("invalid_offline_key"),
                           QStringLiteral("offline_key must be 64 hex characters as the server returned it."),
                           QStringLiteral("offline_key"));
    if (!tokenOk || !parseOfflineToken(token))
        return Error::make(QStringLiteral("invalid_unlock_command"),
                           QStringLiteral("unlock_command is not an offline credential token; use the value the "
                                          "server returned with this offline_key."),
                           QStringLiteral("unlock_command"));
    if (session.isNull())
        return Error::make(QStringLiteral("invalid_session"), QStringLiteral("Read a session from the lock first."),
                           QStringLiteral("session"));
    auto tag = Crypto::hmacSha256(offlineKey, proofInput(session, token));
    if (!tag)
        return tag.error();
    return Wire::toHex(token + *tag);
}

Result<OfflineToken> verifyOfflineProof(const LockKeys &keys, const MacAddress &mac, const Session &session,
                                        const QString &proofHex)
{
    bool ok = false;
    const QByteArray proof = Wire::fromHex(proofHex.trimmed(), &ok);
    if (!ok || proof.size() <= Crypto::HmacSize)
        return malformed(QStringLiteral("not hex, or too short"));
    const QByteArray tokenBytes = proof.left(proof.size() - Crypto::HmacSize);
    auto token = parseOfflineToken(tokenBytes);
    if (!token)
        return token.error();
    if (token->mac != mac)
        return Error::make(QStringLiteral("wrong_lock"),
                           QStringLiteral("This offline key is for lock %1.").arg(token->mac.toString()));
    auto offlineKey = deriveOfflineKey(keys, token->keyId, tokenBytes);
    if (!offlineKey)
        return offlineKey.error();
    auto expected = Crypto::hmacSha256(*offlineKey, proofInput(session, tokenBytes));
    Crypto::cleanse(offlineKey.value());
    if (!expected)
        return expected.error();
    if (!Crypto::constantTimeEquals(*expected, proof.right(Crypto::HmacSize)))
        return Error::make(QStringLiteral("tampered"),
                           QStringLiteral("The offline proof does not verify: altered token, wrong offline key, or "
                                          "made for another session."));
    return token;
}

} // namespace Keydesk::Core
