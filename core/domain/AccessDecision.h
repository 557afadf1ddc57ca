#pragma once

#include "core/domain/DigitalKey.h"
#include "core/domain/FacilityZone.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Keydesk::Core {

/// A tenant account's standing. Only Active accounts get in.
enum class UserState { Active, Delinquent, Suspended };
QString toString(UserState state); ///< "active", "delinquent", "suspended"
Result<UserState> userStateFromString(const QString &text);

/// A point on Earth in degrees (WGS 84).
struct GeoPoint
{
    double lat = 0;
    double lon = 0;
};

/// The facility's on-site area: a circle around its centre.
struct Geofence
{
    GeoPoint centre;
    double radiusMetres = 0;
};

/// Great-circle distance in metres (haversine, mean Earth radius).
double distanceMetres(const GeoPoint &a, const GeoPoint &b);

/// Everything the access check looks at.
struct AccessRequest
{
    UserState userState = UserState::Active;
    QList<DigitalKey> keysOnLock; ///< the user's keys on this lock, any status
    FacilityZone zone;
    std::optional<Geofence> geofence; ///< the facility's, if it has one
    std::optional<GeoPoint> phoneLocation; ///< where the phone says it is, if it sent a location
    QDateTime at; ///< the instant of the attempt (UTC)
    QString lockName; ///< for messages: "B-104"
};

/// The outcome of an access check, with its reasons in words.
struct AccessDecision
{
    bool allowed = false;
    /// Denied: every check that failed, most fundamental first (account, keys, location). Allowed: which key
    /// allows it and until when (and the location check when one was made).
    QStringList reasons;
    QString grantingKeyId; ///< the key that allows access; empty when denied
};

/// The access check before an online unlock or issuing offline keys (DESIGN.md "Access check"): the account
/// is active, a key on this lock is ACTIVE and inside its window (a one-time key not yet used), and when
/// the facility has a geofence and the phone sent a location, the phone is inside it.
AccessDecision decideAccess(const AccessRequest &request);

} // namespace Keydesk::Core
