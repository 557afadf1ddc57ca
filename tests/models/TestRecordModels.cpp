// UsersModel (with the Offline Key Expiration column and its live flip to Expired), LocksModel,
// QuickClicksModel, ActivityModel (uncertain time ranges) and AuditModel over a real cache.
#include "ModelFixtures.h"
#include "core/models/FacilityModels.h"
#include "core/models/ReleaseOnWorker.h"
#include "core/models/UsersModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>

using namespace Keydesk::Core;
using Keydesk::Test::FeedCache;
using Keydesk::Test::ms;
using Keydesk::Test::newId;

namespace {

const qint64 kNow = ms("2026-11-25T12:00:00Z");
const qint64 kHour = 3600 * 1000;

void forward(CacheTableModel &model, const QHash<QString, QStringList> &changed)
{
    for (auto it = changed.cbegin(); it != changed.cend(); ++it)
        model.onRowsChanged(it.key(), it.value());
}

QStringList column(const QAbstractItemModel &model, int c, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out.append(model.index(r, c).data(role).toString());
    return out;
}

QStringList shownIds(const QAbstractItemModel &model)
{
    return column(model, 0, IdRole);
}

/// The users in the order of the offline column the slow, obvious way: a stable sort of the storage order by
/// SortRole (Never issued -2 < Expired -1 < the instant); descending is its exact reverse (ties too).
QStringList bruteForceOffline(UsersModel &model, Qt::SortOrder order)
{
    model.sort(-1);
    QList<std::pair<QString, qint64>> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows.append({ model.index(r, 0).data(IdRole).toString(),
                      model.index(r, UsersModel::OfflineKeyColumn).data(SortRole).toLongLong() });
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
    QStringList ids;
    for (const auto &row : std::as_const(rows))
        ids.append(row.first);
    if (order == Qt::DescendingOrder)
        std::reverse(ids.begin(), ids.end());
    return ids;
}

/// Notes the thread it is destroyed on (moved-from copies note nothing).
struct DestroyedOn
{
    std::shared_ptr<std::atomic<QThread *>> thread;
    ~DestroyedOn()
    {
        if (thread)
            thread->store(QThread::currentThread());
    }
    explicit DestroyedOn(std::shared_ptr<std::atomic<QThread *>> t)
        : thread(std::move(t))
    { }
    DestroyedOn(DestroyedOn &&) = default;
    DestroyedOn &operator=(DestroyedOn &&) = default;
};

} // namespace

class TestRecordModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offlineKeyExpiration_data();
    void offlineKeyExpiration();
    void expiredOfflineKeysQuickFilter();
    void offlineKeyTurnsExpiredAtItsInstant();
    void offlineKeyFollowsClockJumps();
    void offlineKeyChangesUpdateOneRow();
    void offlineKeyPassedWhileLoadingFlipsOnceLoaded();
    void offlineKeySortsOnAWorkerLikeABruteForceSort_data();
    void offlineKeySortsOnAWorkerLikeABruteForceSort();
    void usersReloadTwiceInARow();
    void releaseOnWorkerDestroysOffThisThread();
    void usersTextAndStatusFilters();
    void usersFilterOnAWorkerLikeInline();
    void usersIncrementalWithoutReset();
    void locksShowStatusAndFollowRenames();
    void quickClicksShowSyncState();
    void activityShowsRangesAndFilters();
    void auditNewestFirst();
};

