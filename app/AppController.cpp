#include "app/AppController.h"

#include "app/CacheCounts.h"
#include "app/ConnectionMonitor.h"
#include "app/CredentialStore.h"
#include "app/EmbeddedServer.h"
#include "app/SessionBootstrap.h"
#include "core/cache/CacheDatabase.h"
#include "core/cache/CacheStore.h"
#include "core/domain/Clock.h"
#include "core/sync/SyncEngine.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/startup/FirstRunDialog.h"
#include "ui/status/OfflineBanner.h"
#include "ui/status/StatusBarWidget.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStatusBar>
#include <QThread>

Q_LOGGING_CATEGORY(lcApp, "keydesk.app")

namespace Keydesk::App {

AppController::AppController(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(m_options.clock ? *m_options.clock : Core::Clock::system())
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_credentials(new CredentialStore(this))
{ }

AppController::~AppController()
{
    if (m_creator) {
        // A demo being created cannot be interrupted half-way; its folder is only renamed when complete.
        m_creator->wait();
    }
    if (m_connect)
        delete m_connect.data();
    if (m_firstRun)
        delete m_firstRun.data();
    stopSession();
    m_window.reset();
    m_client.reset();
    m_candidate.reset();
    m_embedded.reset();
}

Core::Result<void> AppController::start()
{
    auto dir = DataDirectory::open(m_options.dataDir);
    if (!dir)
        return dir.error();
    m_dataDir = dir.value();
    m_settings = std::make_unique<AppSettings>(m_dataDir->settingsPath());
    // The views' remembered layouts (QSettings() without a path) go in the data directory too: two instances with
    // their own --data-dir share nothing, and a trial leaves the user's own settings alone.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dataDir->viewSettingsPath());
    qCInfo(lcApp) << "data directory" << m_dataDir->path();

    // The window appears at once, saying what is going on; the questions open over it.
    m_window = std::make_unique<Ui::MainWindow>(m_clock);
    connect(m_window.get(), &Ui::MainWindow::connectToServerRequested, this, &AppController::openConnectDialog);
    m_window->show();

    if (!m_options.serverUrl.isEmpty()) {
        openConnectDialog();
        return {};
    }
    if (m_options.demo) {
        startEmbedded(EmbeddedProfile::Demo);
        return {};
    }
    switch (m_settings->startMode()) {
    case AppSettings::StartMode::Demo:
        startEmbedded(EmbeddedProfile::Demo);
        break;
    case AppSettings::StartMode::Facility:
        startEmbedded(EmbeddedProfile::Facility);
        break;
    case AppSettings::StartMode::Remote:
        openConnectDialog();
        break;
    case AppSettings::StartMode::Unset:
        askFirstRun();
        break;
    }
    return {};
}

void AppController::askFirstRun()
{
    m_window->statusBar()->showMessage(tr("Welcome \u2014 choose how to start."));
    m_firstRun = new Ui::FirstRunDialog(m_window.get());
    m_firstRun->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_firstRun, &QDialog::accepted, this, [this] {
        const Ui::FirstRunDialog::Choice choice = m_firstRun->choice();
        switch (choice) {
        case Ui::FirstRunDialog::Choice::Demo:
            m_settings->setStartMode(AppSettings::StartMode::Demo);
            startEmbedded(EmbeddedProfile::Demo);
            break;
        case Ui::FirstRunDialog::Choice::Empty:
            m_settings->setStartMode(AppSettings::StartMode::Facility);
            startEmbedded(EmbeddedProfile::Facility);
            break;
        case Ui::FirstRunDialog::Choice::Connect:
            // Remembered only once a sign-in succeeds: a cancelled Connect asks the question again next time.
            openConnectDialog();
            break;
        }
    });
    connect(m_firstRun, &QDialog::rejected, this, &AppController::quitRequested);
    m_firstRun->open();
}

void AppController::startEmbedded(EmbeddedProfile profile)
{
    const QString folder = m_dataDir->profilePath(profile);
    if (QFileInfo::exists(EmbeddedServer::databasePathIn(folder))) {
        embeddedReady(profile, {});
        return;
    }
    // Creating (and for the demo, filling) a database takes seconds: off the GUI thread, so the window paints.
    m_window->statusBar()->showMessage(profile == EmbeddedProfile::Demo
                                           ? tr("Preparing the demo facility: locks, tenants, keys and "
                                                "their activity\u2026")
                                           : tr("Creating your facility\u2026"));
    auto result = std::make_shared<Core::Result<void>>();
    const Core::Clock *clock = &m_clock;
    m_creator = QThread::create(
        [folder, profile, result, clock] { *result = createEmbeddedFacility(folder, profile, *clock); });
    connect(m_creator, &QThread::finished, this, [this, profile, result] {
        m_creator->deleteLater();
        m_creator = nullptr;
        m_createdFacility = result->ok();
        embeddedReady(profile, *result);
    });
    m_creator->start();
}

void AppController::embeddedReady(EmbeddedProfile profile, const Core::Result<void> &created)
{
    if (!created) {
        fail(created.error().message);
        return;
    }
    auto embedded = EmbeddedServer::start(m_dataDir->profilePath(profile), profile, m_clock);
    if (!embedded) {
        fail(tr("The built-in server could not start: %1").arg(embedded.error().message));
        return;
    }
    m_embedded = std::move(embedded).value();
    m_client = std::make_unique<Core::ApiClient>(*m_network, m_embedded->url());
    connect(m_client.get(), &Core::ApiClient::sessionExpired, this, &AppController::reauthenticate);
    signInEmbedded();
}

void AppController::signInEmbedded()
{
    m_window->statusBar()->showMessage(tr("Signing in\u2026"));
    const EmbeddedCredentials &credentials = m_embedded->credentials();
    QCoro::connect(SessionBootstrap::signIn(m_client.get(), credentials.username, credentials.password, true), this,
                   [this](Core::ApiResult<Ui::SessionInfo> &&session) {
                       if (!session) {
                           fail(tr("Signing in to the built-in server failed: %1").arg(session.error().message));
                           return;
                       }
                       beginSession(session.value());
                   });
}

void AppController::reauthenticate()
{
    if (!m_hasSession || m_reauthenticating)
        return;
    if (!m_embedded) {
        openConnectDialog();
        return;
    }
    // The views, the cache and the queued changes stay; only the token is renewed.
    m_reauthenticating = true;
    const EmbeddedCredentials &credentials = m_embedded->credentials();
    QCoro::connect(SessionBootstrap::signIn(m_client.get(), credentials.username, credentials.password, true), this,
                   [this](Core::ApiResult<Ui::SessionInfo> &&session) {
                       m_reauthenticating = false;
                       if (!session) {
                           qCWarning(lcApp) << "signing in again failed:" << session.error().message;
                           return; // the next 401 tries again
                       }
                       if (m_sync)
                           m_sync->retryNow();
                       else if (m_monitor)
                           m_monitor->refreshNow();
                   });
}

void AppController::openConnectDialog()
{
    if (m_connect) {
        m_connect->raise();
        m_connect->activateWindow();
        return;
    }
    Ui::ConnectRequest request;
    const bool fromCommandLine = !m_options.serverUrl.isEmpty() && !m_hasSession;
    request.serverUrl = fromCommandLine ? m_options.serverUrl : m_settings->remoteUrl();
    request.username = !m_options.username.isEmpty() && fromCommandLine ? m_options.username
        : request.serverUrl == m_settings->remoteUrl()                  ? m_settings->remoteUsername()
                                                                        : QString();
    request.caFile = !m_options.caFile.isEmpty() ? m_options.caFile : m_settings->remoteCaFile();
    request.remember = m_settings->remoteRemembered();

    m_connect = new Ui::ConnectDialog(m_window.get());
    m_connect->setAttribute(Qt::WA_DeleteOnClose);
    m_connect->setRequest(request);
    connect(m_connect, &Ui::ConnectDialog::signInRequested, this, &AppController::signInRemote);
    connect(m_connect, &QDialog::rejected, this, [this] {
        m_candidate.reset();
        if (!m_hasSession)
            Q_EMIT quitRequested();
    });
    m_connect->open();

    // A password remembered for exactly this server and user signs in without a question (once per start).
    if (!m_autoSignInTried && request.remember && !request.username.isEmpty()
        && request.serverUrl == m_settings->remoteUrl() && request.username == m_settings->remoteUsername()) {
        m_autoSignInTried = true;
        QPointer<Ui::ConnectDialog> dialog = m_connect;
        m_credentials->load(request.serverUrl, request.username, [dialog, request](Core::Result<QString> password) {
            if (!dialog)
                return;
            if (!password) {
                dialog->showNote(password.error().message + QLatin1Char(' ') + tr("Enter the password to sign in."));
                return;
            }
            Ui::ConnectRequest filled = request;
            filled.password = password.value();
            dialog->setRequest(filled);
            dialog->submit();
        });
    }
}

void AppController::signInRemote(const Ui::ConnectRequest &request)
{
    m_candidate = std::make_unique<Core::ApiClient>(*m_network, request.serverUrl);
    if (!request.caFile.isEmpty()) {
        if (auto trusted = m_candidate->trustCaFile(request.caFile); !trusted) {
            m_connect->showError(trusted.error().message);
            return;
        }
    }
    QCoro::connect(SessionBootstrap::signIn(m_candidate.get(), request.username, request.password, false), this,
                   [this, request](Core::ApiResult<Ui::SessionInfo> &&session) {
                       if (!m_connect)
                           return; // cancelled meanwhile
                       if (!session) {
                           m_connect->showError(session.error().message);
                           return;
                       }
                       remoteSignedIn(request, session.value());
                   });
}

void AppController::remoteSignedIn(const Ui::ConnectRequest &request, const Ui::SessionInfo &session)
{
    if (!request.remember) {
        // "Remember me" unticked: forget a password kept before; no keyring is needed for that to be fine.
        if (m_settings->remoteRemembered())
            m_credentials->remove(request.serverUrl, request.username, [](Core::Result<void>) {});
        finishRemote(request, session);
        return;
    }
    QPointer<AppController> self(this);
    m_credentials->save(
        request.serverUrl, request.username, request.password, [self, request, session](Core::Result<void> saved) {
            if (!self || !self->m_connect)
                return;
            if (!saved) {
                self->m_connect->setRememberChecked(false);
                self->m_connect->showError(saved.error().message + QLatin1Char(' ')
                                           + tr("\u201cRemember me\u201d is now unticked: press Connect to sign in "
                                                "without remembering the password."));
                return;
            }
            self->finishRemote(request, session);
        });
}

void AppController::stopSession()
{
    // The views read the cache and queue into the engine: they go first.
    if (m_window)
        m_window->detachViews();
    // The engine uses the cache and the client; the cache waits for its worker thread.
    m_counts.reset();
    m_sync.reset();
    m_cache.reset();
    m_monitor.reset();
}

void AppController::finishRemote(const Ui::ConnectRequest &request, const Ui::SessionInfo &session)
{
    stopSession();
    m_client = std::move(m_candidate);
    connect(m_client.get(), &Core::ApiClient::sessionExpired, this, &AppController::reauthenticate);
    // The desktop talks to one server at a time; the built-in one stops once a remote one is signed in.
    m_embedded.reset();
    m_settings->setStartMode(AppSettings::StartMode::Remote);
    m_settings->setRemote(request.serverUrl, request.username, request.caFile, request.remember);
    m_connect->accept();
    beginSession(session);
}

void AppController::beginSession(const Ui::SessionInfo &session)
{
    m_hasSession = true;
    m_window->setSession(session);
    Ui::StatusBarWidget *status = m_window->connectionStatus();
    Ui::OfflineBanner *banner = m_window->offlineBanner();
    banner->hide();
    m_monitor = std::make_unique<ConnectionMonitor>(*m_client, m_clock);
    const QString serverName = session.embedded ? tr("the built-in server") : session.serverUrl.host();
    connect(m_monitor.get(), &ConnectionMonitor::stateChanged, status,
            [status, banner, serverName](Ui::ConnectionState state, const QString &detail) {
                status->setState(state, detail);
                if (state == Ui::ConnectionState::Offline)
                    banner->showOffline(serverName, detail);
                else if (state == Ui::ConnectionState::Online)
                    banner->hide();
            });
    connect(m_monitor.get(), &ConnectionMonitor::progressChanged, status, &Ui::StatusBarWidget::setProgress);
    connect(m_monitor.get(), &ConnectionMonitor::synced, status, &Ui::StatusBarWidget::setLastSynced);
    connect(m_monitor.get(), &ConnectionMonitor::countsChanged, status, &Ui::StatusBarWidget::setCounts);
    connect(m_monitor.get(), &ConnectionMonitor::sessionEnded, this, &AppController::reauthenticate);
    m_monitor->start();
    startSync(session);
    Q_EMIT sessionStarted(session);
}

void AppController::startSync(const Ui::SessionInfo &session)
{
    // The embedded server's port changes with every start; its cache is named after the facility alone.
    const QUrl cacheServer = session.embedded ? QUrl(QStringLiteral("http://embedded")) : session.serverUrl;
    m_cache = std::make_unique<Core::CacheStore>(
        Core::CacheDatabase::defaultPath(m_dataDir->path(), cacheServer, session.facilityId));
    QPointer<Core::CacheStore> cache(m_cache.get());
    QCoro::connect(m_cache->open(), this, [this, cache](Core::Result<Core::CacheOpenReport> &&opened) {
        if (!cache || cache != m_cache.get())
            return; // the session changed meanwhile
        if (!opened) {
            // Without a cache the window still works online; the status keeps following the server checks.
            qCWarning(lcApp) << "cache unavailable:" << opened.error().message;
            m_window->statusBar()->showMessage(tr("Offline copy unavailable: %1").arg(opened.error().message));
            return;
        }
        m_sync = std::make_unique<Core::SyncEngine>(*m_client, *m_cache);
        Ui::StatusBarWidget *status = m_window->connectionStatus();
        Ui::OfflineBanner *banner = m_window->offlineBanner();
        const QString serverName
            = m_window->session().embedded ? tr("the built-in server") : m_window->session().serverUrl.host();
        // From here the engine says online / syncing / offline and the cache gives the counts, also offline and
        // within a second of a sync; the monitor's polling of the server's lists stops.
        m_monitor->stop();
        disconnect(m_monitor.get(), nullptr, status, nullptr);
        m_counts = std::make_unique<CacheCounts>(*m_cache, m_clock);
        connect(m_counts.get(), &CacheCounts::countsChanged, status, &Ui::StatusBarWidget::setCounts);
        Core::SyncEngine *engine = m_sync.get();
        connect(engine, &Core::SyncEngine::stateChanged, status,
                [engine, status, banner, serverName](Core::SyncEngine::State state) {
                    switch (state) {
                    case Core::SyncEngine::State::Idle:
                        status->setState(Ui::ConnectionState::Online);
                        banner->hide();
                        break;
                    case Core::SyncEngine::State::Syncing:
                        status->setState(Ui::ConnectionState::Syncing);
                        break;
                    case Core::SyncEngine::State::Offline:
                        status->setState(Ui::ConnectionState::Offline, engine->lastError());
                        banner->showOffline(serverName, engine->lastError());
                        break;
                    case Core::SyncEngine::State::Error:
                        status->setState(Ui::ConnectionState::Error, engine->lastError());
                        break;
                    }
                });
        connect(engine, &Core::SyncEngine::synced, status, [this, status] { status->setLastSynced(m_clock.now()); });
        engine->start();
        attachViews();
    });
}

void AppController::attachViews()
{
    const Ui::SessionInfo &session = m_window->session();
    Ui::ViewContext context;
    context.cache = m_cache.get();
    context.sync = m_sync.get();
    context.api = m_client.get();
    context.clock = &m_clock;
    context.role = session.role;
    context.staffName = session.username;
    context.staffId = session.staffId;
    context.facilityId = session.facilityId;
    context.facilityName = session.facilityName;
    if (auto zone = Core::FacilityZone::fromIanaId(session.facilityTimeZone))
        context.zone = zone.value();
    else
        qCWarning(lcApp) << "facility time zone:" << zone.error().message;
    m_window->attachViews(context);
}

void AppController::fail(const QString &message)
{
    qCWarning(lcApp) << message;
    if (m_window)
        m_window->statusBar()->showMessage(message);
    Q_EMIT startFailed(message);
}

} // namespace Keydesk::App
