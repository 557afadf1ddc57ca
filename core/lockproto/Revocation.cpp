#include "core/lockproto/Revocation.h"

#include "core/lockproto/Wire.h"

namespace Keydesk::Core {

namespace {

constexpr quint8 RevocationFormat = 1;

QByteArray tagInput(const MacAddress &mac, const QByteArray &body)
{
    return QByteArray("KDRV") + mac.toBytes() + body;
}

Error malformed(const QString &what)
{
    return Error::make(QStringLiteral("malformed"),
                       QStringLiteral("Not a revocation state of this protocol version: %1.").arg(what));
}

} // namespace

Result<QByteArray> sealRevocation(const LockKeys &keys, const MacAddress &mac, const RevocationState &state)
{
    if (state.revokedKeyIds.size() > RevocationState::MaxRevokedKeys)
        return Error::make(QStringLiteral("too_many_revocations"),
                           QStringLiteral("A lock can hold at most %1 revoked key ids; drop expired ones or raise "
                                          "min_epoch (revoke all) instead.")
                               .arg(RevocationState::MaxRevokedKeys));
    Wire::Writer w;
    w.u8(RevocationFormat);
    w.u32(state.version);
    w.u32(state.minEpoch);
    w.u16(quint16(state.revokedKeyIds.size()));
    for (const quint64 id : state.revokedKeyIds)
        w.u64(id);
    auto tag = Crypto::hmacSha256(keys.revocation, tagInput(mac, w.data()));
    if (!tag)
        return tag.error();
    w.bytes(*tag);
    return w.take();
}

Result<QByteArray> sealRevocation(const LockSecret &secret, const MacAddress &mac, const RevocationState &state)
{
    auto keys = LockKeys::derive(secret, mac);
    if (!keys)
        return keys.error();
    return sealRevocation(*keys, mac, state);
}

Result<RevocationState> openRevocation(const LockKeys &keys, const MacAddress &mac, const QByteArray &blob)
{
    constexpr int header = 1 + 4 + 4 + 2;
    if (blob.size() < header + Crypto::HmacSize)
        return malformed(QStringLiteral("too short"));
    const QByteArray body = blob.left(blob.size() - Crypto::HmacSize);
    auto expected = Crypto::hmacSha256(keys.revocation, tagInput(mac, body));
    if (!expected)
        return expected.error();
    if (!Crypto::constantTimeEquals(*expected, blob.right(Crypto::HmacSize)))
        return Error::make(QStringLiteral("tampered"),
                           QStringLiteral("The revocation state is not authentic for this lock."));
    Wire::Reader r(body);
    if (r.u8() != RevocationFormat)
        return malformed(QStringLiteral("unknown format version"));
    RevocationState state;
    state.version = r.u32();
    state.minEpoch = r.u32();
    const quint16 count = r.u16();
    if (count > RevocationState::MaxRevokedKeys || r.remaining() != qsizetype(count) * 8)
        return malformed(QStringLiteral("key id count does not match the length"));
    state.revokedKeyIds.reserve(count);
    for (int i = 0; i < count; ++i)
        state.revokedKeyIds.append(r.u64());
    if (r.failed())
        return malformed(QStringLiteral("truncated"));
    return state;
}

} // namespace Keydesk::Core
