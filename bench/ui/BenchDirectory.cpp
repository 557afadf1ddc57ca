// bench_directory: the session's FacilityDirectory and its name search at issue 5's size (200,000 users,
// 50,000 locks). Prints, in one run:
//  * NameIndex alone: build time (a pool thread's work at load), ms per search() for what people type (prefixes
//    from one letter to a whole name, a surname, a piece of an e-mail address or phone number, an accented name
//    typed without the accent, misses that read the whole index), and ms per in-place update (1 / 500 renamed);
//  * the directory over a real cache: time to loaded and the GUI thread's longest gap meanwhile (a 1 ms precise
//    timer), ms per search of each kind through the directory, ms per keystroke of a DirectoryPicker typing a
//    name (search + its list filled + shown), Ctrl+N's key dialog (KeyEditFlow::newKey) opened over the directory,
//    and a synced page renaming 1 / 500 users: time to changed() and the GUI thread's longest gap.
//
//   QT_QPA_PLATFORM=offscreen bench_directory [--users N] [--locks N] [--reps N] [--keep PATH]
//
// Users and locks are shaped like `keydesk-server generate`'s (24 first names x 24 surnames, so ~350 people share
// each name; e-mail first.last.N@seed.example.com, which is also the tracking key; "+1 555 N"; every 25th user
// has only a phone; locks "A-101".."AX-1100"), written through CacheDatabase::applyPage. --keep keeps the cache.
#include "core/cache/CacheDatabase.h"
#include "core/cache/CacheStore.h"
#include "server/store/GeneratedNames.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/NameIndex.h"
#include "ui/views/keys/KeyEditFlow.h"
#include "ui/widgets/DirectoryPicker.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Keydesk;
using Kind = Ui::FacilityDirectory::Kind;

