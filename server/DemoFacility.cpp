#include "server/DemoFacility.h"

#include "core/domain/Clock.h"
#include "core/lockproto/OfflineCredential.h"
#include "core/lockproto/VirtualLock.h"
#include "server/coreapi/LogUploadService.h"
#include "server/coreapi/OfflineKeyService.h"
#include "server/coreapi/OnlineCommandService.h"
#include "server/coreapi/QuickClickService.h"
#include "server/store/AccessRepository.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/LockRepository.h"

#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

#include <memory>
#include <random>
#include <vector>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

const char *const kFirstNames[]
    = { "Ava", "Ben",  "Chloe", "Dan",  "Emma",  "Finn", "Grace", "Hugo", "Isla", "Jack", "Kate", "Leo",
        "Mia", "Noah", "Olive", "Paul", "Quinn", "Rosa", "Sam",   "Tara", "Uma",  "Vik",  "Wren", "Yusuf" };
const char *const kLastNames[] = { "Adler", "Brandt", "Costa", "Dietz", "Evans", "Fischer", "Garcia", "Hansen",
                                   "Ito",   "Jensen", "Klein", "Lopez", "Meyer", "Novak",   "Olsen",  "Petrov" };

Error invalid(const QString &message, const QString &field)
{
    return Error::make(QStringLiteral("invalid_argument"), message, field);
}

Result<void> checkRange(int value, int min, int max, const QString &name)
{
    if (value < min || value > max)
        return invalid(
            QStringLiteral("The demo's %1 must be from %2 to %3 (got %4).").arg(name).arg(min).arg(max).arg(value),
            name);
    return {};
}

/// The quick-click code of the i-th of the first four locks: 1011 followed by i in two binary digits.
QString quickClickCode(int i)
{
    return QStringLiteral("1011%1").arg(i, 2, 2, QLatin1Char('0'));
}

/// The demo world: the server's services over one database, driven by a clock that walks through the month.
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
    int offlineKeys = 0;

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

    /// A phone's online unlock through the same service /unlock/ uses. A refused access check (delinquent
    /// tenant, outside the window, revoked key) simply yields no command, as the phone would see.
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

    /// /keys/ issue: the phone downloads the day's offline key (access check included).
    std::optional<OfflineKeyRow> downloadOfflineKey(DemoLock &lock, const QString &trackingKey)
    {
        auto credential = OfflineKeyService(db, clock, kek).issue(companyId, fresh(lock), trackingKey);
        if (!credential)
            return std::nullopt;
        ++offlineKeys;
        return credential.value();
    }

    /// The phone opens offline with the day's key; the logs reach the server with its next upload.
    QStringList offlineUnlock(DemoLock &lock, const QString &trackingKey)
    {
        const auto credential = downloadOfflineKey(lock, trackingKey);
        if (!credential)
            return {};
        auto session = lock.vlock->newSession();
        if (!session)
            return {};
        auto proof = Core::makeOfflineProof(credential->offlineKey, credential->unlockCommand, session.value());
        if (!proof)
            return {};
        return lock.vlock->applyOfflineProof(proof.value()).responses;
    }

    /// Someone types a quick click at the shackle; the phone that next passes by uploads the log.
    void quickClick(DemoLock &lock, const QString &code) { upload(lock, lock.vlock->quickClick(code).responses); }
};

struct DemoUser
{
    QString id;
    QString trackingKey;
    QString kind;
    int lockIndex = 0;
};

