#include "server/store/FacilityGenerator.h"

#include "core/domain/DigitalKey.h"
#include "core/lockproto/LockSecret.h"
#include "server/store/AccessRepository.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/GeneratedNames.h"
#include "server/store/SqliteStatement.h"
#include "server/v1/KeyService.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <array>
#include <optional>
#include <sqlite3.h>
#include <vector>

Q_LOGGING_CATEGORY(lcGenerator, "keydesk.server.generator")

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
/// Rows per write transaction. Random uuids put every batch's index entries all over the primary-key, lock and user
/// indexes, so each commit writes (and the checkpoint copies) nearly every index page again: with 50,000-row
/// batches the 1M-key facility wrote ~4 GB for a 600 MB file and spent half its time in the kernel copying pages.
/// A million rows per transaction writes each page about once; the write-ahead log grows to the size of what one
/// transaction changed (~600 MB at full size) and is checkpointed after the commit.
constexpr int kRowsPerTransaction = 1000000;
constexpr int kMaxLocks = 1000000;
constexpr int kMaxUsers = 5000000;
constexpr int kMaxKeys = 20000000;

using namespace GeneratedNames;

const char *const kRevokeReasons[]
    = { "Tenant moved out", "Contract ended", "Lost phone", "Unpaid rent", "Requested by tenant" };
const char *const kStaff[] = { "owner", "manager.kim", "frontdesk.lee", "admin.ortiz" };

/// splitmix64: a tiny, fast, seedable generator. Every value the generator makes comes from it, so a seed
/// reproduces the same facility.
class Random final
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n).
    qint64 below(qint64 n) { return qint64(next() % quint64(n)); }
    /// Uniform in [from, to].
    qint64 between(qint64 from, qint64 to) { return from + below(to - from + 1); }
    bool percent(int p) { return below(100) < p; }

private:
    quint64 m_state;
};

/// A random (version 4) uuid in the store's id format: lower-case, no braces.
QByteArray uuid(Random &random)
{
    quint64 hi = random.next();
    quint64 lo = random.next();
    hi = (hi & ~0xf000ULL) | 0x4000ULL; // version 4
    lo = (lo & ~(3ULL << 62)) | (2ULL << 62); // RFC 4122 variant
    static constexpr char hex[] = "0123456789abcdef";
    QByteArray out(36, Qt::Uninitialized);
    char *p = out.data();
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            *p++ = '-';
        const quint64 word = i < 16 ? hi : lo;
        *p++ = hex[(word >> (60 - 4 * (i % 16))) & 0xf];
    }
    return out;
}

/// A lock secret that costs a few nanoseconds: 32 bytes from the seeded generator. Generated facilities are
/// benchmark fixtures; their secrets are predictable from the seed (and are sealed like any other).
QByteArray cheapSecret(Random &random)
{
    QByteArray bytes(32, Qt::Uninitialized);
    for (int i = 0; i < 32; i += 8) {
        const quint64 v = random.next();
        for (int b = 0; b < 8; ++b)
            bytes[i + b] = char(v >> (8 * b));
    }
    return bytes;
}

/// "A", "B", ... "Z", "AA", "AB", ...: the building of the n-th thousand units.
QByteArray buildingName(int n)
{
    QByteArray name;
    for (++n; n > 0; n = (n - 1) / 26)
        name.prepend(char('A' + (n - 1) % 26));
    return name;
}

/// A weekly schedule as the /v1 API stores it (keys.windows_json) and as it reads to the domain.
struct Schedule
{
    QList<Core::AccessWindow> windows;
    QByteArray json;
};

