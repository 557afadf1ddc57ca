#include "server/ServerSetup.h"

#include "server/auth/PasswordHasher.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"

#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

void removeCreated(const QString &databasePath, bool removeKek)
{
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(databasePath + suffix);
    if (removeKek)
        QFile::remove(KeyEncryptionKey::filePathFor(databasePath));
}

Result<InitResult> create(const InitOptions &options, const QString &passwordHash, qint64 nowMs)
{
    InitResult result;
    {
        auto db = Database::open(options.databasePath, Database::OpenMode::CreateNew);
        if (!db)
            return db.error();
        auto company = CompanyRepository(*db.value()).create(options.companyName, options.timezone, nowMs);
        if (!company)
            return company.error();
        result.company = company.value();
        if (!options.adminUser.isEmpty()) {
            auto staff
                = db.value()->exec(QStringLiteral("INSERT INTO staff(id, company_id, username, "
                                                  "password_hash, role, created_at) VALUES (?, ?, ?, ?, "
                                                  "'owner', ?)"),
                                   { newId(), result.company.companyId, options.adminUser, passwordHash, nowMs });
            if (!staff)
                return staff.error();
        }
    }
    auto kek = KeyEncryptionKey::create(options.databasePath);
    if (!kek)
        return kek.error();
    result.kekPath = KeyEncryptionKey::filePathFor(options.databasePath);
    return result;
}

} // namespace

Result<InitResult> initializeDatabase(const InitOptions &options, qint64 nowMs)
{
    if (options.databasePath.isEmpty())
        return Error::make(QStringLiteral("invalid_argument"), QStringLiteral("No database file given."),
                           QStringLiteral("database"));
    if (options.companyName.trimmed().isEmpty())
        return Error::make(QStringLiteral("invalid_argument"), QStringLiteral("The company name must not be empty."),
                           QStringLiteral("company"));
    if (!QTimeZone(options.timezone.toUtf8()).isValid())
        return Error::make(QStringLiteral("invalid_argument"),
                           QStringLiteral("\"%1\" is not an IANA time zone (e.g. Europe/Berlin, America/New_York).")
                               .arg(options.timezone),
                           QStringLiteral("timezone"));
    QString passwordHash;
    if (!options.adminUser.isEmpty()) {
        if (auto valid = PasswordHasher::validatePassword(options.adminPassword); !valid)
            return valid.error();
        auto hashed = PasswordHasher().hash(options.adminPassword);
        if (!hashed)
            return hashed.error();
        passwordHash = hashed.value();
    }
    // Check both files first, so a refusal leaves everything as it was.
    if (QFileInfo::exists(options.databasePath))
        return Error::make(QStringLiteral("already_exists"),
                           QStringLiteral("%1 already exists; refusing to overwrite it.").arg(options.databasePath),
                           QStringLiteral("database"));
    const QString kekPath = KeyEncryptionKey::filePathFor(options.databasePath);
    if (QFileInfo::exists(kekPath))
        return Error::make(QStringLiteral("already_exists"),
                           QStringLiteral("%1 already exists; refusing to overwrite it (move it away if it belongs to "
                                          "no database).")
                               .arg(kekPath),
                           QStringLiteral("kek"));
    auto result = create(options, passwordHash, nowMs);
    if (!result)
        removeCreated(options.databasePath, QFileInfo::exists(kekPath) && result.error().field != QLatin1String("kek"));
    return result;
}

} // namespace Keydesk::Server
