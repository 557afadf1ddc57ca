#pragma once

#include <QStringList>

namespace Keydesk::Server::Cli {

/// Runs one keydesk-server command; `arguments` excludes the program name. Needs a QCoreApplication
/// (serve runs its event loop). Returns the process exit code (see CliSupport.h).
int run(const QStringList &arguments);

int runInit(const QStringList &arguments);
int runServe(const QStringList &arguments);
int runLockAdd(const QStringList &arguments);
int runDemo(const QStringList &arguments);
int runGenerate(const QStringList &arguments);

} // namespace Keydesk::Server::Cli
