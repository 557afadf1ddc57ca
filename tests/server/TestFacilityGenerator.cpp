#include "core/domain/DigitalKey.h"
#include "core/domain/FacilityZone.h"
#include "core/lockproto/LockSecret.h"
#include "server/ServerSetup.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/FacilityGenerator.h"
#include "server/store/KeyEncryptionKey.h"
#include "server/store/LockRepository.h"
#include "server/store/V1ChangeFeed.h"
#include "server/v1/KeyService.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Keydesk;
using namespace Keydesk::Server;

namespace {

// A fixed "now", so the statuses the test counts do not depend on the day it runs.
const QDateTime kNow = QDateTime(QDate(2026, 11, 25), QTime(10, 0), QTimeZone::utc());

/// A freshly initialized database in its own temporary folder, opened, with its key-encryption key.
struct Fresh
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    QByteArray kek;

    bool create()
    {
        InitOptions init;
        init.databasePath = dir.filePath(QStringLiteral("generated.sqlite"));
        init.companyName = QStringLiteral("Generated Storage");
        init.timezone = QStringLiteral("Europe/Berlin");
        if (!dir.isValid() || !initializeDatabase(init, kNow.addDays(-800).toMSecsSinceEpoch()))
            return false;
        auto opened = Database::open(init.databasePath, Database::OpenMode::OpenExisting);
        auto key = KeyEncryptionKey::load(init.databasePath);
        if (!opened || !key)
            return false;
        db = std::move(opened).value();
        kek = key.value();
        return true;
    }

    qint64 count(const QString &sql) const
    {
        auto value = db->scalar(sql);
        return value ? value.value().toLongLong() : -1;
    }

    /// Every generated row of a table in insertion order, without the columns that name this database's own
    /// company/facility or hold per-database secrets, as text lines (for comparing two databases).
    QStringList rows(const QString &table, const QStringList &skip) const
    {
        QStringList out;
        auto q = db->exec(QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(table));
        if (!q)
            return { q.error().message };
        while (q.value().next()) {
            const QSqlRecord record = q.value().record();
            QStringList fields;
            for (int i = 0; i < record.count(); ++i) {
                if (!skip.contains(record.fieldName(i)))
                    fields.append(record.fieldName(i) + QLatin1Char('=') + record.value(i).toString());
            }
            out.append(fields.join(QLatin1Char('|')));
        }
        return out;
    }
};

GeneratorSizes small(quint32 seed = 1)
{
    GeneratorSizes sizes;
    sizes.locks = 60;
    sizes.users = 240;
    sizes.keys = 1500;
    sizes.seed = seed;
    return sizes;
}

} // namespace

/// generateFacility(): the large benchmark facility, at test size.
class TestFacilityGenerator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheRequestedCounts();
    void keysCoverEveryStatusAndRestriction();
    void generatedRowsPassTheServersOwnRules();
    void changeFeedReturnsEveryGeneratedRow();
    void sameSeedSameFacility();
    void refusesBadSizes_data();
    void refusesBadSizes();
    void refusesAFacilityThatHasLocks();
};

