// Filtering the keys model on a worker thread (a million keys must not filter on the GUI thread): every kind of
// filter shows what the same filter run inline shows; rows that change while the job runs are filtered too; fast
// typing drops the older jobs; clearing and reloading meanwhile. Also the snapshots the jobs read: a sort job made
// before the table changes sorts the table as it was.
#include "KeysFacility.h"
#include "core/models/KeyTable.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Keydesk::Core;
using namespace Keydesk::Test;

namespace {

QStringList sortedIds(const QAbstractItemModel &model)
{
    QStringList ids = shownIds(model);
    std::sort(ids.begin(), ids.end());
    return ids;
}

/// The awkward facility in a cache, a fake clock at kNow, and keys models over them.
struct Desk
{
    FeedCache cache;
    Facility f;
    FakeClock clock { QDateTime::fromMSecsSinceEpoch(kNow, Qt::UTC) };
    std::vector<std::unique_ptr<KeysModel>> models;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    bool ok = false; ///< the cache opened and every model loaded

    explicit Desk(int keys)
    {
        ok = cache.ok();
        if (ok)
            f.fill(cache, keys);
    }
    /// A loaded model; `background`: its filters run on a worker whatever their size (as a million keys' do);
    /// else inline, the reference.
    KeysModel &model(bool background)
    {
        models.push_back(std::make_unique<KeysModel>(clock));
        KeysModel &m = *models.back();
        if (background) // under the tester: it checks every signal of the filters landing
            testers.push_back(
                std::make_unique<QAbstractItemModelTester>(&m, QAbstractItemModelTester::FailureReportingMode::QtTest));
        ok = ok && bool(m.attach(&cache.db()));
        m.setBackgroundFilter(background, 0);
        return m;
    }
};

/// A filter as a test row: what to set on a model.
struct FilterSpec
{
    QString text;
    QList<KeyStatus> statuses;
    int lock = -1; ///< index into Facility::locks
    int user = -1;
    bool range = false;

    void applyTo(KeysModel &model, const Facility &f) const
    {
        model.setTextFilter(text);
        model.setStatusFilter(statuses);
        model.setLockFilter(lock < 0 ? QString() : f.locks.at(lock));
        model.setUserFilter(user < 0 ? QString() : f.users.at(user));
        if (range)
            model.setDateRange(QDateTime::fromMSecsSinceEpoch(kNow - 5 * kDay, Qt::UTC),
                               QDateTime::fromMSecsSinceEpoch(kNow + 5 * kDay, Qt::UTC));
    }
};

} // namespace

Q_DECLARE_METATYPE(FilterSpec)

class TestKeysFiltering final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backgroundFilterShowsWhatAnInlineFilterShows_data();
    void backgroundFilterShowsWhatAnInlineFilterShows();
    void rowsChangedWhileFilteringAreFilteredToo();
    void typingFastKeepsOnlyTheLastFilter();
    void clearingWhileFilteringShowsEverythingAtOnce();
    void reloadUnderAFilterFiltersInTheBackground();
    void sortJobSortsTheTableAsItWasWhenMade();
    void snapshotsKeepTheirChunks();
};

void TestKeysFiltering::backgroundFilterShowsWhatAnInlineFilterShows_data()
{
    QTest::addColumn<FilterSpec>("spec");
    auto spec = [](auto set) {
        FilterSpec s;
        set(s);
        return s;
    };
    QTest::newRow("text (ASCII)") << spec([](FilterSpec &s) { s.text = QStringLiteral("clean"); });
    QTest::newRow("text (folded: Élodie)") << spec([](FilterSpec &s) { s.text = QString::fromUtf8("élodie"); });
    QTest::newRow("text in a lock name") << spec([](FilterSpec &s) { s.text = QStringLiteral("b-104"); });
    QTest::newRow("text in a user name") << spec([](FilterSpec &s) { s.text = QStringLiteral("kim"); });
    QTest::newRow("status") << spec([](FilterSpec &s) { s.statuses = { KeyStatus::Active, KeyStatus::Upcoming }; });
    QTest::newRow("lock") << spec([](FilterSpec &s) { s.lock = 4; });
    QTest::newRow("nameless lock") << spec([](FilterSpec &s) { s.lock = 8; });
    QTest::newRow("user") << spec([](FilterSpec &s) { s.user = 2; });
    QTest::newRow("date range") << spec([](FilterSpec &s) { s.range = true; });
    QTest::newRow("all at once") << spec([](FilterSpec &s) {
        s.text = QStringLiteral("e");
        s.statuses = { KeyStatus::Active };
        s.user = 0;
        s.range = true;
    });
}