/// Everything fillDemo() writes, in one transaction: an error rolls the database back.
Result<DemoSummary> build(Database &db, const QByteArray &kek, const DemoOptions &options, qint64 nowMs,
                          const CompanyFacility &facilityRecord)
{
    // The history ends now; the world clock starts on installation day, a day before the first day of use.
    const QDateTime realNow = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc());
    Core::FakeClock clock(realNow.addDays(-(options.days + 1)));
    DemoWorld world { db, clock, kek, facilityRecord.companyId, std::mt19937(20261125), {}, 0, 0 };
    AccessRepository access(db);
    const QString facilityId = facilityRecord.facilityId;
    const Core::FacilityZone zone = access.zoneOfFacility(facilityId);
    const QDate today = zone.localDate(realNow);
    const QDate installDay = today.addDays(-(options.days + 1));

    // One transaction for the whole demo (each service's own becomes a savepoint inside it): one commit instead
    // of one per unlock keeps generation fast, and a failure leaves no half-written month.
    // Units and locks: buildings A, B, C; one padlock per unit.
    WriteTransaction setup(db);
    if (!setup.isActive())
        return setup.error();
    LockRepository lockRepository(db);
    const qint64 setupMs = clock.now().toMSecsSinceEpoch();
    for (int i = 0; i < options.locks; ++i) {
        const QString unitName = QStringLiteral("%1-%2").arg(QChar(u'A' + (i % 3))).arg(101 + i / 3);
        const QString unitId = newId();
        if (auto r = db.exec(QStringLiteral("INSERT INTO units(id, facility_id, name) VALUES (?, ?, ?)"),
                             { unitId, facilityId, unitName });
            !r)
            return r.error();
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
        auto added = lockRepository.add(lock, kek, setupMs);
        if (!added)
            return added.error();
        if (auto r
            = db.exec(QStringLiteral("UPDATE locks SET unit_id = ? WHERE id = ?"), { unitId, added.value().first.id });
            !r)
            return r.error();
        auto vlock = Core::VirtualLock::create(QDir(options.vlockDir).filePath(lock.serial + QStringLiteral(".json")),
                                               lock.mac, added.value().second, clock);
        if (!vlock)
            return vlock.error();
        world.locks.push_back({ added.value().first, std::make_unique<Core::VirtualLock>(std::move(vlock).value()) });
    }

    // Users: mostly tenants (one unit each), some contractors, one shared user; a few in arrears or suspended.
    QList<DemoUser> users;
    for (int i = 0; i < options.users; ++i) {
        const QString first = QLatin1String(kFirstNames[i % std::size(kFirstNames)]);
        const QString last = QLatin1String(kLastNames[(i / std::size(kFirstNames) + i) % std::size(kLastNames)]);
        NewUser user;
        user.facilityId = facilityId;
        user.name = first + QLatin1Char(' ') + last;
        user.kind = i % 10 == 7 || i == 2 ? QStringLiteral("contractor")
            : i == 3                      ? QStringLiteral("shared")
                                          : QStringLiteral("tenant");
        user.status = i % 13 == 5 ? QStringLiteral("delinquent")
            : i % 17 == 11        ? QStringLiteral("suspended")
                                  : QStringLiteral("active");
        user.trackingKey = QStringLiteral("%1.%2.%3@demo.example").arg(first.toLower(), last.toLower()).arg(i);
        user.email = user.trackingKey;
        user.phone = QStringLiteral("+49 30 555 %1").arg(1000 + i);
        auto id = access.insertUser(user, setupMs);
        if (!id)
            return id.error();
        users.append({ id.value(), user.trackingKey, user.kind, i % options.locks });
    }

    // Digital keys. Tenants: their unit, open-ended. Contractor 2 (always present) holds the showcase keys of
    // every state; further contractors rotate through the same variants.
    const QList<Core::AccessWindow> workingHours { { Core::Weekdays::mondayToFriday(), QTime(7, 0), QTime(19, 0) } };
    // Weekend night shift, Friday and Saturday 22:00 to 02:00 the next morning: crosses midnight.
    const QList<Core::AccessWindow> withNightShift {
        workingHours.first(), { Core::Weekdays::fromList({ Qt::Friday, Qt::Saturday }), QTime(22, 0), QTime(2, 0) }
    };
    int keyCount = 0;
    QStringList revokedKeyIds; // revoked by the front desk part-way through the month
    auto addGrant = [&](const NewGrant &grant) -> Result<QString> {
        auto key = access.insertGrant(grant, setupMs);
        if (key)
            ++keyCount;
        return key;
    };
    for (int i = 0; i < users.size(); ++i) {
        const DemoUser &user = users.at(i);
        NewGrant grant;
        grant.facilityId = facilityId;
        grant.lockId = world.locks.at(size_t(user.lockIndex)).record.id;
        grant.userId = user.id;
        grant.createdBy = QStringLiteral("Demo Admin");
        grant.validFrom = realNow.addDays(-(options.days + 60));
        if (user.kind == QLatin1String("contractor")) {
            grant.description = QStringLiteral("Maintenance contract");
            grant.restriction = Core::Restriction::Scheduled;
            grant.windows = withNightShift;
            const int variant = i == 2 ? -1 : (i / 10) % 4;
            QList<NewGrant> grants;
            if (variant == -1 || variant == 0)
                grants.append(grant); // ACTIVE, scheduled with the night shift
            if (variant == -1 || variant == 1) {
                NewGrant upcoming = grant; // UPCOMING: next week's job
                upcoming.description = QStringLiteral("Roof repair");
                upcoming.windows = workingHours;
                upcoming.validFrom = realNow.addDays(3);
                upcoming.validTo = realNow.addDays(10);
                grants.append(upcoming);
            }
            if (variant == -1 || variant == 2) {
                NewGrant expired = grant; // EXPIRED: a job that ended last week, used while it ran
                expired.description = QStringLiteral("Fire alarm inspection");
                expired.windows = workingHours;
                expired.validFrom = realNow.addDays(-options.days + 2);
                expired.validTo = realNow.addDays(-6);
                grants.append(expired);
            }
            if (variant == -1 || variant == 3) {
                NewGrant oneTime = grant; // one-time visit, used three days ago (EXPIRED once used)
                oneTime.description = QStringLiteral("Meter reading");
                oneTime.restriction = Core::Restriction::OneTime;
                oneTime.windows.clear();
                oneTime.validFrom = realNow.addDays(-5);
                oneTime.validTo = realNow.addDays(14);
                grants.append(oneTime);
            }
            if (variant == -1) {
                NewGrant cancelled = grant; // REVOKED part-way through the month
                cancelled.description = QStringLiteral("Cleaning contract");
                cancelled.windows = workingHours;
                grants.append(cancelled);
            }
            for (int g = 0; g < grants.size(); ++g) {
                // The showcase contractor's keys sit on neighbouring units so they show on several locks.
                if (variant == -1)
                    grants[g].lockId = world.locks.at(size_t((user.lockIndex + g) % options.locks)).record.id;
                auto key = addGrant(grants.at(g));
                if (!key)
                    return key.error();
                if (variant == -1 && g == 4)
                    revokedKeyIds.prepend(key.value());
            }
            continue;
        }
        grant.description = QStringLiteral("Unit %1").arg(world.locks.at(size_t(user.lockIndex)).record.name);
        auto key = addGrant(grant);
        if (!key)
            return key.error();
        if (user.kind == QLatin1String("shared")) {
            // The shared user (e.g. the site's cleaning crew) also holds keys on a few more units.
            for (int extra = 1; extra <= 3 && extra < options.locks; ++extra) {
                grant.lockId = world.locks.at(size_t((user.lockIndex + extra) % options.locks)).record.id;
                grant.description = QStringLiteral("Shared access");
                if (auto shared = addGrant(grant); !shared)
                    return shared.error();
            }
        }
        if (i % 11 == 9)
            revokedKeyIds.append(key.value());
    }
    QuickClickService quickClicks(db, clock);
    for (size_t i = 0; i < world.locks.size() && i < 4; ++i) {
        if (auto qc = quickClicks.issue(world.fresh(world.locks[i]), quickClickCode(int(i)), i == 3 ? 20 : 255); !qc)
            return qc.error();
    }
    // Installation day: the site manager opens every lock online once, which completes its setup, sets its
    // clock and delivers the quick clicks.
    clock.set(zone.toUtc(installDay, QTime(10, 0)));
    for (DemoWorld::DemoLock &lock : world.locks) {
        clock.advance(120 + world.pick(240));
        world.onlineUnlock(lock, QStringLiteral("installer@demo.example"));
    }

    // The month of use, one local day (08:00-20:00) at a time. Each visit has an equal share of the day, so
    // the clock never runs into the next day whatever the facility's size.
    const int visitsPerDay = std::max(6, std::min(options.locks, 60));
    const int budget = 12 * 3600 / visitsPerDay;
    const int revokeDay = options.days / 2;
    const DemoUser &contractor = users.at(2);
    auto showcaseLock = [&](int g) -> DemoWorld::DemoLock & {
        return world.locks[size_t((contractor.lockIndex + g) % options.locks)];
    };
    for (int day = options.days; day >= 1; --day) {
        const QDate date = today.addDays(-day);
        // Scripted moments (the showcase contractor, user 2; tenant 1) so every state has its history whatever
        // the random picks were. The clock only moves forward within the day.
        clock.set(zone.toUtc(date, QTime(7, 30)));
        if (day == revokeDay) {
            for (const QString &keyId : std::as_const(revokedKeyIds)) {
                if (auto r = db.exec(QStringLiteral("UPDATE keys SET revoked_at = ?, revoked_by = 'Front Desk', "
                                                    "revoked_reason = ? WHERE id = ?"),
                                     { clock.now().toMSecsSinceEpoch(),
                                       keyId == revokedKeyIds.first() ? QStringLiteral("Contract cancelled")
                                                                      : QStringLiteral("Moved out"),
                                       keyId });
                    !r)
                    return r.error();
            }
        }
        if (date.dayOfWeek() <= 5 && day >= 7 && day <= options.days - 3) // the inspection, Mon-Fri 07-19
            world.onlineUnlock(showcaseLock(2), contractor.trackingKey);
        clock.set(zone.toUtc(date, QTime(8, 0)));
        for (int visit = 0; visit < visitsPerDay; ++visit) {
            const DemoUser &user = users.at(world.pick(int(users.size())));
            DemoWorld::DemoLock &lock = world.locks[size_t(user.lockIndex)];
            clock.advance(budget / 4 + world.pick(budget / 4));
            if (world.pick(3) == 0) {
                const QStringList responses = world.offlineUnlock(lock, user.trackingKey);
                clock.advance(1 + world.pick(budget / 4)); // the phone uploads when it is back online
                world.upload(lock, responses);
            } else {
                world.onlineUnlock(lock, user.trackingKey);
            }
            if (user.lockIndex < 4 && world.pick(3) == 0) {
                // The unit's quick click at the shackle; now and then a wrong one (a failed unlock).
                const int code = world.pick(5) == 0 ? (user.lockIndex + 1) % 4 : user.lockIndex;
                world.quickClick(lock, quickClickCode(code));
            }
        }
        if (day == 3) {
            clock.set(zone.toUtc(date, QTime(20, 30)));
            // The one-time meter reading, opened offline in the basement: the upload marks the key used.
            const QStringList reading = world.offlineUnlock(showcaseLock(3), contractor.trackingKey);
            clock.advance(120);
            world.upload(showcaseLock(3), reading);
            clock.advance(600);
            // A tenant opens offline; that key expires tonight, like every offline key of an earlier day.
            DemoWorld::DemoLock &tenantLock = world.locks[size_t(users.at(1).lockIndex)];
            const QStringList responses = world.offlineUnlock(tenantLock, users.at(1).trackingKey);
            clock.advance(300);
            world.upload(tenantLock, responses);
            clock.advance(60);
            world.quickClick(world.locks[0], quickClickCode(3)); // not lock 0's code: a failed unlock
        }
        if (date.dayOfWeek() == 5) {
            // The Friday night shift, inside the window that crosses midnight.
            clock.set(zone.toUtc(date, QTime(23, 15)));
            world.onlineUnlock(showcaseLock(0), contractor.trackingKey);
        }
    }

    // Today: a few tenants opened the app this morning and downloaded today's offline keys; they are valid
    // until the end of the facility day, so the Users view shows a date-time for them and `Expired` for others.
    clock.set(std::max(zone.startOfDay(today), realNow.addSecs(-1800)));
    for (int i = 0; i < users.size(); i += 3) {
        const DemoUser &user = users.at(i);
        if (user.kind == QLatin1String("tenant"))
            (void)world.downloadOfflineKey(world.locks[size_t(user.lockIndex)], user.trackingKey);
        clock.advance(5);
    }
    clock.set(realNow);

    // The virtual lock does not model its battery; a few locks report a low one, as old padlocks do. A coin
    // cell reads about 3.0 V full and the lock may stop opening at 2.85 V: the first low lock is below that.
    for (size_t i = 0; i < world.locks.size(); ++i) {
        const int mv = i % 5 == 2 ? (i % 10 == 2 ? 2840 : 2910) : 3050 - int(i % 7) * 10;
        if (auto r = db.exec(QStringLiteral("UPDATE locks SET internal_battery_mv = ? WHERE id = ?"),
                             { mv, world.locks[i].record.id });
            !r)
            return r.error();
    }

    if (auto r = setup.commit(); !r)
        return r.error();

    DemoSummary summary;
    summary.facilityId = facilityId;
    summary.locks = options.locks;
    summary.users = int(users.size());
    summary.keys = keyCount;
    summary.activity = world.activity;
    summary.offlineKeys = world.offlineKeys;
    return summary;
}

} // namespace

