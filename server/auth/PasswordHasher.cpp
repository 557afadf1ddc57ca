#include "server/auth/PasswordHasher.h"

#include <QByteArray>
#include <QList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>

namespace Keydesk::Server {

namespace {

const QLatin1String kAlgorithm("pbkdf2-sha256");

QByteArray pbkdf2(const QByteArray &password, const QByteArray &salt, int iterations, int length)
{
    QByteArray out(length, Qt::Uninitialized);
    const int ok = PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()),
                                     reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size()),
                                     iterations, EVP_sha256(), length, reinterpret_cast<unsigned char *>(out.data()));
    return ok == 1 ? out : QByteArray();
}

struct Decoded
{
    int iterations = 0;
    QByteArray salt;
    QByteArray hash;
};

bool decode(const QString &encoded, Decoded *out)
{
    const QList<QStringView> parts = QStringView(encoded).split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != kAlgorithm)
        return false;
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < 1 || iterations > PasswordHasher::kMaxIterations)
        return false;
    const auto salt = QByteArray::fromBase64Encoding(parts.at(2).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto hash = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || !hash || salt.decoded.isEmpty() || hash.decoded.size() < 16 || hash.decoded.size() > 64)
        return false;
    out->iterations = iterations;
    out->salt = salt.decoded;
    out->hash = hash.decoded;
    return true;
}

} // namespace

PasswordHasher::PasswordHasher(int iterations)
    : m_iterations(std::clamp(iterations, 1, kMaxIterations))
{ }

Core::Result<void> PasswordHasher::validatePassword(const QString &password)
{
    if (password.size() < kMinPasswordLength)
        return Core::Error::make(QStringLiteral("password_too_short"),
                                 QStringLiteral("The password has %1 characters; use at least %2.")
                                     .arg(password.size())
                                     .arg(kMinPasswordLength),
                                 QStringLiteral("password"));
    if (password.size() > kMaxPasswordLength)
        return Core::Error::make(
            QStringLiteral("password_too_long"),
            QStringLiteral("The password is longer than %1 characters; use a shorter one.").arg(kMaxPasswordLength),
            QStringLiteral("password"));
    return {};
}

Core::Result<QString> PasswordHasher::hash(const QString &password) const
{
    if (auto valid = validatePassword(password); !valid)
        return valid.error();
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), kSaltBytes) != 1)
        return Core::Error::make(QStringLiteral("internal"),
                                 QStringLiteral("The system random generator failed; try again."));
    const QByteArray derived = pbkdf2(password.toUtf8(), salt, m_iterations, kHashBytes);
    if (derived.isEmpty())
        return Core::Error::make(QStringLiteral("internal"), QStringLiteral("Password hashing failed; try again."));
    return QStringLiteral("%1$%2$%3$%4")
        .arg(kAlgorithm)
        .arg(m_iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(derived.toBase64()));
}

bool PasswordHasher::verify(const QString &password, const QString &encoded)
{
    Decoded d;
    if (!decode(encoded, &d))
        return false;
    const QByteArray derived = pbkdf2(password.toUtf8(), d.salt, d.iterations, int(d.hash.size()));
    if (derived.size() != d.hash.size())
        return false;
    return CRYPTO_memcmp(derived.constData(), d.hash.constData(), size_t(derived.size())) == 0;
}

bool PasswordHasher::needsRehash(const QString &encoded) const
{
    Decoded d;
    return !decode(encoded, &d) || d.iterations < m_iterations || d.hash.size() < kHashBytes;
}

} // namespace Keydesk::Server
