#pragma once

#include "core/domain/Clock.h"
#include "core/domain/FacilityZone.h"
#include "core/domain/StaffRole.h"

#include <QString>

namespace Keydesk::Core {
class ApiClient;
class CacheStore;
class SyncEngine;
} // namespace Keydesk::Core

namespace Keydesk::Ui {

class FacilityDirectory;

/// What every view needs from the signed-in session: where the data is (the cache, kept current by the sync
/// engine), where mutations go (the sync engine's outbox), the server for online-only questions (explain),
/// the facility's time zone, the clock, who is signed in (their role hides what they may not do), and the
/// session's one FacilityDirectory (locks, groups and users by id, with their name search). The views do not own
/// any of it; a view made without a directory (a test of one view) makes its own.
struct ViewContext
{
    Core::CacheStore *cache = nullptr;
    Core::SyncEngine *sync = nullptr;
    Core::ApiClient *api = nullptr;
    FacilityDirectory *directory = nullptr;
    const Core::Clock *clock = &Core::Clock::system();
    Core::FacilityZone zone;
    Core::StaffRole role = Core::StaffRole::Auditor;
    QString staffId;
    QString staffName;
    QString facilityId;
    QString facilityName;

    bool can(Core::Permission permission) const { return Core::hasPermission(role, permission); }
};

} // namespace Keydesk::Ui
