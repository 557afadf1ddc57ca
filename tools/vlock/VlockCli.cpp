#include "tools/vlock/VlockCli.h"

#include "core/domain/Clock.h"
#include "core/domain/MacAddress.h"
#include "core/lockproto/LockSecret.h"
#include "core/lockproto/OfflineCredential.h"
#include "core/lockproto/VirtualLock.h"
#include "tools/vlock/PhoneFlow.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace Keydesk::Tools {

using Core::LockOutcome;
using Core::VirtualLock;

namespace {

/// A command line split into options (`--name value`, `--name=value`, bare `--flag`) and positionals.
struct Arguments
{
    QHash<QString, QString> options;
    QSet<QString> flags;
    QStringList positionals;
    QString error;
};

// Options that take a value; everything else starting with "--" is a flag.
const QSet<QString> &valueOptions()
{
    static const QSet<QString> names { QStringLiteral("state"),          QStringLiteral("mac"),
                                       QStringLiteral("secret"),         QStringLiteral("offline-key"),
                                       QStringLiteral("unlock-command"), QStringLiteral("advance"),
                                       QStringLiteral("server"),         QStringLiteral("api-key"),
                                       QStringLiteral("mobile-key"),     QStringLiteral("tracking-key"),
                                       QStringLiteral("endpoint") };
    return names;
}

Arguments split(const QStringList &arguments)
{
    Arguments parsed;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        // "--advance -60" must work: a value option takes the next word even when it starts with '-'.
        if (!arg.startsWith(QLatin1String("--")) || arg == QLatin1String("--")) {
            parsed.positionals.append(arg);
            continue;
        }
        QString name = arg.mid(2);
        QString value;
        const qsizetype eq = name.indexOf(u'=');
        const bool inlineValue = eq >= 0;
        if (inlineValue) {
            value = name.mid(eq + 1);
            name.truncate(eq);
        }
        if (!valueOptions().contains(name)) {
            if (inlineValue) {
                parsed.error = QStringLiteral("--%1 takes no value").arg(name);
                return parsed;
            }
            parsed.flags.insert(name);
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= arguments.size()) {
                parsed.error = QStringLiteral("--%1 needs a value").arg(name);
                return parsed;
            }
            value = arguments.at(++i);
        }
        if (parsed.options.contains(name)) {
            parsed.error = QStringLiteral("--%1 given twice").arg(name);
            return parsed;
        }
        parsed.options.insert(name, value);
    }
    return parsed;
}

VlockResult usage(const QString &code, const QString &message)
{
    return { ExitUsage,
             QJsonObject {
                 { QStringLiteral("error"),
                   QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } } } } };
}

VlockResult failure(const Core::Error &error, int exitCode)
{
    return { exitCode,
             QJsonObject { { QStringLiteral("error"),
                             QJsonObject { { QStringLiteral("code"), error.code },
                                           { QStringLiteral("message"), error.message } } } } };
}

VlockResult outcomeResult(const LockOutcome &outcome)
{
    QJsonObject output { { QStringLiteral("result"), outcome.actionName() },
                         { QStringLiteral("reason"), outcome.opened() ? QString() : outcome.reason() },
                         { QStringLiteral("responses"), QJsonArray::fromStringList(outcome.responses) } };
    if (!outcome.message.isEmpty())
        output.insert(QStringLiteral("message"), outcome.message);
    if (outcome.refusal == Core::Refusal::StorageFailure)
        return { ExitFailure, output };
    return { outcome.opened() ? ExitOk : ExitRefused, output };
}

/// Rejects options and flags the subcommand does not know, so a typo never silently changes nothing.
QString unexpected(const Arguments &args, const QStringList &allowedOptions, const QStringList &allowedFlags,
                   qsizetype positionals)
{
    for (auto it = args.options.cbegin(); it != args.options.cend(); ++it) {
        if (it.key() != QLatin1String("state") && !allowedOptions.contains(it.key()))
            return QStringLiteral("unexpected option --%1").arg(it.key());
    }
    for (const QString &flag : args.flags) {
        if (!allowedFlags.contains(flag))
            return QStringLiteral("unknown option --%1").arg(flag);
    }
    if (args.positionals.size() - 1 != positionals)
        return QStringLiteral("%1 takes %2 argument(s)").arg(args.positionals.first()).arg(positionals);
    return {};
}

