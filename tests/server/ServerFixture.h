#pragma once

#include "core/domain/Clock.h"
#include "server/Server.h"
#include "server/store/Companies.h"
#include "tests/server/HttpTestClient.h"

#include <QTemporaryDir>

#include <memory>

namespace Keydesk::Test {

/// A fresh database (init-equivalent: company, facility, API keys, KEK) and a Server listening on 127.0.0.1:0,
/// driven by a FakeClock.
class ServerFixture final
{
public:
    explicit ServerFixture(const QDateTime &start = QDateTime(QDate(2026, 3, 10), QTime(15, 0), Qt::UTC),
                           const QString &timeZone = QStringLiteral("Europe/Berlin"));
    ~ServerFixture();
    ServerFixture(const ServerFixture &) = delete;
    ServerFixture &operator=(const ServerFixture &) = delete;

    /// Empty when setting up failed.
    QString error() const { return m_error; }
    bool ok() const { return m_error.isEmpty(); }

    Server::Server &server() { return *m_server; }
    Server::Database &db() { return m_server->database(); }
    Core::FakeClock &clock() { return m_clock; }
    const Server::NewCompany &company() const { return m_company; }
    QString databasePath() const { return m_databasePath; }
    QString dirPath() const { return m_dir.path(); }
    QUrl baseUrl() const;
    /// A client with the company API key set.
    std::unique_ptr<HttpTestClient> companyClient() const;
    std::unique_ptr<HttpTestClient> mobileClient() const;
    std::unique_ptr<HttpTestClient> anonymousClient() const;

private:
    QTemporaryDir m_dir;
    QString m_databasePath;
    Core::FakeClock m_clock;
    Server::NewCompany m_company;
    std::unique_ptr<Server::Server> m_server;
    QString m_error;
};

} // namespace Keydesk::Test