void TestRecordModels::offlineKeyExpiration_data()
{
    QTest::addColumn<QList<qint64>>("expiries"); // of valid offline keys
    QTest::addColumn<QList<qint64>>("invalidated"); // expiries of invalidated ones
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("tone");
    QTest::newRow("none ever → Never issued")
        << QList<qint64> {} << QList<qint64> {} << QStringLiteral("Never issued") << QStringLiteral("muted");
    QTest::newRow("all in the past → Expired")
        << QList<qint64> { kNow - kHour } << QList<qint64> {} << QStringLiteral("Expired") << QStringLiteral("danger");
    QTest::newRow("only invalidated → Expired")
        << QList<qint64> {} << QList<qint64> { kNow + kHour } << QStringLiteral("Expired") << QStringLiteral("danger");
    QTest::newRow("latest of several, in the facility zone")
        << QList<qint64> { kNow + kHour, kNow + 3 * kHour } << QList<qint64> { kNow + 9 * kHour }
        << QStringLiteral("Wed 25 Nov 2026 16:00 (Europe/Berlin)") << QStringLiteral("ok");
}

void TestRecordModels::offlineKeyExpiration()
{
    QFETCH(QList<qint64>, expiries);
    QFETCH(QList<qint64>, invalidated);
    QFETCH(QString, expected);
    QFETCH(QString, tone);
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString user = newId(), lock = newId();
    QList<ChangeRow> rows { cache.user(user, QStringLiteral("Tess Tenant")), cache.lock(lock, QStringLiteral("A-1")) };
    for (qint64 e : expiries)
        rows.append(cache.offlineKey(newId(), lock, user, e - kHour, e));
    for (qint64 e : invalidated)
        rows.append(cache.offlineKey(newId(), lock, user, kNow - kHour, e, kNow - 1));
    cache.apply(rows);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFacilityZone(FacilityZone::fromIanaId(QStringLiteral("Europe/Berlin")).value());
    QVERIFY(model.attach(&cache.db()));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.headerData(UsersModel::OfflineKeyColumn, Qt::Horizontal).toString(),
             QStringLiteral("Offline Key Expiration"));
    QCOMPARE(model.index(0, UsersModel::OfflineKeyColumn).data().toString(), expected);
    QCOMPARE(model.index(0, UsersModel::OfflineKeyColumn).data(StatusColorRole).toString(), tone);
}

