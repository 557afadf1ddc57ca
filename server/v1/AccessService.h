#pragma once

#include "core/domain/AccessDecision.h"
#include "core/domain/FacilityZone.h"
#include "core/domain/Result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Keydesk::Server {
class Database;
}

namespace Keydesk::Server::V1 {

/// What the access check needs to know about a user and their facility.
struct UserAccessContext
{
    QString userId;
    QString name;
    QString facilityId;
    QString companyId;
    QString trackingKey;
    QString status;
    Core::FacilityZone zone;
    std::optional<Core::Geofence> geofence;
};

/// A lock as the access check and the credential issuer see it.
struct LockAccessInfo
{
    QString id;
    QString name;
    QString mac;
    QString facilityId;
};

/// The user (in `companyId`) with their facility's zone and geofence; not_found for another company's user.
Core::Result<UserAccessContext> loadUserContext(Database &db, const QString &companyId, const QString &userId);
/// A lock of the company; not_found otherwise.
Core::Result<LockAccessInfo> loadLockInfo(Database &db, const QString &companyId, const QString &lockId);

/// core/domain decideAccess() over the stored user, keys (direct and through groups) and facility.
Core::Result<Core::AccessDecision> decide(Database &db, const UserAccessContext &user, const LockAccessInfo &lock,
                                          const QDateTime &at, const std::optional<Core::GeoPoint> &location);

/// {"allowed", "reasons", "granting_key_id"} plus lock and user ids.
QJsonObject decisionJson(const Core::AccessDecision &decision, const UserAccessContext &user,
                         const LockAccessInfo &lock, const QDateTime &at);

/// The "Offline Key Expiration" view of a user: the summary (Never issued / Expired / valid until), each
/// lock's latest expiry, and the issued offline keys.
Core::Result<QJsonObject> offlineKeyReport(Database &db, const UserAccessContext &user, const QDateTime &now);

} // namespace Keydesk::Server::V1
