#include "core/lockproto/VirtualLock.h"

#include "core/lockproto/Commands.h"
#include "core/lockproto/OfflineCredential.h"

#include <QLoggingCategory>

#include <algorithm>

namespace Keydesk::Core {

namespace {

Q_LOGGING_CATEGORY(lcLockproto, "keydesk.lockproto")

Refusal refusalFor(const Error &error)
{
    if (error.code == QLatin1String("wrong_lock"))
        return Refusal::WrongLock;
    if (error.code == QLatin1String("wrong_session"))
        return Refusal::WrongSession;
    if (error.code == QLatin1String("tampered"))
        return Refusal::Tampered;
    if (error.code == QLatin1String("bad_command"))
        return Refusal::BadCommand;
    return Refusal::Malformed;
}

} // namespace

QString LockOutcome::actionName() const
{
    switch (action) {
    case Action::Unlocked:
        return QStringLiteral("unlocked");
    case Action::Unshackled:
        return QStringLiteral("unshackled");
    case Action::FirmwareUpdate:
        return QStringLiteral("fwupdate");
    case Action::Rejected:
        break;
    }
    return QStringLiteral("rejected");
}

VirtualLock::VirtualLock(const Clock &clock, const Crypto::RandomSource &random)
    : m_clock(&clock)
    , m_random(&random)
{ }

qint64 VirtualLock::systemNow() const
{
    return m_clock->now().toSecsSinceEpoch();
}

qint64 VirtualLock::now() const
{
    return systemNow() + m_clockOffset;
}

Result<Session> VirtualLock::newSession()
{
    if (m_sessionCounter == std::numeric_limits<quint32>::max())
        return Error::make(QStringLiteral("counter_exhausted"),
                           QStringLiteral("The lock's session counter is exhausted; re-provision the lock."));
    auto session = Session::make(m_sessionCounter + 1, *m_random);
    if (!session)
        return session.error();
    m_sessionCounter += 1;
    m_session = *session;
    m_sessionOpenedAt = now();
    if (auto saved = save(); !saved)
        return saved.error();
    return session;
}

void VirtualLock::setOwnClockRange(LockLogEntry &entry) const
{
    entry.exactTime = false;
    if (m_clockUnset) {
        // After a power loss the lock only knows "not before the last server time it saw".
        entry.rangeStart = m_highWater;
        entry.rangeEnd = 0;
        return;
    }
    // A generous crystal bound: 60 s plus 1 s per 1000 s since the server last set the clock.
    const qint64 t = now();
    const qint64 drift = 60 + std::max<qint64>(0, t - m_lastSync) / 1000;
    entry.rangeStart = t - drift;
    entry.rangeEnd = t + drift;
}

QString VirtualLock::appendLog(LockLogEntry entry)
{
    entry.seq = ++m_logSeq;
    entry.revocationVersion = m_revocation.version;
    auto hex = encodeLockResponse(m_keys, m_mac, entry);
    if (!hex) {
        qCWarning(lcLockproto) << "cannot encode log entry:" << hex.errorMessage();
        return {};
    }
    m_pendingLog.append(*hex);
    // A lock's log memory is finite: the oldest entries go first; the server sees the gap in seq.
    while (m_pendingLog.size() > MaxPendingLog)
        m_pendingLog.removeFirst();
    return *hex;
}

LockOutcome VirtualLock::refuse(Refusal refusal, const QString &message, const Session &session, quint64 keyId,
                                const QByteArray &trackingKeyHash)
{
    LockLogEntry entry;
    entry.event = LockEvent::FailedUnlock;
    entry.detail = quint8(refusal);
    setOwnClockRange(entry);
    entry.keyId = keyId;
    entry.trackingKeyHash = trackingKeyHash;
    entry.session = session.bytes();
    const QString hex = appendLog(entry);
    LockOutcome outcome;
    outcome.action = LockOutcome::Action::Rejected;
    outcome.refusal = refusal;
    outcome.message = message;
    if (!hex.isEmpty())
        outcome.responses.append(hex);
    qCDebug(lcLockproto) << m_mac.toString() << "refused:" << refusalName(refusal) << message;
    return outcome;
}

LockOutcome VirtualLock::finish(LockOutcome outcome, bool drainLog)
{
    QStringList drained;
    if (drainLog) {
        drained = m_pendingLog;
        m_pendingLog.clear();
    }
    if (auto saved = save(); !saved) {
        // Opening without remembering (a one-time id, a used session) would let the same input open again.
        LockOutcome failed;
        failed.refusal = Refusal::StorageFailure;
        failed.message = saved.errorMessage();
        return failed;
    }
    if (drainLog)
        outcome.responses = drained;
    return outcome;
}

void VirtualLock::adoptRevocation(const RevocationState &state)
{
    if (state.version > m_revocation.version) {
        qCInfo(lcLockproto) << m_mac.toString() << "revocation state" << m_revocation.version << "->" << state.version;
        m_revocation = state;
    }
}

LockOutcome VirtualLock::applyCommand(const QString &commandsHex)
{
    // A session is good for one command, whatever happens to it: a refused attempt burns it too, so a
    // forger gets one try per connection.
    const Session session = m_session;
    const qint64 openedAt = m_sessionOpenedAt;
    m_session = Session();
    if (session.isNull())
        return finish(refuse(Refusal::NoSession,
                             QStringLiteral("No open session: read a fresh session, then ask the server."), session),
                      true);
    auto opened = openCommand(m_keys, m_mac, session, commandsHex);
    if (!opened)
        return finish(refuse(refusalFor(opened.error()), opened.errorMessage(), session), true);
    const OpenedCommand &command = *opened;

    if (command.serverTime < m_highWater - ClockSkewSeconds)
        return finish(refuse(Refusal::ClockRollback,
                             QStringLiteral("The command's server time is older than the lock's last known time "
                                            "(an old command replayed, or a server clock gone back)."),
                             session, command.keyId, command.trackingKeyHash),
                      true);
    // The lifetime is measured on the lock's own clock from the moment it opened the session, so a fast or
    // unset lock clock cannot lock the server out, and a held-back command dies anyway.
    const qint64 lifetime = command.expiresAt - command.serverTime;
    if (now() - openedAt > lifetime)
        return finish(refuse(Refusal::Expired,
                             QStringLiteral("The command expired before it reached the lock; ask the server again."),
                             session, command.keyId, command.trackingKeyHash),
                      true);
    if (command.revocation.version < m_revocation.version)
        return finish(refuse(Refusal::StaleRevocation,
                             QStringLiteral("The command carries revocation state %1, older than the lock's %2.")
                                 .arg(command.revocation.version)
                                 .arg(m_revocation.version),
                             session, command.keyId, command.trackingKeyHash),
                      true);

    // Authentic and fresh: take the server's time and state.
    m_clockOffset = command.serverTime - systemNow();
    m_clockUnset = false;
    m_highWater = std::max(m_highWater, command.serverTime);
    m_lastSync = command.serverTime;
    adoptRevocation(command.revocation);
    for (const SealedQuickClickChange &change : command.quickClicks) {
        auto existing = std::find_if(m_quickClicks.begin(), m_quickClicks.end(),
                                     [&](const StoredQuickClick &q) { return q.id == change.codeId; });
        if (change.op == QuickClickChange::Op::Remove) {
            if (existing != m_quickClicks.end())
                m_quickClicks.erase(existing);
        } else if (existing != m_quickClicks.end()) {
            existing->uses = change.uses;
        } else if (m_quickClicks.size() < MaxQuickClicks) {
            m_quickClicks.append({ change.codeId, change.uses });
        } else {
            qCWarning(lcLockproto) << m_mac.toString() << "quick-click memory full; addition dropped";
        }
    }
    if (command.keyId != 0 && m_revocation.revokedKeyIds.contains(command.keyId))
        return finish(refuse(Refusal::Revoked, QStringLiteral("The key named in the command is revoked."), session,
                             command.keyId, command.trackingKeyHash),
                      true);

    LockLogEntry entry;
    // The Core API has no firmware-update action; "unknown" with detail = kind keeps it distinguishable.
    entry.event = command.kind == CommandKind::FirmwareUpdate ? LockEvent::Unknown : LockEvent::Unlocked;
    entry.detail = quint8(command.kind);
    entry.exactTime = true;
    entry.rangeStart = entry.rangeEnd = command.serverTime;
    entry.keyId = command.keyId;
    entry.trackingKeyHash = command.trackingKeyHash;
    entry.session = session.bytes();
    appendLog(entry);

    LockOutcome outcome;
    outcome.action = command.kind == CommandKind::Unlock ? LockOutcome::Action::Unlocked
        : command.kind == CommandKind::Unshackle         ? LockOutcome::Action::Unshackled
                                                         : LockOutcome::Action::FirmwareUpdate;
    return finish(outcome, true);
}

LockOutcome VirtualLock::applyOfflineProof(const QString &proofHex)
{
    const Session session = m_session;
    m_session = Session();
    if (session.isNull())
        return finish(
            refuse(Refusal::NoSession, QStringLiteral("No open session: read a fresh session first."), session), true);
    auto verified = verifyOfflineProof(m_keys, m_mac, session, proofHex);
    if (!verified)
        return finish(refuse(refusalFor(verified.error()), verified.errorMessage(), session), true);
    const OfflineToken &token = *verified;
    const auto reject = [&](Refusal refusal, const QString &message) {
        return finish(refuse(refusal, message, session, token.keyId, token.trackingKeyHash), true);
    };

    // The token carries the revocation state of its download; a newer one reaches the lock this way, an older
    // one is ignored (the lock keeps its own, which still applies to this credential).
    auto revocation = openRevocation(m_keys, m_mac, token.revocationBlob);
    if (!revocation)
        return reject(Refusal::Tampered, revocation.errorMessage());
    adoptRevocation(*revocation);

    if (m_clockUnset)
        return reject(Refusal::ClockUnset,
                      QStringLiteral("The lock lost power and does not know the time; open it "
                                     "online once to set its clock."));
    const qint64 t = now();
    if (t < m_highWater - ClockSkewSeconds)
        return reject(Refusal::ClockRollback,
                      QStringLiteral("The lock's clock is behind the last server time it saw; open it online once."));
    if (t < token.notBefore)
        return reject(Refusal::NotYetValid, QStringLiteral("The offline key is not valid yet."));
    if (t >= token.notAfter)
        return reject(Refusal::Expired, QStringLiteral("The offline key has expired; download a fresh one."));
    if (!token.windows.isEmpty()
        && std::none_of(token.windows.begin(), token.windows.end(), [t](const TimeWindow &w) { return w.contains(t); }))
        return reject(Refusal::OutsideWindow, QStringLiteral("Now is outside the key's access windows for today."));
    if (m_revocation.isRevoked(token.keyId, token.epoch))
        return reject(Refusal::Revoked, QStringLiteral("The offline key was revoked."));
    if (token.oneTime) {
        // Forget ids whose credentials can no longer open anyway (expired beyond the skew).
        m_usedOneTime.removeIf([t](const UsedOneTime &u) { return u.notAfter + ClockSkewSeconds < t; });
        const bool used = std::any_of(m_usedOneTime.begin(), m_usedOneTime.end(),
                                      [&](const UsedOneTime &u) { return u.keyId == token.keyId; });
        if (used)
            return reject(Refusal::OneTimeUsed, QStringLiteral("This one-time key was already used."));
        // Dropping an unexpired id would let it open again: refuse instead.
        if (m_usedOneTime.size() >= MaxOneTimeIds)
            return reject(Refusal::OneTimeFull,
                          QStringLiteral("The lock's one-time memory is full; open it online "
                                         "or wait for one-time keys to expire."));
        m_usedOneTime.append({ token.keyId, token.notAfter });
    }

    LockLogEntry entry;
    entry.event = LockEvent::Unlocked;
    entry.detail = quint8(CommandKind::Unlock);
    setOwnClockRange(entry);
    entry.keyId = token.keyId;
    entry.trackingKeyHash = token.trackingKeyHash;
    entry.session = session.bytes();
    appendLog(entry);
    LockOutcome outcome;
    outcome.action = LockOutcome::Action::Unlocked;
    return finish(outcome, true);
}

LockOutcome VirtualLock::quickClick(const QString &code)
{
    const qint64 t = now();
    if (t < m_quickClickBlockedUntil)
        return finish(refuse(Refusal::Backoff,
                             QStringLiteral("Too many wrong codes; the lock ignores quick clicks for %1 s more.")
                                 .arg(m_quickClickBlockedUntil - t),
                             Session()),
                      false);
    const QByteArray id = isValidQuickClickCode(code) ? quickClickId(m_keys, code) : QByteArray();
    // Compare with every stored HMAC, without stopping early, so timing does not tell how far the search got.
    qsizetype match = -1;
    for (qsizetype i = 0; i < m_quickClicks.size(); ++i) {
        if (Crypto::constantTimeEquals(m_quickClicks.at(i).id, id) && match < 0)
            match = i;
    }
    if (match < 0) {
        m_quickClickFailures += 1;
        if (m_quickClickFailures >= QuickClickFreeAttempts) {
            const int doublings = std::min(m_quickClickFailures - QuickClickFreeAttempts, 7);
            m_quickClickBlockedUntil = t + std::min<qint64>(30LL << doublings, QuickClickMaxBackoffSeconds);
        }
        return finish(refuse(Refusal::WrongCode, QStringLiteral("The lock does not know this code."), Session()),
                      false);
    }
    m_quickClickFailures = 0;
    m_quickClickBlockedUntil = 0;
    StoredQuickClick &stored = m_quickClicks[match];
    if (stored.uses != QuickClickChange::UnlimitedUses && --stored.uses <= 0)
        m_quickClicks.removeAt(match);

    LockLogEntry entry;
    entry.event = LockEvent::UnlockedViaQuickClick;
    setOwnClockRange(entry);
    entry.quickClickId = id;
    const QString hex = appendLog(entry);
    LockOutcome outcome;
    outcome.action = LockOutcome::Action::Unlocked;
    if (!hex.isEmpty())
        outcome.responses.append(hex);
    return finish(outcome, false);
}

int VirtualLock::quickClickUses(const QString &code) const
{
    if (!isValidQuickClickCode(code))
        return -1;
    const QByteArray id = quickClickId(m_keys, code);
    for (const StoredQuickClick &q : m_quickClicks) {
        if (q.id == id)
            return q.uses;
    }
    return -1;
}

Result<void> VirtualLock::advanceClock(qint64 seconds)
{
    constexpr qint64 limit = 100LL * 366 * 24 * 3600;
    if (seconds < -limit || seconds > limit)
        return Error::make(QStringLiteral("bad_advance"), QStringLiteral("Advance the clock by at most 100 years."),
                           QStringLiteral("advance"));
    m_clockOffset += seconds;
    return save();
}

Result<void> VirtualLock::powerLoss()
{
    m_clockUnset = true;
    m_session = Session();
    // The back-off counters survive: pulling the battery must not reset a code-guessing penalty.
    LockLogEntry entry;
    entry.event = LockEvent::StartUp;
    setOwnClockRange(entry);
    appendLog(entry);
    return save();
}

} // namespace Keydesk::Core