void TestFacilityGenerator::writesTheRequestedCounts()
{
    Fresh f;
    QVERIFY(f.create());
    const qint64 revisionBefore = f.db->revision();
    Core::FakeClock clock(kNow);
    auto report = generateFacility(*f.db, f.kek, small(), clock);
    QVERIFY2(report, report ? "" : qPrintable(report.error().message));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM locks")), 60);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM units")), 60);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM locks WHERE unit_id IS NULL")), 0);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM users")), 240);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM keys")), 1500);
    QCOMPARE(report->rows, 60 + 60 + 240 + 1500);
    QVERIFY(report->locksMs >= 0 && report->usersMs >= 0 && report->keysMs >= 0);
    // Every row was stamped by the revision triggers, above what init left.
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM keys WHERE revision <= %1").arg(revisionBefore)), 0);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(DISTINCT revision) FROM keys")), 1500);
    QVERIFY(f.db->revision() >= revisionBefore + report->rows);
    // Tenants, contractors and shared users; some in arrears or suspended; e-mail and phone-only users.
    for (const char *kind : { "tenant", "contractor", "shared" })
        QVERIFY2(f.count(QStringLiteral("SELECT COUNT(*) FROM users WHERE kind = '%1'").arg(QLatin1String(kind))) > 0,
                 kind);
    for (const char *status : { "active", "delinquent", "suspended" })
        QVERIFY2(f.count(QStringLiteral("SELECT COUNT(*) FROM users WHERE status = '%1'").arg(QLatin1String(status)))
                     > 0,
                 status);
    QVERIFY(f.count(QStringLiteral("SELECT COUNT(*) FROM users WHERE email = ''")) > 0);
    QVERIFY(f.count(QStringLiteral("SELECT COUNT(*) FROM locks WHERE status = 'awaiting_setup'")) > 0);
    QVERIFY(f.count(QStringLiteral("SELECT COUNT(*) FROM locks WHERE internal_battery_mv BETWEEN 1 AND 2949")) > 0);
}

void TestFacilityGenerator::keysCoverEveryStatusAndRestriction()
{
    Fresh f;
    QVERIFY(f.create());
    Core::FakeClock clock(kNow);
    QVERIFY(generateFacility(*f.db, f.kek, small(), clock));
    auto q = f.db->exec(QStringLiteral("SELECT %1 FROM keys k").arg(V1::keyColumns()));
    QVERIFY(q);
    QSet<Core::KeyStatus> statuses;
    QSet<Core::Restriction> restrictions;
    QSet<Core::KeyRole> roles;
    int crossingMidnight = 0;
    int usedOneTime = 0;
    while (q.value().next()) {
        const Core::DigitalKey key = V1::keyFromQuery(q.value());
        statuses.insert(Core::keyStatus(key, kNow));
        restrictions.insert(key.restriction);
        roles.insert(key.role);
        if (key.restriction == Core::Restriction::OneTime && key.usedAt.isValid())
            ++usedOneTime;
        for (const Core::AccessWindow &window : key.windows)
            crossingMidnight += window.crossesMidnight() ? 1 : 0;
    }
    QCOMPARE(statuses.size(), 4);
    QCOMPARE(restrictions.size(), 3);
    QCOMPARE(roles.size(), 2);
    QVERIFY(crossingMidnight > 0);
    QVERIFY(usedOneTime > 0);
}

