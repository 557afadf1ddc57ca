#include "server/auth/PasswordHasher.h"
#include "server/cli/Cli.h"
#include "server/cli/CliSupport.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTimeZone>

namespace Keydesk::Server::Cli {

namespace {

const CommandSpec &initSpec()
{
    static const CommandSpec spec {
        QStringLiteral("init"),
        QStringLiteral("Creates a new database with one company and facility, its key-encryption key "
                       "(FILE.kek, mode 0600) and API keys, and prints them once as JSON:\n"
                       "{\"company_api_key\": ..., \"mobile_api_key\": ..., \"facility_id\": ...}.\n"
                       "Refuses to overwrite an existing database or key file."),
        {
            { QStringLiteral("database"), QStringLiteral("FILE"), QStringLiteral("the SQLite file to create"), true },
            { QStringLiteral("company"), QStringLiteral("NAME"), QStringLiteral("the company's name"), true },
            { QStringLiteral("timezone"), QStringLiteral("IANA"),
              QStringLiteral("the facility's time zone, e.g. Europe/Berlin"), true },
            { QStringLiteral("admin-user"), QStringLiteral("NAME"),
              QStringLiteral("also create an owner staff account (with --admin-password-file)"), false },
            { QStringLiteral("admin-password-file"), QStringLiteral("FILE"),
              QStringLiteral("file holding the owner's password (first line)"), false },
        },
    };
    return spec;
}

void removeCreated(const QString &databasePath, bool removeKek)
{
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(databasePath + suffix);
    if (removeKek)
        QFile::remove(KeyEncryptionKey::filePathFor(databasePath));
}

} // namespace

int runInit(const QStringList &arguments)
{
    const CommandSpec &spec = initSpec();
    const ParsedOptions options = parseOptions(spec, arguments);
    if (options.help) {
        printOut(usageText(spec));
        return ExitOk;
    }
    if (!options.error.isEmpty())
        return usageError(spec, options.error);

    const QString databasePath = options.value(QStringLiteral("database"));
    const QString company = options.value(QStringLiteral("company")).trimmed();
    const QString zoneName = options.value(QStringLiteral("timezone"));
    if (databasePath.isEmpty())
        return usageError(spec, QStringLiteral("--database needs a file name"));
    if (company.isEmpty())
        return usageError(spec, QStringLiteral("--company must not be empty"));
    if (!QTimeZone(zoneName.toUtf8()).isValid())
        return usageError(spec,
                          QStringLiteral("\"%1\" is not an IANA time zone (e.g. Europe/Berlin, "
                                         "America/New_York)")
                              .arg(zoneName));
    const bool hasAdmin = options.has(QStringLiteral("admin-user"));
    if (hasAdmin != options.has(QStringLiteral("admin-password-file")))
        return usageError(spec, QStringLiteral("--admin-user and --admin-password-file go together"));
    QString adminUser;
    QString adminPasswordHash;
    if (hasAdmin) {
        adminUser = options.value(QStringLiteral("admin-user")).trimmed();
        if (adminUser.isEmpty())
            return usageError(spec, QStringLiteral("--admin-user must not be empty"));
        QFile file(options.value(QStringLiteral("admin-password-file")));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(
                spec, QStringLiteral("cannot read the password file %1: %2").arg(file.fileName(), file.errorString()));
        QString password = QString::fromUtf8(file.readAll());
        if (const qsizetype nl = password.indexOf(QLatin1Char('\n')); nl >= 0)
            password.truncate(nl);
        if (password.endsWith(QLatin1Char('\r')))
            password.chop(1);
        if (auto valid = PasswordHasher::validatePassword(password); !valid)
            return usageError(spec, valid.error().message);
        auto hashed = PasswordHasher().hash(password);
        if (!hashed)
            return failure(spec, hashed.error().message);
        adminPasswordHash = hashed.value();
    }
    // Check both files first, so a refusal leaves everything as it was.
    if (QFileInfo::exists(databasePath))
        return failure(spec, QStringLiteral("%1 already exists; refusing to overwrite it.").arg(databasePath));
    if (QFileInfo::exists(KeyEncryptionKey::filePathFor(databasePath)))
        return failure(spec,
                       QStringLiteral("%1 already exists; refusing to overwrite it (move it away if it belongs "
                                      "to no database).")
                           .arg(KeyEncryptionKey::filePathFor(databasePath)));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    NewCompany created;
    {
        auto db = Database::open(databasePath, Database::OpenMode::CreateNew);
        if (!db) {
            removeCreated(databasePath, false);
            return failure(spec, db.error().message);
        }
        auto result = CompanyRepository(*db.value()).create(company, zoneName, now);
        if (!result) {
            db.value().reset();
            removeCreated(databasePath, false);
            return failure(spec, result.error().message);
        }
        created = result.value();
        if (hasAdmin) {
            auto staff = db.value()->exec(QStringLiteral("INSERT INTO staff(id, company_id, username, password_hash, "
                                                         "role, created_at) VALUES (?, ?, ?, ?, 'owner', ?)"),
                                          { newId(), created.companyId, adminUser, adminPasswordHash, now });
            if (!staff) {
                db.value().reset();
                removeCreated(databasePath, false);
                return failure(spec, staff.error().message);
            }
        }
    }
    if (auto kek = KeyEncryptionKey::create(databasePath); !kek) {
        removeCreated(databasePath, false);
        return failure(spec, kek.error().message);
    }
    QJsonObject out {
        { QStringLiteral("company_api_key"), created.companyApiKey },
        { QStringLiteral("mobile_api_key"), created.mobileApiKey },
        { QStringLiteral("facility_id"), created.facilityId },
        { QStringLiteral("company_id"), created.companyId },
        { QStringLiteral("kek_file"), KeyEncryptionKey::filePathFor(databasePath) },
    };
    if (hasAdmin)
        out.insert(QStringLiteral("admin_user"), adminUser);
    printJson(out);
    return ExitOk;
}

} // namespace Keydesk::Server::Cli
