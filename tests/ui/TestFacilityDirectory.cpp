// FacilityDirectory and its NameIndex: the search's order (names starting with the text first, then names, e-mail
// addresses or phone numbers containing it, each part by name; case and accents ignored) and limit; an index
// updated in place equals one built from scratch; and the directory over a real cache: one read of each table,
// then only the rows a change names (a renamed user, a deleted lock), the whole table again for an empty id list,
// one changed() per applied burst and at most one apply per 250 ms.
#include "tests/ui/TestLocksViewFixture.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/NameIndex.h"
#include "ui/widgets/DirectoryPicker.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

using namespace Keydesk;
using namespace Keydesk::Test;
using Kind = Ui::FacilityDirectory::Kind;
using Ui::NameIndex;

namespace {

NameIndex::Entry person(const char *name, const char *email = "", const char *phone = "")
{
    return { QString::fromUtf8(name).toLower().replace(QLatin1Char(' '), QLatin1Char('-')),
             QString::fromUtf8(name),
             { QString::fromUtf8(email), QString::fromUtf8(phone) },
             0 };
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

QStringList namesOf(const QList<NameIndex::Entry> &entries)
{
    QStringList out;
    for (const NameIndex::Entry &e : entries)
        out << e.name;
    return out;
}

QStringList idsOf(const QList<NameIndex::Entry> &entries)
{
    QStringList out;
    for (const NameIndex::Entry &e : entries)
        out << e.id;
    return out;
}

QStringList choiceNames(const QList<Ui::Choice> &choices)
{
    QStringList out;
    for (const Ui::Choice &c : choices)
        out << c.name;
    return out;
}

NameIndex people()
{
    return NameIndex::build({ person("Hannah Ott"), person("Ben Anders", "ben@x.com"),
                              person("Anna Berg", "anna@example.com"), person("Carla Lind", "", "+49 555 0100"),
                              person("Émile Zola"), person("Dana Marsh"), person("Annika Lee") });
}

} // namespace

class TestFacilityDirectory final : public QObject
{
    Q_OBJECT

private:
    Core::FakeClock m_clock { QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC) };
    std::unique_ptr<FeedDesk> m_feed;
    QString m_gateA, m_gateB, m_floor, m_alice, m_bob, m_carl;

    /// Applies rows through the store, which announces them (rowsChanged with their ids), as a synced page does.
    bool sync(const QList<Core::ChangeRow> &rows)
    {
        Core::ChangePage page;
        page.rows = rows;
        page.nextRevision = rows.constLast().revision;
        auto applied = awaitTask(m_feed->store().applyPage(page));
        return applied && *applied;
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        m_feed = std::make_unique<FeedDesk>();
        QVERIFY(m_feed->feed.ok());
        FeedCache &f = m_feed->feed;
        m_gateA = newId();
        m_gateB = newId();
        m_floor = newId();
        m_alice = newId();
        m_bob = newId();
        m_carl = newId();
        QVERIFY(!f.apply({ f.lock(m_gateA, QStringLiteral("Gate A")),
                           f.lock(m_gateB, QStringLiteral("Gate B"), QStringLiteral("AA:BB:CC:00:00:02")),
                           f.row(QStringLiteral("lock_groups"), m_floor,
                                 { { QStringLiteral("facility_id"), QStringLiteral("f1") },
                                   { QStringLiteral("name"), QStringLiteral("Floor 1") } }),
                           f.user(m_alice, QStringLiteral("Alice Archer"), QStringLiteral("alice@example.com")),
                           f.user(m_bob, QStringLiteral("Bob Baker"), QStringLiteral("bob@example.com")),
                           f.user(m_carl, QStringLiteral("Carl Cooper")) })
                     .isEmpty());
        QVERIFY(m_feed->open());
    }