namespace {

// The generator's names (accents included), under this file's short names.
constexpr const auto &kFirst = Server::GeneratedNames::kFirstNames;
constexpr const auto &kFirstAscii = Server::GeneratedNames::kEmailFirstNames;
constexpr const auto &kLast = Server::GeneratedNames::kLastNames;

QString idFor(char kind, qint64 n)
{
    return QStringLiteral("%1-0000-4000-8000-%2")
        .arg(QString::number(int(kind), 16).rightJustified(8, QLatin1Char('0')),
             QString::number(n, 16).rightJustified(12, QLatin1Char('0')));
}

QString buildingName(int n)
{
    QString name;
    for (++n; n > 0; n = (n - 1) / 26)
        name.prepend(QChar(u'A' + (n - 1) % 26));
    return name;
}

Core::ChangeRow userRow(int i, qint64 revision, const QString &suffix = {})
{
    const quint32 h = quint32(i) * 2654435761u;
    const size_t first = (h >> 8) % std::size(kFirst);
    const size_t last = (h >> 16) % std::size(kLast);
    const QString lastName = QString::fromUtf8(kLast[last]);
    const QString email = QStringLiteral("%1.%2.%3@7.example.com")
                              .arg(QString::fromUtf8(kFirstAscii[first]), lastName.toLower())
                              .arg(i);
    const bool phoneOnly = i % 25 == 24;
    Core::ChangeRow r;
    r.entity = QStringLiteral("users");
    r.id = idFor('u', i);
    r.revision = revision;
    r.data = { { QStringLiteral("id"), r.id },
               { QStringLiteral("facility_id"), QStringLiteral("f1") },
               { QStringLiteral("name"), QString::fromUtf8(kFirst[first]) + QLatin1Char(' ') + lastName + suffix },
               { QStringLiteral("email"), phoneOnly ? QString() : email },
               { QStringLiteral("phone"), QStringLiteral("+1 555 %1").arg(1000000 + i) },
               { QStringLiteral("kind"), QStringLiteral("tenant") },
               { QStringLiteral("status"), QStringLiteral("active") },
               { QStringLiteral("tracking_key"),
                 phoneOnly ? QStringLiteral("tk_%1").arg(i, 8, 16, QLatin1Char('0')) : email } };
    return r;
}

Core::ChangeRow lockRow(int i, qint64 revision)
{
    Core::ChangeRow r;
    r.entity = QStringLiteral("locks");
    r.id = idFor('l', i);
    r.revision = revision;
    r.data = { { QStringLiteral("id"), r.id },
               { QStringLiteral("facility_id"), QStringLiteral("f1") },
               { QStringLiteral("name"), QStringLiteral("%1-%2").arg(buildingName(i / 1000)).arg(101 + i % 1000) },
               { QStringLiteral("mac"), QStringLiteral("AA:BB:%1").arg(i, 8, 16, QLatin1Char('0')) },
               { QStringLiteral("status"), QStringLiteral("ready") },
               { QStringLiteral("revocation_version"), 1 },
               { QStringLiteral("delivered_revocation_version"), 1 },
               { QStringLiteral("internal_battery_mv"), 3000 } };
    return r;
}

bool generate(const QString &path, int users, int locks)
{
    auto opened = Core::CacheDatabase::open(path);
    if (!opened) {
        std::fprintf(stderr, "open: %s\n", qPrintable(opened.error().message));
        return false;
    }
    Core::CacheDatabase &db = *opened.value();
    QElapsedTimer t;
    t.start();
    qint64 revision = 0;
    Core::ChangePage page;
    auto flush = [&] {
        page.nextRevision = revision;
        if (auto r = db.applyPage(page); !r) {
            std::fprintf(stderr, "applyPage: %s\n", qPrintable(r.error().message));
            return false;
        }
        page.rows.clear();
        return true;
    };
    for (int i = 0; i < locks; ++i) {
        page.rows.append(lockRow(i, ++revision));
        if (page.rows.size() == 10000 && !flush())
            return false;
    }
    for (int g = 0; g < 50; ++g) {
        Core::ChangeRow r;
        r.entity = QStringLiteral("lock_groups");
        r.id = idFor('g', g);
        r.revision = ++revision;
        r.data = { { QStringLiteral("id"), r.id },
                   { QStringLiteral("facility_id"), QStringLiteral("f1") },
                   { QStringLiteral("name"), QStringLiteral("Building %1").arg(buildingName(g)) } };
        page.rows.append(r);
    }
    for (int i = 0; i < users; ++i) {
        page.rows.append(userRow(i, ++revision));
        if (page.rows.size() == 10000 && !flush())
            return false;
    }
    if (!page.rows.isEmpty() && !flush())
        return false;
    std::printf("generated %d users + %d locks + 50 groups in %lld ms\n", users, locks, t.elapsed());
    return true;
}

/// The GUI thread's longest gap between two ticks of a 1 ms precise timer: the longest any event waited.
class GapProbe final
{
public:
    GapProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            if (m_last.isValid())
                m_longest = std::max(m_longest, m_last.nsecsElapsed() / 1e6);
            m_last.start();
        });
    }
    void start()
    {
        m_longest = 0;
        m_last.invalidate();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return m_longest;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_last;
    double m_longest = 0;
};

