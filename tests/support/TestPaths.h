#pragma once

#include <QString>

namespace Keydesk::Test {

/// Path of a built executable (keydesk-server, keydesk-vlock, ...). CTest sets KEYDESK_BIN_DIR.
QString binaryPath(const QString &name);
/// Path of a file in the source tree (test vectors, fixtures). CTest sets KEYDESK_SOURCE_DIR.
QString sourcePath(const QString &relative);

} // namespace Keydesk::Test