    // ---- NameIndex ------------------------------------------------------------------------------------------------

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("'an' → names starting with it by name, then names containing it by name")
            << "an" << 50 << list({ "Anna Berg", "Annika Lee", "Ben Anders", "Dana Marsh", "Hannah Ott" });
        QTest::newRow("limit 3 → the prefix matches first")
            << "an" << 3 << list({ "Anna Berg", "Annika Lee", "Ben Anders" });
        QTest::newRow("any case") << "ANNA B" << 50 << list({ "Anna Berg" });
        QTest::newRow("accents ignored: 'emile' finds Émile") << "emile" << 50 << list({ "Émile Zola" });
        QTest::newRow("accent typed: 'émi' finds Émile") << "émi" << 50 << list({ "Émile Zola" });
        QTest::newRow("'é' is an 'e': Émile first, then names with an e")
            << "é" << 50 << list({ "Émile Zola", "Anna Berg", "Annika Lee", "Ben Anders" });
        QTest::newRow("inside a name") << "zola" << 50 << list({ "Émile Zola" });
        QTest::newRow("e-mail address") << "@x.com" << 50 << list({ "Ben Anders" });
        QTest::newRow("phone number") << "555" << 50 << list({ "Carla Lind" });
        QTest::newRow("nothing matches") << "zz" << 50 << QStringList();
        QTest::newRow("empty → the first by name") << "" << 3 << list({ "Anna Berg", "Annika Lee", "Ben Anders" });
        QTest::newRow("limit 0 → none") << "an" << 0 << QStringList();
    }

    void search()
    {
        QFETCH(QString, text);
        QFETCH(int, limit);
        QFETCH(QStringList, names);
        const NameIndex index = people();
        QCOMPARE(namesOf(index.search(text, limit)), names);
    }

    void searchKeepsToTheLimitAndOrderInALargeIndex()
    {
        QList<NameIndex::Entry> entries;
        for (int i = 0; i < 20000; ++i)
            entries.append({ QStringLiteral("u%1").arg(i),
                             QStringLiteral("Tenant %1").arg(i),
                             { QStringLiteral("t%1@example.com").arg(i) },
                             0 });
        const NameIndex index = NameIndex::build(entries);
        for (const QString &text :
             { QStringLiteral("t"), QStringLiteral("tenant 1"), QStringLiteral("99"), QStringLiteral("@example") }) {
            const QStringList names = namesOf(index.search(text, 50));
            QCOMPARE(names.size(), 50);
            QStringList sorted = names; // here all prefix or all inside matches: one part, by name
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
            QCOMPARE(names, sorted);
        }
        // Every name containing "99" (none starts with it), however many.
        const auto with99 = std::count_if(entries.cbegin(), entries.cend(),
                                          [](const auto &e) { return e.name.contains(QLatin1String("99")); });
        QCOMPARE(index.search(QStringLiteral("99"), 100000).size(), with99);
        QCOMPARE(namesOf(index.search(QStringLiteral("tenant 19999"), 50)),
                 QStringList(QStringLiteral("Tenant 19999")));
        // The tag filter (locks without groups) applies within the limit.
        QCOMPARE(
            index.search(QStringLiteral("tenant"), 50, [](const NameIndex::Entry &e) { return e.tag == 1; }).size(), 0);
    }

    void updatedEqualsBuiltFromScratch()
    {
        // Random renames, removals and additions applied in place give the same index as one built anew.
        QRandomGenerator random(42);
        auto nameFor = [&random] {
            static const char *parts[] = { "an", "be", "ca", "dé", "el", "fo", "gu", "Ha", "Ø", "ze", " ", "-" };
            QString name;
            for (int i = 0, n = 2 + int(random.bounded(5)); i < n; ++i)
                name += QString::fromUtf8(parts[random.bounded(int(std::size(parts)))]);
            return name;
        };
        QHash<QString, NameIndex::Entry> current;
        for (int i = 0; i < 3000; ++i) {
            const QString id = QStringLiteral("id%1").arg(i);
            current.insert(id, { id, nameFor(), { QStringLiteral("mail%1@x.org").arg(i) }, int(i % 2) });
        }
        NameIndex index = NameIndex::build(current.values());
        int nextId = 3000;
        for (int round = 0; round < 20; ++round) {
            QList<NameIndex::Entry> removed, added;
            const QStringList ids = current.keys();
            for (int k = 0; k < 40; ++k) {
                const QString id = ids.at(random.bounded(int(ids.size())));
                if (std::any_of(removed.cbegin(), removed.cend(), [&](const auto &e) { return e.id == id; }))
                    continue;
                removed.append(current.value(id));
                if (random.bounded(3) == 0) {
                    current.remove(id); // deleted
                } else {
                    NameIndex::Entry renamed = current.value(id);
                    renamed.name = nameFor();
                    current.insert(id, renamed);
                    added.append(renamed);
                }
            }
            for (int k = 0; k < 10; ++k) {
                const QString id = QStringLiteral("id%1").arg(nextId++);
                current.insert(id, { id, nameFor(), {}, 0 });
                added.append(current.value(id));
            }
            index = index.updated(removed, added);
        }
        // Many names in one place (a chunk grows past twice its size and is cut), then the first names by name all
        // gone (whole chunks dropped).
        QList<NameIndex::Entry> crowd;
        for (int k = 0; k < 3 * NameIndex::kChunk; ++k) {
            const QString id = QStringLiteral("id%1").arg(nextId++);
            current.insert(id, { id, QStringLiteral("Aaron %1").arg(k), {}, 0 });
            crowd.append(current.value(id));
        }
        index = index.updated({}, crowd);
        QCOMPARE(index.size(), int(current.size()));
        const QList<NameIndex::Entry> first = index.entries().mid(0, 2 * NameIndex::kChunk + 7);
        for (const NameIndex::Entry &e : first)
            current.remove(e.id);
        index = index.updated(first, {});
        const NameIndex fresh = NameIndex::build(current.values());
        QCOMPARE(index.size(), fresh.size());
        QCOMPARE(idsOf(index.entries()), idsOf(fresh.entries()));
        QCOMPARE(namesOf(index.entries()), namesOf(fresh.entries()));
        for (const QString &text : { QStringLiteral("an"), QStringLiteral("de"), QStringLiteral("ha"),
                                     QStringLiteral("o"), QStringLiteral("x.org"), QStringLiteral("ze-") })
            QCOMPARE(idsOf(index.search(text, 40)), idsOf(fresh.search(text, 40)));
    }

    // ---- FacilityDirectory over a cache
    // ------------------------------------------------------------------------------

    void readsEachTableOnceAndSearchesEachKind()
    {
        Ui::FacilityDirectory directory(&m_feed->store());
        QSignalSpy changed(&directory, &Ui::FacilityDirectory::changed);
        QTRY_VERIFY(directory.isLoaded());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(directory.stats().fullReads, 3); // locks, lock groups, users
        QCOMPARE(directory.stats().applies, 1);
        QCOMPARE(directory.lockName(m_gateA), QStringLiteral("Gate A"));
        QCOMPARE(directory.lockName(m_floor), QStringLiteral("Floor 1"));
        QCOMPARE(directory.userName(m_bob), QStringLiteral("Bob Baker"));
        QCOMPARE(directory.user(m_alice)->email, QStringLiteral("alice@example.com"));
        QCOMPARE(directory.lock(m_gateA)->batteryMv, 3000);
        QCOMPARE(directory.userByTrackingKey(QStringLiteral("tk-") + m_carl.left(8))->id, m_carl);

        QCOMPARE(choiceNames(directory.search(Kind::LocksAndGroups, QString(), 10)),
                 list({ "Floor 1 (group)", "Gate A", "Gate B" }));
        QCOMPARE(choiceNames(directory.search(Kind::Locks, QString(), 10)), list({ "Gate A", "Gate B" }));
        QCOMPARE(choiceNames(directory.search(Kind::Users, QStringLiteral("er"), 10)),
                 list({ "Alice Archer", "Bob Baker", "Carl Cooper" }));
        QCOMPARE(choiceNames(directory.search(Kind::Users, QStringLiteral("bob@"), 10)),
                 QStringList(QStringLiteral("Bob Baker")));
        QCOMPARE(directory.search(Kind::Users, QStringLiteral("bob"), 10).first().detail,
                 QStringLiteral("bob@example.com"));
        const QList<Ui::Choice> keys = directory.search(Kind::TrackingKeys, QStringLiteral("Alice"), 10);
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first().id, QStringLiteral("tk-") + m_alice.left(8));
        QCOMPARE(directory.choices(Kind::Users)->count(), 3);
        QVERIFY(settle(directory, m_feed->store()));
    }

    void aRenamedUserIsReadAloneAndChangesOnlyItsEntry()
    {
        Ui::FacilityDirectory directory(&m_feed->store());
        QTRY_VERIFY(directory.isLoaded());
        const Ui::FacilityDirectory::Stats before = directory.stats();
        const Ui::UserInfo alice = *directory.user(m_alice);
        QSignalSpy changed(&directory, &Ui::FacilityDirectory::changed);
        FeedCache &f = m_feed->feed;
        QVERIFY(sync({ f.user(m_bob, QStringLiteral("Robert Baker"), QStringLiteral("robert@example.com")) }));
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(directory.stats().fullReads, before.fullReads); // no table read again
        QCOMPARE(directory.stats().lastRowsRead, 1);
        QCOMPARE(directory.userName(m_bob), QStringLiteral("Robert Baker"));
        QCOMPARE(directory.user(m_alice)->name, alice.name); // the others as they were
        QCOMPARE(directory.user(m_alice)->email, alice.email);
        QCOMPARE(directory.userCount(), 3);
        QCOMPARE(choiceNames(directory.search(Kind::Users, QStringLiteral("rob"), 10)),
                 QStringList(QStringLiteral("Robert Baker")));
        QVERIFY(directory.search(Kind::Users, QStringLiteral("bob@"), 10).isEmpty());
        QCOMPARE(choiceNames(directory.search(Kind::Users, QString(), 10)),
                 list({ "Alice Archer", "Carl Cooper", "Robert Baker" }));
        QVERIFY(sync({ f.user(m_bob, QStringLiteral("Bob Baker"), QStringLiteral("bob@example.com")) }));
        QTRY_COMPARE(directory.userName(m_bob), QStringLiteral("Bob Baker"));
        QVERIFY(settle(directory, m_feed->store()));
    }

    void aDeletedLockDisappears()
    {
        Ui::FacilityDirectory directory(&m_feed->store());
        QTRY_VERIFY(directory.isLoaded());
        const QString gone = newId();
        FeedCache &f = m_feed->feed;
        QVERIFY(sync({ f.lock(gone, QStringLiteral("Gate Z")) }));
        QTRY_VERIFY(directory.lock(gone).has_value());
        QCOMPARE(choiceNames(directory.search(Kind::Locks, QStringLiteral("gate"), 10)),
                 list({ "Gate A", "Gate B", "Gate Z" }));
        const int fullReads = directory.stats().fullReads;
        QVERIFY(sync({ f.tombstone(QStringLiteral("locks"), gone) }));
        QTRY_VERIFY(!directory.lock(gone).has_value());
        QCOMPARE(directory.lockName(gone), gone); // unknown: the id
        QCOMPARE(choiceNames(directory.search(Kind::Locks, QStringLiteral("gate"), 10)), list({ "Gate A", "Gate B" }));
        QCOMPARE(directory.stats().fullReads, fullReads);
        QVERIFY(settle(directory, m_feed->store()));
    }

    void anEmptyIdListReadsTheWholeTable()
    {
        Ui::FacilityDirectory directory(&m_feed->store());
        QTRY_VERIFY(directory.isLoaded());
        // Rows written behind the store's back (as a full sync's bulk load does) are not seen...
        FeedCache &f = m_feed->feed;
        const QString dora = newId();
        QVERIFY(!f.apply({ f.user(dora, QStringLiteral("Dora Diaz")) }).isEmpty());
        QTest::qWait(2 * Ui::FacilityDirectory::kApplyIntervalMs);
        QVERIFY(!directory.user(dora));
        // ...until the store says "any row of users may have changed".
        const int fullReads = directory.stats().fullReads;
        Q_EMIT m_feed->store().rowsChanged(QStringLiteral("users"), {});
        QTRY_VERIFY(directory.user(dora).has_value());
        QCOMPARE(directory.stats().fullReads, fullReads + 1);
        QCOMPARE(directory.stats().lastRowsRead, 4);
        QCOMPARE(choiceNames(directory.search(Kind::Users, QStringLiteral("d"), 10)).first(),
                 QStringLiteral("Dora Diaz"));
        QVERIFY(sync({ f.tombstone(QStringLiteral("users"), dora) }));
        QTRY_VERIFY(!directory.user(dora));
        QVERIFY(settle(directory, m_feed->store()));
    }

    void aBurstIsAppliedOnceAndAtMostEvery250Ms()
    {
        Ui::FacilityDirectory directory(&m_feed->store());
        QTRY_VERIFY(directory.isLoaded());
        QList<qint64> at;
        QElapsedTimer clock;
        clock.start();
        connect(&directory, &Ui::FacilityDirectory::changed, this, [&] { at.append(clock.elapsed()); });
        const int applies = directory.stats().applies;
        // Ten announcements in a row (pages touching users and locks): one read for all of them, or two when the
        // first started at once.
        for (int i = 0; i < 10; ++i) {
            Q_EMIT m_feed->store().rowsChanged(QStringLiteral("users"), { m_alice, m_bob });
            Q_EMIT m_feed->store().rowsChanged(QStringLiteral("locks"), { m_gateA });
            Q_EMIT m_feed->store().rowsChanged(QStringLiteral("keys"), { newId() }); // not the directory's
        }
        QTest::qWait(3 * Ui::FacilityDirectory::kApplyIntervalMs);
        QVERIFY2(at.size() >= 1 && at.size() <= 2, qPrintable(QString::number(at.size())));
        QCOMPARE(directory.stats().applies - applies, int(at.size()));
        // Announcements keep coming: applies stay at least 250 ms apart.
        at.clear();
        for (int i = 0; i < 40; ++i) {
            Q_EMIT m_feed->store().rowsChanged(QStringLiteral("users"), { m_carl });
            QTest::qWait(20);
        }
        QTest::qWait(2 * Ui::FacilityDirectory::kApplyIntervalMs);
        QVERIFY(at.size() >= 2);
        for (qsizetype i = 1; i < at.size(); ++i)
            QVERIFY2(at.at(i) - at.at(i - 1) >= Ui::FacilityDirectory::kApplyIntervalMs - 5,
                     qPrintable(QStringLiteral("%1 ms apart").arg(at.at(i) - at.at(i - 1))));
        QVERIFY(settle(directory, m_feed->store()));
    }

    void aPickerFollowsARenameAndKeepsAVanishedId()
    {
        Ui::FacilityDirectory directory(&m_feed->store());
        QTRY_VERIFY(directory.isLoaded());
        Ui::DirectoryPicker picker;
        picker.setSource(directory.choices(Kind::LocksAndGroups));
        picker.setCurrentId(m_gateB);
        QCOMPARE(picker.text(), QStringLiteral("Gate B"));
        picker.setCurrentId(m_floor);
        QCOMPARE(picker.text(), QStringLiteral("Floor 1 (group)"));
        QSignalSpy chosen(&picker, &Ui::DirectoryPicker::currentIdChanged);
        FeedCache &f = m_feed->feed;
        QVERIFY(sync({ f.row(QStringLiteral("lock_groups"), m_floor,
                             { { QStringLiteral("facility_id"), QStringLiteral("f1") },
                               { QStringLiteral("name"), QStringLiteral("First floor") } }) }));
        QTRY_COMPARE(picker.text(), QStringLiteral("First floor (group)"));
        QVERIFY(sync({ f.tombstone(QStringLiteral("lock_groups"), m_floor) }));
        QTRY_VERIFY(!directory.lockGroupName(m_floor));
        QCOMPARE(picker.currentId(), m_floor); // still filtering by it
        QCOMPARE(picker.text(), m_floor);
        QCOMPARE(chosen.size(), 0);
        QVERIFY(sync({ f.row(QStringLiteral("lock_groups"), m_floor,
                             { { QStringLiteral("facility_id"), QStringLiteral("f1") },
                               { QStringLiteral("name"), QStringLiteral("Floor 1") } }) }));
        QTRY_COMPARE(picker.text(), QStringLiteral("Floor 1 (group)"));
        QVERIFY(settle(directory, m_feed->store()));
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    TestFacilityDirectory test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestFacilityDirectory.moc"
