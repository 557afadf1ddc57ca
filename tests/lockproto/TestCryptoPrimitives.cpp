// The EVP wrappers against published test vectors (RFC 5869, RFC 4231, the GCM specification), and the
// at-rest sealing of lock secrets.
#include "core/lockproto/Crypto.h"
#include "core/lockproto/LockSecret.h"

#include <QTest>

using namespace Keydesk::Core;

class TestCryptoPrimitives final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hkdfMatchesRfc5869();
    void hmacMatchesRfc4231_data();
    void hmacMatchesRfc4231();
    void gcmMatchesSpecificationTestCase16();
    void gcmOpenRefusesAnyChange_data();
    void gcmOpenRefusesAnyChange();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void randomBytesDiffer();
    void fixedRandomSourceReplaysThenFails();
    void secretSealRoundTrip();
    void secretOpenRefuses_data();
    void secretOpenRefuses();
    void secretParsing_data();
    void secretParsing();
};

void TestCryptoPrimitives::hkdfMatchesRfc5869()
{
    // RFC 5869, appendix A.1.
    const auto okm = Crypto::hkdfSha256(QByteArray(22, '\x0b'), QByteArray::fromHex("000102030405060708090a0b0c"),
                                        QByteArray::fromHex("f0f1f2f3f4f5f6f7f8f9"), 42);
    QVERIFY(okm.ok());
    QCOMPARE(okm->toHex(),
             QByteArray("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
}

void TestCryptoPrimitives::hmacMatchesRfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("test case 1: 20-byte key")
        << QByteArray(20, '\x0b') << QByteArray("Hi There")
        << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("test case 2: short key")
        << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

void TestCryptoPrimitives::hmacMatchesRfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expected);
    const auto mac = Crypto::hmacSha256(key, data);
    QVERIFY(mac.ok());
    QCOMPARE(mac->toHex(), expected);
}

void TestCryptoPrimitives::gcmMatchesSpecificationTestCase16()
{
    // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256, 60-byte plaintext, AAD).
    const QByteArray key = QByteArray::fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    const QByteArray nonce = QByteArray::fromHex("cafebabefacedbaddecaf888");
    const QByteArray plain = QByteArray::fromHex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de6"
        "57ba637b39");
    const QByteArray aad = QByteArray::fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    const auto sealed = Crypto::aes256GcmSeal(key, nonce, plain, aad);
    QVERIFY(sealed.ok());
    QCOMPARE(sealed->toHex(),
             QByteArray(
                 "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f6"
                 "1e6393ba7a0abcc9f662"
                 "76fc6ece0f4e1768cddf8853bb2d551b"));
    const auto opened = Crypto::aes256GcmOpen(key, nonce, *sealed, aad);
    QVERIFY(opened.ok());
    QCOMPARE(*opened, plain);
}

void TestCryptoPrimitives::gcmOpenRefusesAnyChange_data()
{
    QTest::addColumn<int>("what");
    QTest::newRow("ciphertext bit flipped") << 0;
    QTest::newRow("tag bit flipped") << 1;
    QTest::newRow("associated data changed") << 2;
    QTest::newRow("nonce changed") << 3;
    QTest::newRow("another key") << 4;
    QTest::newRow("truncated below the tag") << 5;
}

void TestCryptoPrimitives::gcmOpenRefusesAnyChange()
{
    QFETCH(int, what);
    QByteArray key(32, '\x01'), nonce(12, '\x02'), aad("context");
    QByteArray sealed = *Crypto::aes256GcmSeal(key, nonce, QByteArray("attack at dawn"), aad);
    switch (what) {
    case 0:
        sealed[3] = char(sealed[3] ^ 0x01);
        break;
    case 1:
        sealed[sealed.size() - 1] = char(sealed[sealed.size() - 1] ^ 0x80);
        break;
    case 2:
        aad = "kontext";
        break;
    case 3:
        nonce[0] = '\x03';
        break;
    case 4:
        key[31] = '\x02';
        break;
    case 5:
        sealed.truncate(10);
        break;
    }
    const auto opened = Crypto::aes256GcmOpen(key, nonce, sealed, aad);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, QStringLiteral("tampered"));
}

