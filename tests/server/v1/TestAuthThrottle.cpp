#include "server/auth/LoginThrottle.h"
#include "server/auth/RateLimiter.h"
#include "server/auth/SessionToken.h"

#include <QTest>

using Keydesk::Core::FakeClock;
using Keydesk::Server::LoginThrottle;
using Keydesk::Server::RateLimiter;
using Keydesk::Server::SessionToken;

namespace {
QDateTime start()
{
    return QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
}
} // namespace

/// Login lockout, token buckets and bearer tokens — everything that depends on "now" runs on a FakeClock.
class TestAuthThrottle final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fiveFailuresInWindowLock();
    void failuresSpreadOutDoNotLock();
    void lockExpires();
    void successClearsHistory();
    void namesAreCaseInsensitive();
    void restoredLockHolds();
    void bucketAllowsBurstThenRefuses();
    void bucketRefillsOverTime();
    void bucketsAreIndependentPerKey();
    void clockMovingBackGivesNoTokens();
    void tokenIsRandomAndOnlyHashStored();
    void bearerHeaderParsing_data();
    void bearerHeaderParsing();
};

void TestAuthThrottle::fiveFailuresInWindowLock()
{
    FakeClock clock(start());
    LoginThrottle throttle(clock);
    for (int i = 0; i < LoginThrottle::kMaxFailures - 1; ++i) {
        QVERIFY(!throttle.recordFailure(QStringLiteral("alice")).isValid());
        clock.advance(30);
    }
    QVERIFY(!throttle.lockedUntil(QStringLiteral("alice")).isValid());
    const QDateTime until = throttle.recordFailure(QStringLiteral("alice"));
    QVERIFY(until.isValid());
    QCOMPARE(until, clock.now().addSecs(LoginThrottle::kLockSeconds));
    QCOMPARE(throttle.lockedUntil(QStringLiteral("alice")), until);
    QVERIFY(!throttle.lockedUntil(QStringLiteral("bob")).isValid());
}

void TestAuthThrottle::failuresSpreadOutDoNotLock()
{
    FakeClock clock(start());
    LoginThrottle throttle(clock);
    for (int i = 0; i < 20; ++i) {
        QVERIFY(!throttle.recordFailure(QStringLiteral("alice")).isValid());
        clock.advance(LoginThrottle::kWindowSeconds / 4 + 1); // never 5 within 5 minutes
    }
    QVERIFY(!throttle.lockedUntil(QStringLiteral("alice")).isValid());
}

void TestAuthThrottle::lockExpires()
{
    FakeClock clock(start());
    LoginThrottle throttle(clock);
    for (int i = 0; i < LoginThrottle::kMaxFailures; ++i)
        throttle.recordFailure(QStringLiteral("alice"));
    QVERIFY(throttle.lockedUntil(QStringLiteral("alice")).isValid());
    clock.advance(LoginThrottle::kLockSeconds - 1);
    QVERIFY(throttle.lockedUntil(QStringLiteral("alice")).isValid());
    clock.advance(1);
    QVERIFY(!throttle.lockedUntil(QStringLiteral("alice")).isValid());
    QCOMPARE(throttle.recentFailures(QStringLiteral("alice")), 0);
}

void TestAuthThrottle::successClearsHistory()
{
    FakeClock clock(start());
    LoginThrottle throttle(clock);
    for (int i = 0; i < LoginThrottle::kMaxFailures - 1; ++i)
        throttle.recordFailure(QStringLiteral("alice"));
    QCOMPARE(throttle.recentFailures(QStringLiteral("alice")), LoginThrottle::kMaxFailures - 1);
    throttle.recordSuccess(QStringLiteral("alice"));
    QCOMPARE(throttle.recentFailures(QStringLiteral("alice")), 0);
    QVERIFY(!throttle.recordFailure(QStringLiteral("alice")).isValid());
}

void TestAuthThrottle::namesAreCaseInsensitive()
{
    FakeClock clock(start());
    LoginThrottle throttle(clock);
    const QStringList spellings { QStringLiteral("Alice"), QStringLiteral("ALICE"), QStringLiteral(" alice"),
                                  QStringLiteral("alice"), QStringLiteral("aLiCe") };
    for (const QString &name : spellings)
        throttle.recordFailure(name);
    QVERIFY(throttle.lockedUntil(QStringLiteral("alice")).isValid());
}

