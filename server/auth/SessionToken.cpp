#include "server/auth/SessionToken.h"

#include <QCryptographicHash>

#include <openssl/rand.h>

namespace Keydesk::Server {

namespace {
const QLatin1String kPrefix("kd_");
constexpr int kRandomBytes = 32;
constexpr int kEncodedLength = 43; // base64url of 32 bytes without padding
} // namespace

IssuedToken SessionToken::issue(const QDateTime &now, qint64 lifetimeSeconds)
{
    QByteArray random(kRandomBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(random.data()), kRandomBytes) != 1)
        return {};
    IssuedToken issued;
    issued.token = kPrefix
        + QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    issued.tokenHash = hashToken(issued.token);
    issued.expiresAt = now.toUTC().addSecs(lifetimeSeconds);
    return issued;
}

QString SessionToken::hashToken(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString SessionToken::fromAuthorizationHeader(const QByteArray &headerValue)
{
    const QByteArray trimmed = headerValue.trimmed();
    static const QByteArray scheme("bearer ");
    if (trimmed.size() <= scheme.size() || trimmed.left(scheme.size()).toLower() != scheme)
        return {};
    return QString::fromLatin1(trimmed.mid(scheme.size()).trimmed());
}

bool SessionToken::looksValid(const QString &token)
{
    if (token.size() != kPrefix.size() + kEncodedLength || !token.startsWith(kPrefix))
        return false;
    for (qsizetype i = kPrefix.size(); i < token.size(); ++i) {
        const QChar c = token.at(i);
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || c == QLatin1Char('-') || c == QLatin1Char('_');
        if (!ok)
            return false;
    }
    return true;
}

} // namespace Keydesk::Server
