#pragma once

#include "core/domain/Clock.h"

#include <QHash>
#include <QString>

namespace Keydesk::Server {

/// Token bucket per key (client address, account, tenant): `capacity` requests at once, refilled at
/// `refillPerSecond`. Used for logins and tenant unlock attempts, answered with 429 + Retry-After.
class RateLimiter final
{
public:
    RateLimiter(const Core::Clock &clock, double capacity, double refillPerSecond);

    /// Takes one token; false when the bucket is empty (the caller answers 429).
    bool tryAcquire(const QString &key);
    /// Seconds until one token is available again (0 when one is available now); for Retry-After.
    qint64 retryAfterSeconds(const QString &key) const;

    double capacity() const { return m_capacity; }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    double tokensNow(const Bucket &bucket, qint64 nowMs) const;
    void forgetFull(qint64 nowMs);

    const Core::Clock &m_clock;
    double m_capacity;
    double m_refillPerMs;
    QHash<QString, Bucket> m_buckets;
};

} // namespace Keydesk::Server