QList<Schedule> schedules()
{
    using Core::AccessWindow;
    using Core::Weekdays;
    const QList<QList<AccessWindow>> templates {
        { { Weekdays::mondayToFriday(), QTime(7, 0), QTime(19, 0) } },
        { { Weekdays::fromList({ Qt::Saturday, Qt::Sunday }), QTime(9, 0), QTime(17, 0) } },
        // Working hours plus a weekend night shift that crosses midnight (Fri/Sat 22:00 to 02:00 next day).
        { { Weekdays::mondayToFriday(), QTime(7, 0), QTime(19, 0) },
          { Weekdays::fromList({ Qt::Friday, Qt::Saturday }), QTime(22, 0), QTime(2, 0) } },
        { { Weekdays::everyDay(), QTime(6, 0), QTime(22, 0) } },
        { { Weekdays::fromList({ Qt::Monday, Qt::Wednesday, Qt::Friday }), QTime(18, 0), QTime(23, 30) } },
        // Sunday night into Monday morning.
        { { Weekdays::fromList({ Qt::Sunday }), QTime(23, 0), QTime(1, 0) } },
    };
    QList<Schedule> out;
    for (const QList<AccessWindow> &windows : templates)
        out.append({ windows, QJsonDocument(V1::windowsToJson(windows)).toJson(QJsonDocument::Compact) });
    return out;
}

Error invalid(const QString &message, const QString &field)
{
    return Error::make(QStringLiteral("invalid_argument"), message, field);
}

/// The generator's state: prepared statements reused for every row, and write transactions of
/// kRowsPerTransaction rows.
class Generator final
{
public:
    Generator(Database &db, sqlite3 *handle, Random &random)
        : m_db(db)
        , m_handle(handle)
        , m_random(random)
    { }

    Result<void> begin()
    {
        m_tx.emplace(m_db);
        if (!m_tx->isActive())
            return m_tx->error();
        return {};
    }
    /// Counts a written row; commits and begins a new transaction every kRowsPerTransaction rows.
    Result<void> wrote()
    {
        ++m_rows;
        if (++m_inTransaction < kRowsPerTransaction)
            return {};
        if (auto r = commit(); !r)
            return r.error();
        return begin();
    }
    Result<void> commit()
    {
        m_inTransaction = 0;
        auto r = m_tx->commit();
        m_tx.reset();
        return r;
    }

    Database &m_db;
    sqlite3 *m_handle;
    Random &m_random;
    std::optional<WriteTransaction> m_tx;
    qint64 m_rows = 0;
    int m_inTransaction = 0;
};

struct LockRow
{
    QByteArray id;
    QByteArray unitName;
};

struct UserRow
{
    QByteArray id;
    char kind; ///< 't'enant, 'c'ontractor, 's'hared
};

Result<std::vector<LockRow>> generateLocks(Generator &g, const CompanyFacility &site, const QByteArray &kek, int count,
                                           quint32 seed, qint64 nowMs)
{
    SqliteStatement unit(g.m_handle, "INSERT INTO units(id, facility_id, name) VALUES (?, ?, ?)");
    SqliteStatement lock(g.m_handle,
                         "INSERT INTO locks(id, company_id, facility_id, unit_id, name, mac, serial, hw_version, "
                         "fw_version, sealed_secret, status, setup_count, internal_battery_mv, external_battery_mv, "
                         "created_by, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                         "?, ?)");
    for (const SqliteStatement *s : { &unit, &lock }) {
        if (!s->isValid())
            return s->error();
    }
    const QByteArray facility = site.facilityId.toUtf8();
    const QByteArray company = site.companyId.toUtf8();
    Random &rnd = g.m_random;
    std::vector<LockRow> locks;
    locks.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const QByteArray unitId = uuid(rnd);
        const QByteArray name = buildingName(i / 1000) + '-' + QByteArray::number(101 + i % 1000);
        unit.bindText(1, unitId);
        unit.bindText(2, facility);
        unit.bindText(3, name);
        if (!unit.execute())
            return unit.error();
        if (auto r = g.wrote(); !r)
            return r.error();

        // Locally administered MACs (0x02 bit), one block per seed: D2:<seed>:<index, 32 bits>.
        const char macRaw[6] = { char(0xd2), char(seed & 0xff), char(i >> 24), char(i >> 16), char(i >> 8), char(i) };
        const QByteArray macBytes(macRaw, 6);
        const Core::MacAddress mac = Core::MacAddress::fromBytes(macBytes).valueOr(Core::MacAddress());
        auto secret = Core::LockSecret::fromBytes(cheapSecret(rnd));
        if (!secret)
            return secret.error();
        auto sealed = Core::sealSecret(kek, *secret, macBytes);
        if (!sealed)
            return sealed.error();
        const QByteArray id = uuid(rnd);
        const bool ready = !rnd.percent(4); // a few locks still wait for their first online command
        const int battery = rnd.percent(3) ? int(rnd.between(2800, 2949)) : int(rnd.between(2950, 3150));
        const int hw = int(rnd.below(10));
        lock.bindText(1, id);
        lock.bindText(2, company);
        lock.bindText(3, facility);
        lock.bindText(4, unitId);
        lock.bindText(5, name);
        lock.bindText(6, mac.toString().toLatin1());
        lock.bindText(7, QByteArrayLiteral("KD-") + QByteArray::number(seed) + '-' + QByteArray::number(100000 + i));
        lock.bindText(8, hw < 5 ? QByteArrayView("3p") : hw < 9 ? QByteArrayView("4hd") : QByteArrayView("4hd-keypad"));
        lock.bindText(9, rnd.percent(90) ? QByteArrayView("2.10") : QByteArrayView("2.9"));
        lock.bindBlob(10, *sealed);
        lock.bindText(11, ready ? QByteArrayView("ready") : QByteArrayView("awaiting_setup"));
        lock.bindInt(12, ready ? rnd.between(1, 3) : 0);
        lock.bindInt(13, ready ? battery : 0);
        lock.bindInt(14, 0);
        lock.bindText(15, QByteArrayView(kStaff[rnd.below(std::size(kStaff))]));
        lock.bindInt(16, nowMs - rnd.between(30, 700) * kDayMs);
        if (ready)
            lock.bindInt(17, nowMs - rnd.between(0, 7 * kDayMs));
        else
            lock.bindNull(17);
        if (!lock.execute())
            return lock.error();
        if (auto r = g.wrote(); !r)
            return r.error();
        locks.push_back({ id, name });
    }
    return locks;
}

