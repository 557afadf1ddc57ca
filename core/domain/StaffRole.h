#pragma once

#include "core/domain/Result.h"

#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <initializer_list>

namespace Keydesk::Core {

/// A staff account's role. The server enforces it; the UI hides what the role cannot do.
enum class StaffRole { Owner, Admin, Manager, FrontDesk, Auditor };

/// One thing a staff member may do. Keep kPermissionCount and the names in StaffRole.cpp in step.
enum class Permission {
    ViewAll, ///< read facilities, locks, users, keys, quick clicks, offline key state
    ManageStaff, ///< create, change and remove staff accounts
    ManageFacility, ///< facility settings: time zone, geofence
    ManageLocks, ///< register, rename, assign locks
    ManageUsers, ///< tenants, shared users, contractors; delinquency and suspension
    CreateKeys,
    EditKeys,
    RevokeKeys, ///< one key, every key of a user, every key on a lock
    ManageOfflineKeys, ///< issue, invalidate, force a fresh security check
    ManageQuickClicks, ///< issue and revoke quick-click codes
    ViewActivity, ///< the locks' activity log
    ViewAudit, ///< the staff audit log
    ExplainAccess, ///< "why can't Bob open B-104?"
};
inline constexpr int kPermissionCount = int(Permission::ExplainAccess) + 1;

constexpr std::uint32_t permissionBit(Permission p)
{
    return std::uint32_t(1) << unsigned(p);
}

/// One row of the role table.
struct RolePermissions
{
    StaffRole role;
    const char *name; ///< wire and storage name
    std::uint32_t permissions; ///< permissionBit()s
};

namespace detail {
constexpr std::uint32_t bits(std::initializer_list<Permission> list)
{
    std::uint32_t result = 0;
    for (const Permission p : list)
        result |= permissionBit(p);
    return result;
}
inline constexpr std::uint32_t kEverything = (std::uint32_t(1) << kPermissionCount) - 1;
inline constexpr std::uint32_t kReadOnly
    = bits({ Permission::ViewAll, Permission::ViewActivity, Permission::ViewAudit, Permission::ExplainAccess });
inline constexpr std::uint32_t kFrontDesk
    = bits({ Permission::ViewAll, Permission::RevokeKeys, Permission::ManageQuickClicks, Permission::ViewActivity,
             Permission::ExplainAccess });
// Manager: users, keys and offline keys (DESIGN.md), plus everything front desk may do, so a manager is
// never locked out of a front-desk task. No staff, facility, lock or audit-log rights.
inline constexpr std::uint32_t kManager = kFrontDesk
    | bits({ Permission::ManageUsers, Permission::CreateKeys, Permission::EditKeys, Permission::ManageOfflineKeys });
} // namespace detail

/// Who may do what: the one table the server and the UI both use.
inline constexpr std::array<RolePermissions, 5> kRoleTable { {
    { StaffRole::Owner, "owner", detail::kEverything },
    { StaffRole::Admin, "admin", detail::kEverything },
    { StaffRole::Manager, "manager", detail::kManager },
    { StaffRole::FrontDesk, "front_desk", detail::kFrontDesk },
    { StaffRole::Auditor, "auditor", detail::kReadOnly },
} };

constexpr bool hasPermission(StaffRole role, Permission permission)
{
    for (const RolePermissions &row : kRoleTable) {
        if (row.role == role)
            return (row.permissions & permissionBit(permission)) != 0;
    }
    return false;
}

QString toString(StaffRole role); ///< "owner", "admin", "manager", "front_desk", "auditor"
/// Exact names only; anything else is invalid_staff_role, quoting the input.
Result<StaffRole> roleFromString(const QString &text);
/// The translated display name: "Owner", "Administrator", "Manager", "Front desk", "Auditor".
QString describe(StaffRole role);

QString toString(Permission permission); ///< "view_all", "manage_staff", ...
Result<Permission> permissionFromString(const QString &text);
/// The role's permissions, in enum order.
QList<Permission> permissionsOf(StaffRole role);
/// Every role, in table order (most powerful first).
QList<StaffRole> allStaffRoles();

} // namespace Keydesk::Core