Result<DemoSummary> fillDemo(Database &db, const QByteArray &kek, const DemoOptions &options, qint64 nowMs)
{
    if (auto r = checkRange(options.locks, 1, 500, QStringLiteral("locks")); !r)
        return r.error();
    if (auto r = checkRange(options.users, 3, 5000, QStringLiteral("users")); !r)
        return r.error();
    if (auto r = checkRange(options.days, 14, 90, QStringLiteral("days")); !r)
        return r.error();
    if (options.vlockDir.isEmpty())
        return invalid(QStringLiteral("No folder for the virtual locks' state files given."),
                       QStringLiteral("vlock_dir"));
    if (QFileInfo::exists(options.vlockDir))
        return Error::make(QStringLiteral("already_exists"),
                           QStringLiteral("%1 already exists: this database already holds a demo. Use a new file.")
                               .arg(options.vlockDir),
                           QStringLiteral("vlock_dir"));
    auto facility = CompanyRepository(db).defaultCompany();
    if (!facility)
        return facility.error();
    auto existing = db.exec(QStringLiteral("SELECT COUNT(*) FROM locks"), {});
    if (!existing)
        return existing.error();
    if (existing.value().next() && existing.value().value(0).toInt() > 0)
        return Error::make(QStringLiteral("already_exists"),
                           QStringLiteral("The database already holds locks; the demo fills only a new database."),
                           QStringLiteral("database"));
    if (!QDir().mkpath(options.vlockDir))
        return Error::make(QStringLiteral("io_error"), QStringLiteral("Cannot create %1.").arg(options.vlockDir),
                           QStringLiteral("vlock_dir"));

    auto built = build(db, kek, options, nowMs, facility.value());
    if (!built)
        QDir(options.vlockDir).removeRecursively(); // the database rolled back; its virtual locks go too
    return built;
}

} // namespace Keydesk::Server
