// KeysModel over a real cache: statuses equal the domain rules, filters and sorting, precise row signals for
// synced changes (never a reset), live status flips driven by one timer, first rows before the full index.
#include "ModelFixtures.h"
#include "core/cache/CacheStore.h"
#include "core/models/KeysModel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTimer>

using namespace Keydesk::Core;
using Keydesk::Test::FeedCache;
using Keydesk::Test::ms;
using Keydesk::Test::newId;

namespace {

const qint64 kNow = ms("2026-11-25T12:00:00Z");
const qint64 kHour = 3600 * 1000;
const qint64 kDay = 24 * kHour;

/// A small facility: 3 locks, 3 users, 6 keys in every state.
struct Facility
{
    QString lockA = newId(), lockB = newId(), lockC = newId();
    QString alice = newId(), bob = newId(), chloe = newId();
    QString active = newId(), upcoming = newId(), expired = newId(), revoked = newId(), used = newId(), open = newId();

    void fill(FeedCache &cache)
    {
        QList<ChangeRow> rows {
            cache.lock(lockA, QStringLiteral("A-101")),    cache.lock(lockB, QStringLiteral("B-104")),
            cache.lock(lockC, QStringLiteral("Gate")),     cache.user(alice, QStringLiteral("Alice Zimmer")),
            cache.user(bob, QStringLiteral("Bob Yilmaz")), cache.user(chloe, QStringLiteral("Chloé Xu"))
        };
        rows.append(cache.key(active, { QStringLiteral("Cleaner weekly"), lockA, alice, kNow - kDay, kNow + kDay }));
        rows.append(cache.key(upcoming, { QStringLiteral("Plumber"), lockB, bob, kNow + kHour, kNow + 2 * kHour }));
        rows.append(
            cache.key(expired, { QStringLiteral("Old contractor"), lockC, chloe, kNow - 2 * kDay, kNow - kDay }));
        rows.append(cache.key(revoked,
                              { QStringLiteral("Revoked electrician"), lockA, bob, kNow - kDay, kNow + kDay,
                                QStringLiteral("none"), -1, kNow - kHour }));
        rows.append(cache.key(used,
                              { QStringLiteral("One-time delivery"), lockB, chloe, kNow - kDay, kNow + kDay,
                                QStringLiteral("one_time"), kNow - kHour }));
        rows.append(cache.key(open,
                              { QStringLiteral("Tenant ÉLODIE"), lockC, alice, kNow - kDay, -1, QStringLiteral("none"),
                                -1, -1, QStringLiteral("ADMIN") }));
        cache.apply(rows);
    }
};

int statusCode(std::optional<KeyStatus> status)
{
    return status ? int(*status) : -1;
}

QStringList idsOf(const QAbstractItemModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out.append(model.index(r, 0).data(IdRole).toString());
    return out;
}

QStringList column(const QAbstractItemModel &model, int c)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out.append(model.index(r, c).data().toString());
    return out;
}

} // namespace

class TestKeysModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusMatchesDomain_data();
    void statusMatchesDomain();
    void statusMatchesDomainOnRandomKeys();
    void loadsEveryKeyWithStatusAndTone();
    void filters_data();
    void filters();
    void filtersCombineAndClear();
    void sorting_data();
    void sorting();
    void syncedChangesEmitPreciseRowSignals();
    void lockRenameUpdatesTheLockColumn();
    void statusFlipsAtBoundaryWithOneTimer();
    void statusFlipMovesRowIntoStatusFilter();
    void statusFollowsAForwardJumpByItself();
    void backwardJumpDerivesStatusesAgain();
    void backwardJumpOfManyKeysIsOneLayoutChange();
    void backwardJumpWhileLoadingAppliesOnceLoaded();
    void firstRowsComeBeforeTheFullIndex();
    void followsACacheStoreOnItsThread();
    void oddIdsAndUnknownLocksStillShow();
};

