#pragma once

#include "core/domain/Result.h"

#include <QString>

namespace Keydesk::Server {

/// Slow, salted password hashing for staff accounts (PBKDF2-HMAC-SHA256, OpenSSL).
///
/// The encoded form is self-describing so the iteration count can rise later without breaking stored hashes:
///   pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>
class PasswordHasher final
{
public:
    /// OWASP 2023 guidance for PBKDF2-HMAC-SHA256 is >= 210,000 iterations.
    static constexpr int kDefaultIterations = 210000;
    /// Refuse to verify absurd counts read from a tampered database (CPU exhaustion).
    static constexpr int kMaxIterations = 10000000;
    static constexpr int kSaltBytes = 16;
    static constexpr int kHashBytes = 32;
    static constexpr int kMinPasswordLength = 8;
    static constexpr int kMaxPasswordLength = 1024;

    /// Tests pass a low count; production uses the default.
    explicit PasswordHasher(int iterations = kDefaultIterations);

    int iterations() const { return m_iterations; }

    /// The encoded hash of a password that passed validatePassword().
    Core::Result<QString> hash(const QString &password) const;

    /// Constant-time comparison against an encoded hash; false for a malformed encoding too.
    static bool verify(const QString &password, const QString &encoded);

    /// True when the stored hash is weaker than what this hasher produces (rehash after a good login).
    bool needsRehash(const QString &encoded) const;

    /// Length rules for new passwords; the error names the field "password".
    static Core::Result<void> validatePassword(const QString &password);

private:
    int m_iterations;
};

} // namespace Keydesk::Server
