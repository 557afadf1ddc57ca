#include "tests/server/ServerFixture.h"

#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"

#include <QHostAddress>

namespace Keydesk::Test {

ServerFixture::ServerFixture(const QDateTime &start, const QString &timeZone)
    : m_databasePath(m_dir.filePath(QStringLiteral("keydesk.sqlite")))
    , m_clock(start)
{
    {
        auto db = Server::Database::open(m_databasePath, Server::Database::OpenMode::CreateNew);
        if (!db) {
            m_error = db.error().message;
            return;
        }
        auto company = Server::CompanyRepository(*db.value())
                           .create(QStringLiteral("Test Storage"), timeZone, m_clock.now().toMSecsSinceEpoch());
        if (!company) {
            m_error = company.error().message;
            return;
        }
        m_company = company.value();
    }
    auto kek = Server::KeyEncryptionKey::create(m_databasePath);
    if (!kek) {
        m_error = kek.error().message;
        return;
    }
    auto server = Server::Server::create({ m_databasePath, {}, &m_clock });
    if (!server) {
        m_error = server.error().message;
        return;
    }
    m_server = std::move(server).value();
    auto port = m_server->listen(QHostAddress::LocalHost, 0);
    if (!port)
        m_error = port.error().message;
}

ServerFixture::~ServerFixture() = default;

QUrl ServerFixture::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server ? m_server->port() : 0);
    return url;
}

std::unique_ptr<HttpTestClient> ServerFixture::companyClient() const
{
    auto client = std::make_unique<HttpTestClient>(baseUrl());
    client->setBearer(m_company.companyApiKey);
    return client;
}

std::unique_ptr<HttpTestClient> ServerFixture::mobileClient() const
{
    auto client = std::make_unique<HttpTestClient>(baseUrl());
    client->setBearer(m_company.mobileApiKey);
    return client;
}

std::unique_ptr<HttpTestClient> ServerFixture::anonymousClient() const
{
    return std::make_unique<HttpTestClient>(baseUrl());
}

} // namespace Keydesk::Test
