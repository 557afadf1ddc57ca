#pragma once

#include "core/domain/MacAddress.h"
#include "core/domain/Result.h"
#include "core/lockproto/LockSecret.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Keydesk::Core {

/// What happened at the lock, named as the Core API's activity `action`.
enum class LockEvent : quint8 {
    AlarmTriggered = 1,
    ButtonTouched = 2,
    FailedUnlock = 3,
    Locked = 4,
    ProximityStats = 5,
    SetupUnlocked = 6,
    StartUp = 7,
    Unknown = 8,
    UnlockViaAccessCode = 9,
    Unlocked = 10,
    UnlockedViaQuickClick = 11,
    WakeStats = 12,
};

/// "alarm_triggered", "unlocked", ... (the Core API action name).
QString lockEventName(LockEvent event);
std::optional<LockEvent> lockEventFromName(const QString &name);

/// Why the lock refused; carried in failed_unlock entries' `detail` and in VirtualLock outcomes.
enum class Refusal : quint8 {
    None = 0,
    Malformed = 1, ///< not a command/token of this protocol version
    WrongLock = 2, ///< made for another lock
    WrongSession = 3, ///< made for another (older: a replay) session
    NoSession = 4, ///< the lock had no open session (already used: a replay)
    Tampered = 5, ///< authentication failed: a bit changed or another key
    BadCommand = 6, ///< authentic but inconsistent (times, codes)
    Expired = 7, ///< command lifetime or credential validity over
    NotYetValid = 8,
    OutsideWindow = 9, ///< not inside any of today's windows
    Revoked = 10, ///< key id listed, or epoch below min_epoch
    StaleRevocation = 11, ///< a revocation state older than the lock's
    OneTimeUsed = 12,
    ClockRollback = 13, ///< server time older than the lock's high-water mark, or lock clock behind it
    ClockUnset = 14, ///< after a power loss, until an online command set the clock
    WrongCode = 15, ///< quick click not known
    Backoff = 16, ///< too many wrong quick clicks; wait
    OneTimeFull = 17, ///< the ring of used one-time ids is full of unexpired ids
    StorageFailure = 18, ///< the lock could not persist its state, so it refuses rather than forget
};

/// "wrong_session", "expired", ...; "none" for Refusal::None.
QString refusalName(Refusal refusal);

/// One authenticated lock response (log entry).
///
/// Time: an online command's entries carry the exact, server-set time (exactTime, rangeStart == rangeEnd).
/// Entries made on the lock's own clock (offline unlock, quick click, start-up) carry a range that bounds the
/// clock's possible drift; rangeEnd == 0 means "unknown upper bound" (the clock was unset): use the upload's
/// received_time.
struct LockLogEntry
{
    quint32 seq = 0; ///< per-lock, starts at 1, +1 per entry; the server de-duplicates by (lock, seq)
    LockEvent event = LockEvent::Unknown;
    quint8 detail = 0; ///< CommandKind for command events, Refusal for failed_unlock, else 0
    bool exactTime = false;
    qint64 rangeStart = 0; ///< UTC unix seconds; the time itself when exactTime
    qint64 rangeEnd = 0; ///< UTC unix seconds, or 0 = open
    quint64 keyId = 0; ///< 0 = none
    QByteArray trackingKeyHash; ///< 16 bytes (see trackingKeyHash()), or empty
    QByteArray quickClickId; ///< 16 bytes (see quickClickId()), or empty
    int batteryMv = -1; ///< -1 = not reported
    quint32 revocationVersion = 0; ///< the lock's revocation version after this event
    QByteArray session; ///< the 20-byte session this happened in, or empty (quick click, start-up)

    qint64 time() const { return rangeStart; }
    friend bool operator==(const LockLogEntry &, const LockLogEntry &) = default;
};

/// Encodes and authenticates an entry (README.md, "Lock responses"); lower-case hex, 244 characters.
Result<QString> encodeLockResponse(const LockKeys &keys, const MacAddress &mac, const LockLogEntry &entry);
/// For the server: verifies the HMAC in constant time and parses. Forged, altered, truncated or other-lock
/// responses are errors ("malformed", "tampered").
Result<LockLogEntry> decodeLockResponse(const LockSecret &secret, const MacAddress &mac, const QString &hex);
Result<LockLogEntry> decodeLockResponse(const LockKeys &keys, const MacAddress &mac, const QString &hex);

} // namespace Keydesk::Core
