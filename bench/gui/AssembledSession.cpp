#include "bench/gui/AssembledSession.h"

#include "app/SessionBootstrap.h"
#include "bench/support/FacilityServer.h"
#include "core/cache/CacheDatabase.h"
#include "core/cache/CacheStore.h"
#include "core/client/ApiClient.h"
#include "core/domain/Clock.h"
#include "core/sync/SyncEngine.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/status/StatusBarWidget.h"

namespace Keydesk::Bench {

AssembledSession::AssembledSession(QUrl url, QString dataDir, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_dataDir(std::move(dataDir))
{ }

AssembledSession::~AssembledSession()
{
    // As AppController::stopSession: the views go first, then the engine, then the cache.
    if (m_window)
        m_window->detachViews();
    m_sync.reset();
    m_cache.reset();
    m_window.reset();
}

void AssembledSession::start(bool attachViewsAtOnce)
{
    m_attachAtOnce = attachViewsAtOnce;
    m_window = std::make_unique<Ui::MainWindow>();
    m_window->show();
    m_client = std::make_unique<Core::ApiClient>(m_network, m_url);
    QCoro::connect(App::SessionBootstrap::signIn(m_client.get(), benchUser(), benchPassword(), false), this,
                   [this](Core::ApiResult<Ui::SessionInfo> &&session) {
                       if (!session)
                           die(QStringLiteral("sign-in: %1").arg(session.error().message));
                       m_window->setSession(session.value());
                       m_cache = std::make_unique<Core::CacheStore>(
                           Core::CacheDatabase::defaultPath(m_dataDir, m_url, session->facilityId));
                       QCoro::connect(m_cache->open(), this, [this](Core::Result<Core::CacheOpenReport> &&opened) {
                           if (!opened)
                               die(QStringLiteral("cache: %1").arg(opened.error().message));
                           cacheOpened();
                       });
                   });
}

void AssembledSession::cacheOpened()
{
    m_sync = std::make_unique<Core::SyncEngine>(*m_client, *m_cache);
    Ui::StatusBarWidget *status = m_window->connectionStatus();
    Core::SyncEngine *engine = m_sync.get();
    connect(engine, &Core::SyncEngine::stateChanged, status, [engine, status](Core::SyncEngine::State state) {
        switch (state) {
        case Core::SyncEngine::State::Idle:
            status->setState(Ui::ConnectionState::Online);
            break;
        case Core::SyncEngine::State::Syncing:
            status->setState(Ui::ConnectionState::Syncing);
            break;
        case Core::SyncEngine::State::Offline:
            status->setState(Ui::ConnectionState::Offline, engine->lastError());
            break;
        case Core::SyncEngine::State::Error:
            status->setState(Ui::ConnectionState::Error, engine->lastError());
            break;
        }
    });
    connect(engine, &Core::SyncEngine::synced, status,
            [status] { status->setLastSynced(Core::Clock::system().now()); });
    engine->start();
    if (m_attachAtOnce)
        attachViews();
}

void AssembledSession::attachViews()
{
    const Ui::SessionInfo &session = m_window->session();
    Ui::ViewContext context;
    context.cache = m_cache.get();
    context.sync = m_sync.get();
    context.api = m_client.get();
    context.role = session.role;
    context.staffName = session.username;
    context.facilityId = session.facilityId;
    context.facilityName = session.facilityName;
    if (auto zone = Core::FacilityZone::fromIanaId(session.facilityTimeZone))
        context.zone = zone.value();
    m_window->attachViews(context);
}

} // namespace Keydesk::Bench
