// bench_gui: is the desktop responsive with the 1M-key facility? The real main window and views, started the way
// the app starts them (app::AppController signing in to a server URL through its Connect dialog), against a real
// `keydesk-server serve` process whose database holds issue 5's facility. On the GUI thread a StallProbe records
// the gaps between ticks of a 5 ms precise timer and the event loop's busy spans, phase by phase:
//
//   initial sync (window shown, views attached) - scrolling the keys table - typing a search - switching the
//   status filter - sorting by each column (header clicks) - incremental sync (another client PATCHes ~20/s)
//   while scrolling.
//
//   bench_gui [--keys N --users N --locks N] [--keep DIR] [--server PATH] [--search TEXT] [--edit-seconds S]
//             [--rate N] [--stacks N]
//
// Every gap over 50 ms comes with stack samples of the GUI thread taken while it lasted (see StallProbe).
#include "app/AppController.h"
#include "bench/gui/AssembledSession.h"
#include "bench/gui/BackgroundEditor.h"
#include "bench/gui/GuiDriver.h"
#include "bench/gui/StallProbe.h"
#include "bench/support/FacilityServer.h"
#include "core/models/KeysModel.h"
#include "core/models/ModelRoles.h"
#include "core/sync/SyncEngine.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/views/keys/KeysView.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest/QTest>

#include <cstdio>
#include <functional>
#include <memory>

using namespace Keydesk;
using namespace Keydesk::Bench;
using Section = Ui::MainWindow::Section;

namespace {

struct Options
{
    FacilitySizes sizes;
    QString keep;
    QString server;
    QString search = QStringLiteral("Tenant 1234");
    int editSeconds = 30;
    double rate = 20;
    int stacks = 3;
    bool appController = false;
    int syncTimeoutSeconds = 3600;
    bool warmCache = false;
};

Options parse(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("GUI-thread stalls of the Keydesk main window with a large "
                                                    "facility."));
    parser.addHelpOption();
    QCommandLineOption keys(QStringLiteral("keys"), QStringLiteral("Keys."), QStringLiteral("n"),
                            QStringLiteral("1000000"));
    QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Users."), QStringLiteral("n"),
                             QStringLiteral("200000"));
    QCommandLineOption locks(QStringLiteral("locks"), QStringLiteral("Locks."), QStringLiteral("n"),
                             QStringLiteral("50000"));
    QCommandLineOption keep(QStringLiteral("keep"),
                            QStringLiteral("Keep / reuse the server database (server.sqlite) in this folder; "
                                           "bench_sync --keep folders work too."),
                            QStringLiteral("dir"));
    QCommandLineOption server(QStringLiteral("server"), QStringLiteral("keydesk-server binary."),
                              QStringLiteral("path"));
    QCommandLineOption search(QStringLiteral("search"), QStringLiteral("Text typed into the search field."),
                              QStringLiteral("text"), QStringLiteral("Tenant 1234"));
    QCommandLineOption editSeconds(QStringLiteral("edit-seconds"),
                                   QStringLiteral("Length of the incremental-sync-while-scrolling phase."),
                                   QStringLiteral("s"), QStringLiteral("30"));
    QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Changes per second by the other client."),
                            QStringLiteral("n"), QStringLiteral("20"));
    QCommandLineOption stacks(QStringLiteral("stacks"), QStringLiteral("Stacks printed per phase (longest stalls)."),
                              QStringLiteral("n"), QStringLiteral("3"));
    QCommandLineOption appController(
        QStringLiteral("app-controller"),
        QStringLiteral("Start through app::AppController and its Connect dialog (with its ConnectionMonitor) instead "
                       "of the same parts assembled without the monitor."));
    QCommandLineOption syncTimeout(QStringLiteral("sync-timeout"),
                                   QStringLiteral("End the initial-sync phase after this long even if not caught up "
                                                  "(the other phases then run on what has arrived)."),
                                   QStringLiteral("s"), QStringLiteral("3600"));
    QCommandLineOption warmCache(
        QStringLiteral("warm-cache"),
        QStringLiteral("Sync the whole facility first with the window shown but no views, then attach the views over "
                       "the synced cache (the app reopened with its cache) and go on from there."));
    parser.addOptions(
        { keys, users, locks, keep, server, search, editSeconds, rate, stacks, appController, syncTimeout, warmCache });
    parser.process(app);
    Options o;
    o.sizes.keys = parser.value(keys).toInt();
    o.sizes.users = parser.value(users).toInt();
    o.sizes.locks = parser.value(locks).toInt();
    o.keep = parser.value(keep);
    o.server = parser.isSet(server)
        ? parser.value(server)
        : QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("keydesk-server"));
    o.search = parser.value(search);
    o.editSeconds = parser.value(editSeconds).toInt();
    o.rate = parser.value(rate).toDouble();
    o.stacks = parser.value(stacks).toInt();
    o.appController = parser.isSet(appController);
    o.syncTimeoutSeconds = parser.value(syncTimeout).toInt();
    o.warmCache = parser.isSet(warmCache);
    if (o.warmCache && o.appController)
        die(QStringLiteral("--warm-cache needs the assembled session (not --app-controller)"));
    if (o.sizes.keys < 1 || o.sizes.users < 1 || o.sizes.locks < 1 || o.rate <= 0 || o.editSeconds < 1)
        die(QStringLiteral("--keys, --users, --locks, --rate and --edit-seconds must be positive"));
    return o;
}