void TestRecordModels::expiredOfflineKeysQuickFilter()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId(), never = newId(), expired = newId(), valid = newId();
    cache.apply({ cache.lock(lock, QStringLiteral("A-1")), cache.user(never, QStringLiteral("Nina")),
                  cache.user(expired, QStringLiteral("Ed")), cache.user(valid, QStringLiteral("Val")),
                  cache.offlineKey(newId(), lock, expired, kNow - 2 * kHour, kNow - kHour),
                  cache.offlineKey(newId(), lock, valid, kNow - kHour, kNow + kHour) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setOfflineKeyFilter(UsersModel::OfflineKeyFilter::Expired);
    QCOMPARE(column(model, UsersModel::NameColumn), QStringList { QStringLiteral("Ed") });
    model.setOfflineKeyFilter(UsersModel::OfflineKeyFilter::NeverIssued);
    QCOMPARE(column(model, UsersModel::NameColumn), QStringList { QStringLiteral("Nina") });
    model.setOfflineKeyFilter(UsersModel::OfflineKeyFilter::Any);
    model.sort(UsersModel::OfflineKeyColumn, Qt::AscendingOrder);
    QCOMPARE(column(model, UsersModel::NameColumn),
             (QStringList { QStringLiteral("Nina"), QStringLiteral("Ed"), QStringLiteral("Val") }));
}

void TestRecordModels::offlineKeyTurnsExpiredAtItsInstant()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId(), user = newId(), other = newId();
    cache.apply({ cache.lock(lock, QStringLiteral("A-1")), cache.user(user, QStringLiteral("Ulla")),
                  cache.user(other, QStringLiteral("Otto")),
                  cache.offlineKey(newId(), lock, user, kNow - kHour, kNow + kHour),
                  cache.offlineKey(newId(), lock, other, kNow - kHour, kNow + 5 * kHour) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setOfflineKeyFilter(UsersModel::OfflineKeyFilter::Expired);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.findChildren<QTimer *>().size(), 1);
    QCOMPARE(model.nextBoundaryMs(), kNow + kHour);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    clock.advanceMs(kHour);
    model.checkBoundaries();
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(column(model, UsersModel::NameColumn), QStringList { QStringLiteral("Ulla") });
    QCOMPARE(model.nextBoundaryMs(), kNow + 5 * kHour);
    QCOMPARE(resets.size(), 0);
}

void TestRecordModels::offlineKeyFollowsClockJumps()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId(), user = newId(), other = newId();
    cache.apply({ cache.lock(lock, QStringLiteral("A-1")), cache.user(user, QStringLiteral("Ulla")),
                  cache.user(other, QStringLiteral("Otto")),
                  cache.offlineKey(newId(), lock, user, kNow - kHour, kNow + kHour),
                  cache.offlineKey(newId(), lock, other, kNow - kHour, kNow + 5 * kHour) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setOfflineKeyFilter(UsersModel::OfflineKeyFilter::Expired);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    // No checkBoundaries(): the model hears the jump.
    clock.advanceMs(kHour);
    QTRY_COMPARE(column(model, UsersModel::NameColumn), QStringList { QStringLiteral("Ulla") });
    QCOMPARE(model.nextBoundaryMs(), kNow + 5 * kHour);

    // Back before the expiry: Ulla's offline key is valid again, and expires at its instant once more.
    clock.set(QDateTime::fromMSecsSinceEpoch(kNow - kHour / 2, Qt::UTC));
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(model.offlineKeySummary(user)->kind, OfflineKeySummary::ValidUntil);
    QCOMPARE(model.offlineKeySummary(user)->until.toMSecsSinceEpoch(), kNow + kHour);
    QCOMPARE(model.nextBoundaryMs(), kNow + kHour);

    // Far ahead: both expired.
    clock.advanceMs(kHour / 2 + 5 * kHour);
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.nextBoundaryMs(), qint64(-1));
    QCOMPARE(resets.size(), 0);
}

void TestRecordModels::offlineKeyChangesUpdateOneRow()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId(), user = newId(), other = newId(), offline = newId();
    cache.apply({ cache.lock(lock, QStringLiteral("A-1")), cache.user(user, QStringLiteral("Ulla")),
                  cache.user(other, QStringLiteral("Otto")),
                  cache.offlineKey(offline, lock, user, kNow - kHour, kNow + kHour) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    // The server invalidates it (revocation): Expired at once.
    forward(model, cache.apply({ cache.offlineKey(offline, lock, user, kNow - kHour, kNow + kHour, kNow) }));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().data(IdRole).toString(), user);
    QCOMPARE(model.offlineKeySummary(user)->kind, OfflineKeySummary::Expired);
    // A new one for the other user.
    forward(model, cache.apply({ cache.offlineKey(newId(), lock, other, kNow, kNow + 2 * kHour) }));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(model.offlineKeySummary(other)->kind, OfflineKeySummary::ValidUntil);
    // The row disappears from the server: the user's state is read again (still issued once? no rows → never).
    forward(model, cache.apply({ cache.tombstone(QStringLiteral("offline_keys"), offline) }));
    QCOMPARE(model.offlineKeySummary(user)->kind, OfflineKeySummary::NeverIssued);
    QCOMPARE(resets.size(), 0);
}

void TestRecordModels::offlineKeyPassedWhileLoadingFlipsOnceLoaded()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId(), user = newId(), other = newId();
    cache.apply({ cache.lock(lock, QStringLiteral("A-1")), cache.user(user, QStringLiteral("Ulla")),
                  cache.user(other, QStringLiteral("Otto")),
                  cache.offlineKey(newId(), lock, user, kNow - kHour, kNow + kHour),
                  cache.offlineKey(newId(), lock, other, kNow - kHour, kNow + 5 * kHour) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setOfflineKeyFilter(UsersModel::OfflineKeyFilter::Expired);
    // The summaries are derived with the clock of the load's start; Ulla's expiry passes before they are
    // swapped in (the second reset of the load).
    int resets = 0;
    connect(&model, &QAbstractItemModel::modelAboutToBeReset, &model, [&] {
        if (++resets == 2)
            clock.advanceMs(kHour);
    });
    QVERIFY(model.attach(&cache.db()));
    QCOMPARE(resets, 2);
    QTRY_COMPARE(column(model, UsersModel::NameColumn), QStringList { QStringLiteral("Ulla") });
    QCOMPARE(model.offlineKeySummary(user)->kind, OfflineKeySummary::Expired);
    QCOMPARE(model.offlineKeySummary(other)->kind, OfflineKeySummary::ValidUntil);
    QCOMPARE(model.offlineKeySummary(other)->until.toMSecsSinceEpoch(), kNow + 5 * kHour);
    QCOMPARE(model.nextBoundaryMs(), kNow + 5 * kHour);
    QCOMPARE(resets, 2);
}

void TestRecordModels::offlineKeySortsOnAWorkerLikeABruteForceSort_data()
{
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::newRow("ascending") << Qt::AscendingOrder;
    QTest::newRow("descending") << Qt::DescendingOrder;
}

void TestRecordModels::offlineKeySortsOnAWorkerLikeABruteForceSort()
{
    QFETCH(Qt::SortOrder, order);
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId();
    QList<ChangeRow> rows { cache.lock(lock, QStringLiteral("A-1")) };
    QStringList never;
    // Every kind, many ties (the same expiry for many users) and distinct instants.
    for (int i = 0; i < 300; ++i) {
        const QString user = newId();
        rows.append(cache.user(user, QStringLiteral("User %1").arg(i)));
        switch (i % 5) {
        case 0:
            never.append(user);
            break;
        case 1:
            rows.append(cache.offlineKey(newId(), lock, user, kNow - 2 * kHour, kNow - kHour));
            break;
        case 2:
            rows.append(cache.offlineKey(newId(), lock, user, kNow - kHour, kNow + kHour, kNow - 1));
            break;
        case 3:
            rows.append(cache.offlineKey(newId(), lock, user, kNow - kHour, kNow + (1 + i % 3) * kHour));
            break;
        default:
            rows.append(cache.offlineKey(newId(), lock, user, kNow - kHour, kNow + 7 * kHour - i * 1000));
            break;
        }
    }
    cache.apply(rows);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setBackgroundSort(true, 0);

    QSignalSpy sorted(&model, &CacheTableModel::sorted);
    model.sort(UsersModel::OfflineKeyColumn, order);
    QVERIFY(model.sortPending()); // a job on a worker, not compareExtra() here
    QTRY_COMPARE(sorted.size(), 1);
    QStringList shown = shownIds(model); // before the brute force, which sorts the model back to storage order
    QCOMPARE(shown, bruteForceOffline(model, order));

    // Rows placed one by one afterwards (compareExtra()) land where the job's order has them: both orders agree.
    model.sort(UsersModel::OfflineKeyColumn, order);
    QTRY_VERIFY(!model.sortPending());
    forward(model,
            cache.apply({ cache.offlineKey(newId(), lock, never.at(0), kNow - kHour, kNow + 2 * kHour),
                          cache.offlineKey(newId(), lock, never.at(1), kNow - 2 * kHour, kNow - kHour),
                          cache.user(newId(), QStringLiteral("Newcomer")) }));
    QVERIFY(!model.sortPending());
    shown = shownIds(model);
    QCOMPARE(shown, bruteForceOffline(model, order));
}

void TestRecordModels::usersReloadTwiceInARow()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId(), user = newId(), other = newId();
    cache.apply({ cache.lock(lock, QStringLiteral("A-1")), cache.user(user, QStringLiteral("Ulla")),
                  cache.user(other, QStringLiteral("Otto")),
                  cache.offlineKey(newId(), lock, user, kNow - kHour, kNow + kHour),
                  cache.offlineKey(newId(), lock, other, kNow - kHour, kNow + 5 * kHour) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.sort(UsersModel::OfflineKeyColumn, Qt::DescendingOrder);
    QCOMPARE(column(model, UsersModel::NameColumn), (QStringList { QStringLiteral("Otto"), QStringLiteral("Ulla") }));
    QSignalSpy loaded(&model, &CacheTableModel::loaded);

    // A full sync replaced the tables: Ulla got a later key.
    cache.apply({ cache.offlineKey(newId(), lock, user, kNow, kNow + 6 * kHour) });
    model.onRowsChanged(QStringLiteral("users"), {});
    QTRY_COMPARE(loaded.size(), 1);
    model.onRowsChanged(QStringLiteral("offline_keys"), {});
    QTRY_COMPARE(loaded.size(), 2);
    QCOMPARE(column(model, UsersModel::NameColumn), (QStringList { QStringLiteral("Ulla"), QStringLiteral("Otto") }));
    QCOMPARE(model.offlineKeySummary(user)->until.toMSecsSinceEpoch(), kNow + 6 * kHour);
    QCOMPARE(model.nextBoundaryMs(), kNow + 5 * kHour);

    // The boundaries of the earlier loads are gone: each flips once, then none is left.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    clock.advanceMs(5 * kHour);
    QTRY_COMPARE(model.offlineKeySummary(other)->kind, OfflineKeySummary::Expired);
    QCOMPARE(model.nextBoundaryMs(), kNow + 6 * kHour);
    clock.advanceMs(kHour);
    QTRY_COMPARE(model.offlineKeySummary(user)->kind, OfflineKeySummary::Expired);
    QCOMPARE(model.nextBoundaryMs(), qint64(-1));
    QCOMPARE(model.rowCount(), 2);
}

void TestRecordModels::releaseOnWorkerDestroysOffThisThread()
{
    auto thread = std::make_shared<std::atomic<QThread *>>(nullptr);
    releaseOnWorker(DestroyedOn(thread), QList<int>(1000, 7));
    QTRY_VERIFY(thread->load() != nullptr);
    QVERIFY(thread->load() != QThread::currentThread());
}

void TestRecordModels::usersTextAndStatusFilters()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    cache.apply({ cache.user(newId(), QStringLiteral("Anna Berg"), QStringLiteral("anna@example.com")),
                  cache.user(newId(), QStringLiteral("Bert Delinq"), QStringLiteral("bert@example.com"),
                             QStringLiteral("delinquent")),
                  cache.user(newId(), QStringLiteral("Carl Contractor"), QStringLiteral("c@firm.test"),
                             QStringLiteral("active"), QStringLiteral("contractor")) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setTextFilter(QStringLiteral("EXAMPLE"));
    QCOMPARE(model.rowCount(), 2);
    model.setFieldFilter(QStringLiteral("status"), QStringLiteral("delinquent"));
    QCOMPARE(column(model, UsersModel::NameColumn), QStringList { QStringLiteral("Bert Delinq") });
    QCOMPARE(model.index(0, 0).data(StatusColorRole).toString(), QStringLiteral("warning"));
    QCOMPARE(model.index(0, UsersModel::StatusColumn).data().toString(), QStringLiteral("Delinquent"));
    model.clearFilters();
    model.setFieldFilter(QStringLiteral("kind"), QStringLiteral("contractor"));
    QCOMPARE(column(model, UsersModel::NameColumn), QStringList { QStringLiteral("Carl Contractor") });
}

void TestRecordModels::usersFilterOnAWorkerLikeInline()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId();
    QList<ChangeRow> rows { cache.lock(lock, QStringLiteral("A-1")) };
    const QString statuses[] = { QStringLiteral("active"), QStringLiteral("delinquent"), QStringLiteral("suspended") };
    QStringList users;
    for (int i = 0; i < 300; ++i) {
        users.append(newId());
        rows.append(cache.user(users.last(), QStringLiteral("User %1").arg(i),
                               QStringLiteral("user%1@example.com").arg(i), statuses[i % 3]));
        if (i % 4 == 1) // expired
            rows.append(cache.offlineKey(newId(), lock, users.last(), kNow - 2 * kHour, kNow - kHour));
        else if (i % 4 == 2) // valid
            rows.append(cache.offlineKey(newId(), lock, users.last(), kNow - kHour, kNow + kHour));
    }
    cache.apply(rows);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setBackgroundFilter(true, 0); // as 200,000 users do with a CacheStore
    model.sort(UsersModel::NameColumn, Qt::AscendingOrder);

    QSignalSpy filtered(&model, &UsersModel::filtered);
    auto filter = [](UsersModel &m) {
        m.setTextFilter(QStringLiteral("user 1"));
        m.setFieldFilter(QStringLiteral("status"), QStringLiteral("active"));
        m.setOfflineKeyFilter(UsersModel::OfflineKeyFilter::Expired);
    };
    filter(model);
    QVERIFY(model.filterPending());
    QCOMPARE(model.rowCount(), 300); // until the job lands
    // A user renamed into the filter while the job runs is placed when it lands.
    const QString renamed = users.at(5); // active, expired offline key, "User 5"
    forward(model,
            cache.apply({ cache.user(renamed, QStringLiteral("User 1 renamed"), QStringLiteral("r@example.com"),
                                     QStringLiteral("active")) }));
    QVERIFY(filtered.wait(10000));
    QVERIFY(!model.filterPending());
    UsersModel fresh(clock); // inline, over the cache as it is now
    QVERIFY(fresh.attach(&cache.db()));
    fresh.sort(UsersModel::NameColumn, Qt::AscendingOrder);
    filter(fresh);
    QVERIFY(fresh.rowOfId(renamed) >= 0);
    QCOMPARE(shownIds(model), shownIds(fresh));
    QVERIFY(model.rowCount() > 1);
    // Cleared: every user at once, nothing to run.
    model.clearFilters();
    model.setOfflineKeyFilter(UsersModel::OfflineKeyFilter::Any);
    QVERIFY(!model.filterPending());
    QCOMPARE(model.rowCount(), 300);
}

void TestRecordModels::usersIncrementalWithoutReset()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString anna = newId();
    cache.apply({ cache.user(anna, QStringLiteral("Anna")), cache.user(newId(), QStringLiteral("Carl")) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    UsersModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.sort(UsersModel::NameColumn, Qt::AscendingOrder);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    forward(model, cache.apply({ cache.user(newId(), QStringLiteral("Bea")) }));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(column(model, UsersModel::NameColumn),
             (QStringList { QStringLiteral("Anna"), QStringLiteral("Bea"), QStringLiteral("Carl") }));
    forward(model, cache.apply({ cache.user(anna, QStringLiteral("Anna"), QStringLiteral("new@example.com")) }));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(0, UsersModel::EmailColumn).data().toString(), QStringLiteral("new@example.com"));
    forward(model, cache.apply({ cache.user(anna, QStringLiteral("Zoe")) })); // a rename moves the row
    QCOMPARE(column(model, UsersModel::NameColumn),
             (QStringList { QStringLiteral("Bea"), QStringLiteral("Carl"), QStringLiteral("Zoe") }));
    forward(model, cache.apply({ cache.tombstone(QStringLiteral("users"), anna) }));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(removed.size() >= 2);
    QCOMPARE(resets.size(), 0);
}

void TestRecordModels::locksShowStatusAndFollowRenames()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString a = newId();
    cache.apply({ cache.lock(a, QStringLiteral("A-101"), QStringLiteral("AA:BB:CC:00:00:01")),
                  cache.lock(newId(), QStringLiteral("B-104"), QStringLiteral("AA:BB:CC:00:00:02"),
                             QStringLiteral("awaiting_setup")) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    LocksModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QCOMPARE(model.rowCount(), 2);
    const int b = 1 - model.rowOfId(a);
    QCOMPARE(model.index(b, LocksModel::StatusColumn).data().toString(), QStringLiteral("Awaiting setup"));
    QCOMPARE(model.index(b, 0).data(StatusColorRole).toString(), QStringLiteral("warning"));
    model.setTextFilter(QStringLiteral("cc:00:00:02"));
    QCOMPARE(column(model, LocksModel::NameColumn), QStringList { QStringLiteral("B-104") });
    model.clearFilters();
    model.setFieldFilter(QStringLiteral("status"), QStringLiteral("ready"));
    QCOMPARE(column(model, LocksModel::NameColumn), QStringList { QStringLiteral("A-101") });
}

void TestRecordModels::quickClicksShowSyncState()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId(), pending = newId();
    auto qc = [&cache, lock](const QString &id, const QString &code, int pendingFlag, int revoked, int delivered) {
        return cache.row(QStringLiteral("quick_clicks"), id,
                         { { QStringLiteral("lock_id"), lock },
                           { QStringLiteral("code"), code },
                           { QStringLiteral("uses"), 255 },
                           { QStringLiteral("start_uses"), 255 },
                           { QStringLiteral("pending"), pendingFlag },
                           { QStringLiteral("revoked"), revoked },
                           { QStringLiteral("removal_delivered"), delivered },
                           { QStringLiteral("created_at"), kNow } });
    };
    cache.apply({ cache.lock(lock, QStringLiteral("Gate")), qc(pending, QStringLiteral("0101"), 1, 0, 0),
                  qc(newId(), QStringLiteral("1100"), 0, 0, 0), qc(newId(), QStringLiteral("111"), 0, 1, 0) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    QuickClicksModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.sort(QuickClicksModel::CodeColumn, Qt::AscendingOrder);
    QCOMPARE(column(model, QuickClicksModel::CodeColumn),
             (QStringList { QStringLiteral("0101"), QStringLiteral("1100"), QStringLiteral("111") }));
    QCOMPARE(column(model, 0, StatusRole),
             (QStringList { QStringLiteral("pending"), QStringLiteral("active"), QStringLiteral("removal_pending") }));
    QCOMPARE(column(model, 0, StatusColorRole),
             (QStringList { QStringLiteral("warning"), QStringLiteral("ok"), QStringLiteral("warning") }));
    QCOMPARE(model.index(0, QuickClicksModel::LockColumn).data().toString(), QStringLiteral("Gate"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    forward(model, cache.apply({ qc(pending, QStringLiteral("0101"), 0, 0, 0) })); // synced to the lock
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(0, 0).data(StatusRole).toString(), QStringLiteral("active"));
    // A lock rename shows in the lock column, and lock-name search follows it.
    forward(model, cache.apply({ cache.lock(lock, QStringLiteral("North gate")) }));
    model.setTextFilter(QStringLiteral("north"));
    QCOMPARE(model.rowCount(), 3);
}

void TestRecordModels::activityShowsRangesAndFilters()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    const QString lock = newId(), other = newId();
    auto event = [&cache](const QString &lockId, const QString &action, qint64 recorded, qint64 start, qint64 end,
                          const QString &tk) {
        auto v = [](qint64 x) { return x < 0 ? QJsonValue() : QJsonValue(x); };
        return cache.row(QStringLiteral("activity"), newId(),
                         { { QStringLiteral("lock_id"), lockId },
                           { QStringLiteral("lock_mac"), QStringLiteral("AA:BB:CC:00:00:01") },
                           { QStringLiteral("action"), action },
                           { QStringLiteral("recorded_time"), recorded },
                           { QStringLiteral("range_start"), v(start) },
                           { QStringLiteral("range_end"), v(end) },
                           { QStringLiteral("tracking_key"), tk } });
    };
    cache.apply(
        { cache.lock(lock, QStringLiteral("A-101")), cache.lock(other, QStringLiteral("B-104")),
          event(lock, QStringLiteral("unlocked"), kNow - 3 * kHour, -1, -1, QStringLiteral("tk-ann")),
          event(lock, QStringLiteral("unlocked_via_quick_click"), kNow, kNow - 2 * kHour, kNow - kHour, QString()),
          event(other, QStringLiteral("failed_unlock"), kNow - kHour / 2, -1, -1, QStringLiteral("tk-bob")) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    ActivityModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    // Newest first, by the event's (earliest possible) time; the quick click shows its range.
    QCOMPARE(column(model, ActivityModel::ActionColumn),
             (QStringList { QStringLiteral("failed_unlock"), QStringLiteral("unlocked_via_quick_click"),
                            QStringLiteral("unlocked") }));
    QCOMPARE(model.index(1, ActivityModel::TimeColumn).data().toString(), QStringLiteral("2026-11-25 10:00 – 11:00"));
    QCOMPARE(model.index(1, 0).data(RangeStartRole).toLongLong(), kNow - 2 * kHour);
    QCOMPARE(model.index(1, 0).data(RangeEndRole).toLongLong(), kNow - kHour);
    QCOMPARE(model.index(2, ActivityModel::TimeColumn).data().toString(), QStringLiteral("2026-11-25 09:00"));
    QCOMPARE(model.index(0, 0).data(StatusColorRole).toString(), QStringLiteral("danger"));
    QCOMPARE(model.index(0, ActivityModel::LockColumn).data().toString(), QStringLiteral("B-104"));

    model.setFieldFilter(QStringLiteral("lock_id"), lock);
    QCOMPARE(model.rowCount(), 2);
    // A range overlapping the quick click's uncertain time keeps it.
    model.setDateRange(QDateTime::fromMSecsSinceEpoch(kNow - kHour - kHour / 2, Qt::UTC),
                       QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    QCOMPARE(column(model, ActivityModel::ActionColumn), QStringList { QStringLiteral("unlocked_via_quick_click") });
    model.clearFilters();
    model.setFieldFilter(QStringLiteral("tracking_key"), QStringLiteral("tk-bob"));
    QCOMPARE(model.rowCount(), 1);
    model.clearFilters();
    model.setTextFilter(QStringLiteral("a-101"));
    QCOMPARE(model.rowCount(), 2);
    // A new event lands at the top without a reset.
    model.clearFilters();
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    forward(model, cache.apply({ event(lock, QStringLiteral("locked"), kNow, -1, -1, QString()) }));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(resets.size(), 0);
}

void TestRecordModels::auditNewestFirst()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    auto entry = [&cache](qint64 at, const QString &action) {
        return cache.row(QStringLiteral("audit_log"), newId(),
                         { { QStringLiteral("at"), at },
                           { QStringLiteral("staff_id"), QStringLiteral("s1") },
                           { QStringLiteral("action"), action },
                           { QStringLiteral("entity"), QStringLiteral("keys") },
                           { QStringLiteral("entity_id"), QStringLiteral("k1") } });
    };
    cache.apply({ entry(kNow - kHour, QStringLiteral("key.create")), entry(kNow, QStringLiteral("key.revoke")) });
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    AuditModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QCOMPARE(column(model, AuditModel::ActionColumn),
             (QStringList { QStringLiteral("key.revoke"), QStringLiteral("key.create") }));
    model.setDateRange(QDateTime::fromMSecsSinceEpoch(kNow - 2 * kHour, Qt::UTC),
                       QDateTime::fromMSecsSinceEpoch(kNow - 1, Qt::UTC));
    QCOMPARE(column(model, AuditModel::ActionColumn), QStringList { QStringLiteral("key.create") });
}

QTEST_MAIN(TestRecordModels)
#include "TestRecordModels.moc"
