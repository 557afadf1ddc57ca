#include "app/AppController.h"
#include "app/ConnectionMonitor.h"
#include "app/CredentialStore.h"
#include "core/sync/SyncEngine.h"
#include "tests/client/LiveServer.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/startup/ConnectDialog.h"
#include "ui/status/OfflineBanner.h"
#include "ui/status/StatusBarWidget.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keydesk;

/// Signing in to a remote server through the Connect dialog, against the real keydesk-server on loopback.
class TestConnectDialog final : public QObject
{
    Q_OBJECT

    /// A controller started with --server URL and its open Connect dialog.
    struct Fixture
    {
        QTemporaryDir dir;
        std::unique_ptr<App::AppController> controller;
        Ui::ConnectDialog *dialog = nullptr;
    };

    static bool open(Fixture &f, const QUrl &url)
    {
        App::AppOptions options;
        options.serverUrl = url;
        options.dataDir = f.dir.path();
        f.controller = std::make_unique<App::AppController>(options);
        if (!f.controller->start())
            return false;
        f.dialog = f.controller->connectDialog();
        return f.dialog != nullptr;
    }

    static void signIn(Ui::ConnectDialog *dialog, const QString &user, const QString &password)
    {
        dialog->findChild<QLineEdit *>(QStringLiteral("connectUsername"))->setText(user);
        dialog->findChild<QLineEdit *>(QStringLiteral("connectPassword"))->setText(password);
        dialog->findChild<QCheckBox *>(QStringLiteral("connectRemember"))->setChecked(false);
        dialog->findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
    }

private Q_SLOTS:
    void wrongPasswordIsSaidInWordsAndTheDialogStays()
    {
        Test::LiveServer server;
        QVERIFY2(server.ok(), qPrintable(server.error()));
        Fixture f;
        QVERIFY(open(f, server.url()));
        QCOMPARE(f.dialog->findChild<QLineEdit *>(QStringLiteral("connectUrl"))->text(), server.url().toString());
        signIn(f.dialog, Test::LiveServer::kOwner, QStringLiteral("not the password at all"));
        QVERIFY(f.dialog->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!f.dialog->isBusy(), 20000);
        QVERIFY2(f.dialog->errorText().contains(QLatin1String("Wrong user name or password")),
                 qPrintable(f.dialog->errorText()));
        QVERIFY(f.dialog->isVisible());
        QVERIFY(!f.controller->hasSession());
    }

    void unreachableServerIsSaidInWords()
    {
        QUrl url;
        {
            Test::LiveServer gone;
            QVERIFY(gone.ok());
            url = gone.url();
        } // nothing listens on that port any more
        Fixture f;
        QVERIFY(open(f, url));
        signIn(f.dialog, Test::LiveServer::kOwner, Test::LiveServer::kPassword);
        QTRY_VERIFY_WITH_TIMEOUT(!f.dialog->isBusy(), 20000);
        QVERIFY2(f.dialog->errorText().contains(QLatin1String("Cannot reach")), qPrintable(f.dialog->errorText()));
        QVERIFY(f.dialog->isVisible());
    }

