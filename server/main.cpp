#include "server/cli/Cli.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keydesk-server"));
    // Operators see warnings and our own info lines; QT_LOGGING_RULES still overrides this for debugging.
    QLoggingCategory::setFilterRules(QStringLiteral("keydesk.*.debug=false\nkeydesk.lockproto.info=false"));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return Keydesk::Server::Cli::run(arguments);
}
