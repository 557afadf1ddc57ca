// Sorting the keys model: every column against a brute-force sort of the rows' SortRole (case folding,
// non-ASCII text, nameless locks, ties), before and after synced changes; sorts on a worker thread while rows
// change meanwhile; a large synced page as ONE layout change with persistent indexes following their rows.
#include "KeysFacility.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>

#include <algorithm>

using namespace Keydesk::Core;
using namespace Keydesk::Test;

namespace {

int compareSortValues(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString) {
        const int c = QString::compare(a.toString(), b.toString(), Qt::CaseSensitive);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    const qint64 x = a.toLongLong();
    const qint64 y = b.toLongLong();
    return x < y ? -1 : (x > y ? 1 : 0);
}

/// The rows (as the filter shows them) sorted the slow, obvious way: a stable sort of the storage order by
/// SortRole; descending is its exact reverse (ties too, as the model breaks them by storage order).
QStringList bruteForce(KeysModel &model, int column, Qt::SortOrder order)
{
    model.sort(-1);
    QList<std::pair<QString, QVariant>> rows;
    for (int r = 0; r < model.rowCount(); ++r)
        rows.append({ model.index(r, 0).data(IdRole).toString(), model.index(r, column).data(SortRole) });
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto &a, const auto &b) { return compareSortValues(a.second, b.second) < 0; });
    QStringList ids;
    for (const auto &row : std::as_const(rows))
        ids.append(row.first);
    if (order == Qt::DescendingOrder)
        std::reverse(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestKeysSorting final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyColumnMatchesABruteForceSort_data();
    void everyColumnMatchesABruteForceSort();
    void backgroundSortKeepsChangesMadeMeanwhile_data();
    void backgroundSortKeepsChangesMadeMeanwhile();
    void largePageIsOneLayoutChange();
    void largePageWithAStoreIsAppliedInChunks();
    void renameUnderATextFilterReplacesTheKeys();
    void typingOnShowsWhatAFreshFilterShows();
};

void TestKeysSorting::everyColumnMatchesABruteForceSort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    const std::pair<int, const char *> columns[] = {
        { KeysModel::DescriptionColumn, "description" },
        { KeysModel::LockColumn, "lock" },
        { KeysModel::UserColumn, "user" },
        { KeysModel::RoleColumn, "role" },
        { KeysModel::ScheduleColumn, "schedule" },
        { KeysModel::ValidFromColumn, "valid from" },
        { KeysModel::ValidToColumn, "valid to" },
        { KeysModel::StatusColumn, "status" },
    };
    for (const auto &[column, name] : columns) {
        QTest::addRow("%s ascending", name) << column << int(Qt::AscendingOrder);
        QTest::addRow("%s descending", name) << column << int(Qt::DescendingOrder);
    }
}

void TestKeysSorting::everyColumnMatchesABruteForceSort()
{
    QFETCH(int, column);
    QFETCH(int, order);
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache, 300);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QCOMPARE(model.rowCount(), 300);
    const auto sortOrder = Qt::SortOrder(order);

    model.sort(column, sortOrder);
    QVERIFY(!model.sortPending());
    QStringList shown = shownIds(model);
    QCOMPARE(shown, bruteForce(model, column, sortOrder));

    // Changes one at a time land where a full sort would put them...
    model.sort(column, sortOrder);
    for (int i = 0; i < 10; ++i)
        feed(cache, model, f.changes(cache, 1));
    shown = shownIds(model);
    QCOMPARE(shown, bruteForce(model, column, sortOrder));

    // ... and so does a page of them (one batch).
    model.sort(column, sortOrder);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    feed(cache, model, f.changes(cache, 150));
    QCOMPARE(layout.size(), 1);
    shown = shownIds(model);
    QCOMPARE(shown, bruteForce(model, column, sortOrder));
}

void TestKeysSorting::backgroundSortKeepsChangesMadeMeanwhile_data()
{
    QTest::addColumn<int>("column");
    QTest::newRow("description (text prefixes, ties by full text)") << int(KeysModel::DescriptionColumn);
    QTest::newRow("user (names ranked on the worker)") << int(KeysModel::UserColumn);
    QTest::newRow("schedule") << int(KeysModel::ScheduleColumn);
    QTest::newRow("valid to") << int(KeysModel::ValidToColumn);
}

