#include "core/lockproto/LockSecret.h"

#include "core/lockproto/Wire.h"

namespace Keydesk::Core {

namespace {

const QByteArray &hkdfSalt()
{
    static const QByteArray salt("keydesk-lock-v1");
    return salt;
}

constexpr quint8 SealedSecretVersion = 1;
constexpr int SealedSecretSize = 1 + Crypto::GcmNonceSize + LockSecret::Size + Crypto::GcmTagSize;

QByteArray sealedSecretAad(const QByteArray &context)
{
    return QByteArray("keydesk-lock-secret-v1") + char(SealedSecretVersion) + context;
}

Error kekError()
{
    return Error::make(QStringLiteral("bad_kek"),
                       QStringLiteral("The key-encryption key must be exactly 32 bytes; check the server's "
                                      "KEK configuration."));
}

} // namespace

LockSecret::~LockSecret()
{
    Crypto::cleanse(m_bytes);
}

Result<LockSecret> LockSecret::generate(const Crypto::RandomSource &random)
{
    auto bytes = random.bytes(Size);
    if (!bytes)
        return bytes.error();
    return fromBytes(*bytes);
}

Result<LockSecret> LockSecret::fromBytes(const QByteArray &bytes)
{
    if (bytes.size() != Size)
        return Error::make(
            QStringLiteral("bad_secret"),
            QStringLiteral("A lock secret is exactly 32 bytes (64 hex characters); got %1 bytes.").arg(bytes.size()),
            QStringLiteral("secret"));
    return LockSecret(bytes);
}

Result<LockSecret> LockSecret::fromHex(const QString &hex)
{
    bool ok = false;
    const QByteArray bytes = Wire::fromHex(hex.trimmed(), &ok);
    if (!ok || bytes.size() != Size)
        return Error::make(QStringLiteral("bad_secret"), QStringLiteral("A lock secret is exactly 64 hex characters."),
                           QStringLiteral("secret"));
    return LockSecret(bytes);
}

QString LockSecret::toHex() const
{
    return Wire::toHex(m_bytes);
}

LockKeys::~LockKeys()
{
    Crypto::cleanse(command);
    Crypto::cleanse(offline);
    Crypto::cleanse(revocation);
    Crypto::cleanse(quickClick);
    Crypto::cleanse(log);
}

Result<LockKeys> LockKeys::derive(const LockSecret &secret, const MacAddress &mac)
{
    if (secret.isNull())
        return Error::make(QStringLiteral("bad_secret"), QStringLiteral("No lock secret was given."));
    LockKeys keys;
    const std::pair<QByteArray *, const char *> purposes[] = {
        { &keys.command, "cmd" },           { &keys.offline, "offline" }, { &keys.revocation, "revocation" },
        { &keys.quickClick, "quickclick" }, { &keys.log, "log" },
    };
    for (const auto &[target, purpose] : purposes) {
        const QByteArray info = QByteArray("keydesk ") + purpose + " key" + mac.toBytes();
        auto key = Crypto::hkdfSha256(secret.bytes(), hkdfSalt(), info, Crypto::KeySize);
        if (!key)
            return key.error();
        *target = std::move(key).value();
    }
    return keys;
}

QByteArray trackingKeyHash(const LockKeys &keys, const QString &trackingKey)
{
    auto mac = Crypto::hmacSha256(keys.log, QByteArray("tracking-key") + trackingKey.toUtf8());
    return mac ? mac->left(16) : QByteArray();
}

Result<QByteArray> trackingKeyHash(const LockSecret &secret, const MacAddress &mac, const QString &trackingKey)
{
    auto keys = LockKeys::derive(secret, mac);
    if (!keys)
        return keys.error();
    QByteArray hash = trackingKeyHash(*keys, trackingKey);
    if (hash.isEmpty())
        return Error::make(QStringLiteral("crypto_failure"), QStringLiteral("HMAC-SHA256 failed."));
    return hash;
}

QByteArray quickClickId(const LockKeys &keys, const QString &code)
{
    auto mac = Crypto::hmacSha256(keys.quickClick, QByteArray("quick-click") + code.toLatin1());
    return mac ? mac->left(16) : QByteArray();
}

Result<QByteArray> quickClickId(const LockSecret &secret, const MacAddress &mac, const QString &code)
{
    if (!isValidQuickClickCode(code))
        return Error::make(QStringLiteral("invalid_code"),
                           QStringLiteral("A quick-click code is 3 to 24 characters of 0 and 1; got \"%1\".").arg(code),
                           QStringLiteral("code"));
    auto keys = LockKeys::derive(secret, mac);
    if (!keys)
        return keys.error();
    QByteArray id = quickClickId(*keys, code);
    if (id.isEmpty())
        return Error::make(QStringLiteral("crypto_failure"), QStringLiteral("HMAC-SHA256 failed."));
    return id;
}

bool isValidQuickClickCode(const QString &code)
{
    if (code.size() < 3 || code.size() > 24)
        return false;
    for (const QChar c : code) {
        if (c != u'0' && c != u'1')
            return false;
    }
    return true;
}

Result<QByteArray> sealSecret(const QByteArray &kek, const LockSecret &secret, const QByteArray &context,
                              const Crypto::RandomSource &random)
{
    if (kek.size() != Crypto::KeySize)
        return kekError();
    if (secret.isNull())
        return Error::make(QStringLiteral("bad_secret"), QStringLiteral("No lock secret was given."));
    auto nonce = random.bytes(Crypto::GcmNonceSize);
    if (!nonce)
        return nonce.error();
    auto sealed = Crypto::aes256GcmSeal(kek, *nonce, secret.bytes(), sealedSecretAad(context));
    if (!sealed)
        return sealed.error();
    return QByteArray(1, char(SealedSecretVersion)) + *nonce + *sealed;
}

Result<LockSecret> openSecret(const QByteArray &kek, const QByteArray &sealed, const QByteArray &context)
{
    if (kek.size() != Crypto::KeySize)
        return kekError();
    if (sealed.size() != SealedSecretSize || quint8(sealed.at(0)) != SealedSecretVersion)
        return Error::make(QStringLiteral("malformed"),
                           QStringLiteral("A sealed lock secret is 61 bytes starting with version 1; the stored "
                                          "value is damaged."));
    auto plain = Crypto::aes256GcmOpen(kek, sealed.mid(1, Crypto::GcmNonceSize), sealed.mid(1 + Crypto::GcmNonceSize),
                                       sealedSecretAad(context));
    if (!plain)
        return Error::make(QStringLiteral("tampered"),
                           QStringLiteral("The sealed lock secret does not open with this key-encryption key and "
                                          "context: wrong KEK, another lock's row, or damaged data."));
    auto secret = LockSecret::fromBytes(*plain);
    Crypto::cleanse(plain.value());
    return secret;
}

} // namespace Keydesk::Core
