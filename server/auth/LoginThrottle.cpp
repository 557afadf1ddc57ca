#include "server/auth/LoginThrottle.h"

namespace Keydesk::Server {

namespace {
// Bound the memory an attacker can make us use by trying many names; stale entries are dropped first.
constexpr qsizetype kMaxEntries = 100000;
} // namespace

LoginThrottle::LoginThrottle(const Core::Clock &clock)
    : m_clock(clock)
{ }

void LoginThrottle::prune(Entry &entry, qint64 nowMs) const
{
    const qint64 cutoff = nowMs - kWindowSeconds * 1000;
    while (!entry.failuresMs.isEmpty() && entry.failuresMs.first() <= cutoff)
        entry.failuresMs.removeFirst();
}

QDateTime LoginThrottle::lockedUntil(const QString &username) const
{
    const auto it = m_entries.constFind(keyFor(username));
    if (it == m_entries.cend())
        return {};
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    if (it->lockedUntilMs > nowMs)
        return QDateTime::fromMSecsSinceEpoch(it->lockedUntilMs, Qt::UTC);
    return {};
}

QDateTime LoginThrottle::recordFailure(const QString &username)
{
    if (m_entries.size() >= kMaxEntries)
        forgetStale();
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    Entry &entry = m_entries[keyFor(username)];
    if (entry.lockedUntilMs > nowMs)
        return {}; // already locked; attempts while locked are refused before they are counted
    prune(entry, nowMs);
    entry.failuresMs.append(nowMs);
    if (entry.failuresMs.size() >= kMaxFailures) {
        entry.lockedUntilMs = nowMs + kLockSeconds * 1000;
        entry.failuresMs.clear();
        return QDateTime::fromMSecsSinceEpoch(entry.lockedUntilMs, Qt::UTC);
    }
    return {};
}

void LoginThrottle::recordSuccess(const QString &username)
{
    m_entries.remove(keyFor(username));
}

void LoginThrottle::restoreLock(const QString &username, const QDateTime &until)
{
    if (!until.isValid())
        return;
    Entry &entry = m_entries[keyFor(username)];
    entry.lockedUntilMs = std::max(entry.lockedUntilMs, until.toMSecsSinceEpoch());
}

int LoginThrottle::recentFailures(const QString &username) const
{
    auto it = m_entries.constFind(keyFor(username));
    if (it == m_entries.cend())
        return 0;
    Entry copy = *it;
    prune(copy, m_clock.now().toMSecsSinceEpoch());
    return int(copy.failuresMs.size());
}

void LoginThrottle::forgetStale()
{
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        prune(*it, nowMs);
        if (it->failuresMs.isEmpty() && it->lockedUntilMs <= nowMs)
            it = m_entries.erase(it);
        else
            ++it;
    }
}

} // namespace Keydesk::Server
