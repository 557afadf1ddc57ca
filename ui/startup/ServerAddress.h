#pragma once

#include "core/domain/Result.h"

#include <QString>
#include <QUrl>

namespace Keydesk::Ui {

/// Parses what a person typed as a server address: http or https, a host, an optional port and path. A bare
/// "host:port" is taken as https. Anything else is an error that says what to type (field "server_url").
Core::Result<QUrl> parseServerUrl(const QString &text);

} // namespace Keydesk::Ui