void TestAuthThrottle::restoredLockHolds()
{
    FakeClock clock(start());
    LoginThrottle throttle(clock);
    throttle.restoreLock(QStringLiteral("alice"), clock.now().addSecs(60));
    QVERIFY(throttle.lockedUntil(QStringLiteral("alice")).isValid());
    clock.advance(61);
    QVERIFY(!throttle.lockedUntil(QStringLiteral("alice")).isValid());
}

void TestAuthThrottle::bucketAllowsBurstThenRefuses()
{
    FakeClock clock(start());
    RateLimiter limiter(clock, 3, 1.0 / 10); // 3 at once, then one every 10 s
    QVERIFY(limiter.tryAcquire(QStringLiteral("1.2.3.4")));
    QVERIFY(limiter.tryAcquire(QStringLiteral("1.2.3.4")));
    QVERIFY(limiter.tryAcquire(QStringLiteral("1.2.3.4")));
    QVERIFY(!limiter.tryAcquire(QStringLiteral("1.2.3.4")));
    QCOMPARE(limiter.retryAfterSeconds(QStringLiteral("1.2.3.4")), 10);
}

void TestAuthThrottle::bucketRefillsOverTime()
{
    FakeClock clock(start());
    RateLimiter limiter(clock, 2, 1.0); // one per second
    QVERIFY(limiter.tryAcquire(QStringLiteral("k")));
    QVERIFY(limiter.tryAcquire(QStringLiteral("k")));
    QVERIFY(!limiter.tryAcquire(QStringLiteral("k")));
    clock.advanceMs(500);
    QVERIFY(!limiter.tryAcquire(QStringLiteral("k")));
    QCOMPARE(limiter.retryAfterSeconds(QStringLiteral("k")), 1);
    clock.advanceMs(500);
    QVERIFY(limiter.tryAcquire(QStringLiteral("k")));
    clock.advance(3600); // refill never exceeds capacity
    QVERIFY(limiter.tryAcquire(QStringLiteral("k")));
    QVERIFY(limiter.tryAcquire(QStringLiteral("k")));
    QVERIFY(!limiter.tryAcquire(QStringLiteral("k")));
}

void TestAuthThrottle::bucketsAreIndependentPerKey()
{
    FakeClock clock(start());
    RateLimiter limiter(clock, 1, 0.01);
    QVERIFY(limiter.tryAcquire(QStringLiteral("a")));
    QVERIFY(!limiter.tryAcquire(QStringLiteral("a")));
    QVERIFY(limiter.tryAcquire(QStringLiteral("b")));
    QCOMPARE(limiter.retryAfterSeconds(QStringLiteral("never seen")), 0);
}

void TestAuthThrottle::clockMovingBackGivesNoTokens()
{
    FakeClock clock(start());
    RateLimiter limiter(clock, 1, 1.0);
    QVERIFY(limiter.tryAcquire(QStringLiteral("k")));
    clock.advance(-3600);
    QVERIFY(!limiter.tryAcquire(QStringLiteral("k")));
}

void TestAuthThrottle::tokenIsRandomAndOnlyHashStored()
{
    const QDateTime now = start();
    const auto a = SessionToken::issue(now, 3600);
    const auto b = SessionToken::issue(now, 3600);
    QVERIFY(SessionToken::looksValid(a.token));
    QVERIFY(a.token != b.token);
    QCOMPARE(a.expiresAt, now.addSecs(3600));
    QCOMPARE(a.tokenHash.size(), 64);
    QVERIFY(!a.tokenHash.contains(a.token));
    QCOMPARE(SessionToken::hashToken(a.token), a.tokenHash);
    QVERIFY(SessionToken::hashToken(b.token) != a.tokenHash);
    QVERIFY(!SessionToken::looksValid(a.token.left(20)));
    QVERIFY(!SessionToken::looksValid(a.token.left(a.token.size() - 1) + QLatin1Char('/')));
}

void TestAuthThrottle::bearerHeaderParsing_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("token");
    QTest::newRow("bearer") << QByteArray("Bearer abc") << QStringLiteral("abc");
    QTest::newRow("lower-case scheme") << QByteArray("bearer abc") << QStringLiteral("abc");
    QTest::newRow("surrounding space") << QByteArray("  Bearer   abc  ") << QStringLiteral("abc");
    QTest::newRow("basic scheme") << QByteArray("Basic abc") << QString();
    QTest::newRow("no token") << QByteArray("Bearer ") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestAuthThrottle::bearerHeaderParsing()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, token);
    QCOMPARE(SessionToken::fromAuthorizationHeader(header), token);
}

QTEST_GUILESS_MAIN(TestAuthThrottle)
#include "TestAuthThrottle.moc"