VlockResult runInit(const Arguments &args, const QString &statePath)
{
    if (!args.options.contains(QStringLiteral("mac")) || !args.options.contains(QStringLiteral("secret")))
        return usage(QStringLiteral("missing_option"), QStringLiteral("init needs --mac MAC and --secret HEX"));
    auto mac = Core::MacAddress::parse(args.options.value(QStringLiteral("mac")));
    if (!mac)
        return failure(mac.error(), ExitUsage);
    auto secret = Core::LockSecret::fromHex(args.options.value(QStringLiteral("secret")));
    if (!secret)
        return failure(secret.error(), ExitUsage);
    auto lock = VirtualLock::create(statePath, *mac, *secret, Core::Clock::system());
    if (!lock)
        return failure(lock.error(), lock.error().code == QLatin1String("state_exists") ? ExitUsage : ExitFailure);
    return { ExitOk,
             QJsonObject { { QStringLiteral("result"), QStringLiteral("created") },
                           { QStringLiteral("mac"), mac->toString() },
                           { QStringLiteral("state"), statePath } } };
}

VlockResult runOnLock(const Arguments &args, VirtualLock &lock)
{
    const QString command = args.positionals.first();
    if (command == QLatin1String("session")) {
        auto session = lock.newSession();
        if (!session)
            return failure(session.error(), ExitFailure);
        return { ExitOk, QJsonObject { { QStringLiteral("session"), session->toHex() } } };
    }
    if (command == QLatin1String("apply"))
        return outcomeResult(lock.applyCommand(args.positionals.at(1)));
    if (command == QLatin1String("offline")) {
        const QString key = args.options.value(QStringLiteral("offline-key"));
        const QString token = args.options.value(QStringLiteral("unlock-command"));
        if (key.isEmpty() || token.isEmpty())
            return usage(QStringLiteral("missing_option"),
                         QStringLiteral("offline needs --offline-key HEX and --unlock-command HEX"));
        // Check the phone's inputs before opening a session, so bad input changes nothing on the lock.
        auto probe = Core::makeOfflineProof(key, token, *Core::Session::make(0));
        if (!probe)
            return failure(probe.error(), ExitUsage);
        auto session = lock.newSession();
        if (!session)
            return failure(session.error(), ExitFailure);
        auto proof = Core::makeOfflineProof(key, token, *session);
        if (!proof)
            return failure(proof.error(), ExitUsage);
        return outcomeResult(lock.applyOfflineProof(*proof));
    }
    if (command == QLatin1String("quick-click")) {
        const QString code = args.positionals.at(1);
        if (!Core::isValidQuickClickCode(code))
            return usage(QStringLiteral("invalid_code"),
                         QStringLiteral("A quick-click code is 3 to 24 characters of 0 and 1; got \"%1\".").arg(code));
        return outcomeResult(lock.quickClick(code));
    }
    if (command == QLatin1String("clock")) {
        const bool powerLoss = args.flags.contains(QStringLiteral("power-loss"));
        const bool advance = args.options.contains(QStringLiteral("advance"));
        if (powerLoss == advance)
            return usage(QStringLiteral("missing_option"),
                         QStringLiteral("clock needs exactly one of --advance SECONDS or --power-loss"));
        Core::Result<void> done;
        if (advance) {
            bool ok = false;
            const qint64 seconds = args.options.value(QStringLiteral("advance")).toLongLong(&ok);
            if (!ok)
                return usage(QStringLiteral("bad_advance"),
                             QStringLiteral("--advance takes whole seconds, e.g. 3600 or -60"));
            done = lock.advanceClock(seconds);
        } else {
            done = lock.powerLoss();
        }
        if (!done)
            return failure(done.error(), done.error().code == QLatin1String("bad_advance") ? ExitUsage : ExitFailure);
        return { ExitOk,
                 QJsonObject { { QStringLiteral("result"), QStringLiteral("ok") },
                               { QStringLiteral("clock"), lock.describe().value(QStringLiteral("clock")) } } };
    }
    if (command == QLatin1String("show"))
        return { ExitOk, lock.describe() };
    if (command == QLatin1String("unlock")) {
        PhoneFlowOptions options;
        options.server = args.options.value(QStringLiteral("server"));
        options.apiKey = args.options.value(QStringLiteral("api-key"));
        options.mobileKey = args.options.value(QStringLiteral("mobile-key"));
        options.trackingKey = args.options.value(QStringLiteral("tracking-key"));
        options.endpoint = args.options.value(QStringLiteral("endpoint"), QStringLiteral("unlock"));
        if (options.server.isEmpty() || options.apiKey.isEmpty() || options.mobileKey.isEmpty())
            return usage(QStringLiteral("missing_option"),
                         QStringLiteral("unlock needs --server URL --api-key KEY --mobile-key KEY"));
        const QStringList endpoints { QStringLiteral("unlock"), QStringLiteral("unshackle"),
                                      QStringLiteral("fwupdate") };
        if (!endpoints.contains(options.endpoint))
            return usage(QStringLiteral("bad_endpoint"), QStringLiteral("--endpoint is unlock, unshackle or fwupdate"));
        const PhoneFlowResult flow = runPhoneFlow(lock, options);
        if (!flow.reachedLock) {
            QJsonObject output { { QStringLiteral("result"), QStringLiteral("rejected") },
                                 { QStringLiteral("reason"),
                                   flow.networkFailure ? QStringLiteral("server_unreachable")
                                                       : QStringLiteral("server_refused") },
                                 { QStringLiteral("message"), flow.serverMessage },
                                 { QStringLiteral("responses"), QJsonArray() } };
            return { flow.networkFailure ? ExitFailure : ExitRefused, output };
        }
        VlockResult result = outcomeResult(flow.outcome);
        result.output.insert(QStringLiteral("uploaded"), flow.uploaded);
        if (!flow.uploadError.isEmpty())
            result.output.insert(QStringLiteral("upload_error"), flow.uploadError);
        return result;
    }
    return usage(QStringLiteral("unknown_command"), QStringLiteral("unknown command \"%1\"").arg(command));
}

} // namespace

