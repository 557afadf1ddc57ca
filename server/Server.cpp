#include "server/Server.h"

#include "server/coreapi/CoreApiRoutes.h"
#include "server/http/CoreEnvelope.h"
#include "server/http/Router.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"

#if __has_include("server/v1/V1Routes.h")
#include "server/v1/V1Routes.h"
#define KEYDESK_HAVE_V1_ROUTES 1
#endif

#include <QHttpServer>
#include <QLoggingCategory>
#include <QTcpServer>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

Server::Server(std::unique_ptr<Database> db, QByteArray kek, const Core::Clock &clock, QString companyId,
               QString facilityId)
    : m_db(std::move(db))
    , m_http(std::make_unique<QHttpServer>())
    , m_router(std::make_unique<Router>(*m_http))
{
    m_context.reset(new ServerContext { *m_db, *m_http, *m_router, clock, std::move(kek), std::move(companyId),
                                        std::move(facilityId) });
    // The Core API format is the default for every path; /v1 installs its own formatter for "/v1/".
    m_router->setErrorFormatter(QString(), &CoreApi::formatRouteError);
    registerCoreApiRoutes(*m_context);
#ifdef KEYDESK_HAVE_V1_ROUTES
    registerV1Routes(*m_context);
#endif
}

Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::create(const ServerOptions &options)
{
    auto db = Database::open(options.databasePath, Database::OpenMode::OpenExisting);
    if (!db)
        return db.error();
    QByteArray kek = options.kek;
    if (kek.isEmpty()) {
        auto loaded = KeyEncryptionKey::load(options.databasePath);
        if (!loaded)
            return loaded.error();
        kek = loaded.value();
    }
    if (kek.size() != KeyEncryptionKey::kSize)
        return Error::make(QStringLiteral("invalid_kek"), QStringLiteral("The key-encryption key must be 32 bytes."));
    auto company = CompanyRepository(*db.value()).defaultCompany();
    if (!company)
        return company.error();
    const Core::Clock &clock = options.clock ? *options.clock : Core::Clock::system();
    return std::unique_ptr<Server>(new Server(std::move(db).value(), std::move(kek), clock, company.value().companyId,
                                              company.value().facilityId));
}

Result<quint16> Server::listen(const QHostAddress &address, quint16 port)
{
    const quint16 bound = m_http->listen(address, port);
    if (bound == 0)
        return Error::make(QStringLiteral("listen_failed"),
                           QStringLiteral("Cannot listen on %1:%2 (address in use or not available); pick another "
                                          "address or port.")
                               .arg(address.toString())
                               .arg(port));
    m_port = bound;
    return bound;
}

} // namespace Keydesk::Server
