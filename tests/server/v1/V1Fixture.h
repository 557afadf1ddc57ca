#pragma once

#include "tests/server/ServerFixture.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace Keydesk::Test {

/// A ServerFixture plus /v1 helpers: staff of any role (created in the store with a fast password hash, then
/// logged in over HTTP), and JSON calls.
class V1Fixture final
{
public:
    static constexpr int kTestIterations = 1000; ///< PBKDF2 count for test accounts (production: >= 200,000)
    static const QString &password();

    explicit V1Fixture(const QDateTime &start = QDateTime(QDate(2026, 3, 10), QTime(15, 0), Qt::UTC),
                       const QString &timeZone = QStringLiteral("Europe/Berlin"));

    bool ok() const { return m_server.ok(); }
    QString error() const { return m_server.error(); }
    ServerFixture &server() { return m_server; }
    Core::FakeClock &clock() { return m_server.clock(); }
    QString companyId() const { return m_server.company().companyId; }
    QString facilityId() const { return m_server.company().facilityId; }

    /// Inserts a staff account directly (any company); returns its id or an empty string.
    QString createStaff(const QString &username, const QString &role, const QString &companyId = {});
    /// Logs in over HTTP and returns a client carrying the token; null when the login failed.
    std::unique_ptr<HttpTestClient> login(const QString &username, const QString &pw = password());
    /// createStaff + login; usernames are role-based ("admin1", ...) and unique per call.
    std::unique_ptr<HttpTestClient> as(const QString &role, const QString &companyId = {});
    std::unique_ptr<HttpTestClient> anonymous() const { return m_server.anonymousClient(); }

    /// A second company with one facility, for isolation tests; returns its id.
    QString createCompany(const QString &name, QString *facilityId = nullptr);

private:
    ServerFixture m_server;
    int m_counter = 0;
};

/// JSON request helpers.
HttpReply jsonCall(HttpTestClient &client, const QByteArray &method, const QString &path, const QJsonObject &body = {},
                   const QList<QPair<QByteArray, QByteArray>> &headers = {});

} // namespace Keydesk::Test
