#include "bench/support/FacilityServer.h"

#include "server/ServerSetup.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>

#include <cstdio>

namespace Keydesk::Bench {

QString benchUser()
{
    return QStringLiteral("bench.owner");
}

QString benchPassword()
{
    return QStringLiteral("bench password 1234");
}

void die(const QString &what)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(what));
    std::fflush(stderr);
    std::_Exit(1);
}

void generateFacility(const QString &serverBinary, const QString &path, const FacilitySizes &sizes)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Server::InitOptions init;
    init.databasePath = path;
    init.companyName = QStringLiteral("Bench Storage");
    init.timezone = QStringLiteral("Europe/Berlin");
    init.adminUser = benchUser();
    init.adminPassword = benchPassword();
    auto created = Server::initializeDatabase(init, now);
    if (!created)
        die(created.error().message);
    QElapsedTimer t;
    t.start();
    QProcess generator;
    generator.setProcessChannelMode(QProcess::ForwardedChannels);
    generator.start(serverBinary,
                    { QStringLiteral("generate"), QStringLiteral("--database"), path, QStringLiteral("--locks"),
                      QString::number(sizes.locks), QStringLiteral("--users"), QString::number(sizes.users),
                      QStringLiteral("--keys"), QString::number(sizes.keys) });
    if (!generator.waitForFinished(-1) || generator.exitStatus() != QProcess::NormalExit || generator.exitCode() != 0)
        die(QStringLiteral("keydesk-server generate failed (exit code %1)").arg(generator.exitCode()));
    std::printf("generated with keydesk-server generate in %lld ms\n", t.elapsed());
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        m_process.waitForFinished(10000);
    }
}

void ServerProcess::start(const QString &serverBinary, const QString &databasePath)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(serverBinary,
                    { QStringLiteral("serve"), QStringLiteral("--database"), databasePath, QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0") });
    if (!m_process.waitForStarted(10000))
        die(QStringLiteral("cannot start %1: %2").arg(serverBinary, m_process.errorString()));
    QByteArray line;
    while (!line.contains('\n')) {
        if (!m_process.waitForReadyRead(120000))
            die(QStringLiteral("the server did not say where it listens"));
        line += m_process.readAll();
    }
    const QByteArray address = line.mid(line.indexOf("listening on ") + 13).split('\n').value(0).trimmed();
    m_url = QUrl(QStringLiteral("http://%1").arg(QString::fromLatin1(address)));
}

} // namespace Keydesk::Bench
