#pragma once

#include "core/domain/MacAddress.h"
#include "core/domain/Result.h"
#include "core/lockproto/LockSecret.h"
#include "core/lockproto/Revocation.h"
#include "core/lockproto/Session.h"

#include <QList>
#include <QString>

namespace Keydesk::Core {

/// What an online command asks the lock to do.
enum class CommandKind : quint8 {
    Unlock = 1,
    Unshackle = 2,
    FirmwareUpdate = 3,
};

/// One quick-click change carried to the lock: add a code with a number of uses, or remove one.
struct QuickClickChange
{
    enum class Op : quint8 { Add = 1, Remove = 2 };
    static constexpr int UnlimitedUses = 255;

    Op op = Op::Add;
    QString code; ///< 3–24 characters of '0'/'1'; only its HMAC travels
    int uses = UnlimitedUses; ///< 1–254, or 255 for unlimited; ignored for Remove

    static QuickClickChange add(QString code, int uses) { return { Op::Add, std::move(code), uses }; }
    static QuickClickChange remove(QString code) { return { Op::Remove, std::move(code), 0 }; }
};

/// An online command as the server states it.
struct OnlineCommand
{
    /// How long a command stays usable after it was made; the lock measures it on its own clock from the
    /// moment it opened the session.
    static constexpr qint64 DefaultLifetimeSeconds = 60;
    static constexpr qint64 MaxLifetimeSeconds = 300;
    static constexpr int MaxQuickClicks = 100;

    CommandKind kind = CommandKind::Unlock;
    qint64 serverTime = 0; ///< UTC unix seconds; sets the lock clock
    qint64 expiresAt = 0; ///< UTC unix seconds; serverTime < expiresAt <= serverTime + MaxLifetimeSeconds
    quint64 keyId = 0; ///< the grant the unlock was decided on (0 = none); echoed in the lock's log
    QString trackingKey; ///< who asked (may be empty); the lock logs only its trackingKeyHash
    QList<QuickClickChange> quickClicks;
    RevocationState revocation; ///< the lock's current revocation state, always sent
};

/// Seals `command` to one lock and one session (AES-256-GCM under the command key, fresh random nonce).
/// Returns lower-case hex for the Core API `commands` field. Invalid input (bad code, times) is an error.
Result<QString> sealCommand(const LockSecret &secret, const MacAddress &mac, const Session &session,
                            const OnlineCommand &command,
                            const Crypto::RandomSource &random = Crypto::RandomSource::system());
Result<QString> sealCommand(const LockKeys &keys, const MacAddress &mac, const Session &session,
                            const OnlineCommand &command,
                            const Crypto::RandomSource &random = Crypto::RandomSource::system());

/// A quick-click change as the lock sees it: the code's id (see quickClickId), never the code.
struct SealedQuickClickChange
{
    QuickClickChange::Op op = QuickClickChange::Op::Add;
    QByteArray codeId; ///< 16 bytes
    int uses = 0;
};

/// An opened command, as the lock sees it.
struct OpenedCommand
{
    CommandKind kind = CommandKind::Unlock;
    qint64 serverTime = 0;
    qint64 expiresAt = 0;
    quint64 keyId = 0;
    QByteArray trackingKeyHash; ///< 16 bytes, or empty when the command named nobody
    QList<SealedQuickClickChange> quickClicks;
    RevocationState revocation;
};

/// Opens a command for this lock and session. Error codes: "malformed", "wrong_lock", "wrong_session",
/// "tampered" (any bit flip, or another key), "bad_command" (authentic but inconsistent).
Result<OpenedCommand> openCommand(const LockKeys &keys, const MacAddress &mac, const Session &session,
                                  const QString &commandsHex);

} // namespace Keydesk::Core
