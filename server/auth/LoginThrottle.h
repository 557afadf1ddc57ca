#pragma once

#include "core/domain/Clock.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace Keydesk::Server {

/// Locks an account name after repeated failed logins: kMaxFailures within kWindowSeconds lock it for
/// kLockSeconds. Keyed by the (case-folded) name asked for, so unknown names are throttled the same way and
/// cannot be told apart from real ones.
class LoginThrottle final
{
public:
    static constexpr int kMaxFailures = 5;
    static constexpr qint64 kWindowSeconds = 5 * 60;
    static constexpr qint64 kLockSeconds = 15 * 60;

    explicit LoginThrottle(const Core::Clock &clock);

    /// The instant until which the name is locked, or an invalid QDateTime when it may try now.
    QDateTime lockedUntil(const QString &username) const;
    /// Records a failure; returns the lock expiry when this failure locked the account, else invalid.
    QDateTime recordFailure(const QString &username);
    /// A good login clears the failure history.
    void recordSuccess(const QString &username);
    /// Restores a lock persisted in the database (server restart).
    void restoreLock(const QString &username, const QDateTime &until);
    /// Failures counted in the current window (for the staff row and tests).
    int recentFailures(const QString &username) const;

private:
    struct Entry
    {
        QList<qint64> failuresMs; ///< instants of failures inside the window, oldest first
        qint64 lockedUntilMs = 0;
    };
    static QString keyFor(const QString &username) { return username.trimmed().toCaseFolded(); }
    void prune(Entry &entry, qint64 nowMs) const;
    void forgetStale();

    const Core::Clock &m_clock;
    QHash<QString, Entry> m_entries;
};

} // namespace Keydesk::Server