Result<std::vector<UserRow>> generateUsers(Generator &g, const CompanyFacility &site, int count, quint32 seed,
                                           qint64 nowMs)
{
    SqliteStatement user(g.m_handle,
                         "INSERT INTO users(id, facility_id, name, email, phone, kind, status, tracking_key, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!user.isValid())
        return user.error();
    const QByteArray facility = site.facilityId.toUtf8();
    Random &rnd = g.m_random;
    std::vector<UserRow> users;
    users.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const auto first = size_t(rnd.below(std::size(kFirstNames)));
        const auto last = size_t(rnd.below(std::size(kLastNames)));
        const int k = i % 20;
        const char kind = k < 17 ? 't' : k < 19 ? 'c' : 's';
        const QByteArray lastName(kLastNames[last]);
        const QByteArray email = QByteArray(kEmailFirstNames[first]) + '.' + lastName.toLower() + '.'
            + QByteArray::number(i) + '@' + QByteArray::number(seed) + QByteArrayLiteral(".example.com");
        // Every 25th user has only a phone: their tracking key is a tk_ token as /v1 makes one, here derived
        // from the index (a bijection, so tracking keys stay unique) instead of drawn at random.
        const bool phoneOnly = i % 25 == 24;
        const int r = int(rnd.below(100));
        const QByteArray id = uuid(rnd);
        user.bindText(1, id);
        user.bindText(2, facility);
        user.bindText(3, QByteArray(kFirstNames[first]) + ' ' + lastName);
        user.bindText(4, phoneOnly ? QByteArray() : email);
        user.bindText(5, QByteArrayLiteral("+1 555 ") + QByteArray::number(1000000 + i % 9000000));
        user.bindText(6,
                      kind == 't'       ? QByteArrayView("tenant")
                          : kind == 'c' ? QByteArrayView("contractor")
                                        : QByteArrayView("shared"));
        user.bindText(7,
                      r < 93       ? QByteArrayView("active")
                          : r < 98 ? QByteArrayView("delinquent")
                                   : QByteArrayView("suspended"));
        if (phoneOnly) {
            const quint64 mixed = (quint64(i) * 0x9e3779b97f4a7c15ULL) ^ (quint64(seed) << 40);
            QByteArray raw(8, Qt::Uninitialized);
            for (int b = 0; b < 8; ++b)
                raw[b] = char(mixed >> (8 * b));
            user.bindText(8,
                          QByteArrayLiteral("tk_")
                              + raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        } else {
            user.bindText(8, email);
        }
        user.bindInt(9, nowMs - rnd.between(1, 700) * kDayMs);
        if (!user.execute())
            return user.error();
        if (auto w = g.wrote(); !w)
            return w.error();
        users.push_back({ id, kind });
    }
    return users;
}

/// One generated key: validity and restriction chosen to cover every status and restriction.
struct KeyPlan
{
    Core::DigitalKey key;
    int schedule = -1;
    qint64 createdAt = 0;
};

KeyPlan planKey(Random &rnd, const QList<Schedule> &schedules, qint64 nowMs)
{
    KeyPlan plan;
    Core::DigitalKey &key = plan.key;
    auto at = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); };
    // Validity instants on whole minutes, as the desktop's editor sets them.
    auto minute = [](qint64 ms) { return ms - ms % 60000; };
    qint64 from = 0;
    qint64 to = -1; // open end
    const int variant = int(rnd.below(100));
    if (variant < 45) { // ACTIVE, 24/7
        from = nowMs - rnd.between(kDayMs, 400 * kDayMs);
        if (rnd.percent(40))
            to = nowMs + rnd.between(kDayMs, 365 * kDayMs);
    } else if (variant < 55) { // UPCOMING
        from = nowMs + rnd.between(3600000, 60 * kDayMs);
        if (rnd.percent(70))
            to = from + rnd.between(kDayMs, 180 * kDayMs);
    } else if (variant < 65) { // EXPIRED
        from = nowMs - rnd.between(100 * kDayMs, 400 * kDayMs);
        to = nowMs - rnd.between(kDayMs, 99 * kDayMs);
    } else if (variant < 76) { // one-time: unused (ACTIVE or UPCOMING) or used (EXPIRED)
        key.restriction = Core::Restriction::OneTime;
        from = nowMs - rnd.between(-10 * kDayMs, 20 * kDayMs);
        to = std::max(from, nowMs) + rnd.between(kDayMs, 30 * kDayMs);
        if (variant >= 72 && from < nowMs)
            key.usedAt = at(minute(from + rnd.below(nowMs - from)));
    } else { // scheduled, mostly active, some upcoming or expired
        key.restriction = Core::Restriction::Scheduled;
        plan.schedule = int(rnd.below(schedules.size()));
        key.windows = schedules.at(plan.schedule).windows;
        from = nowMs - rnd.between(-30 * kDayMs, 300 * kDayMs);
        if (rnd.percent(60))
            to = from + rnd.between(7 * kDayMs, 400 * kDayMs);
    }
    from = minute(from);
    key.validFrom = at(from);
    if (to >= 0)
        key.validTo = at(std::max(minute(to), from + 60000));
    key.role = rnd.percent(2) ? Core::KeyRole::Admin : Core::KeyRole::User;
    plan.createdAt = std::min(from, nowMs) - rnd.between(0, 5 * kDayMs);
    if (rnd.percent(7)) { // REVOKED by the front desk, at some point after it was made
        const qint64 revoked = plan.createdAt + rnd.below(std::max<qint64>(1, nowMs - plan.createdAt));
        key.revokedAt = at(revoked);
        key.revokedBy = QString::fromLatin1(kStaff[2]);
        key.revokedReason = QString::fromLatin1(kRevokeReasons[rnd.below(std::size(kRevokeReasons))]);
    }
    return plan;
}