void TestKeysModel::statusMatchesDomain_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<bool>("oneTime");
    QTest::addColumn<qint64>("usedAt");
    QTest::addColumn<qint64>("revokedAt");
    QTest::addColumn<int>("expected");
    QTest::addColumn<qint64>("expectedNext");
    QTest::newRow("before start → UPCOMING, flips at start")
        << kNow + 10 << kNow + 20 << false << qint64(-1) << qint64(-1) << int(KeyStatus::Upcoming) << kNow + 10;
    QTest::newRow("at start → ACTIVE, flips at end")
        << kNow << kNow + 20 << false << qint64(-1) << qint64(-1) << int(KeyStatus::Active) << kNow + 20;
    QTest::newRow("at end (exclusive) → EXPIRED, never flips")
        << kNow - 20 << kNow << false << qint64(-1) << qint64(-1) << int(KeyStatus::Expired) << qint64(-1);
    QTest::newRow("open end → ACTIVE forever")
        << kNow - 20 << qint64(-1) << false << qint64(-1) << qint64(-1) << int(KeyStatus::Active) << qint64(-1);
    QTest::newRow("one-time used → EXPIRED")
        << kNow - 20 << kNow + 20 << true << kNow - 5 << qint64(-1) << int(KeyStatus::Expired) << qint64(-1);
    QTest::newRow("used_at ignored on a 24/7 key")
        << kNow - 20 << kNow + 20 << false << kNow - 5 << qint64(-1) << int(KeyStatus::Active) << kNow + 20;
    QTest::newRow("revocation in the future flips to REVOKED first")
        << kNow - 20 << kNow + 20 << false << qint64(-1) << kNow + 10 << int(KeyStatus::Active) << kNow + 10;
    QTest::newRow("revoked after expiry reads REVOKED")
        << kNow - 20 << kNow - 10 << false << qint64(-1) << kNow - 5 << int(KeyStatus::Revoked) << qint64(-1);
    QTest::newRow("expired, revocation later → flips to REVOKED")
        << kNow - 20 << kNow - 10 << false << qint64(-1) << kNow + 5 << int(KeyStatus::Expired) << kNow + 5;
}

void TestKeysModel::statusMatchesDomain()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(bool, oneTime);
    QFETCH(qint64, usedAt);
    QFETCH(qint64, revokedAt);
    QFETCH(int, expected);
    QFETCH(qint64, expectedNext);

    KeyRecord r;
    r.validFrom = from;
    r.validTo = to < 0 ? KeyRecord::kNever : to;
    r.usedAt = usedAt < 0 ? KeyRecord::kNever : usedAt;
    r.revokedAt = revokedAt < 0 ? KeyRecord::kNever : revokedAt;
    r.flags = oneTime ? KeyRecord::OneTime : 0;
    QCOMPARE(int(r.statusAt(kNow)), expected);
    QCOMPARE(r.nextChangeAfter(kNow), expectedNext);
}

void TestKeysModel::statusMatchesDomainOnRandomKeys()
{
    // The model's ms arithmetic must be the domain's rule, not a re-interpretation of it.
    QRandomGenerator rng(20261125);
    auto maybe = [&rng](qint64 base) { return rng.bounded(3) == 0 ? qint64(-1) : base + rng.bounded(-50, 50) * 1000; };
    for (int i = 0; i < 2000; ++i) {
        DigitalKey key;
        KeyRecord r;
        const qint64 from = kNow + rng.bounded(-50, 50) * 1000;
        const qint64 to = maybe(from + 20000);
        const qint64 used = maybe(kNow);
        const qint64 revoked = maybe(kNow);
        const bool oneTime = rng.bounded(2) == 0;
        key.validFrom = QDateTime::fromMSecsSinceEpoch(from, Qt::UTC);
        r.validFrom = from;
        if (to >= 0) {
            key.validTo = QDateTime::fromMSecsSinceEpoch(to, Qt::UTC);
            r.validTo = to;
        }
        key.restriction = oneTime ? Restriction::OneTime : Restriction::None;
        r.flags = oneTime ? KeyRecord::OneTime : 0;
        if (used >= 0) {
            key.usedAt = QDateTime::fromMSecsSinceEpoch(used, Qt::UTC);
            r.usedAt = used;
        }
        if (revoked >= 0) {
            key.revokedAt = QDateTime::fromMSecsSinceEpoch(revoked, Qt::UTC);
            r.revokedAt = revoked;
        }
        const qint64 at = kNow + rng.bounded(-60, 60) * 1000;
        const QDateTime atTime = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
        QCOMPARE(int(r.statusAt(at)), int(keyStatus(key, atTime)));
        const QDateTime next = nextStatusChange(key, atTime);
        QCOMPARE(r.nextChangeAfter(at), next.isValid() ? next.toMSecsSinceEpoch() : qint64(-1));
    }
}

