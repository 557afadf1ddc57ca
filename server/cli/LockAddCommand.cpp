#include "core/domain/Clock.h"
#include "core/domain/MacAddress.h"
#include "core/lockproto/VirtualLock.h"
#include "server/cli/Cli.h"
#include "server/cli/CliSupport.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"
#include "server/store/LockRepository.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

namespace Keydesk::Server::Cli {

namespace {

const CommandSpec &lockAddSpec()
{
    static const CommandSpec spec {
        QStringLiteral("lock add"),
        QStringLiteral("Registers a lock (status \"awaiting setup\" until its first online unlock), generates its "
                       "secret (stored sealed under the key-encryption key) and prints the lock as JSON. With "
                       "--vlock-state it also writes a keydesk-vlock state file for that lock."),
        {
            { QStringLiteral("database"), QStringLiteral("FILE"), QStringLiteral("the SQLite file (from init)"), true },
            { QStringLiteral("mac"), QStringLiteral("MAC"),
              QStringLiteral("the lock's MAC: aa:bb:cc:dd:ee:ff, AA-BB-..., or aabbccddeeff"), true },
            { QStringLiteral("serial"), QStringLiteral("SERIAL"), QStringLiteral("the serial etched on the lock"),
              true },
            { QStringLiteral("name"), QStringLiteral("NAME"), QStringLiteral("a display name"), false },
            { QStringLiteral("hw"), QStringLiteral("VERSION"), QStringLiteral("hardware version, e.g. 3p"), false },
            { QStringLiteral("fw"), QStringLiteral("VERSION"), QStringLiteral("firmware version, e.g. 2.10"), false },
            { QStringLiteral("vlock-state"), QStringLiteral("FILE"),
              QStringLiteral("write a keydesk-vlock state file for this lock (must not exist)"), false },
        },
    };
    return spec;
}

} // namespace

int runLockAdd(const QStringList &arguments)
{
    const CommandSpec &spec = lockAddSpec();
    const ParsedOptions options = parseOptions(spec, arguments);
    if (options.help) {
        printOut(usageText(spec));
        return ExitOk;
    }
    if (!options.error.isEmpty())
        return usageError(spec, options.error);
    auto mac = Core::MacAddress::parse(options.value(QStringLiteral("mac")));
    if (!mac)
        return usageError(spec, mac.error().message);
    const QString serial = options.value(QStringLiteral("serial")).trimmed();
    if (serial.isEmpty())
        return usageError(spec, QStringLiteral("--serial must not be empty"));
    const QString vlockState = options.value(QStringLiteral("vlock-state"));
    if (options.has(QStringLiteral("vlock-state")) && vlockState.isEmpty())
        return usageError(spec, QStringLiteral("--vlock-state needs a file name"));
    if (!vlockState.isEmpty() && QFileInfo::exists(vlockState))
        return failure(spec,
                       QStringLiteral("%1 already exists; refusing to overwrite a lock's state.").arg(vlockState));

    const QString databasePath = options.value(QStringLiteral("database"));
    auto db = Database::open(databasePath, Database::OpenMode::OpenExisting);
    if (!db)
        return failure(spec, db.error().message);
    auto kek = KeyEncryptionKey::load(databasePath);
    if (!kek)
        return failure(spec, kek.error().message);
    auto company = CompanyRepository(*db.value()).defaultCompany();
    if (!company)
        return failure(spec, company.error().message);

    NewLock lock;
    lock.companyId = company.value().companyId;
    lock.facilityId = company.value().facilityId;
    lock.mac = mac.value();
    lock.serial = serial;
    lock.name = options.value(QStringLiteral("name"), mac.value().toString());
    lock.hwVersion = options.value(QStringLiteral("hw"));
    lock.fwVersion = options.value(QStringLiteral("fw"));
    lock.createdBy = QStringLiteral("keydesk-server lock add");

    // The row and the state file succeed together: if the state file cannot be written, the lock is not kept.
    WriteTransaction tx(*db.value());
    if (!tx.isActive())
        return failure(spec, tx.error().message);
    LockRepository locks(*db.value());
    auto added = locks.add(lock, kek.value(), QDateTime::currentMSecsSinceEpoch());
    if (!added)
        return failure(spec, added.error().message);
    if (!vlockState.isEmpty()) {
        auto vlock = Core::VirtualLock::create(vlockState, mac.value(), added.value().second, Core::Clock::system());
        if (!vlock)
            return failure(
                spec,
                QStringLiteral("cannot write the keydesk-vlock state %1: %2").arg(vlockState, vlock.error().message));
    }
    if (auto committed = tx.commit(); !committed) {
        if (!vlockState.isEmpty())
            QFile::remove(vlockState);
        return failure(spec, committed.error().message);
    }

    const LockRecord &record = added.value().first;
    QJsonObject out = lockToCoreJson(record, QStringLiteral("none"));
    out.insert(QStringLiteral("id"), record.id);
    out.insert(QStringLiteral("name"), record.name);
    out.insert(QStringLiteral("facility_id"), record.facilityId);
    if (!vlockState.isEmpty())
        out.insert(QStringLiteral("vlock_state"), QFileInfo(vlockState).absoluteFilePath());
    printJson(out);
    return ExitOk;
}

} // namespace Keydesk::Server::Cli
