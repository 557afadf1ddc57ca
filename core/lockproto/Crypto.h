#pragma once

#include "core/domain/Result.h"

#include <QByteArray>

namespace Keydesk::Core::Crypto {

// Thin wrappers over OpenSSL 3 EVP: nothing here invents a primitive. Keys and outputs are raw bytes.

inline constexpr int KeySize = 32; ///< AES-256 and HMAC-SHA256 keys
inline constexpr int GcmNonceSize = 12;
inline constexpr int GcmTagSize = 16;
inline constexpr int HmacSize = 32;

/// Where random bytes come from. Production code uses system() (RAND_bytes); known-answer tests inject a
/// deterministic source so sealed output can be compared byte for byte.
class RandomSource
{
public:
    virtual ~RandomSource() = default;
    virtual Result<QByteArray> bytes(int count) const = 0;

    /// The process-wide OpenSSL CSPRNG (RAND_bytes).
    static const RandomSource &system();
};

/// Replays a fixed byte string, then fails: for known-answer vectors only, never for real keys.
class FixedRandomSource final : public RandomSource
{
public:
    explicit FixedRandomSource(QByteArray bytes)
        : m_bytes(std::move(bytes))
    { }
    Result<QByteArray> bytes(int count) const override;

private:
    QByteArray m_bytes;
    mutable qsizetype m_position = 0;
};

/// `count` bytes from RAND_bytes.
Result<QByteArray> randomBytes(int count);

/// HKDF-SHA256 (RFC 5869) extract-and-expand.
Result<QByteArray> hkdfSha256(const QByteArray &ikm, const QByteArray &salt, const QByteArray &info, int length);

/// HMAC-SHA256 over `data` (32 bytes).
Result<QByteArray> hmacSha256(const QByteArray &key, const QByteArray &data);

/// SHA-256 of `data` (32 bytes), via EVP_Digest.
Result<QByteArray> sha256(const QByteArray &data);

/// AES-256-GCM: returns ciphertext || 16-byte tag. `nonce` must be 12 bytes and never repeat under one key.
Result<QByteArray> aes256GcmSeal(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                                 const QByteArray &associatedData);

/// Opens ciphertext || tag; any change to key, nonce, ciphertext, tag or associated data is an error.
Result<QByteArray> aes256GcmOpen(const QByteArray &key, const QByteArray &nonce, const QByteArray &sealed,
                                 const QByteArray &associatedData);

/// CRYPTO_memcmp: compares in time independent of where the inputs differ. Different lengths are unequal.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

/// Overwrites `bytes` with zeros (OPENSSL_cleanse) so a secret does not linger in freed memory.
void cleanse(QByteArray &bytes);

} // namespace Keydesk::Core::Crypto