void TestKeysModel::loadsEveryKeyWithStatusAndTone()
{
    FeedCache cache;
    QVERIFY2(cache.ok(), qPrintable(cache.error()));
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QVERIFY(model.isLoaded());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), int(KeysModel::ColumnCount));

    const QHash<QString, QPair<QString, QString>> expected {
        { f.active, { QStringLiteral("ACTIVE"), QStringLiteral("ok") } },
        { f.upcoming, { QStringLiteral("UPCOMING"), QStringLiteral("info") } },
        { f.expired, { QStringLiteral("EXPIRED"), QStringLiteral("muted") } },
        { f.revoked, { QStringLiteral("REVOKED"), QStringLiteral("danger") } },
        { f.used, { QStringLiteral("EXPIRED"), QStringLiteral("muted") } },
        { f.open, { QStringLiteral("ACTIVE"), QStringLiteral("ok") } },
    };
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const int row = model.rowOfId(it.key());
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, KeysModel::StatusColumn).data(StatusRole).toString(), it->first);
        QCOMPARE(model.index(row, 0).data(StatusColorRole).toString(), it->second);
    }
    const int openRow = model.rowOfId(f.open);
    QCOMPARE(model.index(openRow, KeysModel::LockColumn).data().toString(), QStringLiteral("Gate"));
    QCOMPARE(model.index(openRow, KeysModel::UserColumn).data().toString(), QStringLiteral("Alice Zimmer"));
    QCOMPARE(model.index(openRow, KeysModel::RoleColumn).data().toString(), QStringLiteral("ADMIN"));
    QCOMPARE(model.index(openRow, KeysModel::ValidToColumn).data().toString(), QStringLiteral("No end"));
    QCOMPARE(model.index(openRow, 0).data(LockIdRole).toString(), f.lockC);
    QCOMPARE(model.index(openRow, 0).data(UserIdRole).toString(), f.alice);
    QCOMPARE(model.index(openRow, KeysModel::ValidFromColumn).data(SortRole).toLongLong(), kNow - kDay);
    QCOMPARE(model.index(model.rowOfId(f.used), KeysModel::ScheduleColumn).data().toString(),
             QStringLiteral("One time (used Wed 25 Nov 11:00)"));
    QCOMPARE(model.index(model.rowOfId(f.active), KeysModel::ScheduleColumn).data().toString(), QStringLiteral("24/7"));

    model.setFacilityZone(FacilityZone::fromIanaId(QStringLiteral("Europe/Berlin")).value());
    QCOMPARE(model.index(model.rowOfId(f.active), KeysModel::ValidToColumn).data().toString(),
             QStringLiteral("2026-11-26 13:00"));
    // When the one-time key was used: facility time too.
    QCOMPARE(model.index(model.rowOfId(f.used), KeysModel::ScheduleColumn).data().toString(),
             QStringLiteral("One time (used Wed 25 Nov 12:00)"));
}

void TestKeysModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<QString>("lock"); // "A", "B", "C" or empty
    QTest::addColumn<QString>("user"); // "alice", "bob", "chloe" or empty
    QTest::addColumn<qint64>("rangeFrom"); // -1: open
    QTest::addColumn<qint64>("rangeTo");
    QTest::addColumn<QStringList>("expected"); // key names of Facility

    const QList<int> any;
    QTest::newRow("description, case-insensitive")
        << QStringLiteral("PLUMB") << any << QString() << QString() << qint64(-1) << qint64(-1)
        << QStringList { QStringLiteral("upcoming") };
    QTest::newRow("lock name") << QStringLiteral("b-104") << any << QString() << QString() << qint64(-1) << qint64(-1)
                               << QStringList { QStringLiteral("upcoming"), QStringLiteral("used") };
    QTest::newRow("user name") << QStringLiteral("yilmaz") << any << QString() << QString() << qint64(-1) << qint64(-1)
                               << QStringList { QStringLiteral("upcoming"), QStringLiteral("revoked") };
    QTest::newRow("non-ASCII needle, folded") << QStringLiteral("élodie") << any << QString() << QString() << qint64(-1)
                                              << qint64(-1) << QStringList { QStringLiteral("open") };
    QTest::newRow("non-ASCII user name") << QStringLiteral("CHLOÉ") << any << QString() << QString() << qint64(-1)
                                         << qint64(-1)
                                         << QStringList { QStringLiteral("expired"), QStringLiteral("used") };
    QTest::newRow("no match") << QStringLiteral("zzz") << any << QString() << QString() << qint64(-1) << qint64(-1)
                              << QStringList {};
    QTest::newRow("status ACTIVE") << QString() << QList<int> { int(KeyStatus::Active) } << QString() << QString()
                                   << qint64(-1) << qint64(-1)
                                   << QStringList { QStringLiteral("active"), QStringLiteral("open") };
    QTest::newRow("status EXPIRED or REVOKED")
        << QString() << QList<int> { int(KeyStatus::Expired), int(KeyStatus::Revoked) } << QString() << QString()
        << qint64(-1) << qint64(-1)
        << QStringList { QStringLiteral("expired"), QStringLiteral("revoked"), QStringLiteral("used") };
    QTest::newRow("lock A") << QString() << any << QStringLiteral("A") << QString() << qint64(-1) << qint64(-1)
                            << QStringList { QStringLiteral("active"), QStringLiteral("revoked") };
    QTest::newRow("user chloe") << QString() << any << QString() << QStringLiteral("chloe") << qint64(-1) << qint64(-1)
                                << QStringList { QStringLiteral("expired"), QStringLiteral("used") };
    QTest::newRow("lock A and user bob") << QString() << any << QStringLiteral("A") << QStringLiteral("bob")
                                         << qint64(-1) << qint64(-1) << QStringList { QStringLiteral("revoked") };
    QTest::newRow("date range next hour to 3 hours")
        << QString() << any << QString() << QString() << kNow + kHour << kNow + 3 * kHour
        << QStringList { QStringLiteral("active"), QStringLiteral("upcoming"), QStringLiteral("revoked"),
                         QStringLiteral("used"), QStringLiteral("open") };
    QTest::newRow("date range two days ago only")
        << QString() << any << QString() << QString() << kNow - 2 * kDay << kNow - 2 * kDay + kHour
        << QStringList { QStringLiteral("expired") };
    QTest::newRow("text and status") << QStringLiteral("a-101") << QList<int> { int(KeyStatus::Revoked) } << QString()
                                     << QString() << qint64(-1) << qint64(-1)
                                     << QStringList { QStringLiteral("revoked") };
}

