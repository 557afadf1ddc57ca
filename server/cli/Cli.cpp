#include "server/cli/Cli.h"

#include "server/cli/CliSupport.h"

namespace Keydesk::Server::Cli {

int run(const QStringList &arguments)
{
    if (arguments.isEmpty()) {
        printErr(mainUsage());
        return ExitUsage;
    }
    const QString command = arguments.first();
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        printOut(mainUsage());
        return ExitOk;
    }
    if (command == QLatin1String("init"))
        return runInit(rest);
    if (command == QLatin1String("serve"))
        return runServe(rest);
    if (command == QLatin1String("demo"))
        return runDemo(rest);
    if (command == QLatin1String("generate"))
        return runGenerate(rest);
    if (command == QLatin1String("lock")) {
        if (!rest.isEmpty() && rest.first() == QLatin1String("add"))
            return runLockAdd(rest.mid(1));
        if (!rest.isEmpty() && (rest.first() == QLatin1String("--help") || rest.first() == QLatin1String("-h"))) {
            printOut(QStringLiteral("Usage: keydesk-server lock add --database FILE --mac MAC --serial SERIAL "
                                    "[options]\nRun `keydesk-server lock add --help` for the options."));
            return ExitOk;
        }
        printErr(QStringLiteral("keydesk-server lock: expected `lock add`, got %1\n\n%2")
                     .arg(rest.isEmpty() ? QStringLiteral("nothing") : QStringLiteral("\"%1\"").arg(rest.first()),
                          mainUsage()));
        return ExitUsage;
    }
    printErr(QStringLiteral("keydesk-server: unknown command \"%1\"\n\n%2").arg(command, mainUsage()));
    return ExitUsage;
}

} // namespace Keydesk::Server::Cli
