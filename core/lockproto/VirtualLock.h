#pragma once

#include "core/domain/Clock.h"
#include "core/domain/MacAddress.h"
#include "core/domain/Result.h"
#include "core/lockproto/LockLog.h"
#include "core/lockproto/LockSecret.h"
#include "core/lockproto/Revocation.h"
#include "core/lockproto/Session.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Keydesk::Core {

/// What a lock did with one command, credential or quick click.
struct LockOutcome
{
    enum class Action { Unlocked, Unshackled, FirmwareUpdate, Rejected };

    Action action = Action::Rejected;
    Refusal refusal = Refusal::None;
    QString message; ///< why, in words (empty when it opened)
    QStringList responses; ///< authenticated log entries (hex) for the phone to upload

    bool opened() const { return action != Action::Rejected; }
    QString actionName() const; ///< "unlocked" | "unshackled" | "fwupdate" | "rejected"
    QString reason() const { return refusalName(refusal); }
};

/// The lock side of the protocol, with its state in a JSON file: what a real lock's firmware would do.
/// Not thread-safe; one VirtualLock per state file at a time. Every operation persists before returning.
class VirtualLock final
{
public:
    static constexpr qint64 ClockSkewSeconds = 120; ///< how far server time may lag the high-water mark
    static constexpr int MaxQuickClicks = 100;
    static constexpr int MaxOneTimeIds = 256;
    static constexpr int MaxPendingLog = 256;
    static constexpr int QuickClickFreeAttempts = 5; ///< wrong codes before back-off starts
    static constexpr qint64 QuickClickMaxBackoffSeconds = 3600;

    /// Writes a fresh state file for (mac, secret); an existing file is an error and stays untouched.
    static Result<VirtualLock> create(const QString &path, const MacAddress &mac, const LockSecret &secret,
                                      const Clock &clock,
                                      const Crypto::RandomSource &random = Crypto::RandomSource::system());
    /// Reads a state file; a missing, unreadable or inconsistent file is an error.
    static Result<VirtualLock> load(const QString &path, const Clock &clock,
                                    const Crypto::RandomSource &random = Crypto::RandomSource::system());

    const MacAddress &mac() const { return m_mac; }
    QString path() const { return m_path; }

    /// Opens a new connection: a fresh session (counter + 1). Replaces any unused session.
    Result<Session> newSession();
    /// The session a command must be sealed to, or null.
    Session currentSession() const { return m_session; }

    /// Applies an online command (hex from the Core API `commands` field) to the open session.
    LockOutcome applyCommand(const QString &commandsHex);
    /// Checks a phone's offline proof (makeOfflineProof) against the open session and the lock's own clock.
    LockOutcome applyOfflineProof(const QString &proofHex);
    /// Someone pressed a quick-click code on the shackle.
    LockOutcome quickClick(const QString &code);

    /// Moves the lock's own clock (simulated drift or passing time); persisted.
    Result<void> advanceClock(qint64 seconds);
    /// A battery pull: the clock becomes unset, the open session is lost; a start_up entry is logged.
    Result<void> powerLoss();

    /// The lock's own clock: system time + offset (UTC unix seconds). Meaningless while clockUnset().
    qint64 now() const;
    bool clockUnset() const { return m_clockUnset; }
    qint64 highWaterMark() const { return m_highWater; }
    const RevocationState &revocation() const { return m_revocation; }
    int quickClickCount() const { return int(m_quickClicks.size()); }
    /// Uses left for a code (255 = unlimited), or -1 when the lock does not know it.
    int quickClickUses(const QString &code) const;
    quint32 logSequence() const { return m_logSeq; }
    QStringList pendingResponses() const { return m_pendingLog; }

    /// The state without secrets (for `keydesk-vlock show`).
    QJsonObject describe() const;

private:
    struct StoredQuickClick
    {
        QByteArray id; ///< 16 bytes
        int uses = 0;
    };
    struct UsedOneTime
    {
        quint64 keyId = 0;
        qint64 notAfter = 0;
    };

    VirtualLock(const Clock &clock, const Crypto::RandomSource &random);
    Result<void> save() const;
    QJsonObject toJson() const;
    static Result<VirtualLock> fromJson(const QJsonObject &json, const QString &path, const Clock &clock,
                                        const Crypto::RandomSource &random);

    qint64 systemNow() const;
    LockOutcome refuse(Refusal refusal, const QString &message, const Session &session, quint64 keyId = 0,
                       const QByteArray &trackingKeyHash = {});
    QString appendLog(LockLogEntry entry); ///< returns the encoded entry, also queued for the next phone
    /// Own-clock time range for entries not tied to a server time.
    void setOwnClockRange(LockLogEntry &entry) const;
    LockOutcome finish(LockOutcome outcome, bool drainLog);
    void adoptRevocation(const RevocationState &state);

    const Clock *m_clock;
    const Crypto::RandomSource *m_random;
    QString m_path;
    MacAddress m_mac;
    LockSecret m_secret;
    LockKeys m_keys;
    quint32 m_sessionCounter = 0;
    Session m_session;
    qint64 m_sessionOpenedAt = 0; ///< own clock
    qint64 m_clockOffset = 0; ///< seconds added to system time
    bool m_clockUnset = true; ///< a new lock has never heard from the server
    qint64 m_highWater = 0; ///< latest authenticated server time
    qint64 m_lastSync = 0; ///< own-clock time of the last server time
    RevocationState m_revocation;
    QList<StoredQuickClick> m_quickClicks;
    QList<UsedOneTime> m_usedOneTime;
    quint32 m_logSeq = 0;
    QStringList m_pendingLog;
    int m_quickClickFailures = 0;
    qint64 m_quickClickBlockedUntil = 0; ///< own clock
};

} // namespace Keydesk::Core