void TestKeysFiltering::backgroundFilterShowsWhatAnInlineFilterShows()
{
    QFETCH(FilterSpec, spec);
    Desk d(600);
    KeysModel &model = d.model(true);
    KeysModel &reference = d.model(false);
    QVERIFY(d.ok);
    model.sort(KeysModel::DescriptionColumn, Qt::AscendingOrder);
    reference.sort(KeysModel::DescriptionColumn, Qt::AscendingOrder);

    QSignalSpy filtered(&model, &KeysModel::filtered);
    spec.applyTo(model, d.f);
    QVERIFY(model.filterPending());
    QCOMPARE(model.rowCount(), 600); // nothing changes on this thread until the job lands
    QVERIFY(filtered.wait(10000));
    QVERIFY(!model.filterPending());
    spec.applyTo(reference, d.f);
    QVERIFY(!reference.filterPending());
    QCOMPARE(shownIds(model), shownIds(reference)); // the same rows, in the same order
    QVERIFY(model.rowCount() < 600);
}

void TestKeysFiltering::rowsChangedWhileFilteringAreFilteredToo()
{
    Desk d(500);
    KeysModel &model = d.model(true);
    QVERIFY(d.ok);
    model.setStatusFilter({ KeyStatus::Active });
    QSignalSpy filtered(&model, &KeysModel::filtered);
    QVERIFY(filtered.wait(10000));

    model.setTextFilter(QStringLiteral("cleaner"));
    QVERIFY(model.filterPending());
    // The job reads a snapshot; these land on this thread while it runs: edits, new keys, deleted keys, and a
    // lock renamed so that its keys match the text.
    feed(d.cache, model, d.f.changes(d.cache, 150));
    feed(d.cache, model, { d.cache.lock(d.f.locks.at(6), QStringLiteral("Cleaners' store")) });
    feed(d.cache, model, d.f.changes(d.cache, 10));
    QVERIFY(filtered.wait(10000));
    QVERIFY(!model.filterPending());

    KeysModel &fresh = d.model(false);
    QVERIFY(d.ok);
    fresh.setStatusFilter({ KeyStatus::Active });
    fresh.setTextFilter(QStringLiteral("cleaner"));
    QVERIFY(fresh.rowCount() > 0);
    QCOMPARE(sortedIds(model), sortedIds(fresh));
}

void TestKeysFiltering::typingFastKeepsOnlyTheLastFilter()
{
    Desk d(500);
    KeysModel &model = d.model(true);
    KeysModel &fresh = d.model(false);
    QVERIFY(d.ok);
    model.sort(KeysModel::UserColumn, Qt::DescendingOrder);
    fresh.sort(KeysModel::UserColumn, Qt::DescendingOrder);

    QSignalSpy filtered(&model, &KeysModel::filtered);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    // Keystrokes faster than the jobs: each one replaces the job in flight (a narrowing one too, since the rows
    // shown are not the previous text's yet).
    for (const char *typed : { "p", "pl", "plu", "plum" })
        model.setTextFilter(QString::fromLatin1(typed));
    QVERIFY(filtered.wait(10000));
    QTest::qWait(50); // an older job landing late would show here
    QCOMPARE(filtered.size(), 1);
    QCOMPARE(resets.size(), 1);
    fresh.setTextFilter(QStringLiteral("plum"));
    QCOMPARE(shownIds(model), shownIds(fresh));

    // Typing on once the rows are the previous text's: the job asks only those rows.
    model.setTextFilter(QStringLiteral("plumber 2"));
    QVERIFY(model.filterPending());
    QVERIFY(filtered.wait(10000));
    fresh.setTextFilter(QStringLiteral("plumber 2"));
    QVERIFY(fresh.rowCount() > 0);
    QCOMPARE(shownIds(model), shownIds(fresh));
}

void TestKeysFiltering::clearingWhileFilteringShowsEverythingAtOnce()
{
    Desk d(300);
    KeysModel &model = d.model(true);
    QVERIFY(d.ok);
    QSignalSpy filtered(&model, &KeysModel::filtered);
    model.setTextFilter(QStringLiteral("zoë"));
    QVERIFY(model.filterPending());
    model.clearFilters(); // no filter: nothing to run
    QVERIFY(!model.filterPending());
    QCOMPARE(filtered.size(), 1);
    QCOMPARE(model.rowCount(), 300);
    QTest::qWait(100); // the dropped job's result must not land
    QCOMPARE(filtered.size(), 1);
    QCOMPARE(model.rowCount(), 300);
}

void TestKeysFiltering::reloadUnderAFilterFiltersInTheBackground()
{
    Desk d(400);
    KeysModel &model = d.model(true);
    QVERIFY(d.ok);
    model.setTextFilter(QStringLiteral("gate"));
    QSignalSpy filtered(&model, &KeysModel::filtered);
    QVERIFY(filtered.wait(10000));
    const QStringList before = sortedIds(model);
    QVERIFY(!before.isEmpty());

    // A whole-table change (the end of a full sync) reloads; the rows come back filtered, never unfiltered.
    QSignalSpy loaded(&model, &KeysModel::loaded);
    model.onRowsChanged(QStringLiteral("keys"), {});
    QVERIFY(loaded.wait(10000));
    QVERIFY(model.rowCount() == 0 || !model.filterPending());
    if (model.filterPending())
        QVERIFY(filtered.wait(10000));
    QCOMPARE(sortedIds(model), before);
}

