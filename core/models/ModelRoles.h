#pragma once

#include <Qt>

namespace Keydesk::Core {

/// Custom item roles shared by every Keydesk table model. The views read these instead of parsing display text.
enum ModelRole : int {
    /// A value that sorts the column correctly (instants as qint64 ms, text case-folded); for proxies and tests.
    SortRole = Qt::UserRole,
    /// The row's machine-readable status: "ACTIVE"/"UPCOMING"/"EXPIRED"/"REVOKED" for keys, "active"/... for
    /// users, "ready"/"awaiting_setup" for locks, ... (same word as on the wire).
    StatusRole,
    /// A semantic tone for the row's status, never a colour: "ok", "info", "warning", "danger" or "muted". Core
    /// makes no palette choice; the UI maps the token to its theme.
    StatusColorRole,
    /// bool: the row has local changes the server has not confirmed yet.
    PendingRole,
    /// QString: the latest pending operation ("key.revoke": a revocation not yet effective), empty when none.
    PendingOpRole,
    /// QString: the entity id of the row (feed id).
    IdRole,
    /// qint64 ms UTC: start of an uncertain time range (activity); equal to RangeEndRole when exact.
    RangeStartRole,
    /// qint64 ms UTC: end of an uncertain time range.
    RangeEndRole,
    /// QString: the id of the lock the row belongs to (keys, quick clicks, activity).
    LockIdRole,
    /// QString: the id of the user the row belongs to (keys, offline keys).
    UserIdRole,
    /// QList<AccessWindow>: a scheduled key's weekly windows in facility wall-clock time; empty for other keys.
    WindowsRole,
};

} // namespace Keydesk::Core