void TestFacilityGenerator::generatedRowsPassTheServersOwnRules()
{
    Fresh f;
    QVERIFY(f.create());
    Core::FakeClock clock(kNow);
    QVERIFY(generateFacility(*f.db, f.kek, small(), clock));
    const QString facilityId = CompanyRepository(*f.db).defaultCompany().value().facilityId;

    // Keys: what /v1 checks before storing one (Core::validateKey), windows stored in /v1's format, lock and
    // user of the key's own facility.
    auto keys = f.db->exec(QStringLiteral("SELECT %1, l.facility_id, u.facility_id FROM keys k JOIN locks l ON l.id = "
                                          "k.lock_id JOIN users u ON u.id = k.user_id")
                               .arg(V1::keyColumns()));
    QVERIFY(keys);
    int checked = 0;
    while (keys.value().next()) {
        const QSqlQuery &row = keys.value();
        const Core::DigitalKey key = V1::keyFromQuery(row);
        auto valid = Core::validateKey(key);
        QVERIFY2(valid, qPrintable(key.id + QStringLiteral(": ") + (valid ? QString() : valid.error().message)));
        const QByteArray stored = row.value(11).toString().toUtf8();
        auto windows = V1::windowsFromJson(QJsonDocument::fromJson(stored).array(), QStringLiteral("windows"));
        QVERIFY(windows);
        QCOMPARE(QJsonDocument(V1::windowsToJson(*windows)).toJson(QJsonDocument::Compact), stored);
        QCOMPARE(row.value(1).toString(), facilityId);
        QCOMPARE(row.value(19).toString(), facilityId);
        QCOMPARE(row.value(20).toString(), facilityId);
        if (key.revokedAt.isValid()) {
            QVERIFY(!key.revokedReason.isEmpty());
            QVERIFY(key.revokedAt <= kNow);
        }
        ++checked;
    }
    QCOMPARE(checked, 1500);

    // Users: the patterns /v1 validates e-mail, phone and tracking key with (UserRoutes.cpp).
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    static const QRegularExpression phone(QStringLiteral("^\\+?[0-9 ()-]{6,20}$"));
    static const QRegularExpression tracking(QStringLiteral("^[A-Za-z0-9._:@-]{4,128}$"));
    auto users = f.db->exec(QStringLiteral("SELECT name, email, phone, tracking_key FROM users"));
    QVERIFY(users);
    while (users.value().next()) {
        const QSqlQuery &u = users.value();
        QVERIFY(!u.value(0).toString().trimmed().isEmpty());
        QVERIFY2(u.value(1).toString().isEmpty() || email.match(u.value(1).toString()).hasMatch(),
                 qPrintable(u.value(1).toString()));
        QVERIFY2(phone.match(u.value(2).toString()).hasMatch(), qPrintable(u.value(2).toString()));
        QVERIFY2(tracking.match(u.value(3).toString()).hasMatch(), qPrintable(u.value(3).toString()));
    }

    // Locks: every sealed secret opens with this database's KEK (bound to the lock's MAC), as the Core API
    // needs for its commands; each revoked key raised its lock's revocation version.
    const QString companyId = CompanyRepository(*f.db).defaultCompany().value().companyId;
    const QList<LockRecord> locks = LockRepository(*f.db).list(companyId, {}, {});
    QCOMPARE(locks.size(), 60);
    for (const LockRecord &lock : locks) {
        auto secret = LockRepository::secretOf(lock, f.kek);
        QVERIFY2(secret, qPrintable(lock.mac.toString()));
        const qint64 revoked = f.count(
            QStringLiteral("SELECT COUNT(*) FROM keys WHERE lock_id = '%1' AND revoked_at IS NOT NULL").arg(lock.id));
        QCOMPARE(qint64(lock.revocationVersion), revoked);
    }
}

