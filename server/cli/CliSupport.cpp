#include "server/cli/CliSupport.h"

#include <QJsonDocument>

#include <cstdio>

namespace Keydesk::Server::Cli {

ParsedOptions parseOptions(const CommandSpec &spec, const QStringList &arguments)
{
    ParsedOptions parsed;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            parsed.help = true;
            continue;
        }
        if (!arg.startsWith(QLatin1String("--")) || arg.size() == 2) {
            parsed.error = QStringLiteral("unexpected argument \"%1\"").arg(arg);
            return parsed;
        }
        QString name = arg.mid(2);
        std::optional<QString> inlineValue;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name = name.left(eq);
        }
        const auto it = std::find_if(spec.options.begin(), spec.options.end(),
                                     [&](const OptionSpec &o) { return o.name == name; });
        if (it == spec.options.end()) {
            parsed.error = QStringLiteral("unknown option --%1").arg(name);
            return parsed;
        }
        if (parsed.values.contains(name)) {
            parsed.error = QStringLiteral("--%1 given twice").arg(name);
            return parsed;
        }
        if (it->valueName.isEmpty()) {
            if (inlineValue) {
                parsed.error = QStringLiteral("--%1 takes no value").arg(name);
                return parsed;
            }
            parsed.values.insert(name, QString());
            continue;
        }
        if (inlineValue) {
            parsed.values.insert(name, *inlineValue);
            continue;
        }
        if (i + 1 >= arguments.size() || arguments.at(i + 1).startsWith(QLatin1String("--"))) {
            parsed.error = QStringLiteral("--%1 needs a value (%2)").arg(name, it->valueName);
            return parsed;
        }
        parsed.values.insert(name, arguments.at(++i));
    }
    if (parsed.help)
        return parsed;
    for (const OptionSpec &option : spec.options) {
        if (option.required && !parsed.values.contains(option.name)) {
            parsed.error = QStringLiteral("--%1 %2 is required").arg(option.name, option.valueName);
            return parsed;
        }
    }
    return parsed;
}

QString usageText(const CommandSpec &spec)
{
    QString synopsis = QStringLiteral("Usage: keydesk-server %1").arg(spec.name);
    QString details;
    for (const OptionSpec &option : spec.options) {
        QString form = QStringLiteral("--%1").arg(option.name);
        if (!option.valueName.isEmpty())
            form += QLatin1Char(' ') + option.valueName;
        synopsis += option.required ? QLatin1Char(' ') + form : QStringLiteral(" [%1]").arg(form);
        details += QStringLiteral("  %1%2\n").arg(form.leftJustified(30), option.help);
    }
    return QStringLiteral("%1\n\n%2\n\nOptions:\n%3  %4show this help\n")
        .arg(synopsis, spec.summary, details, QStringLiteral("--help").leftJustified(30));
}

QString mainUsage()
{
    return QStringLiteral(
        "Usage: keydesk-server <command> [options]\n\n"
        "The Keydesk facility server: Nokē Core API and /v1 management API over an SQLite database.\n\n"
        "Commands:\n"
        "  init       create a database, its key-encryption key and API keys\n"
        "  serve      serve the database over HTTP\n"
        "  lock add   register a lock (and optionally write a keydesk-vlock state file for it)\n"
        "  demo       fill a database with a realistic demo facility\n"
        "  generate   add a large generated facility (benchmarks)\n\n"
        "Run `keydesk-server <command> --help` for a command's options.\n"
        "Exit codes: 0 success, 1 the command failed, 2 bad arguments.\n");
}

void printOut(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printErr(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

void printJson(const QJsonObject &object)
{
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Indented);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fflush(stdout);
}

int usageError(const CommandSpec &spec, const QString &message)
{
    printErr(
        QStringLiteral("keydesk-server %1: %2\nRun `keydesk-server %1 --help` for usage.").arg(spec.name, message));
    return ExitUsage;
}

int failure(const CommandSpec &spec, const QString &message)
{
    printErr(QStringLiteral("keydesk-server %1: %2").arg(spec.name, message));
    return ExitFailure;
}

} // namespace Keydesk::Server::Cli
