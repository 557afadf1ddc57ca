#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Keydesk::Server::Cli {

/// Exit codes of keydesk-server.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1, ///< the command could not be carried out (exists already, I/O, duplicate MAC, ...)
    ExitUsage = 2, ///< bad arguments; nothing changed
};

/// One option of a sub-command.
struct OptionSpec
{
    QString name; ///< without "--"
    QString valueName; ///< empty for a flag
    QString help;
    bool required = false;
};

/// A sub-command's synopsis and options, for parsing and for --help.
struct CommandSpec
{
    QString name; ///< "init", "lock add", ...
    QString summary;
    QList<OptionSpec> options;
};

/// The result of parsing one sub-command's arguments.
struct ParsedOptions
{
    QHash<QString, QString> values; ///< option → value ("" for flags)
    bool help = false;
    QString error; ///< non-empty on bad usage

    bool has(const QString &name) const { return values.contains(name); }
    QString value(const QString &name, const QString &fallback = {}) const { return values.value(name, fallback); }
};

/// Accepts "--name value" and "--name=value"; unknown options, missing values, repeats and missing required
/// options are errors. "--help"/"-h" anywhere sets `help` and skips the required-option check.
ParsedOptions parseOptions(const CommandSpec &spec, const QStringList &arguments);
QString usageText(const CommandSpec &spec);
/// The top-level usage (list of commands).
QString mainUsage();

void printOut(const QString &text); ///< stdout + newline, flushed
void printErr(const QString &text); ///< stderr + newline, flushed
void printJson(const QJsonObject &object); ///< indented JSON on stdout
/// Prints "keydesk-server <command>: <message>" and the command's usage hint to stderr; returns ExitUsage.
int usageError(const CommandSpec &spec, const QString &message);
/// Prints "keydesk-server <command>: <message>" to stderr; returns ExitFailure.
int failure(const CommandSpec &spec, const QString &message);

} // namespace Keydesk::Server::Cli
