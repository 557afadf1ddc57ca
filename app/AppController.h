#pragma once

#include "app/AppOptions.h"
#include "app/AppSettings.h"
#include "app/DataDirectory.h"
#include "core/client/ApiClient.h"
#include "ui/startup/ConnectDialog.h"
#include "ui/startup/FirstRunDialog.h"
#include "ui/startup/SessionInfo.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QThread;

namespace Keydesk::Core {
class CacheStore;
class SyncEngine;
} // namespace Keydesk::Core

namespace Keydesk::Ui {
class MainWindow;
} // namespace Keydesk::Ui

namespace Keydesk::App {

class CacheCounts;
class ConnectionMonitor;
class CredentialStore;
class EmbeddedServer;

/// The start-up sequence of the desktop: shows the window, asks the first-run question once, starts the embedded
/// server or opens the Connect dialog, signs in over HTTP (the same path for both), then wires the status bar.
/// Widgets only collect input; the network work runs in core's ApiClient coroutines driven from here.
class AppController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppController)

public:
    explicit AppController(AppOptions options, QObject *parent = nullptr);
    ~AppController() override;

    /// Opens the data directory and begins; an unusable directory is the only synchronous error.
    Core::Result<void> start();

    Ui::MainWindow *mainWindow() const { return m_window.get(); }
    Ui::FirstRunDialog *firstRunDialog() const { return m_firstRun; }
    Ui::ConnectDialog *connectDialog() const { return m_connect; }
    EmbeddedServer *embeddedServer() const { return m_embedded.get(); }
    Core::ApiClient *client() const { return m_client.get(); }
    ConnectionMonitor *monitor() const { return m_monitor.get(); }
    /// The status bar's counts, read from the cache (null before the cache is open).
    CacheCounts *counts() const { return m_counts.get(); }
    /// The clock of the whole app (AppOptions::clock, or the system clock).
    const Core::Clock &clock() const { return m_clock; }
    /// core/sync's engine over the desktop's cache, once the cache is open (null before, or if it cannot open).
    Core::SyncEngine *syncEngine() const { return m_sync.get(); }
    /// The desktop's cache for the signed-in server and facility (views read it; null before it is open).
    Core::CacheStore *cache() const { return m_sync ? m_cache.get() : nullptr; }
    AppSettings *settings() const { return m_settings.get(); }
    const DataDirectory *dataDirectory() const { return m_dataDir ? &*m_dataDir : nullptr; }
    bool hasSession() const { return m_hasSession; }
    /// This start created the embedded facility (first start of that facility in this data directory).
    bool createdFacility() const { return m_createdFacility; }

    /// Opens the Connect dialog, pre-filled from the command line or the last sign-in.
    void openConnectDialog();

Q_SIGNALS:
    void sessionStarted(const Keydesk::Ui::SessionInfo &session);
    /// Start-up cannot go on (the message says why and what to do); the app shows it and ends.
    void startFailed(const QString &message);
    /// The person chose to quit before any facility was open.
    void quitRequested();

private:
    void askFirstRun();
    void startEmbedded(EmbeddedProfile profile);
    void embeddedReady(EmbeddedProfile profile, const Core::Result<void> &created);
    void signInEmbedded();
    /// The server ended the session (401): sign in again without tearing the session down (embedded), or ask
    /// for the password (remote). The engine then retries at once.
    void reauthenticate();
    void signInRemote(const Ui::ConnectRequest &request);
    void remoteSignedIn(const Ui::ConnectRequest &request, const Ui::SessionInfo &session);
    void finishRemote(const Ui::ConnectRequest &request, const Ui::SessionInfo &session);
    void beginSession(const Ui::SessionInfo &session);
    /// Opens the cache for this server and facility and starts the sync engine; it then drives the state.
    void startSync(const Ui::SessionInfo &session);
    /// Shows the session's views over the cache and the engine (once both are running).
    void attachViews();
    void stopSession();
    void fail(const QString &message);

    AppOptions m_options;
    const Core::Clock &m_clock;
    std::optional<DataDirectory> m_dataDir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Core::ApiClient> m_client;
    std::unique_ptr<Core::ApiClient> m_candidate; ///< a remote sign-in in progress; becomes m_client on success
    std::unique_ptr<EmbeddedServer> m_embedded;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<ConnectionMonitor> m_monitor;
    std::unique_ptr<Core::CacheStore> m_cache;
    std::unique_ptr<Core::SyncEngine> m_sync;
    std::unique_ptr<CacheCounts> m_counts;
    CredentialStore *m_credentials = nullptr;
    QPointer<Ui::FirstRunDialog> m_firstRun;
    QPointer<Ui::ConnectDialog> m_connect;
    QThread *m_creator = nullptr;
    bool m_hasSession = false;
    bool m_createdFacility = false;
    bool m_autoSignInTried = false;
    bool m_reauthenticating = false;
};

} // namespace Keydesk::App