Result<void> generateKeys(Generator &g, const CompanyFacility &site, const std::vector<LockRow> &locks,
                          const std::vector<UserRow> &users, int count, qint64 nowMs)
{
    SqliteStatement insert(g.m_handle,
                           "INSERT INTO keys(id, facility_id, description, lock_id, user_id, role, valid_from, "
                           "valid_to, restriction, windows_json, used_at, created_by, created_at, revoked_at, "
                           "revoked_by, revoked_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert.isValid())
        return insert.error();
    const QList<Schedule> scheduleList = schedules();
    for (const Schedule &s : scheduleList) {
        if (auto valid = Core::validateWindows(s.windows); !valid)
            return valid.error();
    }
    const QByteArray facility = site.facilityId.toUtf8();
    Random &rnd = g.m_random;
    std::vector<int> revocationsPerLock(locks.size(), 0);
    const auto userCount = qint64(users.size());
    for (int i = 0; i < count; ++i) {
        // Users in turn, so keys spread evenly; a user's first key opens their own unit, later ones others.
        const auto userIndex = size_t(i % userCount);
        const UserRow &user = users[userIndex];
        const auto lockIndex
            = i < userCount ? size_t(userIndex % locks.size()) : size_t(rnd.below(qint64(locks.size())));
        const LockRow &lock = locks[lockIndex];
        KeyPlan plan = planKey(rnd, scheduleList, nowMs);
        Core::DigitalKey &key = plan.key;
        key.lockId = QString::fromLatin1(lock.id);
        key.userId = QString::fromLatin1(user.id);
        // The rules /v1 applies before it stores a key.
        if (auto valid = Core::validateKey(key); !valid)
            return valid.error();
        const QByteArray description = user.kind == 'c' ? QByteArrayLiteral("Maintenance contract")
            : user.kind == 's'                          ? QByteArrayLiteral("Shared access ") + lock.unitName
                                                        : QByteArrayLiteral("Unit ") + lock.unitName;
        insert.bindText(1, uuid(rnd));
        insert.bindText(2, facility);
        insert.bindText(3, description);
        insert.bindText(4, lock.id);
        insert.bindText(5, user.id);
        insert.bindText(6, key.role == Core::KeyRole::Admin ? QByteArrayView("ADMIN") : QByteArrayView("USER"));
        insert.bindInt(7, key.validFrom.toMSecsSinceEpoch());
        if (key.validTo.isValid())
            insert.bindInt(8, key.validTo.toMSecsSinceEpoch());
        else
            insert.bindNull(8);
        insert.bindText(9,
                        key.restriction == Core::Restriction::None          ? QByteArrayView("none")
                            : key.restriction == Core::Restriction::OneTime ? QByteArrayView("one_time")
                                                                            : QByteArrayView("scheduled"));
        insert.bindText(
            10, plan.schedule >= 0 ? QByteArrayView(scheduleList.at(plan.schedule).json) : QByteArrayView("[]"));
        if (key.usedAt.isValid())
            insert.bindInt(11, key.usedAt.toMSecsSinceEpoch());
        else
            insert.bindNull(11);
        insert.bindText(12, QByteArrayView(kStaff[rnd.below(2) + 1]));
        insert.bindInt(13, plan.createdAt);
        if (key.revokedAt.isValid()) {
            insert.bindInt(14, key.revokedAt.toMSecsSinceEpoch());
            insert.bindString(15, key.revokedBy);
            insert.bindString(16, key.revokedReason);
            ++revocationsPerLock[lockIndex];
        } else {
            insert.bindNull(14);
            insert.bindNull(15);
            insert.bindNull(16);
        }
        if (!insert.execute())
            return insert.error();
        if (auto w = g.wrote(); !w)
            return w.error();
    }
    // Each revocation raised its lock's revocation version (as /v1's revoke does), so the next online command
    // carries it.
    SqliteStatement raise(g.m_handle, "UPDATE locks SET revocation_version = revocation_version + ? WHERE id = ?");
    if (!raise.isValid())
        return raise.error();
    for (size_t i = 0; i < locks.size(); ++i) {
        if (revocationsPerLock[i] == 0)
            continue;
        raise.bindInt(1, revocationsPerLock[i]);
        raise.bindText(2, locks[i].id);
        if (!raise.execute())
            return raise.error();
    }
    return {};
}

Result<void> checkSizes(const GeneratorSizes &sizes)
{
    if (sizes.locks < 1 || sizes.locks > kMaxLocks)
        return invalid(
            QStringLiteral("The number of locks must be from 1 to %1 (got %2).").arg(kMaxLocks).arg(sizes.locks),
            QStringLiteral("locks"));
    if (sizes.users < 1 || sizes.users > kMaxUsers)
        return invalid(
            QStringLiteral("The number of users must be from 1 to %1 (got %2).").arg(kMaxUsers).arg(sizes.users),
            QStringLiteral("users"));
    if (sizes.keys < 0 || sizes.keys > kMaxKeys)
        return invalid(
            QStringLiteral("The number of keys must be from 0 to %1 (got %2).").arg(kMaxKeys).arg(sizes.keys),
            QStringLiteral("keys"));
    return {};
}

/// Runs one PRAGMA and returns its first value (for restoring it afterwards).
QVariant pragma(Database &db, const QString &statement)
{
    auto r = db.scalar(statement);
    return r ? r.value() : QVariant();
}

} // namespace

