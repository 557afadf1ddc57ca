#include "server/store/KeyEncryptionKey.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileDevice>

#include <openssl/rand.h>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), size) != 1)
        qFatal("OpenSSL RAND_bytes failed; refusing to continue without a secure random source");
    return bytes;
}

} // namespace

namespace KeyEncryptionKey {

QString filePathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".kek");
}

Result<QByteArray> load(const QString &databasePath)
{
    const QByteArray fromEnv = qgetenv(kEnvironmentVariable).trimmed();
    if (!fromEnv.isEmpty()) {
        const QByteArray key = QByteArray::fromHex(fromEnv);
        if (fromEnv.size() != kSize * 2 || key.size() != kSize || key.toHex() != fromEnv.toLower())
            return Error::make(QStringLiteral("invalid_kek"),
                               QStringLiteral("KEYDESK_KEK must be exactly 64 hex digits (32 bytes)."),
                               QStringLiteral("KEYDESK_KEK"));
        return key;
    }
    QFile file(filePathFor(databasePath));
    if (!file.exists())
        return Error::make(QStringLiteral("missing_kek"),
                           QStringLiteral("The key-encryption key %1 is missing; restore it from your backup or "
                                          "set KEYDESK_KEK. Without it the lock secrets cannot be read.")
                               .arg(file.fileName()),
                           QStringLiteral("kek"));
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(
            QStringLiteral("missing_kek"),
            QStringLiteral("Cannot read the key-encryption key %1: %2").arg(file.fileName(), file.errorString()),
            QStringLiteral("kek"));
    const QByteArray hex = file.readAll().trimmed();
    const QByteArray key = QByteArray::fromHex(hex);
    if (hex.size() != kSize * 2 || key.size() != kSize)
        return Error::make(
            QStringLiteral("invalid_kek"),
            QStringLiteral("The key-encryption key file %1 must hold 64 hex digits.").arg(file.fileName()),
            QStringLiteral("kek"));
    return key;
}

Result<QByteArray> create(const QString &databasePath)
{
    QFile file(filePathFor(databasePath));
    if (file.exists())
        return Error::make(
            QStringLiteral("already_exists"),
            QStringLiteral("The key-encryption key %1 already exists; refusing to overwrite it.").arg(file.fileName()),
            QStringLiteral("kek"));
    // NewOnly + permissions at creation: the key is never readable by others, not even for a moment.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return Error::make(QStringLiteral("io_error"),
                           QStringLiteral("Cannot create %1: %2").arg(file.fileName(), file.errorString()),
                           QStringLiteral("kek"));
    const QByteArray key = randomBytes(kSize);
    if (file.write(key.toHex() + '\n') < 0 || !file.flush())
        return Error::make(QStringLiteral("io_error"),
                           QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()),
                           QStringLiteral("kek"));
    return key;
}

} // namespace KeyEncryptionKey

namespace ApiKeys {

QString generate(const QString &prefix)
{
    return prefix + QString::fromLatin1(randomBytes(32).toHex());
}

QString hash(const QString &key)
{
    return QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace ApiKeys

} // namespace Keydesk::Server
