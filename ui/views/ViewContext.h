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

/// What every view needs from the signed-in session: where the data is (the cache, kept current by the sync
/// engine), where mutations go (the sync engine's outbox), the server for online-only questions (explain),
/// the facility's time zone, the clock, and who is signed in (their role hides what they may not do).
/// The views do not own any of it.
struct ViewContext
{
    Core::CacheStore *cache = nullptr;
    Core::SyncEngine *sync = nullptr;
    Core::ApiClient *api = nullptr;
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
