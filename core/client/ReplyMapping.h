#pragma once

#include "core/client/ApiError.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

namespace Keydesk::Core {

/// Everything a finished reply told us, copied out so the mapping needs no live QNetworkReply.
struct ReplyOutcome
{
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    int httpStatus = 0; ///< 0: no HTTP answer
    QByteArray body;
    QByteArray retryAfter;
    QStringList sslErrors; ///< from QNetworkReply::sslErrors, human-readable
    QString server; ///< "host:port", for messages
    int timeoutSeconds = 0;
    bool loginRequest = false; ///< a 401 here means a wrong password, not an ended session
};

/// The single place where transport errors and HTTP error answers become typed ApiErrors.
/// Only called for failures (a network error, or an HTTP status outside 2xx).
ApiError mapFailure(const ReplyOutcome &outcome);

} // namespace Keydesk::Core
