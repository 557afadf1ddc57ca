#include "server/DemoFacility.h"
#include "server/cli/Cli.h"
#include "server/cli/CliSupport.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonObject>
#include <QTimeZone>

namespace Keydesk::Server::Cli {

namespace {

const CommandSpec &demoSpec()
{
    static const CommandSpec spec {
        QStringLiteral("demo"),
        QStringLiteral("Fills a database with a realistic demo facility: units, tenants, contractors and a shared "
                       "user, scheduled keys in every state (active, upcoming, expired, one-time, revoked), quick "
                       "clicks, a month of activity produced by running virtual locks through the server's own "
                       "command, offline-key and upload code, expired and valid offline keys, low batteries. The "
                       "virtual locks' state files are kept in "
                       "FILE-vlocks/. A missing database is created first (as init would, printing its keys)."),
        {
            { QStringLiteral("database"), QStringLiteral("FILE"), QStringLiteral("the SQLite file"), true },
            { QStringLiteral("locks"), QStringLiteral("N"), QStringLiteral("number of locks (default 12, 1-500)"),
              false },
            { QStringLiteral("users"), QStringLiteral("N"), QStringLiteral("number of users (default 30, 3-5000)"),
              false },
            { QStringLiteral("timezone"), QStringLiteral("IANA"),
              QStringLiteral("time zone when the database is created (default Europe/Berlin)"), false },
        },
    };
    return spec;
}

int parseCount(const ParsedOptions &options, const QString &name, int fallback, int min, int max, QString *error)
{
    if (!options.has(name))
        return fallback;
    bool ok = false;
    const int value = options.value(name).toInt(&ok);
    if (!ok || value < min || value > max)
        *error = QStringLiteral("--%1 must be a whole number from %2 to %3").arg(name).arg(min).arg(max);
    return value;
}

} // namespace

int runDemo(const QStringList &arguments)
{
    const CommandSpec &spec = demoSpec();
    const ParsedOptions options = parseOptions(spec, arguments);
    if (options.help) {
        printOut(usageText(spec));
        return ExitOk;
    }
    if (!options.error.isEmpty())
        return usageError(spec, options.error);
    QString error;
    const int lockCount = parseCount(options, QStringLiteral("locks"), 12, 1, 500, &error);
    const int userCount = parseCount(options, QStringLiteral("users"), 30, 3, 5000, &error);
    if (!error.isEmpty())
        return usageError(spec, error);
    const QString zoneName = options.value(QStringLiteral("timezone"), QStringLiteral("Europe/Berlin"));
    if (!QTimeZone(zoneName.toUtf8()).isValid())
        return usageError(spec, QStringLiteral("\"%1\" is not an IANA time zone").arg(zoneName));
    const QString databasePath = options.value(QStringLiteral("database"));
    DemoOptions demo;
    demo.locks = lockCount;
    demo.users = userCount;
    demo.vlockDir = databasePath + QStringLiteral("-vlocks");
    if (QFileInfo::exists(demo.vlockDir))
        return failure(spec,
                       QStringLiteral("%1 already exists: this database already holds a demo. Use a new file.")
                           .arg(demo.vlockDir));

    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    QJsonObject out;
    const bool create = !QFileInfo::exists(databasePath);
    auto db = Database::open(databasePath, create ? Database::OpenMode::CreateNew : Database::OpenMode::OpenExisting);
    if (!db)
        return failure(spec, db.error().message);
    if (create) {
        if (QFileInfo::exists(KeyEncryptionKey::filePathFor(databasePath)))
            return failure(spec,
                           QStringLiteral("%1 exists without its database; move it away first.")
                               .arg(KeyEncryptionKey::filePathFor(databasePath)));
        // The company predates the history the demo writes.
        auto company = CompanyRepository(*db.value())
                           .create(QStringLiteral("Demo Self Storage"), zoneName,
                                   nowMs - qint64(demo.days + 2) * 24 * 3600 * 1000);
        if (!company)
            return failure(spec, company.error().message);
        if (auto kek = KeyEncryptionKey::create(databasePath); !kek)
            return failure(spec, kek.error().message);
        out.insert(QStringLiteral("company_api_key"), company.value().companyApiKey);
        out.insert(QStringLiteral("mobile_api_key"), company.value().mobileApiKey);
    }
    auto kek = KeyEncryptionKey::load(databasePath);
    if (!kek)
        return failure(spec, kek.error().message);
    auto summary = fillDemo(*db.value(), kek.value(), demo, nowMs);
    if (!summary)
        return failure(spec, summary.error().message);

    out.insert(QStringLiteral("facility_id"), summary.value().facilityId);
    out.insert(QStringLiteral("locks"), summary.value().locks);
    out.insert(QStringLiteral("users"), summary.value().users);
    out.insert(QStringLiteral("keys"), summary.value().keys);
    out.insert(QStringLiteral("activity"), summary.value().activity);
    out.insert(QStringLiteral("offline_keys"), summary.value().offlineKeys);
    out.insert(QStringLiteral("days"), demo.days);
    out.insert(QStringLiteral("vlock_dir"), QFileInfo(demo.vlockDir).absoluteFilePath());
    printJson(out);
    return ExitOk;
}

} // namespace Keydesk::Server::Cli
