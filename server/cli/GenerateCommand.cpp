#include "core/domain/Clock.h"
#include "server/cli/Cli.h"
#include "server/cli/CliSupport.h"
#include "server/store/Database.h"
#include "server/store/FacilityGenerator.h"
#include "server/store/KeyEncryptionKey.h"

#include <QJsonObject>

#include <limits>

namespace Keydesk::Server::Cli {

namespace {

const CommandSpec &generateSpec()
{
    static const CommandSpec spec {
        QStringLiteral("generate"),
        QStringLiteral(
            "Adds a large generated facility to a database made by `init` (no locks or users yet), for "
            "benchmarks and load tests: units and locks (sealed secrets), tenants, contractors and "
            "shared users, digital keys in every status and restriction (24/7, one-time, weekly "
            "schedules incl. across midnight), some revoked. The same seed gives the same facility. "
            "The lock secrets are derived from the seed: never use a generated database for real locks. "
            "Rows are written in transactions of 1,000,000; if it fails part-way, delete the database. Prints "
            "what it made and how long each part took as JSON."),
        {
            { QStringLiteral("database"), QStringLiteral("FILE"), QStringLiteral("the SQLite file (from init)"), true },
            { QStringLiteral("locks"), QStringLiteral("N"),
              QStringLiteral("number of locks, one unit each (1-1000000)"), true },
            { QStringLiteral("users"), QStringLiteral("N"), QStringLiteral("number of users (1-5000000)"), true },
            { QStringLiteral("keys"), QStringLiteral("N"), QStringLiteral("number of digital keys (0-20000000)"),
              true },
            { QStringLiteral("seed"), QStringLiteral("S"), QStringLiteral("seed of the generator (default 1)"), false },
        },
    };
    return spec;
}

/// The option as a whole number in [min, max], or an error message naming the option.
qint64 parseNumber(const ParsedOptions &options, const QString &name, qint64 fallback, qint64 min, qint64 max,
                   QString *error)
{
    if (!options.has(name))
        return fallback;
    bool ok = false;
    const qint64 value = options.value(name).toLongLong(&ok);
    if ((!ok || value < min || value > max) && error->isEmpty())
        *error = QStringLiteral("--%1 must be a whole number from %2 to %3 (got \"%4\")")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(options.value(name));
    return value;
}

} // namespace

int runGenerate(const QStringList &arguments)
{
    const CommandSpec &spec = generateSpec();
    const ParsedOptions options = parseOptions(spec, arguments);
    if (options.help) {
        printOut(usageText(spec));
        return ExitOk;
    }
    if (!options.error.isEmpty())
        return usageError(spec, options.error);
    QString error;
    GeneratorSizes sizes;
    sizes.locks = int(parseNumber(options, QStringLiteral("locks"), 0, 1, 1000000, &error));
    sizes.users = int(parseNumber(options, QStringLiteral("users"), 0, 1, 5000000, &error));
    sizes.keys = int(parseNumber(options, QStringLiteral("keys"), 0, 0, 20000000, &error));
    sizes.seed
        = quint32(parseNumber(options, QStringLiteral("seed"), 1, 0, std::numeric_limits<quint32>::max(), &error));
    if (!error.isEmpty())
        return usageError(spec, error);

    const QString databasePath = options.value(QStringLiteral("database"));
    auto db = Database::open(databasePath, Database::OpenMode::OpenExisting);
    if (!db)
        return failure(spec, db.error().message);
    auto kek = KeyEncryptionKey::load(databasePath);
    if (!kek)
        return failure(spec, kek.error().message);
    auto report = generateFacility(*db.value(), kek.value(), sizes, Core::Clock::system());
    if (!report)
        return failure(spec, report.error().message);
    const qint64 totalMs = report->locksMs + report->usersMs + report->keysMs;
    printJson(QJsonObject {
        { QStringLiteral("locks"), sizes.locks },
        { QStringLiteral("users"), sizes.users },
        { QStringLiteral("keys"), sizes.keys },
        { QStringLiteral("seed"), qint64(sizes.seed) },
        { QStringLiteral("rows"), report->rows },
        { QStringLiteral("locks_ms"), report->locksMs },
        { QStringLiteral("users_ms"), report->usersMs },
        { QStringLiteral("keys_ms"), report->keysMs },
        { QStringLiteral("total_ms"), totalMs },
        { QStringLiteral("revision"), db.value()->revision() },
    });
    return ExitOk;
}

} // namespace Keydesk::Server::Cli
