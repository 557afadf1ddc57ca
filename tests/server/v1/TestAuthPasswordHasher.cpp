#include "server/auth/PasswordHasher.h"

#include <QTest>

using Keydesk::Server::PasswordHasher;

/// PBKDF2 password hashes: format, verification, tampering, rehash policy.
class TestAuthPasswordHasher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashThenVerify();
    void saltMakesEachHashDifferent();
    void encodingCarriesIterations();
    void verifyRejects_data();
    void verifyRejects();
    void validatePassword_data();
    void validatePassword();
    void needsRehashWhenWeaker();
    void defaultIsSlowEnough();
};

void TestAuthPasswordHasher::hashThenVerify()
{
    const PasswordHasher hasher(1000);
    const auto encoded = hasher.hash(QStringLiteral("correct horse battery"));
    QVERIFY2(encoded.ok(), qPrintable(encoded.errorMessage()));
    QVERIFY(PasswordHasher::verify(QStringLiteral("correct horse battery"), *encoded));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("correct horse batterY"), *encoded));
    QVERIFY(!PasswordHasher::verify(QString(), *encoded));
}

void TestAuthPasswordHasher::saltMakesEachHashDifferent()
{
    const PasswordHasher hasher(1000);
    const auto a = hasher.hash(QStringLiteral("same password"));
    const auto b = hasher.hash(QStringLiteral("same password"));
    QVERIFY(a.ok() && b.ok());
    QVERIFY(*a != *b);
    QVERIFY(PasswordHasher::verify(QStringLiteral("same password"), *a));
    QVERIFY(PasswordHasher::verify(QStringLiteral("same password"), *b));
}

void TestAuthPasswordHasher::encodingCarriesIterations()
{
    const auto encoded = PasswordHasher(1234).hash(QStringLiteral("password1"));
    QVERIFY(encoded.ok());
    const QStringList parts = encoded->split(QLatin1Char('$'));
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(0), QStringLiteral("pbkdf2-sha256"));
    QCOMPARE(parts.at(1), QStringLiteral("1234"));
    QCOMPARE(QByteArray::fromBase64(parts.at(2).toLatin1()).size(), PasswordHasher::kSaltBytes);
    QCOMPARE(QByteArray::fromBase64(parts.at(3).toLatin1()).size(), PasswordHasher::kHashBytes);
}

void TestAuthPasswordHasher::verifyRejects_data()
{
    QTest::addColumn<QString>("encoded");
    const auto good = PasswordHasher(1000).hash(QStringLiteral("password1"));
    QVERIFY(good.ok());
    const QStringList parts = good->split(QLatin1Char('$'));
    auto join = [](QStringList p) { return p.join(QLatin1Char('$')); };
    QTest::newRow("empty") << QString();
    QTest::newRow("plain text stored") << QStringLiteral("password1");
    QTest::newRow("unknown algorithm") << join({ QStringLiteral("md5"), parts[1], parts[2], parts[3] });
    QTest::newRow("iterations changed") << join({ parts[0], QStringLiteral("1001"), parts[2], parts[3] });
    QTest::newRow("iterations zero") << join({ parts[0], QStringLiteral("0"), parts[2], parts[3] });
    QTest::newRow("iterations absurd") << join({ parts[0], QStringLiteral("2000000000"), parts[2], parts[3] });
    QTest::newRow("salt not base64") << join({ parts[0], parts[1], QStringLiteral("!!!"), parts[3] });
    QTest::newRow("hash truncated") << join({ parts[0], parts[1], parts[2], parts[3].left(8) });
    QTest::newRow("extra field") << join({ parts[0], parts[1], parts[2], parts[3], QStringLiteral("x") });
    QStringList flipped = parts;
    QByteArray hash = QByteArray::fromBase64(parts[3].toLatin1());
    hash[0] = char(hash[0] ^ 1);
    flipped[3] = QString::fromLatin1(hash.toBase64());
    QTest::newRow("hash bit flipped") << join(flipped);
}

void TestAuthPasswordHasher::verifyRejects()
{
    QFETCH(QString, encoded);
    QVERIFY(!PasswordHasher::verify(QStringLiteral("password1"), encoded));
}

void TestAuthPasswordHasher::validatePassword_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("code");
    QTest::newRow("seven characters is too short") << QStringLiteral("1234567") << QStringLiteral("password_too_short");
    QTest::newRow("eight characters is fine") << QStringLiteral("12345678") << QString();
    QTest::newRow("non-ASCII counted as characters") << QStringLiteral("pässwörd") << QString();
    QTest::newRow("over 1024 is too long") << QString(1025, QLatin1Char('a')) << QStringLiteral("password_too_long");
}

void TestAuthPasswordHasher::validatePassword()
{
    QFETCH(QString, password);
    QFETCH(QString, code);
    const auto result = PasswordHasher::validatePassword(password);
    QCOMPARE(result.ok(), code.isEmpty());
    if (!code.isEmpty()) {
        QCOMPARE(result.error().code, code);
        QCOMPARE(result.error().field, QStringLiteral("password"));
        QVERIFY(!PasswordHasher(1000).hash(password).ok());
    }
}

void TestAuthPasswordHasher::needsRehashWhenWeaker()
{
    const auto weak = PasswordHasher(1000).hash(QStringLiteral("password1"));
    QVERIFY(weak.ok());
    QVERIFY(PasswordHasher(2000).needsRehash(*weak));
    QVERIFY(!PasswordHasher(1000).needsRehash(*weak));
    QVERIFY(PasswordHasher(1000).needsRehash(QStringLiteral("garbage")));
}

void TestAuthPasswordHasher::defaultIsSlowEnough()
{
    QVERIFY(PasswordHasher().iterations() >= 200000);
}

QTEST_GUILESS_MAIN(TestAuthPasswordHasher)
#include "TestAuthPasswordHasher.moc"