/// Signs in through the app's own Connect dialog (as someone starting `keydesk --server URL` would).
void signIn(App::AppController &controller, const QUrl &url)
{
    Ui::ConnectDialog *dialog = controller.connectDialog();
    if (!dialog)
        die(QStringLiteral("the app did not open its Connect dialog for --server"));
    Ui::ConnectRequest request;
    request.serverUrl = url;
    request.username = benchUser();
    request.password = benchPassword();
    request.remember = false;
    dialog->setRequest(request);
    dialog->submit();
}

QTableView *tableOf(QWidget *view)
{
    const QList<QTableView *> tables = view ? view->findChildren<QTableView *>() : QList<QTableView *>();
    for (QTableView *t : tables)
        if (t->isVisibleTo(view) && t->model())
            return t;
    return tables.value(0);
}

QStringList idsOf(QAbstractItemModel *model, int count)
{
    QStringList ids;
    const int rows = model ? model->rowCount() : 0;
    for (int i = 0; i < count && rows > 0; ++i) {
        const QString id = model->index(int((qint64(i) * 7919) % rows), 0).data(Core::IdRole).toString();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

/// Times every event the GUI thread delivers (the outermost notify(); nested ones are part of it).
class BenchApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    StallProbe *probe = nullptr;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!probe || m_depth > 0 || QThread::currentThread() != thread()) {
            const bool gui = QThread::currentThread() == thread();
            m_depth += gui ? 1 : 0;
            const bool done = QApplication::notify(receiver, event);
            m_depth -= gui ? 1 : 0;
            return done;
        }
        // Read before delivery: the receiver may be gone afterwards.
        const char *cls = receiver->metaObject()->className();
        const QString name = receiver->objectName();
        const int type = int(event->type());
        const qint64 start = probe->nowNs();
        ++m_depth;
        const bool done = QApplication::notify(receiver, event);
        --m_depth;
        probe->recordEvent(start, probe->nowNs(), cls, name, type);
        return done;
    }

private:
    int m_depth = 0;
};

