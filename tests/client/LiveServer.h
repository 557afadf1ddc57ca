#pragma once

#include "core/domain/Result.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Keydesk::Server {
class Server;
class Database;
} // namespace Keydesk::Server

namespace Keydesk::Test {

/// The real keydesk-server, in-process on 127.0.0.1 (port 0 the first time), over a fresh database with a
/// company, a facility and staff accounts. Uses the system clock (long-polls really wait). It can be stopped
/// and started again on the same port and file, as a server that went away and came back.
class LiveServer final
{
public:
    static inline const QString kOwner = QStringLiteral("olivia.owner");
    static inline const QString kFrontDesk = QStringLiteral("frank.desk");
    static inline const QString kPassword = QStringLiteral("correct horse battery");

    LiveServer();
    ~LiveServer();
    LiveServer(const LiveServer &) = delete;
    LiveServer &operator=(const LiveServer &) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    /// Starts on the port it had before (or a free one the first time).
    bool start();
    /// Stops listening and drops every open connection, mid-request or not.
    void stop();
    bool isRunning() const { return m_server != nullptr; }

    QUrl url() const;
    quint16 port() const { return m_port; }
    QString companyId() const { return m_companyId; }
    QString facilityId() const { return m_facilityId; }
    QString databasePath() const { return m_databasePath; }
    Server::Server &server() { return *m_server; }
    Server::Database &db();

    /// A staff account (low PBKDF2 cost, so tests stay fast), changed as if by another desktop.
    Core::Result<QString> addStaff(const QString &username, const QString &role);
    /// A unit in the facility, written straight into the server's store (the feed sees it like any change).
    Core::Result<QString> addUnit(const QString &name);
    /// Every row of the server's change feed for the company, in revision order (tombstones included).
    Core::Result<QJsonArray> feed(qint64 since = 0);

private:
    QTemporaryDir m_dir;
    QString m_databasePath;
    QString m_companyId;
    QString m_facilityId;
    std::unique_ptr<Server::Server> m_server;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace Keydesk::Test
