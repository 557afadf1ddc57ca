#pragma once

#include <QProcess>
#include <QString>
#include <QUrl>

namespace Keydesk::Bench {

/// The facility's size: issue 5's benchmark facility by default.
struct FacilitySizes
{
    int keys = 1000000;
    int users = 200000;
    int locks = 50000;
};

/// The staff account the benchmarks create and sign in with (bench_sync and bench_gui reuse each other's databases).
QString benchUser();
QString benchPassword();

/// Creates `path` with the facility: initializeDatabase, then `keydesk-server generate` (the server's own
/// generator, generateFacility). Prints what it did; exits the process with a message on failure.
void generateFacility(const QString &serverBinary, const QString &path, const FacilitySizes &sizes);

/// A `keydesk-server serve` process on 127.0.0.1, port chosen by the system.
class ServerProcess final
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    /// Starts it and waits until it says where it listens; exits the process with a message on failure.
    void start(const QString &serverBinary, const QString &databasePath);
    QUrl url() const { return m_url; }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QUrl m_url;
};

[[noreturn]] void die(const QString &what);

} // namespace Keydesk::Bench
