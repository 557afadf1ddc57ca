#pragma once

// Shared by the keys and users view tests: the real keydesk-server in-process (LiveServer), a staff member's
// desktop session on it (ApiClient → CacheStore → SyncEngine → ViewContext), and a few helpers that change
// the facility "as another desktop would" (online /v1 calls).

#include "core/cache/CacheStore.h"
#include "core/client/ApiClient.h"
#include "core/domain/Clock.h"
#include "core/sync/SyncEngine.h"
#include "tests/client/AwaitTask.h"
#include "tests/client/LiveServer.h"
#include "ui/views/ViewContext.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

namespace Keydesk::Test {

/// One staff member's desktop: cache file, API client, sync engine and the context a view gets.
class Desk final
{
public:
    Desk(QNetworkAccessManager &network, LiveServer &server, const QString &cachePath,
         const Core::Clock &clock = Core::Clock::system())
        : client(network, server.url())
        , cache(cachePath)
        , engine(client, cache)
    {
        client.setTimeout(std::chrono::milliseconds(3000));
        Core::SyncEngine::Options o;
        o.pageSize = 200;
        o.longPollSeconds = 10;
        o.backoffMin = std::chrono::milliseconds(50);
        o.backoffMax = std::chrono::milliseconds(300);
        engine.setOptions(o);
        ctx.cache = &cache;
        ctx.sync = &engine;
        ctx.api = &client;
        ctx.clock = &clock;
        ctx.facilityId = server.facilityId();
        if (auto zone = Core::FacilityZone::fromIanaId(QStringLiteral("Europe/Berlin")))
            ctx.zone = *zone;
    }

    /// Logs in, opens the cache and starts syncing; false (with a message) on failure.
    bool start(const QString &username, QString *error)
    {
        auto session = awaitTask(client.login(username, LiveServer::kPassword));
        if (!session || !*session) {
            *error = session ? session->error().message : QStringLiteral("login timed out");
            return false;
        }
        client.setToken(session->value().token);
        auto role = Core::roleFromString(session->value().role);
        if (!role) {
            *error = role.error().message;
            return false;
        }
        ctx.role = *role;
        ctx.staffId = session->value().staffId;
        ctx.staffName = session->value().username;
        auto opened = awaitTask(cache.open());
        if (!opened || !*opened) {
            *error = QStringLiteral("cache did not open");
            return false;
        }
        engine.start();
        return true;
    }

    Core::ApiClient client;
    Core::CacheStore cache;
    Core::SyncEngine engine;
    Ui::ViewContext ctx;
};

/// Online changes to the facility, as another desktop (the owner) makes them.
class Facility final
{
public:
    Facility(QNetworkAccessManager &network, LiveServer &server)
        : m_client(network, server.url())
    { }

    bool login(QString *error)
    {
        auto session = awaitTask(m_client.login(LiveServer::kOwner, LiveServer::kPassword));
        if (!session || !*session) {
            *error = session ? session->error().message : QStringLiteral("login timed out");
            return false;
        }
        m_client.setToken(session->value().token);
        return true;
    }

    /// Sends a request; returns the answer's JSON, or an empty object (and `lastError`).
    QJsonObject call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QUrlQuery &query = {})
    {
        Core::ApiRequest r;
        r.method = method;
        r.path = path;
        r.query = query;
        if (method != "GET")
            r.body = body;
        auto answer = awaitTask(m_client.send(r));
        if (!answer || !*answer) {
            lastError = answer ? answer->error().message : QStringLiteral("timed out");
            return {};
        }
        return answer->value().json;
    }

    QString addUser(const QString &name)
    {
        return call("POST", QStringLiteral("/v1/users"), { { QStringLiteral("name"), name } })
            .value(QStringLiteral("user"))
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }

    QString addLock(const QString &name, const QString &mac)
    {
        static int serial = 0;
        return call("POST", QStringLiteral("/v1/locks"),
                    { { QStringLiteral("mac"), mac },
                      { QStringLiteral("serial"), QStringLiteral("SN-VIEW-%1-%2").arg(name).arg(++serial) },
                      { QStringLiteral("name"), name } })
            .value(QStringLiteral("lock"))
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }

    QString addKey(const QString &description, const QString &lockId, const QString &userId,
                   const QDateTime &from = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC), const QDateTime &to = {})
    {
        QJsonObject body { { QStringLiteral("lock_id"), lockId },
                           { QStringLiteral("user_id"), userId },
                           { QStringLiteral("description"), description },
                           { QStringLiteral("valid_from"), from.toUTC().toString(Qt::ISODateWithMs) },
                           { QStringLiteral("notify"), QStringLiteral("none") } };
        if (to.isValid())
            body.insert(QStringLiteral("valid_to"), to.toUTC().toString(Qt::ISODateWithMs));
        return call("POST", QStringLiteral("/v1/keys"), body)
            .value(QStringLiteral("key"))
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }

    QString lastError;

private:
    Core::ApiClient m_client;
};

} // namespace Keydesk::Test
