#pragma once

#include "core/domain/StaffRole.h"

#include <QString>
#include <QUrl>

namespace Keydesk::Ui {

/// Who is signed in where: what the main window shows in its title and status bar and what decides which
/// actions the role may see. Filled by the app's session bootstrap from the server's answers.
struct SessionInfo
{
    QUrl serverUrl;
    bool embedded = false; ///< the in-process server on loopback (not a remote one)
    QString facilityId;
    QString facilityName;
    QString facilityTimeZone; ///< IANA id
    QString username;
    QString staffId; ///< the signed-in staff member's id: who made a change queued in the outbox
    Core::StaffRole role = Core::StaffRole::Auditor; ///< least power until the server said otherwise
};

} // namespace Keydesk::Ui
