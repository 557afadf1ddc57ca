#pragma once

#include <QString>

namespace Keydesk::Core {

/// The version of the core library, as built.
QString coreVersion();

} // namespace Keydesk::Core
