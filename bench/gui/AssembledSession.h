#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <memory>

namespace Keydesk::Core {
class ApiClient;
class CacheStore;
class SyncEngine;
} // namespace Keydesk::Core

namespace Keydesk::Ui {
class MainWindow;
} // namespace Keydesk::Ui

namespace Keydesk::Bench {

/// The signed-in main window put together as app::AppController does it (SessionBootstrap::signIn, the cache
/// for the server and facility, the SyncEngine driving the status bar, MainWindow::attachViews), without
/// app::ConnectionMonitor: its refresh downloads GET /v1/locks, /v1/users and /v1/keys whole to count them,
/// which with 1,000,000 keys holds the server for a minute per refresh and starves the sync (see README).
class AssembledSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssembledSession)

public:
    AssembledSession(QUrl url, QString dataDir, QObject *parent = nullptr);
    ~AssembledSession() override;

    /// Shows the window and signs in; the sync engine starts once the cache is open, and the views are attached
    /// then too unless `attachViewsAtOnce` is false (attachViews() later: the app reopened over a synced cache).
    void start(bool attachViewsAtOnce = true);
    /// MainWindow::attachViews over this session's cache, engine and client (once engine() is set).
    void attachViews();
    Ui::MainWindow *window() const { return m_window.get(); }
    Core::SyncEngine *engine() const { return m_sync.get(); }

private:
    void cacheOpened();

    bool m_attachAtOnce = true;
    QUrl m_url;
    QString m_dataDir;
    QNetworkAccessManager m_network;
    std::unique_ptr<Core::ApiClient> m_client;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<Core::CacheStore> m_cache;
    std::unique_ptr<Core::SyncEngine> m_sync;
};

} // namespace Keydesk::Bench
