#pragma once

#include "core/domain/AccessWindow.h"
#include "core/domain/FacilityZone.h"
#include "core/domain/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Keydesk::Core {

/// What the key holder may do at the lock: open it (USER) or also administer it (ADMIN).
enum class KeyRole { User, Admin };
/// When a key opens: any time in its range (none = 24/7), once, or inside weekly windows.
enum class Restriction { None, OneTime, Scheduled };
/// A key's lifecycle state at an instant; see keyStatus().
enum class KeyStatus { Upcoming, Active, Expired, Revoked };

QString toString(KeyRole role); ///< "USER", "ADMIN"
QString toString(Restriction restriction); ///< "none", "one_time", "scheduled"
QString toString(KeyStatus status); ///< "UPCOMING", "ACTIVE", "EXPIRED", "REVOKED"
/// Exact wire strings only (case-sensitive); anything else is an error that quotes the input.
Result<KeyRole> keyRoleFromString(const QString &text);
Result<Restriction> restrictionFromString(const QString &text);
Result<KeyStatus> keyStatusFromString(const QString &text);

/// A digital key (access grant) of one user on one lock. Validity instants are UTC; windows are facility
/// wall-clock times (see AccessWindow.h for how they map onto real time).
struct DigitalKey
{
    QString id;
    QString description;
    QString lockId;
    QString userId;
    KeyRole role = KeyRole::User;
    QDateTime validFrom; ///< first instant of validity (UTC)
    QDateTime validTo; ///< exclusive end (UTC); invalid = open end
    Restriction restriction = Restriction::None;
    QList<AccessWindow> windows; ///< only for Restriction::Scheduled
    QDateTime usedAt; ///< one-time keys: when it was used; invalid = unused
    QDateTime revokedAt; ///< invalid = not revoked
    QString revokedBy;
    QString revokedReason;

    /// For messages: the description, or the id when there is none.
    QString displayName() const { return description.isEmpty() ? id : description; }

    friend bool operator==(const DigitalKey &, const DigitalKey &) = default;
};

// ---- Status (the lifecycle: UPCOMING → ACTIVE → EXPIRED, or REVOKED at any time) ----------------------
//
// At an instant t:  REVOKED  when revokedAt <= t;
//                   EXPIRED  when a one-time key's usedAt <= t, or validTo <= t;
//                   UPCOMING when t < validFrom;
//                   ACTIVE   otherwise.
// Revocation wins over everything else, so a key that expired and was revoked later reads REVOKED.

KeyStatus keyStatus(const DigitalKey &key, const QDateTime &at);

/// The first instant after `at` where keyStatus() changes; invalid when it never will. O(1).
QDateTime nextStatusChange(const DigitalKey &key, const QDateTime &at);

/// Whether the key opens its lock at `at`: ACTIVE, and for a scheduled key inside one of its windows.
/// O(windows).
bool canOpenAt(const DigitalKey &key, const FacilityZone &zone, const QDateTime &at);

/// The first instant after `at` where canOpenAt() flips, so a view can arm one refresh timer; invalid when
/// it never will. O(windows).
QDateTime nextOpenChange(const DigitalKey &key, const FacilityZone &zone, const QDateTime &at);

/// Checks a key before it is stored: lock, user, a start, an end after the start, and a valid schedule for
/// (and only for) scheduled keys. Error codes: key_no_lock, key_no_user, key_no_start, key_range_empty,
/// key_no_windows, key_windows_not_scheduled, key_used_not_one_time, and the window_* codes of
/// validateWindows().
Result<void> validateKey(const DigitalKey &key);

} // namespace Keydesk::Core