    void invalidAddressNeverLeavesTheDialog_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("empty") << QString();
        QTest::newRow("ftp scheme") << QStringLiteral("ftp://keys.example.com");
        QTest::newRow("no host") << QStringLiteral("https://");
    }

    void invalidAddressNeverLeavesTheDialog()
    {
        QFETCH(QString, address);
        Ui::ConnectDialog dialog;
        QSignalSpy requested(&dialog, &Ui::ConnectDialog::signInRequested);
        dialog.findChild<QLineEdit *>(QStringLiteral("connectUrl"))->setText(address);
        signIn(&dialog, QStringLiteral("olivia"), QStringLiteral("secret secret"));
        QCOMPARE(requested.size(), 0);
        QVERIFY(!dialog.errorText().isEmpty());
        QVERIFY(!dialog.isBusy());
    }

    void successShowsTheFacilityAndRemembersTheServer()
    {
        Test::LiveServer server;
        QVERIFY(server.ok());
        Fixture f;
        QVERIFY(open(f, server.url()));
        QSignalSpy started(f.controller.get(), &App::AppController::sessionStarted);
        signIn(f.dialog, Test::LiveServer::kOwner, Test::LiveServer::kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 20000);
        QTRY_VERIFY(!f.controller->connectDialog());
        Ui::MainWindow *window = f.controller->mainWindow();
        QVERIFY2(window->windowTitle().contains(QLatin1String("Test Storage")), qPrintable(window->windowTitle()));
        QVERIFY(window->windowTitle().contains(Test::LiveServer::kOwner));
        QVERIFY(!window->session().embedded);
        QVERIFY(!f.controller->embeddedServer());
        QCOMPARE(f.controller->settings()->startMode(), App::AppSettings::StartMode::Remote);
        QCOMPARE(f.controller->settings()->remoteUrl(), server.url());
        QCOMPARE(f.controller->settings()->remoteUsername(), Test::LiveServer::kOwner);
        QVERIFY(!f.controller->settings()->remoteRemembered());
        QVERIFY(window->findChild<QAction *>(QStringLiteral("actionNewKey"))->isVisible());
    }

    void serverGoingAwayShowsTheOfflineBannerUntilItReturns()
    {
        Test::LiveServer server;
        QVERIFY(server.ok());
        Fixture f;
        QVERIFY(open(f, server.url()));
        QSignalSpy started(f.controller.get(), &App::AppController::sessionStarted);
        signIn(f.dialog, Test::LiveServer::kOwner, Test::LiveServer::kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 20000);
        Ui::MainWindow *window = f.controller->mainWindow();
        Ui::OfflineBanner *banner = window->offlineBanner();
        Ui::StatusBarWidget *status = window->connectionStatus();
        QTRY_VERIFY_WITH_TIMEOUT(f.controller->monitor()->lastSynced().isValid(), 20000);
        QTRY_VERIFY(status->stateText().contains(QLatin1String("Online")));
        QVERIFY(!banner->isVisible());
        QVERIFY(status->syncedText().startsWith(QLatin1String("synced")));

        // The sync engine (once its cache is open) drives the state; it notices a dropped long-poll at once.
        QTRY_VERIFY_WITH_TIMEOUT(f.controller->syncEngine(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(f.controller->syncEngine()->state() == Core::SyncEngine::State::Idle, 20000);
        server.stop();
        f.controller->monitor()->refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        QVERIFY(status->stateText().contains(QLatin1String("Offline")));
        QVERIFY(banner->text().contains(QLatin1String("127.0.0.1")));
        QVERIFY(banner->text().contains(QLatin1String("queued")));

        QVERIFY(server.start());
        f.controller->syncEngine()->retryNow();
        f.controller->monitor()->refreshNow();
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000);
        QVERIFY(status->stateText().contains(QLatin1String("Online")));
    }

    void rememberMeUsesTheKeyringOrSaysItIsUnavailable()
    {
        Test::LiveServer server;
        QVERIFY(server.ok());
        Fixture f;
        QVERIFY(open(f, server.url()));
        QSignalSpy started(f.controller.get(), &App::AppController::sessionStarted);
        auto *remember = f.dialog->findChild<QCheckBox *>(QStringLiteral("connectRemember"));
        f.dialog->findChild<QLineEdit *>(QStringLiteral("connectUsername"))->setText(Test::LiveServer::kOwner);
        f.dialog->findChild<QLineEdit *>(QStringLiteral("connectPassword"))->setText(Test::LiveServer::kPassword);
        remember->setChecked(true);
        f.dialog->findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(started.size() == 1 || (f.dialog && !f.dialog->isBusy()), 30000);
        if (started.size() == 1) {
            // A keyring exists here: the password went there, and only the fact is in the settings.
            QVERIFY(f.controller->settings()->remoteRemembered());
            QFile ini(f.dir.filePath(QStringLiteral("keydesk.ini")));
            QVERIFY(ini.open(QIODevice::ReadOnly));
            QVERIFY(!ini.readAll().contains(Test::LiveServer::kPassword.toUtf8()));
            return;
        }
        // No keyring (CI, no D-Bus): the dialog says so, unticks "Remember me" and signs in without it on request.
        QVERIFY2(f.dialog->errorText().contains(QLatin1String("keyring")), qPrintable(f.dialog->errorText()));
        QVERIFY(!remember->isChecked());
        QVERIFY(!f.controller->hasSession());
        f.dialog->findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 20000);
        QVERIFY(!f.controller->settings()->remoteRemembered());
    }

    void keyringEntriesAreNamespacedPerServerAndUser()
    {
        const QUrl a(QStringLiteral("https://keys.example.com"));
        const QUrl b(QStringLiteral("https://keys.example.com:8443"));
        QCOMPARE(App::CredentialStore::entryKey(a, QStringLiteral("olivia")),
                 App::CredentialStore::entryKey(QUrl(QStringLiteral("https://keys.example.com/")),
                                                QStringLiteral("olivia")));
        QVERIFY(App::CredentialStore::entryKey(a, QStringLiteral("olivia"))
                != App::CredentialStore::entryKey(b, QStringLiteral("olivia")));
        QVERIFY(App::CredentialStore::entryKey(a, QStringLiteral("olivia"))
                != App::CredentialStore::entryKey(a, QStringLiteral("frank")));
    }

    void roleHidesWhatItMayNotDo_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<bool>("newKeyVisible");
        QTest::addColumn<bool>("auditVisible");
        QTest::newRow("auditor → no New digital key, audit log") << QStringLiteral("auditor") << false << true;
        QTest::newRow("front desk → no New digital key, no audit log")
            << QStringLiteral("front_desk") << false << false;
        QTest::newRow("manager → New digital key, no audit log") << QStringLiteral("manager") << true << false;
    }

    void roleHidesWhatItMayNotDo()
    {
        QFETCH(QString, role);
        QFETCH(bool, newKeyVisible);
        QFETCH(bool, auditVisible);
        Test::LiveServer server;
        QVERIFY(server.ok());
        const QString user = QStringLiteral("staff.") + role;
        QVERIFY(server.addStaff(user, role));
        Fixture f;
        QVERIFY(open(f, server.url()));
        QSignalSpy started(f.controller.get(), &App::AppController::sessionStarted);
        signIn(f.dialog, user, Test::LiveServer::kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 20000);
        QAction *newKey = f.controller->mainWindow()->findChild<QAction *>(QStringLiteral("actionNewKey"));
        QVERIFY(newKey);
        QCOMPARE(newKey->isVisible(), newKeyVisible);
        QCOMPARE(newKey->isEnabled(), newKeyVisible);
        auto *nav = f.controller->mainWindow()->findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(nav);
        QCOMPARE(!nav->item(static_cast<int>(Ui::MainWindow::Section::Audit))->isHidden(), auditVisible);
    }
};

QTEST_MAIN(TestConnectDialog)
#include "TestConnectDialog.moc"
