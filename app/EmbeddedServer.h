#pragma once

#include "app/DataDirectory.h"
#include "core/domain/Clock.h"
#include "core/domain/Result.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace Keydesk::Server {
class Server;
}

namespace Keydesk::App {

/// The embedded owner's sign-in. Kept in a 0600 file next to the embedded database: the server is local and
/// the desktop must start where no keyring exists (CI, a fresh account).
struct EmbeddedCredentials
{
    QString username;
    QString password;
};

/// The embedded default: a real keydesk server in this process, on 127.0.0.1 (a free port), over the SQLite
/// file of one facility folder. The desktop signs in to it over HTTP exactly as to a remote server.
class EmbeddedServer final
{
public:
    ~EmbeddedServer();
    EmbeddedServer(const EmbeddedServer &) = delete;
    EmbeddedServer &operator=(const EmbeddedServer &) = delete;

    /// Starts the facility in `folder`. The first time it creates the folder with the server's init code
    /// (company, this machine's time zone, an owner with a random password) and, for the demo, fills it with the
    /// server's demo code; it is built in "<folder>.partial" and renamed when complete, so a failed first start
    /// leaves nothing half-made. Later starts reuse the folder. The server's "now" (key statuses, offline-key
    /// expiry, audit times) comes from `clock`, which must outlive the server.
    static Core::Result<std::unique_ptr<EmbeddedServer>> start(const QString &folder, EmbeddedProfile profile,
                                                               const Core::Clock &clock = Core::Clock::system());

    /// Stops serving (the port closes; every open connection is dropped). The desktop then sees the server as
    /// unreachable, as it would a remote one.
    void stop();
    /// Serves again on the same port after stop(), so the signed-in client finds it where it was.
    Core::Result<void> resume();
    bool isRunning() const { return m_server != nullptr; }

    QUrl url() const;
    const EmbeddedCredentials &credentials() const { return m_credentials; }
    bool createdNow() const { return m_createdNow; }
    QString databasePath() const;
    /// The running server (stop() ends it: not while stopped).
    Server::Server &server() { return *m_server; }

    static QString databasePathIn(const QString &folder);
    static QString credentialsPathIn(const QString &folder);

private:
    explicit EmbeddedServer(const Core::Clock &clock);
    Core::Result<void> serve(quint16 port);

    const Core::Clock &m_clock;
    QString m_folder;
    EmbeddedCredentials m_credentials;
    std::unique_ptr<Server::Server> m_server;
    quint16 m_port = 0;
    bool m_createdNow = false;
};

/// Creates a facility folder (database, key file, owner credentials; demo data for the demo profile). Public
/// so tests can check the creation on its own; start() calls it when the folder is missing. The demo's month of
/// activity ends at `clock`'s now.
Core::Result<void> createEmbeddedFacility(const QString &folder, EmbeddedProfile profile,
                                          const Core::Clock &clock = Core::Clock::system());

} // namespace Keydesk::App
