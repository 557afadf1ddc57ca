#include "server/ServerSetup.h"
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

    InitOptions init;
    init.databasePath = options.value(QStringLiteral("database"));
    init.companyName = options.value(QStringLiteral("company")).trimmed();
    init.timezone = options.value(QStringLiteral("timezone"));
    if (init.databasePath.isEmpty())
        return usageError(spec, QStringLiteral("--database needs a file name"));
    if (init.companyName.isEmpty())
        return usageError(spec, QStringLiteral("--company must not be empty"));
    if (!QTimeZone(init.timezone.toUtf8()).isValid())
        return usageError(spec,
                          QStringLiteral("\"%1\" is not an IANA time zone (e.g. Europe/Berlin, "
                                         "America/New_York)")
                              .arg(init.timezone));
    const bool hasAdmin = options.has(QStringLiteral("admin-user"));
    if (hasAdmin != options.has(QStringLiteral("admin-password-file")))
        return usageError(spec, QStringLiteral("--admin-user and --admin-password-file go together"));
    if (hasAdmin) {
        init.adminUser = options.value(QStringLiteral("admin-user")).trimmed();
        if (init.adminUser.isEmpty())
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
        init.adminPassword = password;
    }
    auto created = initializeDatabase(init, QDateTime::currentMSecsSinceEpoch());
    if (!created)
        return failure(spec, created.error().message);
    const NewCompany &company = created.value().company;
    QJsonObject out {
        { QStringLiteral("company_api_key"), company.companyApiKey },
        { QStringLiteral("mobile_api_key"), company.mobileApiKey },
        { QStringLiteral("facility_id"), company.facilityId },
        { QStringLiteral("company_id"), company.companyId },
        { QStringLiteral("kek_file"), created.value().kekPath },
    };
    if (hasAdmin)
        out.insert(QStringLiteral("admin_user"), init.adminUser);
    printJson(out);
    return ExitOk;
}

} // namespace Keydesk::Server::Cli