void TestKeysModel::filters()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, statuses);
    QFETCH(QString, lock);
    QFETCH(QString, user);
    QFETCH(qint64, rangeFrom);
    QFETCH(qint64, rangeTo);
    QFETCH(QStringList, expected);

    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));

    const QHash<QString, QString> names {
        { f.active, QStringLiteral("active") },   { f.upcoming, QStringLiteral("upcoming") },
        { f.expired, QStringLiteral("expired") }, { f.revoked, QStringLiteral("revoked") },
        { f.used, QStringLiteral("used") },       { f.open, QStringLiteral("open") }
    };
    const QHash<QString, QString> locks { { QStringLiteral("A"), f.lockA },
                                          { QStringLiteral("B"), f.lockB },
                                          { QStringLiteral("C"), f.lockC } };
    const QHash<QString, QString> users { { QStringLiteral("alice"), f.alice },
                                          { QStringLiteral("bob"), f.bob },
                                          { QStringLiteral("chloe"), f.chloe } };

    model.setTextFilter(text);
    QList<KeyStatus> wanted;
    for (int s : statuses)
        wanted.append(KeyStatus(s));
    model.setStatusFilter(wanted);
    model.setLockFilter(locks.value(lock));
    model.setUserFilter(users.value(user));
    model.setDateRange(rangeFrom < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(rangeFrom, Qt::UTC),
                       rangeTo < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(rangeTo, Qt::UTC));
    QStringList got;
    for (const QString &id : idsOf(model))
        got.append(names.value(id));
    got.sort();
    expected.sort();
    QCOMPARE(got, expected);
}

void TestKeysModel::filtersCombineAndClear()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setLockFilter(newId()); // an unknown lock matches nothing, not everything
    QCOMPARE(model.rowCount(), 0);
    model.clearFilters();
    QCOMPARE(model.rowCount(), 6);
    model.setTextFilter(QStringLiteral("  "));
    QCOMPARE(model.rowCount(), 6);
}

void TestKeysModel::sorting_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expected"); // display text of the column, top to bottom

    QTest::newRow("description ascending, case-insensitive")
        << int(KeysModel::DescriptionColumn) << int(Qt::AscendingOrder)
        << QStringList { QStringLiteral("Cleaner weekly"),      QStringLiteral("Old contractor"),
                         QStringLiteral("One-time delivery"),   QStringLiteral("Plumber"),
                         QStringLiteral("Revoked electrician"), QStringLiteral("Tenant ÉLODIE") };
    QTest::newRow("lock descending") << int(KeysModel::LockColumn) << int(Qt::DescendingOrder)
                                     << QStringList { QStringLiteral("Gate"),  QStringLiteral("Gate"),
                                                      QStringLiteral("B-104"), QStringLiteral("B-104"),
                                                      QStringLiteral("A-101"), QStringLiteral("A-101") };
    QTest::newRow("user ascending") << int(KeysModel::UserColumn) << int(Qt::AscendingOrder)
                                    << QStringList { QStringLiteral("Alice Zimmer"), QStringLiteral("Alice Zimmer"),
                                                     QStringLiteral("Bob Yilmaz"),   QStringLiteral("Bob Yilmaz"),
                                                     QStringLiteral("Chloé Xu"),     QStringLiteral("Chloé Xu") };
    QTest::newRow("status ascending: lifecycle order upcoming, active, expired, revoked")
        << int(KeysModel::StatusColumn) << int(Qt::AscendingOrder)
        << QStringList { QStringLiteral("Upcoming"), QStringLiteral("Active"),  QStringLiteral("Active"),
                         QStringLiteral("Expired"),  QStringLiteral("Expired"), QStringLiteral("Revoked") };
}

