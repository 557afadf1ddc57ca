#include "tests/server/v1/V1Fixture.h"

#include "server/auth/PasswordHasher.h"
#include "server/store/Companies.h"
#include "server/store/StaffStore.h"

#include <QJsonDocument>
#include <QUuid>

namespace Keydesk::Test {

const QString &V1Fixture::password()
{
    static const QString pw = QStringLiteral("correct horse battery staple");
    return pw;
}

V1Fixture::V1Fixture(const QDateTime &start, const QString &timeZone)
    : m_server(start, timeZone)
{ }

QString V1Fixture::createStaff(const QString &username, const QString &role, const QString &companyId)
{
    Server::StaffRecord s;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.companyId = companyId.isEmpty() ? this->companyId() : companyId;
    s.username = username;
    s.passwordHash = Server::PasswordHasher(kTestIterations).hash(password()).valueOr(QString());
    s.role = role;
    s.createdAtMs = clock().now().toMSecsSinceEpoch();
    if (!Server::StaffStore(m_server.db()).insert(s))
        return {};
    return s.id;
}

std::unique_ptr<HttpTestClient> V1Fixture::login(const QString &username, const QString &pw)
{
    auto client = m_server.anonymousClient();
    const HttpReply reply = jsonCall(*client, "POST", QStringLiteral("/v1/login"),
                                     { { QStringLiteral("username"), username }, { QStringLiteral("password"), pw } });
    if (reply.status != 200)
        return nullptr;
    client->setBearer(reply.json().value(QStringLiteral("token")).toString());
    return client;
}

std::unique_ptr<HttpTestClient> V1Fixture::as(const QString &role, const QString &companyId)
{
    const QString username = QStringLiteral("%1%2").arg(role).arg(++m_counter);
    if (createStaff(username, role, companyId).isEmpty())
        return nullptr;
    return login(username);
}

QString V1Fixture::createCompany(const QString &name, QString *facilityId)
{
    auto company = Server::CompanyRepository(m_server.db())
                       .create(name, QStringLiteral("America/New_York"), clock().now().toMSecsSinceEpoch());
    if (!company)
        return {};
    if (facilityId)
        *facilityId = company->facilityId;
    return company->companyId;
}

HttpReply jsonCall(HttpTestClient &client, const QByteArray &method, const QString &path, const QJsonObject &body,
                   const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const QByteArray bytes = (method == "GET") ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return client.send(method, path, bytes, headers);
}

} // namespace Keydesk::Test