/// Runs the event loop until `done` or `timeoutMs`.
bool spinUntil(const std::function<bool()> &done, int timeoutMs = 600000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

struct Figures
{
    double median = 0;
    double max = 0;
};

Figures time(int reps, const std::function<void()> &fn)
{
    std::vector<double> ms;
    for (int i = 0; i < reps; ++i) {
        QElapsedTimer t;
        t.start();
        fn();
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return { ms[ms.size() / 2], ms.back() };
}

const QStringList kQueries { QStringLiteral("e"),           QStringLiteral("em"),          QStringLiteral("emma"),
                             QStringLiteral("emma w"),      QStringLiteral("emma weber"),  QStringLiteral("weber"),
                             QStringLiteral("eber"),        QStringLiteral("jorg"),        QStringLiteral("4711"),
                             QStringLiteral(".104711@"),    QStringLiteral("555 1104711"), QStringLiteral("zq"),
                             QStringLiteral("quinn weberx") };

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption usersOpt(QStringLiteral("users"), QStringLiteral("Users."), QStringLiteral("n"),
                                QStringLiteral("200000"));
    QCommandLineOption locksOpt(QStringLiteral("locks"), QStringLiteral("Locks."), QStringLiteral("n"),
                                QStringLiteral("50000"));
    QCommandLineOption repsOpt(QStringLiteral("reps"), QStringLiteral("Repetitions per search."), QStringLiteral("n"),
                               QStringLiteral("50"));
    QCommandLineOption keepOpt(QStringLiteral("keep"), QStringLiteral("Keep/reuse the generated cache at this path."),
                               QStringLiteral("path"));
    parser.addOptions({ usersOpt, locksOpt, repsOpt, keepOpt });
    parser.process(app);
    const int users = parser.value(usersOpt).toInt();
    const int locks = parser.value(locksOpt).toInt();
    const int reps = std::max(1, parser.value(repsOpt).toInt());

    // ---- NameIndex alone ------------------------------------------------------------------------------------------
    QList<Ui::NameIndex::Entry> entries;
    entries.reserve(users);
    for (int i = 0; i < users; ++i) {
        const Core::ChangeRow r = userRow(i, i + 1);
        const QString email = r.data.value(QStringLiteral("email")).toString();
        entries.append({ r.id,
                         r.data.value(QStringLiteral("name")).toString(),
                         { email, r.data.value(QStringLiteral("phone")).toString() },
                         1 });
    }
    QElapsedTimer t;
    {
        // What FacilityDirectory::users() did on the GUI thread at every call before the index.
        QStringList names;
        for (const Ui::NameIndex::Entry &e : std::as_const(entries))
            names.append(e.name);
        t.start();
        std::sort(names.begin(), names.end(),
                  [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
        std::printf("\nfor comparison, the old users(): std::sort of %d names with localeAwareCompare: %lld ms\n",
                    users, t.elapsed());
    }
    t.start();
    const Ui::NameIndex index = Ui::NameIndex::build(entries);
    std::printf("NameIndex over %d users: build %lld ms (pool thread, once per full read)\n", users, t.elapsed());
    std::printf("%-16s %10s %10s %8s\n", "search(text, 50)", "median ms", "max ms", "matches");
    double worst = 0;
    for (const QString &q : kQueries) {
        int found = 0;
        const Figures f = time(reps, [&] { found = int(index.search(q, 50).size()); });
        worst = std::max(worst, f.max);
        std::printf("%-16s %10.3f %10.3f %8d\n", qPrintable(QStringLiteral("\"%1\"").arg(q)), f.median, f.max, found);
    }
    std::printf("worst search: %.3f ms\n", worst);
    for (int changed : { 1, 500 }) {
        QList<Ui::NameIndex::Entry> removed, added;
        for (int k = 0; k < changed; ++k) {
            const int i = (k * 7919) % users;
            removed.append(entries.at(i));
            Ui::NameIndex::Entry e = entries.at(i);
            e.name += QStringLiteral(" Jr");
            added.append(e);
        }
        const Figures f = time(5, [&] { (void)index.updated(removed, added); });
        std::printf("updated() with %d renamed: median %.1f ms, max %.1f ms (pool thread)\n", changed, f.median, f.max);
    }

    // ---- the directory over a cache --------------------------------------------------------------------------------
    QTemporaryDir dir;
    const QString path = parser.isSet(keepOpt) ? parser.value(keepOpt) : dir.filePath(QStringLiteral("cache.sqlite"));
    if (!QFile::exists(path) && !generate(path, users, locks))
        return 1;
    Core::CacheStore store(path);
    bool opened = false;
    QCoro::connect(store.open(), &app, [&opened](const Core::Result<Core::CacheOpenReport> &r) {
        if (!r)
            std::fprintf(stderr, "open: %s\n", qPrintable(r.error().message));
        opened = true;
    });
    spinUntil([&] { return opened; });

    GapProbe probe;
    probe.start();
    t.start();
    Ui::FacilityDirectory directory(&store);
    spinUntil([&] { return directory.isLoaded(); });
    const double loadGap = probe.stop();
    std::printf("\nFacilityDirectory: loaded %d users, %d locks, %d groups in %lld ms; GUI thread's longest gap "
                "meanwhile %.1f ms\n",
                directory.userCount(), directory.lockCount(), directory.lockGroupCount(), t.elapsed(), loadGap);
    std::printf("%-28s %10s %10s\n", "directory.search(…, 50)", "median ms", "max ms");
    for (const auto &[kind, text] :
         { std::pair { Kind::Users, QStringLiteral("emma weber") }, std::pair { Kind::Users, QStringLiteral("zq") },
           std::pair { Kind::TrackingKeys, QStringLiteral("weber") },
           std::pair { Kind::LocksAndGroups, QStringLiteral("b") },
           std::pair { Kind::Locks, QStringLiteral("ax-11") } }) {
        const Figures f = time(reps, [&] { (void)directory.search(kind, text, 50); });
        std::printf("%-28s %10.3f %10.3f\n",
                    qPrintable(QStringLiteral("%1 \"%2\"")
                                   .arg(kind == Kind::Users              ? QStringLiteral("users")
                                            : kind == Kind::TrackingKeys ? QStringLiteral("tracking keys")
                                            : kind == Kind::Locks        ? QStringLiteral("locks")
                                                                         : QStringLiteral("locks+groups"),
                                        text)),
                    f.median, f.max);
    }

    // A person typing in the user filter: each keystroke searches and fills the list shown.
    {
        QWidget window;
        auto *picker = new Ui::DirectoryPicker(&window);
        picker->setSource(directory.choices(Kind::Users));
        window.resize(400, 60);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            std::fprintf(stderr, "the picker's window was not shown\n");
        picker->setFocus();
        std::vector<double> ms;
        for (QChar c : QStringLiteral("emma weber")) {
            QWidget *target = QApplication::activePopupWidget() ? QApplication::activePopupWidget() : picker;
            t.start();
            QTest::keyClick(target, c.toLatin1());
            QCoreApplication::processEvents();
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf("DirectoryPicker keystroke (search + list filled and shown, %d matches): median %.2f ms, max "
                    "%.2f ms\n",
                    int(picker->matches().size()), ms[ms.size() / 2], ms.back());
    }

    // Ctrl+N: the key dialog over the directory (its lock list and user field search it; nothing is copied).
    {
        QWidget parent;
        parent.resize(800, 600);
        parent.show();
        Ui::ViewContext ctx;
        ctx.cache = &store;
        ctx.directory = &directory;
        if (auto zone = Core::FacilityZone::fromIanaId(QStringLiteral("UTC")))
            ctx.zone = *zone;
        Ui::KeyEditFlow flow(ctx, directory, &parent);
        std::vector<double> ms;
        for (int i = 0; i < 5; ++i) {
            t.start();
            flow.newKey();
            QCoreApplication::processEvents();
            ms.push_back(t.nsecsElapsed() / 1e6);
            flow.dialog()->close();
            QCoreApplication::processEvents();
        }
        std::sort(ms.begin(), ms.end());
        std::printf("Ctrl+N, the key dialog opened and shown over %d locks and %d users: median %.1f ms, max %.1f ms\n",
                    directory.lockCount(), directory.userCount(), ms[ms.size() / 2], ms.back());
    }

    // Synced pages renaming users: read back alone, folded in on a pool thread.
    qint64 revision = qint64(users + locks) * 4;
    for (int changed : { 1, 500 }) {
        Core::ChangePage page;
        for (int k = 0; k < changed; ++k) {
            ++revision;
            page.rows.append(userRow((k * 104729) % users, revision, QStringLiteral(" (renamed %1)").arg(revision)));
        }
        page.nextRevision = revision;
        const int applies = directory.stats().applies;
        spinUntil([] { return false; }, 300); // past the directory's 250 ms spacing
        probe.start();
        bool applied = false;
        QElapsedTimer since;
        since.start();
        qint64 appliedMs = 0;
        QCoro::connect(store.applyPage(page), &app, [&](const Core::Result<Core::ApplyStats> &) {
            applied = true;
            appliedMs = since.elapsed();
        });
        spinUntil([&] { return applied && directory.stats().applies > applies; });
        const qint64 total = since.elapsed();
        spinUntil([] { return false; }, 100);
        std::printf("synced page renaming %d users: cache applied after %lld ms, directory changed() after %lld ms "
                    "(%d rows read, full reads so far %d); GUI thread's longest gap %.1f ms\n",
                    changed, appliedMs, total, directory.stats().lastRowsRead, directory.stats().fullReads,
                    probe.stop());
    }
    return 0;
}