void printTable(const StallProbe &probe)
{
    std::printf("\n| phase | s | probe ticks | longest frame ms | p99 ms | p50 ms | frames > 50 ms | events | longest "
                "event ms | events > 50 ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const PhaseFigures &f : probe.phases())
        std::printf("| %s | %.1f | %lld | %.1f | %.1f | %.1f | %d | %lld | %.1f | %d |\n", qPrintable(f.name),
                    f.seconds, qint64(f.ticks), f.maxGapMs, f.p99GapMs, f.p50GapMs, f.gapsOver50, qint64(f.events),
                    f.maxEventMs, f.eventsOver50);
    std::printf("\nlongest event of each phase:\n");
    for (const PhaseFigures &f : probe.phases())
        std::printf("  %s: %.1f ms, %s\n", qPrintable(f.name), f.maxEventMs, qPrintable(f.maxEventWhat));
    std::fflush(stdout);
}

bool boring(const QString &frame)
{
    static const QStringList skip
        = { QStringLiteral("onSampleSignal"), QStringLiteral("[libc.so"), QStringLiteral("__restore_rt") };
    for (const QString &s : skip)
        if (frame.contains(s))
            return true;
    return false;
}

/// Where the stalls of each phase come from: the functions most often on the GUI thread's stack during stalls
/// (the innermost Keydesk function and the innermost frame), then the full stacks of the longest stalls.
void printStalls(const StallProbe &probe, int stacksPerPhase)
{
    Symbolizer symbols;
    for (int phase = 0; phase < probe.phases().size(); ++phase) {
        QList<Stall> stalls = probe.stalls(phase, 50.0);
        if (stalls.isEmpty())
            continue;
        std::sort(stalls.begin(), stalls.end(), [](const Stall &a, const Stall &b) { return a.ms > b.ms; });
        int samples = 0;
        QHash<QString, int> keydeskFrames, innermost;
        for (const Stall &stall : std::as_const(stalls)) {
            for (const StallSample &s : stall.samples) {
                ++samples;
                QString inner, keydesk;
                for (quintptr a : s.frames) {
                    const QString name = symbols.name(a);
                    if (boring(name))
                        continue;
                    if (inner.isEmpty())
                        inner = name;
                    if (name.contains(QLatin1String("Keydesk::"))) {
                        keydesk = name;
                        break;
                    }
                }
                ++innermost[inner];
                ++keydeskFrames[keydesk.isEmpty() ? QStringLiteral("(no Keydesk frame)") : keydesk];
            }
        }
        std::printf("\n### %s: %lld stalls > 50 ms (longest %.0f ms), %d stack samples\n",
                    qPrintable(probe.phases().at(phase).name), qint64(stalls.size()), stalls.first().ms, samples);
        auto top = [](const QHash<QString, int> &counts, const char *title, int total) {
            QList<std::pair<int, QString>> sorted;
            for (auto it = counts.cbegin(); it != counts.cend(); ++it)
                sorted.append({ it.value(), it.key() });
            std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
            std::printf("%s\n", title);
            for (int i = 0; i < std::min<qsizetype>(8, sorted.size()); ++i)
                std::printf("  %5.1f %%  %s\n", 100.0 * sorted.at(i).first / std::max(1, total),
                            qPrintable(sorted.at(i).second));
        };
        top(keydeskFrames, "innermost Keydesk function on the GUI thread's stack (share of samples):", samples);
        top(innermost, "innermost frame (share of samples):", samples);
        for (int i = 0; i < std::min<qsizetype>(stacksPerPhase, stalls.size()); ++i) {
            const Stall &stall = stalls.at(i);
            std::printf("-- stall of %.0f ms, %lld samples", stall.ms, qint64(stall.samples.size()));
            if (stall.samples.isEmpty()) {
                std::printf("\n");
                continue;
            }
            const StallSample &s = stall.samples.at(stall.samples.size() / 2);
            std::printf("; the middle one, %.0f ms into the stall:\n", double(s.takenNs - stall.startNs) / 1e6);
            int shown = 0;
            for (quintptr a : s.frames) {
                const QString name = symbols.name(a);
                if (boring(name))
                    continue;
                std::printf("    #%-2d %s\n", shown, qPrintable(name.left(220)));
                if (++shown >= 40)
                    break;
            }
        }
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    // Offscreen unless told otherwise; the views' QSettings and the app's data go to a throw-away folder.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir tmp;
    qputenv("XDG_CONFIG_HOME", QDir(tmp.path()).filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", QDir(tmp.path()).filePath(QStringLiteral("share")).toLocal8Bit());
    BenchApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("KeydeskBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_gui"));
    const Options o = parse(app);

    const QString dir = o.keep.isEmpty() ? tmp.path() : o.keep;
    QDir().mkpath(dir);
    const QString serverDb = QDir(dir).filePath(QStringLiteral("server.sqlite"));
    std::printf("bench_gui: %d keys, %d users, %d locks; server db %s; QPA %s\n", o.sizes.keys, o.sizes.users,
                o.sizes.locks, qPrintable(serverDb), qPrintable(QGuiApplication::platformName()));
    if (QFile::exists(serverDb))
        std::printf("reusing the kept server database (its own sizes, whatever --keys/--users/--locks say)\n");
    else
        generateFacility(o.server, serverDb, o.sizes);
    ServerProcess server;
    server.start(o.server, serverDb);
    std::printf("server: %s (pid %lld); bench_gui pid %lld\n", qPrintable(server.url().toString()), server.pid(),
                QCoreApplication::applicationPid());
    std::fflush(stdout);

    StallProbe probe;
    app.probe = &probe;
    GuiDriver driver;

    // ---- initial sync, window shown ------------------------------------------------------------------------
    const QString dataDir = QDir(tmp.path()).filePath(QStringLiteral("data"));
    App::AppOptions appOptions;
    appOptions.serverUrl = server.url();
    appOptions.dataDir = dataDir;
    std::unique_ptr<App::AppController> controller;
    std::unique_ptr<AssembledSession> assembled;
    QElapsedTimer clock;
    clock.start();
    // Start-up is reported on its own line: building and first showing the window (fonts, layouts), signing in,
    // opening the cache and building every view (MainWindow::attachViews), once per session.
    probe.beginPhase(QStringLiteral("start-up: window shown, signed in, cache opened, views built"));
    Ui::MainWindow *window = nullptr;
    std::function<Core::SyncEngine *()> engineOf;
    if (o.appController) {
        controller = std::make_unique<App::AppController>(appOptions);
        QObject::connect(controller.get(), &App::AppController::startFailed, &app,
                         [](const QString &m) { die(QStringLiteral("the app could not start: %1").arg(m)); });
        if (auto started = controller->start(); !started)
            die(started.error().message);
        window = controller->mainWindow();
        window->resize(1400, 860);
        signIn(*controller, server.url());
        engineOf = [&controller] { return controller->syncEngine(); };
    } else {
        QDir().mkpath(dataDir);
        assembled = std::make_unique<AssembledSession>(server.url(), dataDir);
        assembled->start(!o.warmCache);
        window = assembled->window();
        window->resize(1400, 860);
        engineOf = [&assembled] { return assembled->engine(); };
    }
    if (!driver.waitUntil([&] { return engineOf() != nullptr; }, 600000))
        die(QStringLiteral("not signed in after 10 minutes"));
    QElapsedTimer shown;
    shown.start();
    driver.waitUntil([&shown] { return shown.elapsed() >= 100; }, 1000); // the probe ticks after the views
    probe.endPhase();
    probe.beginPhase(o.warmCache ? QStringLiteral("initial sync (window shown, no views)")
                                 : QStringLiteral("initial sync (views shown)"));
    std::printf("started through %s\n",
                o.appController ? "app::AppController (Connect dialog, ConnectionMonitor)"
                                : "SessionBootstrap + CacheStore + SyncEngine + MainWindow::attachViews (no "
                                  "ConnectionMonitor)");
    std::fflush(stdout);
    if (o.warmCache) {
        if (!driver.waitUntil([&] { return engineOf() != nullptr; }, 600000))
            die(QStringLiteral("no sync engine after 10 minutes"));
        Core::SyncEngine *headless = engineOf();
        bool synced = false;
        QObject::connect(headless, &Core::SyncEngine::synced, &app, [&synced] { synced = true; });
        const bool done = driver.waitUntil([&] { return synced && headless->state() == Core::SyncEngine::State::Idle; },
                                           o.syncTimeoutSeconds * 1000);
        probe.endPhase();
        std::printf("headless initial sync: %s after %.1f s\n", done ? "caught up" : "NOT caught up",
                    double(clock.elapsed()) / 1000.0);
        std::fflush(stdout);
        clock.restart();
        probe.beginPhase(QStringLiteral("open the views over the synced cache"));
        assembled->attachViews();
    }
    if (!driver.waitUntil([&] { return window->hasViews() && engineOf(); }, 600000))
        die(QStringLiteral("no views after 10 minutes"));
    window->showSection(Section::Keys);
    window->activateWindow();
    auto *keysView = qobject_cast<Ui::KeysView *>(window->view(Section::Keys));
    if (!keysView)
        die(QStringLiteral("the Keys section shows no KeysView"));
    Core::SyncEngine *engine = engineOf();
    int syncs = 0;
    int incrementalPages = 0;
    qint64 rowsApplied = 0;
    QObject::connect(engine, &Core::SyncEngine::synced, &app, [&syncs] { ++syncs; });
    if (o.warmCache)
        syncs = 1; // caught up before the views came
    QObject::connect(engine, &Core::SyncEngine::progress, &app,
                     [&rowsApplied, &incrementalPages](qint64 rows, qint64, bool initial) {
                         rowsApplied = std::max(rowsApplied, rows);
                         incrementalPages += initial ? 0 : 1;
                     });
    Core::KeysModel *keys = keysView->model();
    int lastCount = -1;
    QElapsedTimer stable;
    stable.start();
    const bool caughtUp = driver.waitUntil(
        [&] {
            if (keys->rowCount() != lastCount) {
                lastCount = keys->rowCount();
                stable.restart();
            }
            return syncs > 0 && engine->state() == Core::SyncEngine::State::Idle && keys->isLoaded()
                && stable.elapsed() > 2000;
        },
        o.syncTimeoutSeconds * 1000);
    probe.endPhase();
    std::printf("%s: %s after %.1f s; keys model %d rows, %lld rows applied (progress), sync state %d\n",
                o.warmCache ? "views open" : "initial sync", caughtUp ? "caught up" : "NOT caught up",
                double(clock.elapsed()) / 1000.0, keys->rowCount(), rowsApplied, int(engine->state()));
    std::fflush(stdout);

    // ---- scrolling the keys table --------------------------------------------------------------------------
    QTableView *table = keysView->table();
    table->setFocus(Qt::OtherFocusReason);
    QScrollBar *bar = table->verticalScrollBar();
    auto paint = [table] { table->viewport()->repaint(); };
    QList<GuiDriver::Step> scroll;
    for (int i = 0; i < 100; ++i)
        scroll.append([table, paint] {
            QTest::keyClick(table, Qt::Key_PageDown);
            paint();
        });
    constexpr int kDragSteps = 200;
    for (int i = 1; i <= kDragSteps; ++i)
        scroll.append([bar, paint, i] {
            // What dragging the thumb does: the slider position moves, then SliderMove applies it.
            bar->setSliderPosition(int(qint64(bar->maximum()) * i / kDragSteps));
            bar->triggerAction(QAbstractSlider::SliderMove);
            paint();
        });
    scroll.append([table, paint] {
        QTest::keyClick(table, Qt::Key_Home, Qt::ControlModifier);
        paint();
    });
    scroll.append([table, paint] {
        QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
        paint();
    });
    probe.beginPhase(QStringLiteral("scroll keys (100 PageDown, 200 thumb steps top to bottom, Ctrl+Home/End)"));
    driver.run(scroll, 30);
    probe.endPhase();

    // ---- typing a search, then the status filter -----------------------------------------------------------
    auto *search = window->findChild<QLineEdit *>(QStringLiteral("searchField"));
    auto *status = keysView->findChild<QComboBox *>(QStringLiteral("statusFilter"));
    if (!search || !status)
        die(QStringLiteral("no search field or status filter"));
    QList<GuiDriver::Step> typing;
    typing.append([search] { search->setFocus(Qt::ShortcutFocusReason); });
    for (const QChar c : o.search)
        typing.append([search, c, paint] {
            QTest::keyClick(search, c.toLatin1());
            paint();
        });
    for (qsizetype i = 0; i < o.search.size(); ++i)
        typing.append([search, paint] {
            QTest::keyClick(search, Qt::Key_Backspace);
            paint();
        });
    probe.beginPhase(QStringLiteral("type a search (\"%1\", 1 key / 100 ms, then backspaces)").arg(o.search));
    driver.run(typing, 100);
    probe.endPhase();
    std::printf("search cleared: keys model %d rows\n", keys->rowCount());

    QList<GuiDriver::Step> filtering;
    filtering.append([status] { status->setFocus(Qt::TabFocusReason); });
    for (int i = 1; i < status->count(); ++i)
        filtering.append([status, paint] {
            QTest::keyClick(status, Qt::Key_Down);
            paint();
        });
    for (int i = 1; i < status->count(); ++i)
        filtering.append([status, paint] {
            QTest::keyClick(status, Qt::Key_Up);
            paint();
        });
    probe.beginPhase(QStringLiteral("status filter (each status and back, 1 / 300 ms)"));
    driver.run(filtering, 300);
    probe.endPhase();
    std::printf("status filter back to \"%s\": keys model %d rows\n", qPrintable(status->currentText()),
                keys->rowCount());

    // ---- sorting by each column ----------------------------------------------------------------------------
    QHeaderView *header = table->horizontalHeader();
    QList<GuiDriver::Step> sorting;
    QList<int> columns;
    for (int c = 0; c < header->count(); ++c)
        if (!header->isSectionHidden(c))
            columns.append(c);
    columns.append(columns.value(0)); // back to the first column: descending
    columns.append(columns.value(0)); // and ascending again
    for (int c : std::as_const(columns))
        sorting.append([table, header, c, paint] {
            // A column right of the viewport is scrolled into view first, as a person would.
            if (header->sectionViewportPosition(c) + header->sectionSize(c) / 2 > header->viewport()->width())
                table->horizontalScrollBar()->setValue(header->sectionPosition(c));
            const int x = header->sectionViewportPosition(c) + std::min(header->sectionSize(c) / 2, 40);
            const QPoint at(x, header->height() / 2);
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
            paint();
        });
    probe.beginPhase(QStringLiteral("sort: click each column header (1 / 1000 ms)"));
    driver.run(sorting, 1000);
    probe.endPhase();

    // ---- incremental sync while scrolling ------------------------------------------------------------------
    QTableView *usersTable = tableOf(window->view(Section::Users));
    const QStringList userIds = idsOf(usersTable ? usersTable->model() : nullptr, 500);
    const QStringList keyIds = idsOf(keys, 500);
    BackgroundEditor editor(server.url(), userIds, keyIds, o.rate);
    QList<GuiDriver::Step> browsing;
    const int steps = o.editSeconds * 10;
    for (int i = 0; i < steps; ++i)
        browsing.append([table, bar, paint, i] {
            if (i % 4 == 0) {
                bar->setSliderPosition(int((qint64(bar->maximum()) * ((i * 37) % 100)) / 100));
                bar->triggerAction(QAbstractSlider::SliderMove);
            } else {
                QTest::keyClick(table, Qt::Key_PageDown);
            }
            paint();
        });
    const int pagesBefore = incrementalPages;
    const qint64 rowsBefore = rowsApplied;
    probe.beginPhase(
        QStringLiteral("incremental sync at %1 changes/s while scrolling (1 step / 100 ms)").arg(o.rate, 0, 'f', 0));
    editor.start();
    driver.run(browsing, 100);
    editor.requestStop();
    driver.waitUntil([&] { return editor.isFinished(); }, 30000);
    // Let the last changes arrive: the engine catches up with the feed.
    driver.waitUntil([&] { return engine->state() == Core::SyncEngine::State::Idle; }, 30000);
    probe.endPhase();
    editor.wait();
    std::printf("other client: %d changes (%d users, %d keys to pick from), %d failed%s; GUI sync engine: %d pages, "
                "%lld rows applied meanwhile\n",
                editor.sent(), int(userIds.size()), int(keyIds.size()), editor.failed(),
                editor.lastError().isEmpty() ? "" : qPrintable(QStringLiteral(" (%1)").arg(editor.lastError())),
                incrementalPages - pagesBefore, rowsApplied - rowsBefore);

    printTable(probe);
    printStalls(probe, o.stacks);

    window->detachViews();
    std::fflush(stdout);
    return 0;
}
