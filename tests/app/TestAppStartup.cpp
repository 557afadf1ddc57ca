#include "app/AppController.h"
#include "app/ConnectionMonitor.h"
#include "app/EmbeddedServer.h"
#include "core/sync/SyncEngine.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/startup/FirstRunDialog.h"
#include "ui/status/StatusBarWidget.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keydesk;

/// The start-up sequence as a user meets it: the first-run question once, the demo without it, the window
/// showing the facility after an HTTP sign-in to the embedded server.
class TestAppStartup final : public QObject
{
    Q_OBJECT

    static constexpr int kStartTimeoutMs = 60000; // a first demo start builds a week of lock activity

private Q_SLOTS:
    void demoSkipsTheQuestionAndHasData()
    {
        QTemporaryDir dir;
        App::AppOptions options;
        options.demo = true;
        options.dataDir = dir.path();
        App::AppController controller(options);
        QSignalSpy started(&controller, &App::AppController::sessionStarted);
        QVERIFY(controller.start());
        QVERIFY(!controller.firstRunDialog());
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, kStartTimeoutMs);
        QVERIFY(!controller.firstRunDialog());
        QVERIFY(controller.createdFacility());
        QVERIFY(controller.embeddedServer());
        QVERIFY(controller.mainWindow()->windowTitle().contains(QLatin1String("Demo Self Storage")));
        QVERIFY(controller.mainWindow()->session().role == Core::StaffRole::Owner);
        // Queued changes name who made them (the optimistic rows' created_by / revoked_by).
        QVERIFY(!controller.mainWindow()->session().staffId.isEmpty());
        // The counts come over HTTP from the embedded server: the demo has locks, users and keys, some low.
        QTRY_VERIFY_WITH_TIMEOUT(controller.monitor()->lastSynced().isValid(), 20000);
        const Ui::FacilityCounts counts = controller.monitor()->counts();
        QVERIFY(counts.locks >= 10);
        QVERIFY(counts.users >= 20);
        QVERIFY(counts.keys >= counts.users);
        QVERIFY(counts.activeKeys > 0 && counts.activeKeys < counts.keys); // keys in other states too
        QVERIFY(counts.lowBatteries > 0);
        auto *status = controller.mainWindow()->findChild<Ui::StatusBarWidget *>(QStringLiteral("connectionStatus"));
        QVERIFY(status);
        QTRY_VERIFY(status->stateText().contains(QLatin1String("Online")));
        // The status bar counts what the cache holds: the server's numbers once the first sync has landed.
        QTRY_VERIFY2_WITH_TIMEOUT(status->countsText().contains(QStringLiteral("%1 locks").arg(counts.locks)),
                                  qPrintable(status->countsText() + QStringLiteral(" / %1").arg(counts.locks)), 20000);
        // core/sync's engine fills the desktop's cache inside the data directory, over HTTP like any server.
        QTRY_VERIFY_WITH_TIMEOUT(controller.syncEngine(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(controller.syncEngine()->state() == Core::SyncEngine::State::Idle
                                     && controller.syncEngine()->rowsApplied() > 0,
                                 30000);
        QVERIFY(!QDir(dir.filePath(QStringLiteral("cache"))).entryList({ QStringLiteral("*.sqlite") }).isEmpty());
        // --demo opens the demo without making it the remembered choice.
        QCOMPARE(controller.settings()->startMode(), App::AppSettings::StartMode::Unset);
        // The views' remembered layouts are in the data directory too, not in the user's own settings.
        QVERIFY2(QSettings().fileName().startsWith(dir.path() + QLatin1Char('/')), qPrintable(QSettings().fileName()));
    }

    void firstRunAsksOnceAndRemembers()
    {
        QTemporaryDir dir;
        App::AppOptions options;
        options.dataDir = dir.path();
        {
            App::AppController controller(options);
            QSignalSpy started(&controller, &App::AppController::sessionStarted);
            QVERIFY(controller.start());
            QTRY_VERIFY(controller.firstRunDialog() && controller.firstRunDialog()->isVisible());
            Ui::FirstRunDialog *dialog = controller.firstRunDialog();
            auto *empty = dialog->findChild<QRadioButton *>(QStringLiteral("choiceEmpty"));
            QVERIFY(empty);
            empty->click();
            dialog->findChild<QPushButton *>(QStringLiteral("firstRunStart"))->click();
            QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, kStartTimeoutMs);
            QVERIFY(controller.createdFacility());
            QVERIFY(controller.mainWindow()->windowTitle().contains(QLatin1String("My Facility")));
            QVERIFY(controller.mainWindow()->windowTitle().contains(QLatin1String("owner")));
        }
        // The answer lives in the data dir's INI file, nowhere else.
        QSettings ini(dir.filePath(QStringLiteral("keydesk.ini")), QSettings::IniFormat);
        QCOMPARE(ini.value(QStringLiteral("startup/mode")).toString(), QStringLiteral("facility"));
        {
            App::AppController controller(options);
            QSignalSpy started(&controller, &App::AppController::sessionStarted);
            QVERIFY(controller.start());
            QVERIFY(!controller.firstRunDialog());
            QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, kStartTimeoutMs);
            QVERIFY(!controller.createdFacility()); // the same database again
        }
    }

    void quittingTheQuestionQuits()
    {
        QTemporaryDir dir;
        App::AppOptions options;
        options.dataDir = dir.path();
        App::AppController controller(options);
        QSignalSpy quit(&controller, &App::AppController::quitRequested);
        QVERIFY(controller.start());
        QTRY_VERIFY(controller.firstRunDialog());
        controller.firstRunDialog()->reject();
        QTRY_COMPARE(quit.size(), 1);
        QCOMPARE(controller.settings()->startMode(), App::AppSettings::StartMode::Unset);
        QVERIFY(!controller.embeddedServer());
    }
};

QTEST_MAIN(TestAppStartup)
#include "TestAppStartup.moc"
