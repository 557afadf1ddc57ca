#pragma once

// Shared by the locks, quick-clicks, activity and audit view tests (helper V2):
//  * LiveDesk: the real keydesk-server in-process → ApiClient login → CacheStore + SyncEngine, as the app runs;
//  * FeedDesk: a cache filled directly with change-feed-shaped pages (tests/models/ModelFixtures.h), opened by a
//    CacheStore, for exact data (battery levels, uncertain ranges, many rows) without a server.
#include "core/cache/CacheStore.h"
#include "core/client/ApiClient.h"
#include "core/models/CacheTableModel.h"
#include "core/sync/SyncEngine.h"
#include "server/store/Database.h"
#include "tests/client/AwaitTask.h"
#include "tests/client/LiveServer.h"
#include "tests/models/ModelFixtures.h"
#include "ui/views/ViewContext.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

namespace Keydesk::Test {

inline Core::FacilityZone utcZone()
{
    auto zone = Core::FacilityZone::fromIanaId(QStringLiteral("UTC"));
    return zone ? *zone : Core::FacilityZone();
}

/// The app's chain against the real server, signed in as the owner; synced once before use.
class LiveDesk final
{
public:
    LiveDesk()
        : m_client(m_network, QUrl())
    {
        if (!m_server.ok()) {
            m_error = m_server.error();
            return;
        }
        m_client.setBaseUrl(m_server.url());
        m_client.setTimeout(std::chrono::milliseconds(5000));
        auto session = awaitTask(m_client.login(LiveServer::kOwner, LiveServer::kPassword));
        if (!session || !*session) {
            m_error = QStringLiteral("login failed");
            return;
        }
        m_staffId = session->value().staffId;
        m_cache = std::make_unique<Core::CacheStore>(m_dir.filePath(QStringLiteral("desk.sqlite")));
        auto opened = awaitTask(m_cache->open());
        if (!opened || !*opened) {
            m_error = QStringLiteral("cache did not open");
            return;
        }
        m_engine = std::make_unique<Core::SyncEngine>(m_client, *m_cache);
        Core::SyncEngine::Options o;
        o.longPollSeconds = 10;
        o.backoffMin = std::chrono::milliseconds(50);
        o.backoffMax = std::chrono::milliseconds(400);
        m_engine->setOptions(o);
        QSignalSpy synced(m_engine.get(), &Core::SyncEngine::synced);
        m_engine->start();
        if (!synced.wait(20000))
            m_error = QStringLiteral("first sync did not finish");
    }
    ~LiveDesk()
    {
        if (m_engine)
            m_engine->stop();
    }

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    /// Stops and destroys the sync engine (end of a test).
    void endSync()
    {
        if (m_engine)
            m_engine->stop();
        m_engine.reset();
    }
    LiveServer &server() { return m_server; }
    Core::CacheStore &cache() { return *m_cache; }
    Core::SyncEngine &engine() { return *m_engine; }

    Ui::ViewContext context(Core::StaffRole role = Core::StaffRole::Owner)
    {
        Ui::ViewContext c;
        c.cache = m_cache.get();
        c.sync = m_engine.get();
        c.api = &m_client;
        c.zone = utcZone();
        c.role = role;
        c.staffId = m_staffId;
        c.staffName = LiveServer::kOwner;
        c.facilityId = m_server.facilityId();
        return c;
    }

    /// A /v1 request as another desktop would make it; the answer's JSON, or an empty object on failure.
    QJsonObject send(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        Core::ApiClient other(m_network, m_server.url());
        other.setToken(m_client.token());
        Core::ApiRequest r;
        r.method = method;
        r.path = path;
        if (method != "GET")
            r.body = body;
        auto answer = awaitTask(other.send(r));
        if (!answer || !*answer) {
            qWarning() << "request failed:" << method << path << (answer ? answer->error().message : QString());
            return {};
        }
        return answer->value().json;
    }

    /// Registers a lock (POST /v1/locks); its id, or empty.
    QString addLock(const QString &name, const QString &mac)
    {
        const QJsonObject answer = send("POST", QStringLiteral("/v1/locks"),
                                        { { QStringLiteral("name"), name },
                                          { QStringLiteral("mac"), mac },
                                          { QStringLiteral("serial"), QStringLiteral("SN-") + name },
                                          { QStringLiteral("facility_id"), m_server.facilityId() } });
        return answer.value(QStringLiteral("lock")).toObject().value(QStringLiteral("id")).toString();
    }

    std::optional<Core::CachedRow> cachedRow(const QString &entity, const QString &id)
    {
        auto r = awaitTask(m_cache->row(entity, id));
        if (!r || !*r)
            return std::nullopt;
        return r->value();
    }

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    Core::ApiClient m_client;
    QTemporaryDir m_dir;
    std::unique_ptr<Core::CacheStore> m_cache;
    std::unique_ptr<Core::SyncEngine> m_engine;
    QString m_staffId;
    QString m_error;
};

/// A cache filled with feed pages, then opened by a CacheStore the views attach to (no sync engine).
class FeedDesk final
{
public:
    FeedCache feed;

    /// Opens the store over the filled file (call after feed.apply()).
    bool open()
    {
        m_store = std::make_unique<Core::CacheStore>(feed.path());
        auto opened = awaitTask(m_store->open());
        return opened && *opened;
    }
    Core::CacheStore &store() { return *m_store; }

    Ui::ViewContext context(const Core::Clock &clock, Core::StaffRole role = Core::StaffRole::Owner)
    {
        Ui::ViewContext c;
        c.cache = m_store.get();
        c.clock = &clock;
        c.zone = utcZone();
        c.role = role;
        c.staffId = QStringLiteral("staff-1");
        c.facilityId = QStringLiteral("f1");
        return c;
    }

private:
    std::unique_ptr<Core::CacheStore> m_store;
};

/// Finds a child by objectName or fails the test.
template <typename T> T *child(QObject &parent, const char *name)
{
    T *w = parent.findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qWarning() << "no child" << name;
    return w;
}

/// Waits until every model of the view has loaded and the cache has answered every read asked so far. Qt 6.4's
/// QFuture::then(context) asserts when the context dies with a read in flight (CacheTableModel uses it), so a
/// test lets the reads finish before a view goes away.
inline bool settle(QObject &view, Core::CacheStore &store)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        bool loaded = true;
        const auto models = view.findChildren<Core::CacheTableModel *>();
        for (const auto *m : models)
            loaded = loaded && m->isLoaded();
        if (loaded)
            break;
        if (timer.elapsed() > 10000)
            return false;
        QTest::qWait(10);
    }
    // The worker runs reads in order: once this one is answered, the earlier ones have finished. Twice: a change
    // announced by the first round's last write makes the models read once more.
    for (int round = 0; round < 2; ++round) {
        if (!awaitTask(store.lastRevision()))
            return false;
        QCoreApplication::processEvents();
    }
    return true;
}

/// As above for a live desk: the sync engine goes first (a destroyed engine's loops end without applying the page
/// they were fetching), so no feed page announces new rows afterwards. The view must not submit after this.
inline bool settle(QObject &view, LiveDesk &desk)
{
    desk.endSync();
    return settle(view, desk.cache());
}

/// Rows of a model column's display text.
inline QStringList columnTexts(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, column).data(role).toString();
    return out;
}

/// Each test process gets its own settings file (the views save header state).
inline void isolateSettings()
{
    static QTemporaryDir dir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("KeydeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("views"));
}

} // namespace Keydesk::Test