void TestKeysModel::sorting()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QStringList, expected);
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    const QPersistentModelIndex plumber = model.index(model.rowOfId(f.upcoming), 0);
    model.sort(column, Qt::SortOrder(order));
    QCOMPARE(model.sortColumn(), column);
    QCOMPARE(::column(model, column), expected);
    // Persistent indexes follow their rows through a sort.
    QVERIFY(plumber.isValid());
    QCOMPARE(plumber.data(IdRole).toString(), f.upcoming);
    // A filter keeps the sort order: the filtered column is the expected list minus what it drops.
    model.setTextFilter(QStringLiteral("a-101"));
    QStringList kept;
    for (const QString &text : expected) {
        if (::column(model, column).contains(text) && !kept.contains(text))
            kept.append(text);
    }
    QStringList shown = ::column(model, column);
    shown.removeDuplicates();
    QCOMPARE(shown, kept);
    QCOMPARE(model.rowCount(), 2);
}

void TestKeysModel::syncedChangesEmitPreciseRowSignals()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.sort(KeysModel::DescriptionColumn, Qt::AscendingOrder);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // A new key lands in its sorted place.
    const QString added = newId();
    auto announced = cache.apply(
        { cache.key(added, { QStringLiteral("Locksmith"), f.lockA, f.bob, kNow - kHour, kNow + kHour }) });
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1); // after "Cleaner weekly"
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Locksmith"));
    QCOMPARE(model.rowCount(), 7);

    // A change that keeps the sort position: one dataChanged for that row.
    announced = cache.apply(
        { cache.key(added, { QStringLiteral("Locksmith"), f.lockA, f.bob, kNow - kHour, kNow + 2 * kHour }) });
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);

    // A revocation with a status filter on: the row leaves the filtered view.
    model.setStatusFilter({ KeyStatus::Active });
    const int before = model.rowCount();
    resets.clear();
    announced = cache.apply({ cache.key(added,
                                        { QStringLiteral("Locksmith"), f.lockA, f.bob, kNow - kHour, kNow + 2 * kHour,
                                          QStringLiteral("none"), -1, kNow - 1 }) });
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
    QCOMPARE(model.rowCount(), before - 1);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(statusCode(model.statusOf(added)), int(KeyStatus::Revoked));

    // A tombstone removes the key.
    model.setStatusFilter({});
    resets.clear();
    removed.clear();
    announced = cache.apply({ cache.tombstone(QStringLiteral("keys"), f.upcoming) });
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowOfId(f.upcoming), -1);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(resets.size(), 0);
}

void TestKeysModel::lockRenameUpdatesTheLockColumn()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const auto announced = cache.apply({ cache.lock(f.lockA, QStringLiteral("A-101 (north)")) });
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
    QCOMPARE(resets.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(), int(KeysModel::LockColumn));
    QCOMPARE(model.index(model.rowOfId(f.active), KeysModel::LockColumn).data().toString(),
             QStringLiteral("A-101 (north)"));

    // Sorted by lock, a rename moves the rows (a layout change, not a reset).
    model.sort(KeysModel::LockColumn, Qt::AscendingOrder);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    const auto renamed = cache.apply({ cache.lock(f.lockA, QStringLiteral("Z-999")) });
    for (auto it = renamed.cbegin(); it != renamed.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
    QCOMPARE(layout.size(), 1);
    QCOMPARE(model.index(model.rowCount() - 1, KeysModel::LockColumn).data().toString(), QStringLiteral("Z-999"));
    QCOMPARE(resets.size(), 0);
}

