#pragma once

#include "core/domain/MacAddress.h"
#include "core/domain/Result.h"
#include "core/lockproto/LockSecret.h"
#include "core/lockproto/Revocation.h"
#include "core/lockproto/Session.h"

#include <QList>
#include <QString>

namespace Keydesk::Core {

/// A half-open interval [start, end) of UTC unix seconds: one of today's access windows.
struct TimeWindow
{
    qint64 start = 0;
    qint64 end = 0;
    bool contains(qint64 t) const { return start <= t && t < end; }
    friend bool operator==(const TimeWindow &, const TimeWindow &) = default;
};

/// What the server decided an offline credential may do.
///
/// Key ids are 64-bit, non-zero, chosen by the server and never reused on one lock (e.g. a row id of the
/// issued offline key); the lock's revocation list and one-time ring refer to them.
struct OfflineGrant
{
    static constexpr int MaxWindows = 16;

    quint64 keyId = 0;
    QString trackingKey; ///< the user's identifier; only its per-lock hash goes into the token
    qint64 notBefore = 0; ///< UTC unix seconds, inclusive
    qint64 notAfter = 0; ///< UTC unix seconds, exclusive
    QList<TimeWindow> windows; ///< today's windows; empty = no window restriction inside notBefore..notAfter
    bool oneTime = false; ///< the lock accepts it once, ever
    quint32 epoch = 0; ///< the lock's revocation epoch at issue time; "revoke all" raises min_epoch above it
    RevocationState revocation; ///< the lock's current state, carried inside the token to reach the lock
};

/// The pair the Core API `/keys/` returns per (lock, tracking key). Both lower-case hex.
struct OfflineCredential
{
    QString offlineKeyHex; ///< 32 bytes: HKDF(offline key, salt key id, info "keydesk offline v1" || SHA-256(T))
    QString unlockCommandHex; ///< the token T (README.md)
};

/// Issues a credential; deterministic for a given input (no randomness). Invalid grants are errors.
Result<OfflineCredential> issueOfflineCredential(const LockSecret &secret, const MacAddress &mac,
                                                 const OfflineGrant &grant);
Result<OfflineCredential> issueOfflineCredential(const LockKeys &keys, const MacAddress &mac,
                                                 const OfflineGrant &grant);

/// The phone's message at the door: T || HMAC-SHA256(offline_key, session || T), lower-case hex.
Result<QString> makeOfflineProof(const QString &offlineKeyHex, const QString &unlockCommandHex, const Session &session);

/// A parsed token (lock side, and for the server to inspect what it issued).
struct OfflineToken
{
    quint64 keyId = 0;
    MacAddress mac;
    QByteArray trackingKeyHash; ///< 16 bytes
    qint64 notBefore = 0;
    qint64 notAfter = 0;
    QList<TimeWindow> windows;
    bool oneTime = false;
    quint32 epoch = 0;
    QByteArray revocationBlob; ///< as sealRevocation made it; the lock verifies it separately
    QByteArray raw; ///< the exact token bytes
};

/// Parses T; checks its structure only, not its authenticity.
Result<OfflineToken> parseOfflineToken(const QByteArray &token);

/// Verifies a phone's proof for this lock and session: re-derives offline_key and checks the tag in constant
/// time. Error codes: "malformed", "wrong_lock", "tampered". Time, revocation and one-time checks are the
/// caller's (the lock's), against its own clock and state.
Result<OfflineToken> verifyOfflineProof(const LockKeys &keys, const MacAddress &mac, const Session &session,
                                        const QString &proofHex);

} // namespace Keydesk::Core
