#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Keydesk::Server {

/// A freshly issued bearer token: the plain token goes to the client once; only its hash is stored.
struct IssuedToken
{
    QString token; ///< "kd_" + 43 base64url characters (32 random bytes)
    QString tokenHash; ///< hex SHA-256 of the token, the only form kept in the database
    QDateTime expiresAt; ///< UTC
};

/// Staff (and tenant) bearer tokens: 32 random bytes, SHA-256 stored, fixed lifetime.
class SessionToken final
{
public:
    static constexpr qint64 kDefaultLifetimeSeconds = 12 * 3600;

    /// A new random token that expires lifetimeSeconds after now. Empty token if the RNG failed.
    static IssuedToken issue(const QDateTime &now, qint64 lifetimeSeconds = kDefaultLifetimeSeconds);

    /// The stored form of a presented token. Random tokens have full entropy, so a plain hash (no salt, no KDF)
    /// is enough: a stolen database does not reveal usable tokens.
    static QString hashToken(const QString &token);

    /// The token in an "Authorization: Bearer <token>" header value, or empty.
    static QString fromAuthorizationHeader(const QByteArray &headerValue);

    /// Cheap shape check before touching the database.
    static bool looksValid(const QString &token);
};

} // namespace Keydesk::Server