void TestCryptoPrimitives::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same bytes") << QByteArray("abcdef") << QByteArray("abcdef") << true;
    QTest::newRow("last byte differs") << QByteArray("abcdef") << QByteArray("abcdeg") << false;
    QTest::newRow("first byte differs") << QByteArray("abcdef") << QByteArray("bbcdef") << false;
    QTest::newRow("prefix is not equal") << QByteArray("abc") << QByteArray("abcdef") << false;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
}

void TestCryptoPrimitives::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(Crypto::constantTimeEquals(a, b), equal);
}

void TestCryptoPrimitives::randomBytesDiffer()
{
    const auto a = Crypto::randomBytes(32);
    const auto b = Crypto::randomBytes(32);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->size(), 32);
    QVERIFY(*a != *b);
}

void TestCryptoPrimitives::fixedRandomSourceReplaysThenFails()
{
    const Crypto::FixedRandomSource source(QByteArray("0123456789"));
    QCOMPARE(*source.bytes(4), QByteArray("0123"));
    QCOMPARE(*source.bytes(6), QByteArray("456789"));
    QVERIFY(!source.bytes(1).ok());
}

void TestCryptoPrimitives::secretSealRoundTrip()
{
    const QByteArray kek(32, '\x42');
    const auto secret = LockSecret::generate();
    QVERIFY(secret.ok());
    const auto sealed = sealSecret(kek, *secret, QByteArray("lock-1"));
    QVERIFY(sealed.ok());
    QCOMPARE(sealed->size(), 61);
    QVERIFY(!sealed->contains(secret->bytes()));
    const auto opened = openSecret(kek, *sealed, QByteArray("lock-1"));
    QVERIFY(opened.ok());
    QCOMPARE(opened->bytes(), secret->bytes());
    // A fresh nonce each time: sealing twice never gives the same blob.
    QVERIFY(*sealSecret(kek, *secret, QByteArray("lock-1")) != *sealed);
}

void TestCryptoPrimitives::secretOpenRefuses_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("code");
    QTest::newRow("wrong key-encryption key") << 0 << QStringLiteral("tampered");
    QTest::newRow("another lock's context") << 1 << QStringLiteral("tampered");
    QTest::newRow("bit flip in the ciphertext") << 2 << QStringLiteral("tampered");
    QTest::newRow("truncated blob") << 3 << QStringLiteral("malformed");
    QTest::newRow("KEK of the wrong size") << 4 << QStringLiteral("bad_kek");
}

void TestCryptoPrimitives::secretOpenRefuses()
{
    QFETCH(int, what);
    QFETCH(QString, code);
    QByteArray kek(32, '\x42'), context("lock-1");
    QByteArray sealed = *sealSecret(kek, *LockSecret::generate(), context);
    switch (what) {
    case 0:
        kek[0] = '\x43';
        break;
    case 1:
        context = "lock-2";
        break;
    case 2:
        sealed[20] = char(sealed[20] ^ 0x04);
        break;
    case 3:
        sealed.chop(1);
        break;
    case 4:
        kek.chop(1);
        break;
    }
    const auto opened = openSecret(kek, sealed, context);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, code);
}

void TestCryptoPrimitives::secretParsing_data()
{
    QTest::addColumn<QString>("hex");
    QTest::addColumn<bool>("valid");
    QTest::newRow("64 lower-case hex") << QString(64, u'a') << true;
    QTest::newRow("64 upper-case hex") << QString(64, u'F') << true;
    QTest::newRow("62 hex characters") << QString(62, u'a') << false;
    QTest::newRow("66 hex characters") << QString(66, u'a') << false;
    QTest::newRow("non-hex character") << QString(63, u'a') + u'g' << false;
    QTest::newRow("empty") << QString() << false;
}

void TestCryptoPrimitives::secretParsing()
{
    QFETCH(QString, hex);
    QFETCH(bool, valid);
    const auto secret = LockSecret::fromHex(hex);
    QCOMPARE(secret.ok(), valid);
    if (valid)
        QCOMPARE(secret->toHex(), hex.toLower());
}

QTEST_GUILESS_MAIN(TestCryptoPrimitives)
#include "TestCryptoPrimitives.moc"
