#pragma once

#include "core/lockproto/VirtualLock.h"

#include <QJsonObject>
#include <QString>

namespace Keydesk::Tools {

/// Parameters of the phone's online flow against a keydesk server (Core API).
struct PhoneFlowOptions
{
    QString server; ///< base URL, e.g. http://127.0.0.1:8080
    QString apiKey; ///< company API key, for /unlock/
    QString mobileKey; ///< mobile key, for /upload/
    QString trackingKey; ///< optional
    QString endpoint = QStringLiteral("unlock"); ///< unlock | unshackle | fwupdate
    int timeoutMs = 15000;
};

/// The result of the flow: the lock's outcome plus what happened on the wire.
struct PhoneFlowResult
{
    bool reachedLock = false; ///< false when the server refused or could not be reached
    bool networkFailure = false; ///< true when a request got no usable answer
    QString serverMessage; ///< the server's message (or the network error) when it did not give commands
    Core::LockOutcome outcome;
    bool uploaded = false;
    QString uploadError;
};

/// session → POST /<endpoint>/ → apply → POST /upload/ with the responses. Blocks (a CLI, not a GUI thread).
PhoneFlowResult runPhoneFlow(Core::VirtualLock &lock, const PhoneFlowOptions &options);

} // namespace Keydesk::Tools
