#pragma once

#include <QJsonObject>
#include <QStringList>

namespace Keydesk::Tools {

/// Exit codes of keydesk-vlock.
enum ExitCode : int {
    ExitOk = 0, ///< the lock opened, or the call succeeded
    ExitRefused = 1, ///< the lock (or the server, for `unlock`) refused
    ExitUsage = 2, ///< bad usage or bad input; nothing changed
    ExitFailure = 3, ///< something else failed: state file not writable, server unreachable
};

/// What one keydesk-vlock call prints (one JSON object on stdout) and returns.
struct VlockResult
{
    int exitCode = ExitOk;
    QJsonObject output;
};

/// Runs one keydesk-vlock call; `arguments` excludes the program name.
VlockResult runVlock(const QStringList &arguments);

/// The usage text (stderr on bad usage and for --help).
QString vlockUsage();

} // namespace Keydesk::Tools
