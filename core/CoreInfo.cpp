#include "core/CoreInfo.h"

namespace Keydesk::Core {

QString coreVersion()
{
    return QStringLiteral(KEYDESK_CORE_VERSION);
}

} // namespace Keydesk::Core
