#pragma once

#include "core/domain/MacAddress.h"
#include "core/domain/Result.h"
#include "core/lockproto/Crypto.h"

#include <QByteArray>
#include <QString>

namespace Keydesk::Core {

/// A lock's 32-byte root secret. Never logged, never in an API response; at rest only sealed under a KEK.
class LockSecret final
{
public:
    static constexpr int Size = 32;

    LockSecret() = default; ///< null; isNull() is true and every use fails
    ~LockSecret();
    LockSecret(const LockSecret &) = default;
    LockSecret &operator=(const LockSecret &) = default;
    LockSecret(LockSecret &&) = default;
    LockSecret &operator=(LockSecret &&) = default;

    /// 32 fresh bytes from RAND_bytes (or the injected source).
    static Result<LockSecret> generate(const Crypto::RandomSource &random = Crypto::RandomSource::system());
    /// Exactly 32 bytes; anything else is an error.
    static Result<LockSecret> fromBytes(const QByteArray &bytes);
    /// Exactly 64 hex characters (either case).
    static Result<LockSecret> fromHex(const QString &hex);

    bool isNull() const { return m_bytes.isEmpty(); }
    const QByteArray &bytes() const { return m_bytes; }
    QString toHex() const; ///< 64 lower-case hex characters. Only for sealed storage and lock provisioning.

private:
    explicit LockSecret(QByteArray bytes)
        : m_bytes(std::move(bytes))
    { }
    QByteArray m_bytes;
};

/// The five 32-byte sub-keys of one lock, each HKDF-SHA256(secret, salt "keydesk-lock-v1",
/// info "keydesk <purpose> key" || MAC). Derived once and reused; one purpose per key.
struct LockKeys
{
    QByteArray command; ///< AES-256-GCM key of online commands
    QByteArray offline; ///< HKDF input of per-credential offline keys
    QByteArray revocation; ///< HMAC key of revocation-state blobs
    QByteArray quickClick; ///< HMAC key of quick-click codes
    QByteArray log; ///< HMAC key of lock responses, and of tracking-key hashes

    ~LockKeys();
    static Result<LockKeys> derive(const LockSecret &secret, const MacAddress &mac);
};

/// The lock's pseudonym for a tracking key: first 16 bytes of HMAC(log key, "tracking-key" || UTF-8 key).
/// Keyed per lock so logs relayed by other people's phones do not reveal or link user identifiers.
Result<QByteArray> trackingKeyHash(const LockSecret &secret, const MacAddress &mac, const QString &trackingKey);
QByteArray trackingKeyHash(const LockKeys &keys, const QString &trackingKey);

/// The id of a quick-click code on one lock: first 16 bytes of HMAC(quick-click key, code). The lock stores
/// only this (never the code) and reports it in unlocked_via_quick_click log entries.
Result<QByteArray> quickClickId(const LockSecret &secret, const MacAddress &mac, const QString &code);
QByteArray quickClickId(const LockKeys &keys, const QString &code);

/// True for 3–24 characters of '0'/'1' (DESIGN.md, quick clicks).
bool isValidQuickClickCode(const QString &code);

/// Seals a lock secret at rest: AES-256-GCM under the 32-byte key-encryption key, fresh nonce.
/// Output: 0x01 || nonce(12) || ciphertext(32) || tag(16) = 61 bytes. `context` (e.g. the MAC's bytes) is
/// authenticated, so a sealed secret copied onto another lock's row does not open.
Result<QByteArray> sealSecret(const QByteArray &kek, const LockSecret &secret, const QByteArray &context = {},
                              const Crypto::RandomSource &random = Crypto::RandomSource::system());
/// Opens what sealSecret made, with the same KEK and context; a wrong KEK or any changed byte is an error.
Result<LockSecret> openSecret(const QByteArray &kek, const QByteArray &sealed, const QByteArray &context = {});

} // namespace Keydesk::Core
