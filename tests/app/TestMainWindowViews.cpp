#include "app/AppController.h"
#include "core/sync/SyncEngine.h"
#include "ui/mainwindow/MainWindow.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keydesk;
using Section = Ui::MainWindow::Section;

/// The signed-in main window: every section shows its real view over the synced cache, and the one search
/// field filters the view on screen. KEYDESK_SCREENSHOT_DIR=DIR also saves a PNG of each main view there.
class TestMainWindowViews final : public QObject
{
    Q_OBJECT

    static int visibleRows(QWidget *view)
    {
        const QList<QTableView *> tables = view->findChildren<QTableView *>();
        int rows = 0;
        for (QTableView *table : tables)
            if (table->model() && table->isVisibleTo(view))
                rows = std::max(rows, table->model()->rowCount());
        return rows;
    }

private Q_SLOTS:
    void demoSessionShowsEveryViewAndSearchFilters()
    {
        QTemporaryDir dir;
        App::AppOptions options;
        options.demo = true;
        options.dataDir = dir.path();
        App::AppController controller(options);
        QVERIFY(controller.start());
        Ui::MainWindow *window = controller.mainWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->hasViews(), 90000);
        QTRY_VERIFY_WITH_TIMEOUT(controller.syncEngine()->state() == Core::SyncEngine::State::Idle, 30000);

        for (Section section :
             { Section::Users, Section::Locks, Section::Keys, Section::Activity, Section::QuickClicks, Section::Audit })
            QVERIFY2(window->view(section), qPrintable(QString::number(static_cast<int>(section))));

        window->showSection(Section::Keys);
        QWidget *keys = window->view(Section::Keys);
        QTRY_VERIFY_WITH_TIMEOUT(visibleRows(keys) >= 20, 20000);
        const int allKeys = visibleRows(keys);

        auto *search = window->findChild<QLineEdit *>(QStringLiteral("searchField"));
        QVERIFY(search);
        search->setText(QStringLiteral("no key is called this"));
        QTRY_COMPARE(visibleRows(keys), 0);
        search->clear();
        QTRY_COMPARE(visibleRows(keys), allKeys);

        // The view actions reach the menu bar; Ctrl+N stays File ▸ New digital key… alone.
        QMenu *actions = window->findChild<QMenu *>(QStringLiteral("actionsMenu"));
        QVERIFY(actions && !actions->isEmpty());
        int ctrlN = 0;
        for (QAction *action : window->findChildren<QAction *>())
            if (action->shortcut() == QKeySequence(QKeySequence::New))
                ++ctrlN;
        QCOMPARE(ctrlN, 1);

        const QString shots = qEnvironmentVariable("KEYDESK_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            window->resize(1400, 860);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window));
            const QList<QPair<Section, QString>> pages = { { Section::Dashboard, QStringLiteral("dashboard") },
                                                           { Section::Users, QStringLiteral("users") },
                                                           { Section::Locks, QStringLiteral("locks") },
                                                           { Section::Keys, QStringLiteral("keys") },
                                                           { Section::Activity, QStringLiteral("activity") },
                                                           { Section::QuickClicks, QStringLiteral("quickclicks") },
                                                           { Section::Audit, QStringLiteral("audit") } };
            for (const auto &[section, name] : pages) {
                window->showSection(section);
                QTest::qWait(400); // let the view lay out and the chart render; only for pictures
                QVERIFY(window->grab().save(QDir(shots).filePath(name + QStringLiteral(".png"))));
            }
        }

        // Ending the session takes the views down before the cache and the engine go.
        window->detachViews();
        QVERIFY(!window->hasViews());
        QVERIFY(!window->view(Section::Keys));
    }
};

QTEST_MAIN(TestMainWindowViews)
#include "TestMainWindowViews.moc"
