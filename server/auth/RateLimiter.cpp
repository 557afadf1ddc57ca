#include "server/auth/RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace Keydesk::Server {

namespace {
constexpr qsizetype kMaxBuckets = 100000;
}

RateLimiter::RateLimiter(const Core::Clock &clock, double capacity, double refillPerSecond)
    : m_clock(clock)
    , m_capacity(std::max(1.0, capacity))
    , m_refillPerMs(std::max(1e-9, refillPerSecond / 1000.0))
{ }

double RateLimiter::tokensNow(const Bucket &bucket, qint64 nowMs) const
{
    // A clock that moved back must not hand out tokens: elapsed is clamped at zero.
    const double elapsed = double(std::max<qint64>(0, nowMs - bucket.updatedMs));
    return std::min(m_capacity, bucket.tokens + elapsed * m_refillPerMs);
}

bool RateLimiter::tryAcquire(const QString &key)
{
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= kMaxBuckets)
            forgetFull(nowMs);
        it = m_buckets.insert(key, Bucket { m_capacity, nowMs });
    }
    const double tokens = tokensNow(*it, nowMs);
    it->updatedMs = std::max(it->updatedMs, nowMs);
    if (tokens < 1.0) {
        it->tokens = tokens;
        return false;
    }
    it->tokens = tokens - 1.0;
    return true;
}

qint64 RateLimiter::retryAfterSeconds(const QString &key) const
{
    const auto it = m_buckets.constFind(key);
    if (it == m_buckets.cend())
        return 0;
    const double tokens = tokensNow(*it, m_clock.now().toMSecsSinceEpoch());
    if (tokens >= 1.0)
        return 0;
    return qint64(std::ceil((1.0 - tokens) / m_refillPerMs / 1000.0));
}

void RateLimiter::forgetFull(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (tokensNow(*it, nowMs) >= m_capacity)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace Keydesk::Server