void TestKeysSorting::backgroundSortKeepsChangesMadeMeanwhile()
{
    QFETCH(int, column);
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache, 400);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setBackgroundSort(true, 0);
    model.setTextFilter(QStringLiteral("e"));
    const QString kept = model.index(model.rowCount() / 2, 0).data(IdRole).toString();
    const QPersistentModelIndex persistent = model.index(model.rowCount() / 2, 2);

    QSignalSpy sorted(&model, &KeysModel::sorted);
    model.sort(column, Qt::AscendingOrder);
    QVERIFY(model.sortPending());
    QCOMPARE(model.sortColumn(), column);
    // The worker's result can only land through the event loop: these changes happen while it runs.
    feed(cache, model, f.changes(cache, 5));
    feed(cache, model, f.changes(cache, 100));
    QVERIFY(model.sortPending());
    QVERIFY(sorted.wait(10000));
    QVERIFY(!model.sortPending());
    const QStringList shown = shownIds(model);
    if (model.rowOfId(kept) >= 0) {
        QVERIFY(persistent.isValid());
        QCOMPARE(persistent.data(IdRole).toString(), kept);
        QCOMPARE(persistent.column(), 2);
    }
    model.setBackgroundSort(false);
    QCOMPARE(shown, bruteForce(model, column, Qt::AscendingOrder));
}

void TestKeysSorting::largePageIsOneLayoutChange()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache, 500);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.sort(KeysModel::DescriptionColumn, Qt::DescendingOrder);
    model.setStatusFilter({ KeyStatus::Active, KeyStatus::Upcoming });
    // A row that stays: its persistent index must follow it.
    const QString kept = model.index(10, 0).data(IdRole).toString();
    f.keys.removeAll(kept);
    const QPersistentModelIndex persistent = model.index(10, 1);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    feed(cache, model, f.changes(cache, 300));
    QCOMPARE(layout.size(), 1);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QVERIFY(persistent.isValid());
    QCOMPARE(persistent.data(IdRole).toString(), kept);
    QCOMPARE(persistent.row(), model.rowOfId(kept));
    // Every shown row passes the filter, and the order is a full sort's.
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString status = model.index(r, 0).data(StatusRole).toString();
        QVERIFY2(status == QLatin1String("ACTIVE") || status == QLatin1String("UPCOMING"), qPrintable(status));
    }
    const QStringList shown = shownIds(model);
    QCOMPARE(shown, bruteForce(model, KeysModel::DescriptionColumn, Qt::DescendingOrder));
}

void TestKeysSorting::largePageWithAStoreIsAppliedInChunks()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache, 300);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.setBackgroundSort(true); // as with a CacheStore: large pages in chunks
    model.sort(KeysModel::UserColumn, Qt::AscendingOrder);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy applied(&model, &KeysModel::changesApplied);
    const QList<ChangeRow> page = f.changes(cache, 3 * KeysModel::kChunkRows);
    feed(cache, model, page);
    // One chunk now, the rest on later turns of the event loop.
    QCOMPARE(layout.size(), 1);
    QVERIFY(model.changesPending());
    QVERIFY(applied.wait(10000));
    QVERIFY(!model.changesPending());
    QVERIFY(layout.size() >= 2);
    QCOMPARE(model.rowCount(), int(f.keys.size()));
    model.setBackgroundSort(false);
    const QStringList shown = shownIds(model);
    QCOMPARE(shown, bruteForce(model, KeysModel::UserColumn, Qt::AscendingOrder));
}

void TestKeysSorting::typingOnShowsWhatAFreshFilterShows()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache, 300);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    KeysModel fresh(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    QVERIFY(fresh.attach(&cache.db()));
    model.sort(KeysModel::DescriptionColumn, Qt::AscendingOrder);
    fresh.sort(KeysModel::DescriptionColumn, Qt::AscendingOrder);
    model.setStatusFilter({ KeyStatus::Active });
    fresh.setStatusFilter({ KeyStatus::Active });
    const QString typed = QStringLiteral("Cleaner 1");
    for (int n = 1; n <= typed.size(); ++n) {
        model.setTextFilter(typed.left(n)); // narrows what the previous keystroke showed
        fresh.setTextFilter({});
        fresh.setTextFilter(typed.left(n));
        QCOMPARE(shownIds(model), shownIds(fresh));
    }
    QVERIFY(model.rowCount() > 0);
    model.setTextFilter(QStringLiteral("Clean")); // deleting characters widens again
    fresh.setTextFilter(QStringLiteral("Clean"));
    QCOMPARE(shownIds(model), shownIds(fresh));
}

void TestKeysSorting::renameUnderATextFilterReplacesTheKeys()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache, 200);
    FakeClock clock(QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC));
    KeysModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.attach(&cache.db()));
    model.sort(KeysModel::LockColumn, Qt::AscendingOrder);
    model.setTextFilter(QStringLiteral("north wing"));
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    feed(cache, model, { cache.lock(f.locks.at(4), QStringLiteral("B-104 North Wing")) });
    QVERIFY(model.rowCount() > 0);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, KeysModel::LockColumn).data().toString(), QStringLiteral("B-104 North Wing"));
    feed(cache, model, { cache.lock(f.locks.at(4), QStringLiteral("B-104")) });
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.size(), 0);
    model.setTextFilter({});
    const QStringList shown = shownIds(model);
    QCOMPARE(shown, bruteForce(model, KeysModel::LockColumn, Qt::AscendingOrder));
}

QTEST_MAIN(TestKeysSorting)
#include "TestKeysSorting.moc"
