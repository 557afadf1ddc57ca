#pragma once

#include "core/domain/MacAddress.h"
#include "core/domain/Result.h"
#include "core/lockproto/LockSecret.h"

#include <QList>

namespace Keydesk::Core {

/// A lock's revocation state. Versions only go up: a lock never accepts an older one. "Revoke all" raises
/// minEpoch (credentials carry the epoch they were issued in); single revocations list key ids, and the
/// server drops ids from the list once their credentials have expired.
struct RevocationState
{
    static constexpr int MaxRevokedKeys = 2048;

    quint32 version = 0;
    quint32 minEpoch = 0;
    QList<quint64> revokedKeyIds; ///< key ids (see OfflineCredential.h) refused regardless of validity

    bool isRevoked(quint64 keyId, quint32 epoch) const { return epoch < minEpoch || revokedKeyIds.contains(keyId); }
    friend bool operator==(const RevocationState &, const RevocationState &) = default;
};

/// The state as a blob any phone can carry: 0x01 || version u32 || min_epoch u32 || count u16 ||
/// key ids u64[count] || HMAC-SHA256(revocation key, "KDRV" || MAC || everything before the tag).
Result<QByteArray> sealRevocation(const LockKeys &keys, const MacAddress &mac, const RevocationState &state);
Result<QByteArray> sealRevocation(const LockSecret &secret, const MacAddress &mac, const RevocationState &state);
/// Verifies the tag in constant time and parses; any changed byte or another lock's blob is an error.
Result<RevocationState> openRevocation(const LockKeys &keys, const MacAddress &mac, const QByteArray &blob);

} // namespace Keydesk::Core
