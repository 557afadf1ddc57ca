#include "core/domain/Clock.h"
#include "core/lockproto/OfflineCredential.h"
#include "core/lockproto/VirtualLock.h"
#include "server/cli/Cli.h"
#include "server/cli/CliSupport.h"
#include "server/coreapi/LogUploadService.h"
#include "server/coreapi/OfflineKeyService.h"
#include "server/coreapi/OnlineCommandService.h"
#include "server/coreapi/QuickClickService.h"
#include "server/store/AccessRepository.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"
#include "server/store/LockRepository.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QTimeZone>

#include <memory>
#include <random>

namespace Keydesk::Server::Cli {

namespace {

const CommandSpec &demoSpec()
{
    static const CommandSpec spec {
        QStringLiteral("demo"),
        QStringLiteral("Fills a database with a realistic demo facility: units, tenants, contractors and a shared "
                       "user, scheduled keys in every state (active, upcoming, expired, one-time, revoked), quick "
                       "clicks, and a week of activity produced by running virtual locks through the server's own "
                       "command, offline-key and upload code. The virtual locks' state files are kept in "
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

const char *const kFirstNames[]
    = { "Ava", "Ben",  "Chloe", "Dan",  "Emma",  "Finn", "Grace", "Hugo", "Isla", "Jack", "Kate", "Leo",
        "Mia", "Noah", "Olive", "Paul", "Quinn", "Rosa", "Sam",   "Tara", "Uma",  "Vik",  "Wren", "Yusuf" };
const char *const kLastNames[] = { "Adler", "Brandt", "Costa", "Dietz", "Evans", "Fischer", "Garcia", "Hansen",
                                   "Ito",   "Jensen", "Klein", "Lopez", "Meyer", "Novak",   "Olsen",  "Petrov" };

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

/// The demo world: the server's services over one database, driven by a clock that walks through the week.
struct DemoWorld
{
    Database &db;
    Core::FakeClock &clock;
    QByteArray kek;
    QString companyId;
    std::mt19937 random { 20261125 };
    struct DemoLock
    {
        LockRecord record;
        std::unique_ptr<Core::VirtualLock> vlock;
    };
    std::vector<DemoLock> locks;
    int activity = 0;

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); }

    LockRecord fresh(const DemoLock &lock) const
    {
        return LockRepository(db).findById(lock.record.id).value_or(lock.record);
    }

    void upload(DemoLock &lock, const QStringList &responses)
    {
        if (responses.isEmpty())
            return;
        auto outcome
            = LogUploadService(db, clock, kek)
                  .upload(fresh(lock), lock.vlock->currentSession().toHex(), clock.now().toSecsSinceEpoch(), responses);
        if (outcome)
            activity += outcome.value().accepted;
    }

    /// A phone's online unlock through the same service /unlock/ uses.
    void onlineUnlock(DemoLock &lock, const QString &trackingKey)
    {
        auto session = lock.vlock->newSession();
        if (!session)
            return;
        auto command = OnlineCommandService(db, clock, kek)
                           .issue(fresh(lock), Core::CommandKind::Unlock, session.value().toHex(), trackingKey);
        if (!command)
            return;
        upload(lock, lock.vlock->applyCommand(command.value().commandsHex).responses);
    }

    /// /keys/ issue, then the phone opens offline; the logs reach the server with the next upload.
    QStringList offlineUnlock(DemoLock &lock, const QString &trackingKey)
    {
        auto credential = OfflineKeyService(db, clock, kek).issue(companyId, fresh(lock), trackingKey);
        if (!credential)
            return {};
        auto session = lock.vlock->newSession();
        if (!session)
            return {};
        auto proof
            = Core::makeOfflineProof(credential.value().offlineKey, credential.value().unlockCommand, session.value());
        if (!proof)
            return {};
        return lock.vlock->applyOfflineProof(proof.value()).responses;
    }
};

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
    const QString vlockDir = databasePath + QStringLiteral("-vlocks");
    if (QFileInfo::exists(vlockDir))
        return failure(
            spec,
            QStringLiteral("%1 already exists: this database already holds a demo. Use a new file.").arg(vlockDir));

    // The week of history ends now; the world clock starts seven days ago and walks forward.
    const QDateTime realNow = QDateTime::currentDateTimeUtc();
    Core::FakeClock clock(realNow.addDays(-8));
    QJsonObject out;
    const bool create = !QFileInfo::exists(databasePath);
    auto db = Database::open(databasePath, create ? Database::OpenMode::CreateNew : Database::OpenMode::OpenExisting);
    if (!db)
        return failure(spec, db.error().message);
    CompanyRepository companies(*db.value());
    if (create) {
        if (QFileInfo::exists(KeyEncryptionKey::filePathFor(databasePath)))
            return failure(spec,
                           QStringLiteral("%1 exists without its database; move it away first.")
                               .arg(KeyEncryptionKey::filePathFor(databasePath)));
        auto company = companies.create(QStringLiteral("Demo Self Storage"), zoneName, clock.now().toMSecsSinceEpoch());
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
    auto facility = companies.defaultCompany();
    if (!facility)
        return failure(spec, facility.error().message);
    if (!QDir().mkpath(vlockDir))
        return failure(spec, QStringLiteral("cannot create %1").arg(vlockDir));

    Database &store = *db.value();
    DemoWorld world { store, clock, kek.value(), facility.value().companyId, std::mt19937(20261125), {}, 0 };
    AccessRepository access(store);
    const QString facilityId = facility.value().facilityId;
    const Core::FacilityZone zone = access.zoneOfFacility(facilityId);

    // Units and locks: buildings A, B, C; one padlock per unit.
    WriteTransaction setup(store);
    if (!setup.isActive())
        return failure(spec, setup.error().message);
    LockRepository lockRepository(store);
    for (int i = 0; i < lockCount; ++i) {
        const QString unitName = QStringLiteral("%1-%2").arg(QChar(u'A' + (i % 3))).arg(101 + i / 3);
        const QString unitId = newId();
        if (auto r = store.exec(QStringLiteral("INSERT INTO units(id, facility_id, name) VALUES (?, ?, ?)"),
                                { unitId, facilityId, unitName });
            !r)
            return failure(spec, r.error().message);
        NewLock lock;
        lock.companyId = world.companyId;
        lock.facilityId = facilityId;
        QByteArray macBytes = QByteArray::fromHex("d0a5c3");
        macBytes.append(char((i >> 16) & 0xff)).append(char((i >> 8) & 0xff)).append(char(i & 0xff));
        lock.mac = Core::MacAddress::fromBytes(macBytes).valueOr(Core::MacAddress());
        lock.serial = QStringLiteral("DMO-%1").arg(1000 + i);
        lock.name = unitName;
        lock.hwVersion = i % 4 == 0 ? QStringLiteral("4hd") : QStringLiteral("3p");
        lock.fwVersion = i % 5 == 0 ? QStringLiteral("2.9") : QStringLiteral("2.10");
        lock.createdBy = QStringLiteral("Demo Admin");
        auto added = lockRepository.add(lock, world.kek, clock.now().toMSecsSinceEpoch());
        if (!added)
            return failure(spec, added.error().message);
        if (auto r = store.exec(QStringLiteral("UPDATE locks SET unit_id = ? WHERE id = ?"),
                                { unitId, added.value().first.id });
            !r)
            return failure(spec, r.error().message);
        auto vlock = Core::VirtualLock::create(QDir(vlockDir).filePath(lock.serial + QStringLiteral(".json")), lock.mac,
                                               added.value().second, clock);
        if (!vlock)
            return failure(spec, vlock.error().message);
        world.locks.push_back({ added.value().first, std::make_unique<Core::VirtualLock>(std::move(vlock).value()) });
    }

    // Users: mostly tenants (one unit each), some contractors, one shared user; a few in arrears or suspended.
    struct DemoUser
    {
        QString id;
        QString trackingKey;
        QString kind;
        int lockIndex = 0;
    };
    QList<DemoUser> users;
    int grants = 0;
    for (int i = 0; i < userCount; ++i) {
        const QString first = QLatin1String(kFirstNames[i % std::size(kFirstNames)]);
        const QString last = QLatin1String(kLastNames[(i / std::size(kFirstNames) + i) % std::size(kLastNames)]);
        NewUser user;
        user.facilityId = facilityId;
        user.name = first + QLatin1Char(' ') + last;
        user.kind = i % 10 == 7 ? QStringLiteral("contractor")
            : i == 3            ? QStringLiteral("shared")
                                : QStringLiteral("tenant");
        user.status = i % 13 == 5 ? QStringLiteral("delinquent")
            : i % 17 == 11        ? QStringLiteral("suspended")
                                  : QStringLiteral("active");
        user.trackingKey = QStringLiteral("%1.%2.%3@demo.example").arg(first.toLower(), last.toLower()).arg(i);
        user.email = user.trackingKey;
        user.phone = QStringLiteral("+49 30 555 %1").arg(1000 + i);
        auto id = access.insertUser(user, clock.now().toMSecsSinceEpoch());
        if (!id)
            return failure(spec, id.error().message);
        users.append({ id.value(), user.trackingKey, user.kind, i % lockCount });
    }
    const QDateTime start = clock.now();
    for (int i = 0; i < users.size(); ++i) {
        const DemoUser &user = users.at(i);
        NewGrant grant;
        grant.facilityId = facilityId;
        grant.lockId = world.locks.at(size_t(user.lockIndex)).record.id;
        grant.userId = user.id;
        grant.createdBy = QStringLiteral("Demo Admin");
        grant.validFrom = start.addDays(-30);
        if (user.kind == QLatin1String("contractor")) {
            // Contractors: weekday working hours; one upcoming, one expired, one one-time visit.
            grant.description = QStringLiteral("Maintenance visit");
            grant.restriction = Core::Restriction::Scheduled;
            grant.windows = { { Core::Weekdays::mondayToFriday(), QTime(7, 0), QTime(19, 0) } };
            const int variant = i % 4;
            if (variant == 1) {
                grant.validFrom = realNow.addDays(3);
                grant.validTo = realNow.addDays(10);
            } else if (variant == 2) {
                grant.validFrom = start.addDays(-20);
                grant.validTo = start.addDays(-5);
            } else if (variant == 3) {
                grant.restriction = Core::Restriction::OneTime;
                grant.windows.clear();
                grant.validTo = realNow.addDays(14);
            }
        } else {
            grant.description = QStringLiteral("Unit %1").arg(world.locks.at(size_t(user.lockIndex)).record.name);
        }
        auto key = access.insertGrant(grant, start.toMSecsSinceEpoch());
        if (!key)
            return failure(spec, key.error().message);
        ++grants;
        if (user.kind == QLatin1String("shared")) {
            // The shared user (e.g. the site's cleaning crew) also holds keys on a few more units.
            for (int extra = 1; extra <= 3 && extra < lockCount; ++extra) {
                grant.lockId = world.locks.at(size_t((user.lockIndex + extra) % lockCount)).record.id;
                grant.description = QStringLiteral("Shared access");
                if (access.insertGrant(grant, start.toMSecsSinceEpoch()))
                    ++grants;
            }
        }
        if (i % 11 == 9) {
            // A key revoked by the front desk.
            if (auto r = store.exec(QStringLiteral("UPDATE keys SET revoked_at = ?, revoked_by = 'Front Desk', "
                                                   "revoked_reason = 'Moved out' WHERE id = ?"),
                                    { start.addDays(-2).toMSecsSinceEpoch(), key.value() });
                !r)
                return failure(spec, r.error().message);
        }
    }
    if (auto r = setup.commit(); !r)
        return failure(spec, r.error().message);

    // A week of use, one local morning/afternoon at a time, through the server's own services.
    QuickClickService quickClicks(store, clock);
    for (size_t i = 0; i < world.locks.size() && i < 4; ++i) {
        const LockRecord lock = world.fresh(world.locks[i]);
        (void)quickClicks.issue(lock, QStringLiteral("1011%1").arg(int(i), 2, 2, QLatin1Char('0')), i % 2 ? 5 : 255);
    }
    // Installation day: the site manager opens every lock online once, which completes its setup and sets its clock.
    clock.set(zone.toUtc(zone.localDate(realNow).addDays(-8), QTime(10, 0)));
    for (DemoWorld::DemoLock &lock : world.locks) {
        clock.advance(120 + world.pick(240));
        world.onlineUnlock(lock, QStringLiteral("installer@demo.example"));
    }
    for (int day = 7; day >= 1; --day) {
        const QDate date = zone.localDate(realNow).addDays(-day);
        clock.set(zone.toUtc(date, QTime(8, 0)));
        for (int visit = 0; visit < lockCount; ++visit) {
            const DemoUser &user = users.at(world.pick(int(users.size())));
            const int lockIndex = user.lockIndex;
            DemoWorld::DemoLock &lock = world.locks[size_t(lockIndex)];
            clock.advance(60 + world.pick(900));
            if (world.pick(3) == 0) {
                const QStringList responses = world.offlineUnlock(lock, user.trackingKey);
                clock.advance(300 + world.pick(3600)); // the phone uploads when it is back online
                world.upload(lock, responses);
            } else {
                world.onlineUnlock(lock, user.trackingKey);
            }
            if (lockIndex < 4 && world.pick(3) == 0) {
                // Someone types the unit's quick click at the shackle; now and then a wrong one.
                const int code = world.pick(5) == 0 ? (lockIndex + 1) % 4 : lockIndex;
                const Core::LockOutcome click
                    = lock.vlock->quickClick(QStringLiteral("1011%1").arg(code, 2, 2, QLatin1Char('0')));
                world.upload(lock, click.responses);
            }
        }
    }
    clock.set(realNow);
    // The virtual lock does not model its battery; a few locks report a low one, as old padlocks do.
    for (size_t i = 0; i < world.locks.size(); ++i) {
        const int mv = i % 5 == 2 ? 3350 - int(i) * 7 : 3900 - int(i % 7) * 20;
        (void)store.exec(QStringLiteral("UPDATE locks SET internal_battery_mv = ? WHERE id = ?"),
                         { mv, world.locks[i].record.id });
    }

    out.insert(QStringLiteral("facility_id"), facilityId);
    out.insert(QStringLiteral("locks"), lockCount);
    out.insert(QStringLiteral("users"), int(users.size()));
    out.insert(QStringLiteral("keys"), grants);
    out.insert(QStringLiteral("activity"), world.activity);
    out.insert(QStringLiteral("vlock_dir"), QFileInfo(vlockDir).absoluteFilePath());
    printJson(out);
    return ExitOk;
}

} // namespace Keydesk::Server::Cli