QString vlockUsage()
{
    return QStringLiteral(
        "Usage: keydesk-vlock --state FILE <command> [options]\n"
        "  init --mac MAC --secret HEX          create a lock state file\n"
        "  session                              open a session: {\"session\": \"<40 hex>\"}\n"
        "  apply COMMANDS_HEX                   apply an online command from the server\n"
        "  offline --offline-key HEX --unlock-command HEX\n"
        "                                       open with an offline credential (proof over a fresh session)\n"
        "  quick-click CODE                     press a quick-click code (0/1, 3-24 characters)\n"
        "  clock --advance SECONDS | --power-loss\n"
        "                                       move the lock's own clock, or pull its battery\n"
        "  unlock --server URL --api-key KEY --mobile-key KEY [--tracking-key T] [--endpoint "
        "unlock|unshackle|fwupdate]\n"
        "                                       the phone flow: session, POST /unlock/, apply, POST /upload/\n"
        "  show                                 the lock's state without secrets\n"
        "Prints one JSON object. Exit: 0 opened/succeeded, 1 refused, 2 bad usage, 3 other failure (I/O, network).\n");
}

VlockResult runVlock(const QStringList &arguments)
{
    const Arguments args = split(arguments);
    if (!args.error.isEmpty())
        return usage(QStringLiteral("bad_usage"), args.error);
    if (args.flags.contains(QStringLiteral("help")))
        return { ExitOk, QJsonObject { { QStringLiteral("usage"), vlockUsage() } } };
    const QString statePath = args.options.value(QStringLiteral("state"));
    if (statePath.isEmpty())
        return usage(QStringLiteral("missing_state"), QStringLiteral("--state FILE is required"));
    if (args.positionals.isEmpty())
        return usage(QStringLiteral("missing_command"), QStringLiteral("no command given"));

    struct Spec
    {
        QStringList options;
        QStringList flags;
        qsizetype positionals;
    };
    static const QHash<QString, Spec> specs {
        { QStringLiteral("init"), { { QStringLiteral("mac"), QStringLiteral("secret") }, {}, 0 } },
        { QStringLiteral("session"), { {}, {}, 0 } },
        { QStringLiteral("apply"), { {}, {}, 1 } },
        { QStringLiteral("offline"), { { QStringLiteral("offline-key"), QStringLiteral("unlock-command") }, {}, 0 } },
        { QStringLiteral("quick-click"), { {}, {}, 1 } },
        { QStringLiteral("clock"), { { QStringLiteral("advance") }, { QStringLiteral("power-loss") }, 0 } },
        { QStringLiteral("show"), { {}, {}, 0 } },
        { QStringLiteral("unlock"),
          { { QStringLiteral("server"), QStringLiteral("api-key"), QStringLiteral("mobile-key"),
              QStringLiteral("tracking-key"), QStringLiteral("endpoint") },
            {},
            0 } },
    };
    const QString command = args.positionals.first();
    const auto spec = specs.constFind(command);
    if (spec == specs.cend())
        return usage(QStringLiteral("unknown_command"), QStringLiteral("unknown command \"%1\"").arg(command));
    if (const QString problem = unexpected(args, spec->options, spec->flags, spec->positionals); !problem.isEmpty())
        return usage(QStringLiteral("bad_usage"), problem);

    if (command == QLatin1String("init"))
        return runInit(args, statePath);
    auto lock = VirtualLock::load(statePath, Core::Clock::system());
    if (!lock)
        return failure(lock.error(), ExitUsage);
    return runOnLock(args, lock.value());
}

} // namespace Keydesk::Tools
