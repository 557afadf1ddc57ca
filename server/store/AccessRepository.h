#pragma once

#include "core/domain/AccessDecision.h"
#include "core/domain/AccessWindow.h"
#include "core/domain/DigitalKey.h"
#include "core/domain/FacilityZone.h"
#include "core/domain/Result.h"
#include "server/store/Database.h"

#include <QJsonArray>
#include <QList>
#include <QString>

#include <optional>

namespace Keydesk::Server {

/// A row of `users`, as the Core API needs it.
struct UserRecord
{
    QString id;
    QString facilityId;
    QString name;
    QString trackingKey;
    Core::UserState state = Core::UserState::Active;
    qint64 offlineEpoch = 0;
};

/// What tests, the demo and the CLI insert (the /v1 API has its own validation and audit around the same rows).
struct NewUser
{
    QString facilityId;
    QString name;
    QString trackingKey;
    QString email;
    QString phone;
    QString kind = QStringLiteral("tenant"); ///< tenant | shared | contractor
    QString status = QStringLiteral("active"); ///< active | delinquent | suspended
};

/// A digital key (grant) to insert: on one lock for one user.
struct NewGrant
{
    QString facilityId;
    QString lockId;
    QString userId;
    QString description;
    Core::KeyRole role = Core::KeyRole::User;
    QDateTime validFrom;
    QDateTime validTo; ///< invalid = open end
    Core::Restriction restriction = Core::Restriction::None;
    QList<Core::AccessWindow> windows;
    QString createdBy;
};

/// Users and their digital keys (grants), read as core/domain types so every rule is core/domain's.
///
/// `keys.windows_json` format (shared with /v1): a JSON array of
///   {"days": ["mon", "tue", ...], "start": "HH:mm", "end": "HH:mm"}
/// Days are three-letter English names; when reading, an ISO day number 1-7 or a bit mask integer
/// (bit 0 = Monday) in "days" is accepted too, and times may carry seconds.
class AccessRepository final
{
public:
    explicit AccessRepository(Database &db)
        : m_db(db)
    { }

    /// The user with this tracking key in any facility of the company.
    std::optional<UserRecord> userByTrackingKey(const QString &companyId, const QString &trackingKey) const;
    std::optional<UserRecord> userById(const QString &userId) const;

    /// Every key of the user on the lock, directly or through a user group / lock group, any status.
    QList<Core::DigitalKey> keysOfUserOnLock(const QString &userId, const QString &lockId) const;
    std::optional<Core::DigitalKey> keyById(const QString &keyId) const;

    /// The facility's time zone (UTC if the stored id is unknown to this system, with a warning).
    Core::FacilityZone zoneOfFacility(const QString &facilityId) const;

    Core::Result<QString> insertUser(const NewUser &user, qint64 nowMs);
    Core::Result<QString> insertGrant(const NewGrant &grant, qint64 nowMs);
    /// Marks a one-time key used (idempotent: the first use stays).
    Core::Result<void> markUsed(const QString &keyId, qint64 atMs);

    static QJsonArray windowsToJson(const QList<Core::AccessWindow> &windows);
    static Core::Result<QList<Core::AccessWindow>> windowsFromJson(const QJsonArray &array);

private:
    Database &m_db;
};

} // namespace Keydesk::Server