void TestKeysModel::statusFlipsAtBoundaryWithOneTimer()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));

    // One timer, armed for the earliest boundary: the plumber's start in an hour.
    QCOMPARE(model.findChildren<QTimer *>().size(), 1);
    QVERIFY(model.boundaryTimer().isActive());
    QCOMPARE(model.nextBoundaryMs(), kNow + kHour);
    QVERIFY(model.boundaryTimer().interval() > kHour - 1000 && model.boundaryTimer().interval() <= kHour);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    clock.advanceMs(kHour - 1);
    model.checkBoundaries(); // early: nothing flips
    QCOMPARE(changed.size(), 0);
    QCOMPARE(statusCode(model.statusOf(f.upcoming)), int(KeyStatus::Upcoming));
    QVERIFY(model.boundaryTimer().isActive());

    clock.advanceMs(1);
    model.checkBoundaries();
    QCOMPARE(changed.size(), 1);
    const QModelIndex flipped = changed.at(0).at(0).value<QModelIndex>();
    QCOMPARE(flipped.data(IdRole).toString(), f.upcoming);
    QCOMPARE(flipped.data(StatusRole).toString(), QStringLiteral("ACTIVE"));
    // Next: its end an hour later, still one timer.
    QCOMPARE(model.nextBoundaryMs(), kNow + 2 * kHour);
    QCOMPARE(model.findChildren<QTimer *>().size(), 1);

    clock.advanceMs(kHour);
    model.checkBoundaries();
    QCOMPARE(changed.size(), 2);
    QCOMPARE(statusCode(model.statusOf(f.upcoming)), int(KeyStatus::Expired));
    // Then the day-long keys' end.
    QCOMPARE(model.nextBoundaryMs(), kNow + kDay);
}

void TestKeysModel::statusFlipMovesRowIntoStatusFilter()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setStatusFilter({ KeyStatus::Active });
    QCOMPARE(model.rowCount(), 2);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    clock.advanceMs(kHour);
    model.checkBoundaries();
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.rowOfId(f.upcoming) >= 0);
    QCOMPARE(resets.size(), 0);
}

void TestKeysModel::statusFollowsAForwardJumpByItself()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setStatusFilter({ KeyStatus::Active });
    QCOMPARE(model.rowCount(), 2);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    // No checkBoundaries(): the model hears the clock jump (its timer waits for the real hour).
    clock.advanceMs(kHour);
    QTRY_COMPARE(statusCode(model.statusOf(f.upcoming)), int(KeyStatus::Active));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    // Re-armed for the next boundary, an hour from the new "now".
    QCOMPARE(model.nextBoundaryMs(), kNow + 2 * kHour);
    QVERIFY(model.boundaryTimer().isActive());
    QVERIFY(model.boundaryTimer().interval() <= kHour);

    // Two days on at once, past several boundaries: every dated key ended, the open one stays.
    clock.advanceMs(2 * kDay);
    QTRY_COMPARE(statusCode(model.statusOf(f.active)), int(KeyStatus::Expired));
    QCOMPARE(statusCode(model.statusOf(f.upcoming)), int(KeyStatus::Expired));
    QCOMPARE(idsOf(model), QStringList { f.open });
    QCOMPARE(model.nextBoundaryMs(), qint64(-1));
    QVERIFY(!model.boundaryTimer().isActive());
    QCOMPARE(resets.size(), 0);
}

void TestKeysModel::backwardJumpDerivesStatusesAgain()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    // Two hours back: the revocation and the one-time use (an hour ago) have not happened yet.
    clock.set(QDateTime::fromMSecsSinceEpoch(kNow - 2 * kHour, Qt::UTC));
    QTRY_COMPARE(statusCode(model.statusOf(f.revoked)), int(KeyStatus::Active));
    QVERIFY(!model.sweepPending());
    QCOMPARE(statusCode(model.statusOf(f.used)), int(KeyStatus::Active));
    QCOMPARE(statusCode(model.statusOf(f.active)), int(KeyStatus::Active));
    QCOMPARE(statusCode(model.statusOf(f.upcoming)), int(KeyStatus::Upcoming));
    QCOMPARE(statusCode(model.statusOf(f.expired)), int(KeyStatus::Expired));
    // Two rows changed: two precise signals, no layout change.
    QCOMPARE(changed.size(), 2);
    QCOMPARE(layouts.size(), 0);
    // The boundaries count from the new "now": no boundary led back to ACTIVE, but one leads forward again.
    QCOMPARE(model.nextBoundaryMs(), kNow - kHour);
    QVERIFY(model.boundaryTimer().isActive());

    clock.advanceMs(kHour);
    QTRY_COMPARE(statusCode(model.statusOf(f.revoked)), int(KeyStatus::Revoked));
    QCOMPARE(statusCode(model.statusOf(f.used)), int(KeyStatus::Expired));

    // Back past an end: the EXPIRED key is ACTIVE again, the day-long ones UPCOMING.
    clock.set(QDateTime::fromMSecsSinceEpoch(kNow - kDay - kDay / 2, Qt::UTC));
    QTRY_COMPARE(statusCode(model.statusOf(f.expired)), int(KeyStatus::Active));
    QCOMPARE(statusCode(model.statusOf(f.active)), int(KeyStatus::Upcoming));
    QCOMPARE(statusCode(model.statusOf(f.open)), int(KeyStatus::Upcoming));
    QCOMPARE(statusCode(model.statusOf(f.revoked)), int(KeyStatus::Upcoming));
    QCOMPARE(model.nextBoundaryMs(), kNow - kDay);
    QCOMPARE(resets.size(), 0);
}

