#include "app/AppOptions.h"

#include "ui/startup/ServerAddress.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace Keydesk::App {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AppOptions", text);
}
} // namespace

void configureParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Keydesk \u2014 digital keys for smart-lock facilities.\n\n"
           "Without --server, Keydesk runs its own facility server on this computer (over a database in the data "
           "directory); the first start asks whether to open a demo facility, an empty one, or a remote server."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ QStringLiteral("server"), tr("Sign in to the keydesk server at URL (http or https)."),
                       QStringLiteral("URL") });
    parser.addOption(
        { QStringLiteral("user"), tr("Staff user name to sign in with (with --server)."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("ca-file"),
                       tr("Trust the CA certificate(s) in FILE (PEM) for a server with a self-signed certificate."),
                       QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("demo"),
                       tr("Open the demo facility (created on first use) without the first-run question.") });
    parser.addOption({ QStringLiteral("data-dir"),
                       tr("Keep every file of the built-in server (database, cache, settings) in DIR, so two "
                          "instances or a trial never touch your own data."),
                       QStringLiteral("DIR") });
}

Core::Result<AppOptions> readOptions(const QCommandLineParser &parser)
{
    AppOptions options;
    options.demo = parser.isSet(QStringLiteral("demo"));
    options.dataDir = parser.value(QStringLiteral("data-dir"));
    options.username = parser.value(QStringLiteral("user")).trimmed();
    options.caFile = parser.value(QStringLiteral("ca-file"));
    if (parser.isSet(QStringLiteral("data-dir")) && options.dataDir.trimmed().isEmpty())
        return Core::Error::make(QStringLiteral("invalid_data_dir"),
                                 tr("--data-dir needs a directory, e.g. --data-dir /tmp/keydesk-trial."),
                                 QStringLiteral("data-dir"));
    if (parser.isSet(QStringLiteral("server"))) {
        auto url = Ui::parseServerUrl(parser.value(QStringLiteral("server")));
        if (!url)
            return Core::Error::make(url.error().code, QStringLiteral("--server: ") + url.error().message,
                                     QStringLiteral("server"));
        options.serverUrl = url.value();
        if (options.demo)
            return Core::Error::make(QStringLiteral("conflicting_options"),
                                     tr("--demo opens the built-in demo facility and --server a remote server; "
                                        "choose one."),
                                     QStringLiteral("demo"));
    }
    if (!options.caFile.isEmpty() && !QFileInfo(options.caFile).isFile())
        return Core::Error::make(
            QStringLiteral("invalid_ca_file"),
            tr("--ca-file: %1 is not a file; give the server's CA certificate (PEM).").arg(options.caFile),
            QStringLiteral("ca-file"));
    return options;
}

} // namespace Keydesk::App
