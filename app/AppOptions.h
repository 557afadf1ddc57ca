#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Result.h"

#include <QString>
#include <QUrl>

class QCommandLineParser;

namespace Keydesk::App {

/// What the `keydesk` command line asked for.
struct AppOptions
{
    QUrl serverUrl; ///< --server URL: sign in to a remote server (empty: the embedded default)
    bool demo = false; ///< --demo: open the demo facility without the first-run question
    QString dataDir; ///< --data-dir DIR: every file of the embedded default lives here (empty: the user's data dir)
    QString caFile; ///< --ca-file FILE: trust this CA for a self-signed remote server
    QString username; ///< --user NAME: pre-fills the Connect dialog
    /// Where "now" comes from for the whole app: the embedded server, the views, the status bar's times and the
    /// demo's dates. Not a command-line option; tests set a Core::FakeClock (it must outlive the controller).
    /// Null: the system clock.
    const Core::Clock *clock = nullptr;
};

/// Declares keydesk's options (and --help/--version) on `parser`.
void configureParser(QCommandLineParser &parser);
/// Reads and checks the parsed options: a valid server URL, no --demo together with --server, an existing CA file.
Core::Result<AppOptions> readOptions(const QCommandLineParser &parser);

} // namespace Keydesk::App