Result<GeneratorReport> generateFacility(Database &db, const QByteArray &kek, const GeneratorSizes &sizes,
                                         const Core::Clock &clock)
{
    if (auto r = checkSizes(sizes); !r)
        return r.error();
    if (kek.size() != 32)
        return invalid(
            QStringLiteral("The key-encryption key must be 32 bytes; load it with KeyEncryptionKey::load()."),
            QStringLiteral("kek"));
    sqlite3 *handle = SqliteStatement::handleOf(db);
    if (!handle)
        return Error::make(
            QStringLiteral("unsupported"),
            QStringLiteral("The facility generator writes through SQLite; this store is %1.").arg(db.engine()));
    auto site = CompanyRepository(db).defaultCompany();
    if (!site)
        return site.error();
    auto existing = db.scalar(QStringLiteral("SELECT (SELECT COUNT(*) FROM locks WHERE company_id = ?) + (SELECT "
                                             "COUNT(*) FROM users WHERE facility_id = ?)"),
                              { site->companyId, site->facilityId });
    if (!existing)
        return existing.error();
    if (existing->toLongLong() > 0)
        return Error::make(QStringLiteral("not_empty"),
                           QStringLiteral("The facility already has locks or users; generate into a fresh database "
                                          "made by `keydesk-server init`."));

    // Random uuids land all over the tables' primary-key indexes; SQLite's default 2 MB page cache then reads and
    // spills pages on every insert once the tables outgrow it (what made row-by-row generation slow down as it
    // went). A large cache for this connection while generating keeps the working set in memory.
    const QVariant cacheSize = pragma(db, QStringLiteral("PRAGMA cache_size"));
    pragma(db, QStringLiteral("PRAGMA cache_size = -1048576")); // up to 1 GiB, only as much as the tables need
    const qint64 nowMs = clock.now().toMSecsSinceEpoch();
    Random random(0x6b657964ULL ^ (quint64(sizes.seed) << 32) ^ sizes.seed);
    Generator g(db, handle, random);
    GeneratorReport report;
    auto run = [&]() -> Result<void> {
        if (auto r = g.begin(); !r)
            return r.error();
        QElapsedTimer timer;
        timer.start();
        auto locks = generateLocks(g, *site, kek, sizes.locks, sizes.seed, nowMs);
        if (!locks)
            return locks.error();
        report.locksMs = timer.restart();
        auto users = generateUsers(g, *site, sizes.users, sizes.seed, nowMs);
        if (!users)
            return users.error();
        report.usersMs = timer.restart();
        if (auto r = generateKeys(g, *site, *locks, *users, sizes.keys, nowMs); !r)
            return r.error();
        if (auto r = g.commit(); !r)
            return r.error();
        report.keysMs = timer.elapsed();
        return {};
    };
    auto outcome = run();
    g.m_tx.reset(); // a failed batch is rolled back; earlier batches stay (the CLI says so)
    if (cacheSize.isValid())
        pragma(db, QStringLiteral("PRAGMA cache_size = %1").arg(cacheSize.toLongLong()));
    if (!outcome)
        return outcome.error();
    report.rows = g.m_rows;
    qCInfo(lcGenerator) << "generated" << sizes.locks << "locks," << sizes.users << "users," << sizes.keys << "keys ("
                        << report.rows << "rows) in" << report.locksMs + report.usersMs + report.keysMs << "ms";
    return report;
}

} // namespace Keydesk::Server
