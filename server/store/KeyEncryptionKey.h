#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QString>

namespace Keydesk::Server {

/// The 32-byte key-encryption key that seals lock secrets. It lives outside the database: in `<database>.kek`
/// (mode 0600, written by `init`) or, overriding the file, in the environment variable KEYDESK_KEK (64 hex digits).
namespace KeyEncryptionKey {
inline constexpr int kSize = 32;
inline constexpr const char *kEnvironmentVariable = "KEYDESK_KEK";

QString filePathFor(const QString &databasePath);
/// KEYDESK_KEK when set (must be 64 hex digits), else the .kek file next to the database.
Core::Result<QByteArray> load(const QString &databasePath);
/// Creates the .kek file with a fresh random key (mode 0600); refuses to overwrite one.
Core::Result<QByteArray> create(const QString &databasePath);
} // namespace KeyEncryptionKey

/// Random API keys (shown once) and the hash stored in their place.
namespace ApiKeys {
/// 32 random bytes as 64 lower-case hex digits, with a prefix saying what it is ("kd_company_", "kd_mobile_").
QString generate(const QString &prefix);
/// SHA-256 hex. The keys carry 256 bits of entropy, so a slow KDF would add nothing but latency per request.
QString hash(const QString &key);
} // namespace ApiKeys

} // namespace Keydesk::Server