void TestKeysModel::backwardJumpOfManyKeysIsOneLayoutChange()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId();
    const QString user = newId();
    QList<ChangeRow> rows { cache.lock(lock, QStringLiteral("L")), cache.user(user, QStringLiteral("U")) };
    QStringList ended;
    for (int i = 0; i < 200; ++i) {
        ended.append(newId());
        rows.append(
            cache.key(ended.last(), { QStringLiteral("ended %1").arg(i), lock, user, kNow - kDay, kNow - kHour }));
    }
    for (int i = 0; i < 3; ++i)
        rows.append(cache.key(newId(), { QStringLiteral("running %1").arg(i), lock, user, kNow - kDay, kNow + kDay }));
    cache.apply(rows);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.sort(KeysModel::StatusColumn, Qt::AscendingOrder);
    const QPersistentModelIndex last = model.index(model.rowCount() - 1, 0);
    const QString lastId = last.data(IdRole).toString();
    QCOMPARE(last.data(StatusRole).toString(), QStringLiteral("EXPIRED"));
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    // Back before their end: 200 keys are ACTIVE again, re-placed with ONE layout change, not 200 row moves.
    clock.set(QDateTime::fromMSecsSinceEpoch(kNow - kHour - kHour / 2, Qt::UTC));
    QTRY_COMPARE(layouts.size(), 1);
    for (const QString &id : std::as_const(ended))
        QCOMPARE(statusCode(model.statusOf(id)), int(KeyStatus::Active));
    QCOMPARE(removed.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(resets.size(), 0);
    QVERIFY(last.isValid());
    QCOMPARE(last.data(IdRole).toString(), lastId);
    QCOMPARE(last.data(StatusRole).toString(), QStringLiteral("ACTIVE"));
    QCOMPARE(model.nextBoundaryMs(), kNow - kHour);
    QCOMPARE(model.boundaryTimer().interval(), kHour / 2);

    // Three seconds back (an NTP step): nothing flips, no signal; only the timer is armed anew.
    clock.advanceMs(-3000);
    QTRY_COMPARE(model.boundaryTimer().interval(), kHour / 2 + 3000);
    QCOMPARE(layouts.size(), 1);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(model.nextBoundaryMs(), kNow - kHour);
}

void TestKeysModel::backwardJumpWhileLoadingAppliesOnceLoaded()
{
    QTemporaryDir dir;
    Facility f;
    CacheStore store(dir.filePath(QStringLiteral("store.sqlite")));
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    bool opened = false;
    QCoro::connect(store.open(), this, [&opened](Result<CacheOpenReport> r) { opened = r.ok(); });
    QTRY_VERIFY(opened);
    FeedCache rowsMaker; // only for its row builders and revision counter
    ChangePage page;
    page.rows = { rowsMaker.lock(f.lockA, QStringLiteral("A-101")), rowsMaker.user(f.alice, QStringLiteral("Alice")),
                  rowsMaker.key(f.used,
                                { QStringLiteral("Delivery"), f.lockA, f.alice, kNow - kDay, kNow + kDay,
                                  QStringLiteral("one_time"), kNow - kHour }) };
    page.nextRevision = 3;
    bool applied = false;
    QCoro::connect(store.applyPage(std::move(page)), this, [&applied](Result<ApplyStats> r) { applied = r.ok(); });
    QTRY_VERIFY(applied);

    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &KeysModel::loaded);
    model.attach(&store); // reads on the cache's thread, at kNow
    clock.set(QDateTime::fromMSecsSinceEpoch(kNow - 2 * kHour, Qt::UTC)); // before that read is applied
    QTRY_COMPARE(loaded.size(), 1);
    QTRY_COMPARE(statusCode(model.statusOf(f.used)), int(KeyStatus::Active));
    QVERIFY(!model.sweepPending());
    QCOMPARE(model.nextBoundaryMs(), kNow - kHour);
}

