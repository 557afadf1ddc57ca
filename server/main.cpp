#include "server/cli/Cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keydesk-server"));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return Keydesk::Server::Cli::run(arguments);
}
