#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Result.h"
#include "server/ServerContext.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

class QHttpServer;

namespace Keydesk::Server {

class Database;
class Router;

/// How to start a server. The clock defaults to the system clock; the KEK to KeyEncryptionKey::load().
struct ServerOptions
{
    QString databasePath;
    QByteArray kek; ///< empty: load from KEYDESK_KEK or <database>.kek
    const Core::Clock *clock = nullptr;
};

/// keydesk-server: owns the database, the QHttpServer and the route groups (Core API, /v1).
class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)

public:
    ~Server() override;

    /// Opens the database (quick_check, migrations), loads the KEK and registers every route.
    static Core::Result<std::unique_ptr<Server>> create(const ServerOptions &options);

    /// Listens on address:port (port 0 picks a free one) and returns the bound port.
    Core::Result<quint16> listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_port; }

    ServerContext &context() { return *m_context; }
    Database &database() { return *m_db; }

private:
    Server(std::unique_ptr<Database> db, QByteArray kek, const Core::Clock &clock, QString companyId,
           QString facilityId);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<QHttpServer> m_http;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<ServerContext> m_context;
    quint16 m_port = 0;
};

} // namespace Keydesk::Server