void TestKeysModel::firstRowsComeBeforeTheFullIndex()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId();
    const QString user = newId();
    QList<ChangeRow> rows { cache.lock(lock, QStringLiteral("L")), cache.user(user, QStringLiteral("U")) };
    const int n = KeysModel::kFirstRows * 2 + 7;
    for (int i = 0; i < n; ++i)
        rows.append(cache.key(newId(), { QStringLiteral("key %1").arg(i), lock, user, kNow - kDay, kNow + i * kHour }));
    cache.apply(rows);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<int> countsAtSignals;
    QString firstLockName; // the first rows read only the names they show, after the keys
    connect(&model, &KeysModel::firstRowsAvailable, this, [&] {
        countsAtSignals.append(model.rowCount());
        firstLockName = model.index(0, KeysModel::LockColumn).data().toString();
    });
    connect(&model, &KeysModel::loaded, this, [&] { countsAtSignals.append(model.rowCount()); });
    QVERIFY(model.attach(&cache.db()));
    QCOMPARE(countsAtSignals, (QList<int> { KeysModel::kFirstRows, n }));
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("key 0"));
    QCOMPARE(firstLockName, QStringLiteral("L"));
    QVERIFY(model.memoryBytes() > std::size_t(n) * sizeof(KeyRecord));
}

void TestKeysModel::followsACacheStoreOnItsThread()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.sqlite"));
    Facility f;
    CacheStore store(path);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    bool opened = false;
    QCoro::connect(store.open(), this, [&opened](Result<CacheOpenReport> r) { opened = r.ok(); });
    QTRY_VERIFY(opened);
    FeedCache rowsMaker; // only for its row builders and revision counter
    QList<ChangeRow> rows {
        rowsMaker.lock(f.lockA, QStringLiteral("A-101")), rowsMaker.user(f.alice, QStringLiteral("Alice")),
        rowsMaker.key(f.active, { QStringLiteral("Cleaner"), f.lockA, f.alice, kNow - kDay, kNow + kDay })
    };
    ChangePage page;
    page.rows = rows;
    page.nextRevision = 3;
    bool applied = false;
    // std::move: GCC 12 double-destroys a by-value coroutine argument copied from an lvalue.
    QCoro::connect(store.applyPage(std::move(page)), this, [&applied](Result<ApplyStats> r) { applied = r.ok(); });
    QTRY_VERIFY(applied);

    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &KeysModel::loaded);
    model.attach(&store);
    QTRY_COMPARE(loaded.size(), 1);
    QCOMPARE(model.rowCount(), 1);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    ChangePage next;
    next.rows = { rowsMaker.key(f.upcoming,
                                { QStringLiteral("Plumber"), f.lockA, f.alice, kNow + kHour, kNow + 2 * kHour }) };
    next.nextRevision = 4;
    QCoro::connect(store.applyPage(std::move(next)), this, [](Result<ApplyStats>) {});
    QTRY_COMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(statusCode(model.statusOf(f.upcoming)), int(KeyStatus::Upcoming));
    QCOMPARE(resets.size(), 0);
}

void TestKeysModel::oddIdsAndUnknownLocksStillShow()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString user = newId();
    const QString missingLock = newId();
    cache.apply(
        { cache.user(user, QStringLiteral("Uma")),
          cache.key(QStringLiteral("legacy-key-1"), { QStringLiteral("Imported"), missingLock, user, kNow - kDay, -1 }),
          cache.key(QStringLiteral("A0B1C2D3-0000-0000-0000-000000000000"),
                    { QStringLiteral("Upper-case id"), missingLock, user, kNow - kDay, -1 }) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QCOMPARE(model.rowCount(), 2);
    const int legacy = model.rowOfId(QStringLiteral("legacy-key-1"));
    QVERIFY(legacy >= 0);
    QCOMPARE(model.index(legacy, 0).data(IdRole).toString(), QStringLiteral("legacy-key-1"));
    QVERIFY(model.rowOfId(QStringLiteral("A0B1C2D3-0000-0000-0000-000000000000")) >= 0);
    // The lock is not cached (yet): its id stands in for the name, and its arrival fills the name in.
    QCOMPARE(model.index(legacy, KeysModel::LockColumn).data().toString(), missingLock);
    const auto announced = cache.apply({ cache.lock(missingLock, QStringLiteral("Back door")) });
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
    QCOMPARE(model.index(legacy, KeysModel::LockColumn).data().toString(), QStringLiteral("Back door"));
}

QTEST_MAIN(TestKeysModel)
#include "TestKeysModel.moc"
