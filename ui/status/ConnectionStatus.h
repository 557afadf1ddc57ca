#pragma once

#include <QDateTime>
#include <QString>

namespace Keydesk::Ui {

/// Where the desktop stands with its server, as the status bar and the offline banner show it.
enum class ConnectionState {
    Connecting, ///< signing in, nothing known yet
    Online, ///< the last contact succeeded
    Syncing, ///< fetching changes now
    Offline, ///< the server cannot be reached; what was loaded stays readable
    Error, ///< the server answered, but with a failure that needs a person (session ended, server error)
};

/// The figures the status bar shows next to the state.
struct FacilityCounts
{
    int locks = -1; ///< -1: not known yet
    int users = -1;
    int keys = -1;
    int activeKeys = -1;
    int lowBatteries = -1;
};

} // namespace Keydesk::Ui