void TestKeysFiltering::sortJobSortsTheTableAsItWasWhenMade()
{
    FeedCache cache;
    QVERIFY(cache.ok());
    Facility f;
    f.fill(cache, 300);
    auto read = KeyTable::read(cache.db(), kNow);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    KeyTable &table = *read.value();
    SortJob reference = table.descriptionSort();
    SortJob job = table.descriptionSort();
    SortJob byStatus = table.numericSort([](const KeyRecord &r) { return quint64(r.status); });
    const QList<int> expected = reference.run(Qt::AscendingOrder);
    std::vector<quint8> statusBefore;
    for (int slot = 0; slot < table.size(); ++slot)
        statusBefore.push_back(table.at(slot).status);

    // Change the table the ways the model does, before the jobs run: a description rewritten in place (shorter)
    // and one moved to the end of the arena (longer), a new key, a key killed, a status flipped.
    auto rows = KeyTable::readKeys(cache.db(), { f.keys.at(0), f.keys.at(1) });
    QVERIFY(rows && rows->size() == 2);
    KeyRow shorter = rows->at(0);
    shorter.description = "!";
    table.upsert(table.slotOf(shorter.id), shorter, kNow);
    KeyRow longer = rows->at(1);
    longer.description = QByteArray(300, 'a');
    table.upsert(table.slotOf(longer.id), longer, kNow);
    KeyRow added = rows->at(0);
    added.id = newId();
    table.upsert(-1, added, kNow);
    table.kill(table.slotOf(f.keys.at(2)));
    const int flipped = table.slotOf(f.keys.at(3));
    table.setStatus(flipped, quint8((statusBefore.at(std::size_t(flipped)) + 1) % 4));

    QCOMPARE(job.run(Qt::AscendingOrder), expected);
    const QList<int> statusOrder = byStatus.run(Qt::AscendingOrder);
    QCOMPARE(statusOrder.size(), expected.size()); // neither the new key nor the kill
    int previous = -1;
    for (int slot : statusOrder) {
        const int status = statusBefore.at(std::size_t(slot));
        QVERIFY(status >= previous);
        previous = status;
    }
    // The table itself has the changes.
    QVERIFY(table.at(flipped).status != statusBefore.at(std::size_t(flipped)));
    QVERIFY(!table.at(table.slotOf(f.keys.at(2))).alive());
    QCOMPARE(table.description(table.slotOf(shorter.id)), QStringLiteral("!"));
    QCOMPARE(table.description(table.slotOf(longer.id)), QString(300, QLatin1Char('a')));
    QCOMPARE(table.size(), 301);
}

void TestKeysFiltering::snapshotsKeepTheirChunks()
{
    SharedChunks<int, 4> numbers; // 16 a chunk
    for (int i = 0; i < 40; ++i)
        numbers.push_back(i);
    const SharedChunks<int, 4> snapshot = numbers;
    numbers.mutableAt(3) = -3;
    numbers.mutableAt(39) = -39;
    numbers.push_back(40);
    QCOMPARE(snapshot.size(), std::size_t(40));
    QCOMPARE(snapshot[3], 3);
    QCOMPARE(snapshot[39], 39);
    QCOMPARE(numbers[3], -3);
    QCOMPARE(numbers[39], -39);
    QCOMPARE(numbers[40], 40);
    QCOMPARE(numbers.size(), std::size_t(41));

    TextArena text;
    const quint32 a = text.append("alpha");
    const quint32 b = text.append(QByteArray(TextArena::kMaxText, 'b'));
    const TextArena kept = text;
    text.overwrite(a, "ALP");
    const QByteArray big(TextArena::kMaxText + 10, 'c'); // longer than a text may be: cut
    const quint32 c = text.append(big);
    QCOMPARE(kept.view(a, 5).toByteArray(), QByteArray("alpha"));
    QCOMPARE(text.view(a, 5).toByteArray(), QByteArray("ALPha"));
    QCOMPARE(text.view(b, quint16(TextArena::kMaxText)).size(), TextArena::kMaxText);
    QCOMPARE(text.view(c, quint16(TextArena::kMaxText)).toByteArray(), big.first(TextArena::kMaxText));
    // Many texts: a text never crosses a chunk.
    for (int i = 0; i < 40; ++i) {
        const quint32 at = text.append(QByteArray(40000, char('a' + i % 26)));
        QCOMPARE(text.view(at, 40000).front(), char('a' + i % 26));
        QCOMPARE(text.view(at, 40000).back(), char('a' + i % 26));
    }
}

QTEST_MAIN(TestKeysFiltering)
#include "TestKeysFiltering.moc"
