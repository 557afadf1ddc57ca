#include "core/domain/StaffRole.h"

#include <QCoreApplication>
#include <QStringList>

namespace Keydesk::Core {

namespace {

constexpr std::array<const char *, kPermissionCount> kPermissionNames {
    "view_all",      "manage_staff", "manage_facility", "manage_locks",        "manage_users",
    "create_keys",   "edit_keys",    "revoke_keys",     "manage_offline_keys", "manage_quick_clicks",
    "view_activity", "view_audit",   "explain_access",
};

} // namespace

QString toString(StaffRole role)
{
    for (const RolePermissions &row : kRoleTable) {
        if (row.role == role)
            return QLatin1String(row.name);
    }
    return {};
}

Result<StaffRole> roleFromString(const QString &text)
{
    QStringList names;
    for (const RolePermissions &row : kRoleTable) {
        if (text == QLatin1String(row.name))
            return row.role;
        names.append(QLatin1String(row.name));
    }
    return Error::make(
        QStringLiteral("invalid_staff_role"),
        QCoreApplication::translate("Keydesk::Core::StaffRole", "Unknown staff role \"%1\". Use one of: %2.")
            .arg(text, names.join(QStringLiteral(", "))),
        QStringLiteral("role"));
}

QString describe(StaffRole role)
{
    switch (role) {
    case StaffRole::Owner:
        return QCoreApplication::translate("Keydesk::Core::StaffRole", "Owner");
    case StaffRole::Admin:
        return QCoreApplication::translate("Keydesk::Core::StaffRole", "Administrator");
    case StaffRole::Manager:
        return QCoreApplication::translate("Keydesk::Core::StaffRole", "Manager", "staff role");
    case StaffRole::FrontDesk:
        return QCoreApplication::translate("Keydesk::Core::StaffRole", "Front desk");
    case StaffRole::Auditor:
        return QCoreApplication::translate("Keydesk::Core::StaffRole", "Auditor");
    }
    return {};
}

QString toString(Permission permission)
{
    const int index = int(permission);
    return index >= 0 && index < kPermissionCount ? QLatin1String(kPermissionNames[index]) : QString();
}

Result<Permission> permissionFromString(const QString &text)
{
    for (int i = 0; i < kPermissionCount; ++i) {
        if (text == QLatin1String(kPermissionNames[i]))
            return Permission(i);
    }
    return Error::make(QStringLiteral("invalid_permission"),
                       QCoreApplication::translate("Keydesk::Core::StaffRole", "Unknown permission \"%1\".").arg(text),
                       QStringLiteral("permission"));
}

QList<Permission> permissionsOf(StaffRole role)
{
    QList<Permission> result;
    for (int i = 0; i < kPermissionCount; ++i) {
        if (hasPermission(role, Permission(i)))
            result.append(Permission(i));
    }
    return result;
}

QList<StaffRole> allStaffRoles()
{
    QList<StaffRole> result;
    for (const RolePermissions &row : kRoleTable)
        result.append(row.role);
    return result;
}

} // namespace Keydesk::Core
