#include "tests/client/LiveServer.h"

#include "server/Server.h"
#include "server/auth/PasswordHasher.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"
#include "server/store/StaffStore.h"
#include "server/store/V1ChangeFeed.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QUuid>

namespace Keydesk::Test {

LiveServer::LiveServer()
    : m_databasePath(m_dir.filePath(QStringLiteral("server.sqlite")))
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        auto db = Server::Database::open(m_databasePath, Server::Database::OpenMode::CreateNew);
        if (!db) {
            m_error = db.error().message;
            return;
        }
        auto company = Server::CompanyRepository(*db.value())
                           .create(QStringLiteral("Test Storage"), QStringLiteral("Europe/Berlin"), now);
        if (!company) {
            m_error = company.error().message;
            return;
        }
        m_companyId = company->companyId;
        m_facilityId = company->facilityId;
    }
    if (auto kek = Server::KeyEncryptionKey::create(m_databasePath); !kek) {
        m_error = kek.error().message;
        return;
    }
    if (!start())
        return;
    for (const auto &[name, role] :
         { std::pair { kOwner, QStringLiteral("owner") }, std::pair { kFrontDesk, QStringLiteral("front_desk") } }) {
        if (auto s = addStaff(name, role); !s) {
            m_error = s.error().message;
            return;
        }
    }
}

LiveServer::~LiveServer() = default;

bool LiveServer::start()
{
    if (m_server)
        return true;
    auto server = Server::Server::create({ m_databasePath, {}, nullptr });
    if (!server) {
        m_error = server.error().message;
        return false;
    }
    auto port = server.value()->listen(QHostAddress::LocalHost, m_port);
    if (!port) {
        m_error = port.error().message;
        return false;
    }
    m_port = *port;
    m_server = std::move(server).value();
    return true;
}

void LiveServer::stop()
{
    m_server.reset();
}

QUrl LiveServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

Server::Database &LiveServer::db()
{
    return m_server->database();
}

Core::Result<QString> LiveServer::addStaff(const QString &username, const QString &role)
{
    auto hash = Server::PasswordHasher(1000).hash(kPassword);
    if (!hash)
        return hash.error();
    Server::StaffRecord s;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.companyId = m_companyId;
    s.username = username;
    s.passwordHash = *hash;
    s.role = role;
    s.createdAtMs = QDateTime::currentMSecsSinceEpoch();
    if (auto r = Server::StaffStore(db()).insert(s); !r)
        return r.error();
    return s.id;
}

Core::Result<QString> LiveServer::addUnit(const QString &name)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto r = db().exec(QStringLiteral("INSERT INTO units(id, facility_id, name) VALUES (?, ?, ?)"),
                       { id, m_facilityId, name });
    if (!r)
        return r.error();
    return id;
}

Core::Result<QJsonArray> LiveServer::feed(qint64 since)
{
    QJsonArray all;
    Server::V1ChangeFeed feed(db());
    for (;;) {
        auto page = feed.read(m_companyId, since, Server::V1ChangeFeed::kMaxLimit);
        if (!page)
            return page.error();
        for (const QJsonValue &v : QJsonDocument::fromJson(page->rowsJson).array())
            all.append(v);
        since = page->nextRevision;
        if (!page->hasMore)
            return all;
    }
}

} // namespace Keydesk::Test
