#include "server/Server.h"
#include "server/cli/Cli.h"
#include "server/cli/CliSupport.h"
#include "server/cli/SignalWatcher.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCli, "keydesk.server.cli", QtInfoMsg)

namespace Keydesk::Server::Cli {

namespace {

const CommandSpec &serveSpec()
{
    static const CommandSpec spec {
        QStringLiteral("serve"),
        QStringLiteral("Serves the database over HTTP (Core API and /v1). With port 0 a free port is chosen; the "
                       "first line on stdout is `listening on HOST:PORT`. SIGINT/SIGTERM shut down cleanly.\n"
                       "The key-encryption key comes from KEYDESK_KEK (hex) or FILE.kek."),
        {
            { QStringLiteral("database"), QStringLiteral("FILE"), QStringLiteral("the SQLite file (from init)"), true },
            { QStringLiteral("listen"), QStringLiteral("HOST:PORT"),
              QStringLiteral("address to listen on, e.g. 127.0.0.1:8080, [::1]:0, 0.0.0.0:8443"), true },
        },
    };
    return spec;
}

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
    QString error;
};

ListenAddress parseListen(const QString &text)
{
    ListenAddress result;
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        result.error = QStringLiteral("--listen must be HOST:PORT, e.g. 127.0.0.1:8080 (got \"%1\")").arg(text);
        return result;
    }
    QString host = text.left(colon);
    const QString portText = text.mid(colon + 1);
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535) {
        result.error = QStringLiteral("the port in --listen must be 0-65535 (got \"%1\")").arg(portText);
        return result;
    }
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        result.address = QHostAddress(QHostAddress::LocalHost);
    else if (!result.address.setAddress(host)) {
        result.error = QStringLiteral("\"%1\" is not an IP address; use e.g. 127.0.0.1, 0.0.0.0 or [::1]").arg(host);
        return result;
    }
    result.port = quint16(port);
    return result;
}

} // namespace

int runServe(const QStringList &arguments)
{
    const CommandSpec &spec = serveSpec();
    const ParsedOptions options = parseOptions(spec, arguments);
    if (options.help) {
        printOut(usageText(spec));
        return ExitOk;
    }
    if (!options.error.isEmpty())
        return usageError(spec, options.error);
    const ListenAddress listen = parseListen(options.value(QStringLiteral("listen")));
    if (!listen.error.isEmpty())
        return usageError(spec, listen.error);

    ServerOptions serverOptions;
    serverOptions.databasePath = options.value(QStringLiteral("database"));
    auto server = Server::create(serverOptions);
    if (!server)
        return failure(spec, server.error().message);
    auto port = server.value()->listen(listen.address, listen.port);
    if (!port)
        return failure(spec, port.error().message);

    SignalWatcher watcher;
    if (!watcher.isValid())
        qCWarning(lcCli) << "cannot watch SIGINT/SIGTERM; stop the server with SIGKILL";
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, qApp, [](int signalNumber) {
        printErr(QStringLiteral("keydesk-server: signal %1 received, shutting down").arg(signalNumber));
        QCoreApplication::quit();
    });
    const QString host = listen.address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(listen.address.toString())
        : listen.address.toString();
    printOut(QStringLiteral("listening on %1:%2").arg(host).arg(port.value()));
    const int code = QCoreApplication::exec();
    // Destroying the server closes the listening socket and the database (WAL checkpoint) before exit.
    server.value().reset();
    return code == 0 ? ExitOk : ExitFailure;
}

} // namespace Keydesk::Server::Cli