void TestFacilityGenerator::changeFeedReturnsEveryGeneratedRow()
{
    Fresh f;
    QVERIFY(f.create());
    Core::FakeClock clock(kNow);
    QVERIFY(generateFacility(*f.db, f.kek, small(), clock));
    const QString companyId = CompanyRepository(*f.db).defaultCompany().value().companyId;
    V1ChangeFeed feed(*f.db);
    QHash<QString, QSet<QString>> ids;
    qint64 since = 0;
    for (int pages = 0;; ++pages) {
        QVERIFY(pages < 100);
        auto page = feed.read(companyId, since, 400);
        QVERIFY(page);
        QJsonParseError error {};
        const QJsonArray rows = QJsonDocument::fromJson(page->rowsJson, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(rows.size(), page->count);
        for (const QJsonValue &row : rows)
            ids[row[QStringLiteral("entity")].toString()].insert(row[QStringLiteral("id")].toString());
        since = page->nextRevision;
        if (!page->hasMore)
            break;
    }
    QCOMPARE(ids.value(QStringLiteral("units")).size(), 60);
    QCOMPARE(ids.value(QStringLiteral("locks")).size(), 60);
    QCOMPARE(ids.value(QStringLiteral("users")).size(), 240);
    QCOMPARE(ids.value(QStringLiteral("keys")).size(), 1500);
}

void TestFacilityGenerator::sameSeedSameFacility()
{
    Fresh a;
    Fresh b;
    Fresh c;
    QVERIFY(a.create() && b.create() && c.create());
    Core::FakeClock clock(kNow);
    QVERIFY(generateFacility(*a.db, a.kek, small(7), clock));
    QVERIFY(generateFacility(*b.db, b.kek, small(7), clock));
    QVERIFY(generateFacility(*c.db, c.kek, small(8), clock));
    // Company, facility and revision numbers belong to each database; the sealed secret has a fresh nonce and
    // this database's KEK, so the opened secrets are compared instead.
    const QStringList skip { QStringLiteral("company_id"), QStringLiteral("facility_id"), QStringLiteral("revision"),
                             QStringLiteral("sealed_secret") };
    for (const char *table : { "units", "locks", "users", "keys" }) {
        const QStringList rowsA = a.rows(QLatin1String(table), skip);
        QCOMPARE(rowsA.size(), b.rows(QLatin1String(table), skip).size());
        QCOMPARE(rowsA, b.rows(QLatin1String(table), skip));
        QVERIFY2(rowsA != c.rows(QLatin1String(table), skip), table);
    }
    auto secrets = [](const Fresh &f) {
        QStringList out;
        const QString companyId = CompanyRepository(*f.db).defaultCompany().value().companyId;
        for (const LockRecord &lock : LockRepository(*f.db).list(companyId, {}, {}))
            out.append(lock.mac.toString() + QLatin1Char('=') + LockRepository::secretOf(lock, f.kek).value().toHex());
        out.sort();
        return out;
    };
    QCOMPARE(secrets(a), secrets(b));
}

void TestFacilityGenerator::refusesBadSizes_data()
{
    QTest::addColumn<int>("locks");
    QTest::addColumn<int>("users");
    QTest::addColumn<int>("keys");
    QTest::addColumn<QString>("field");
    QTest::newRow("no locks") << 0 << 10 << 10 << QStringLiteral("locks");
    QTest::newRow("negative users") << 5 << -1 << 10 << QStringLiteral("users");
    QTest::newRow("no users") << 5 << 0 << 0 << QStringLiteral("users");
    QTest::newRow("negative keys") << 5 << 10 << -3 << QStringLiteral("keys");
    QTest::newRow("too many locks") << 2000000 << 10 << 10 << QStringLiteral("locks");
}

void TestFacilityGenerator::refusesBadSizes()
{
    QFETCH(int, locks);
    QFETCH(int, users);
    QFETCH(int, keys);
    QFETCH(QString, field);
    Fresh f;
    QVERIFY(f.create());
    const qint64 revision = f.db->revision();
    Core::FakeClock clock(kNow);
    auto report = generateFacility(*f.db, f.kek, { locks, users, keys, 1 }, clock);
    QVERIFY(!report);
    QCOMPARE(report.error().code, QStringLiteral("invalid_argument"));
    QCOMPARE(report.error().field, field);
    QCOMPARE(f.db->revision(), revision); // nothing written
}

void TestFacilityGenerator::refusesAFacilityThatHasLocks()
{
    Fresh f;
    QVERIFY(f.create());
    Core::FakeClock clock(kNow);
    QVERIFY(generateFacility(*f.db, f.kek, { 2, 2, 2, 1 }, clock));
    const qint64 revision = f.db->revision();
    auto again = generateFacility(*f.db, f.kek, { 2, 2, 2, 2 }, clock);
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("not_empty"));
    QCOMPARE(f.db->revision(), revision);
    // A wrong-sized key-encryption key is refused before anything is written.
    Fresh g;
    QVERIFY(g.create());
    auto noKek = generateFacility(*g.db, QByteArray(5, 'x'), { 2, 2, 2, 1 }, clock);
    QVERIFY(!noKek);
    QCOMPARE(g.count(QStringLiteral("SELECT COUNT(*) FROM locks")), 0);
}

QTEST_GUILESS_MAIN(TestFacilityGenerator)
#include "TestFacilityGenerator.moc"
