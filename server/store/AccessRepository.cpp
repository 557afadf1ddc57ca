#include "server/store/AccessRepository.h"

#include "server/store/Companies.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

const char *const kDayNames[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime fromMsOrInvalid(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

UserRecord userFromQuery(const QSqlQuery &q)
{
    UserRecord user;
    user.id = q.value(0).toString();
    user.facilityId = q.value(1).toString();
    user.name = q.value(2).toString();
    user.trackingKey = q.value(3).toString();
    user.state = Core::userStateFromString(q.value(4).toString()).valueOr(Core::UserState::Suspended);
    user.offlineEpoch = q.value(5).toLongLong();
    return user;
}

const QString kUserColumns = QStringLiteral("u.id, u.facility_id, u.name, u.tracking_key, u.status, u.offline_epoch");
const QString kKeyColumns = QStringLiteral("k.id, k.description, COALESCE(k.lock_id, ''), COALESCE(k.user_id, ''), "
                                           "k.role, k.valid_from, k.valid_to, k.restriction, k.windows_json, "
                                           "k.used_at, k.revoked_at, COALESCE(k.revoked_by, ''), "
                                           "COALESCE(k.revoked_reason, '')");

Core::DigitalKey keyFromQuery(const QSqlQuery &q)
{
    Core::DigitalKey key;
    key.id = q.value(0).toString();
    key.description = q.value(1).toString();
    key.lockId = q.value(2).toString();
    key.userId = q.value(3).toString();
    key.role = Core::keyRoleFromString(q.value(4).toString()).valueOr(Core::KeyRole::User);
    key.validFrom = fromMsOrInvalid(q.value(5));
    key.validTo = fromMsOrInvalid(q.value(6));
    key.restriction = Core::restrictionFromString(q.value(7).toString()).valueOr(Core::Restriction::Scheduled);
    auto windows = AccessRepository::windowsFromJson(QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array());
    // A key whose stored windows cannot be read must not open anything: keep it scheduled with no window.
    key.windows = windows ? windows.value() : QList<Core::AccessWindow>();
    if (!windows)
        key.restriction = Core::Restriction::Scheduled;
    key.usedAt = fromMsOrInvalid(q.value(9));
    key.revokedAt = fromMsOrInvalid(q.value(10));
    key.revokedBy = q.value(11).toString();
    key.revokedReason = q.value(12).toString();
    return key;
}

std::optional<QTime> parseTime(const QJsonValue &value)
{
    const QString text = value.toString();
    QTime time = QTime::fromString(text, QStringLiteral("HH:mm"));
    if (!time.isValid())
        time = QTime::fromString(text, QStringLiteral("HH:mm:ss"));
    if (!time.isValid())
        return std::nullopt;
    return time;
}

} // namespace

QJsonArray AccessRepository::windowsToJson(const QList<Core::AccessWindow> &windows)
{
    QJsonArray array;
    for (const Core::AccessWindow &window : windows) {
        QJsonArray days;
        for (int day = 1; day <= 7; ++day) {
            if (window.days.contains(day))
                days.append(QLatin1String(kDayNames[day - 1]));
        }
        array.append(QJsonObject { { QStringLiteral("days"), days },
                                   { QStringLiteral("start"), window.start.toString(QStringLiteral("HH:mm")) },
                                   { QStringLiteral("end"), window.end.toString(QStringLiteral("HH:mm")) } });
    }
    return array;
}

Result<QList<Core::AccessWindow>> AccessRepository::windowsFromJson(const QJsonArray &array)
{
    QList<Core::AccessWindow> windows;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        const QString field = QStringLiteral("windows[%1]").arg(i);
        Core::AccessWindow window;
        const QJsonValue days = object.value(QStringLiteral("days"));
        if (days.isDouble()) {
            window.days = Core::Weekdays::fromMask(days.toInt());
        } else if (days.isArray()) {
            for (const QJsonValue &day : days.toArray()) {
                int iso = 0;
                if (day.isDouble()) {
                    iso = day.toInt();
                } else {
                    const QString name = day.toString().left(3).toLower();
                    for (int d = 0; d < 7; ++d) {
                        if (name == QLatin1String(kDayNames[d]))
                            iso = d + 1;
                    }
                }
                if (iso < 1 || iso > 7)
                    return Error::make(QStringLiteral("invalid_window"),
                                       QStringLiteral("%1.days holds an unknown day").arg(field), field);
                window.days.add(Qt::DayOfWeek(iso));
            }
        } else {
            return Error::make(QStringLiteral("invalid_window"), QStringLiteral("%1.days is missing").arg(field),
                               field);
        }
        const auto start = parseTime(object.value(QStringLiteral("start")));
        const auto end = parseTime(object.value(QStringLiteral("end")));
        if (!start || !end)
            return Error::make(QStringLiteral("invalid_window"),
                               QStringLiteral("%1 needs start and end as HH:mm").arg(field), field);
        window.start = *start;
        window.end = *end;
        windows.append(window);
    }
    return windows;
}

std::optional<UserRecord> AccessRepository::userByTrackingKey(const QString &companyId,
                                                              const QString &trackingKey) const
{
    auto r = m_db.exec(QStringLiteral("SELECT %1 FROM users u JOIN facilities f ON f.id = u.facility_id "
                                      "WHERE f.company_id = ? AND u.tracking_key = ?")
                           .arg(kUserColumns),
                       { companyId, trackingKey });
    if (!r || !r.value().next())
        return std::nullopt;
    return userFromQuery(r.value());
}

std::optional<UserRecord> AccessRepository::userById(const QString &userId) const
{
    auto r = m_db.exec(QStringLiteral("SELECT %1 FROM users u WHERE u.id = ?").arg(kUserColumns), { userId });
    if (!r || !r.value().next())
        return std::nullopt;
    return userFromQuery(r.value());
}

QList<Core::DigitalKey> AccessRepository::keysOfUserOnLock(const QString &userId, const QString &lockId) const
{
    QList<Core::DigitalKey> keys;
    // Two indexed halves (the user's own keys, then their groups' keys) instead of one OR over the whole table.
    const QString onLock = QStringLiteral("(k.lock_id = ? OR k.lock_group_id IN (SELECT group_id FROM "
                                          "lock_group_members WHERE lock_id = ?))");
    auto r = m_db.exec(QStringLiteral("SELECT %1, k.created_at FROM keys k WHERE k.user_id = ? AND %2 "
                                      "UNION ALL "
                                      "SELECT %1, k.created_at FROM keys k WHERE k.user_group_id IN (SELECT group_id "
                                      "FROM user_group_members WHERE user_id = ?) AND %2 ORDER BY 14")
                           .arg(kKeyColumns, onLock),
                       { userId, lockId, lockId, userId, lockId, lockId });
    if (!r) {
        qCWarning(lcStore) << "reading keys failed:" << r.error().message;
        return keys;
    }
    while (r.value().next()) {
        Core::DigitalKey key = keyFromQuery(r.value());
        // A group key is, for this check, a key on this lock for this user.
        key.lockId = lockId;
        key.userId = userId;
        keys.append(std::move(key));
    }
    return keys;
}

std::optional<Core::DigitalKey> AccessRepository::keyById(const QString &keyId) const
{
    auto r = m_db.exec(QStringLiteral("SELECT %1 FROM keys k WHERE k.id = ?").arg(kKeyColumns), { keyId });
    if (!r || !r.value().next())
        return std::nullopt;
    return keyFromQuery(r.value());
}

Core::FacilityZone AccessRepository::zoneOfFacility(const QString &facilityId) const
{
    auto r = m_db.scalar(QStringLiteral("SELECT timezone FROM facilities WHERE id = ?"), { facilityId });
    if (r && !r.value().isNull()) {
        auto zone = Core::FacilityZone::fromIanaId(r.value().toString());
        if (zone)
            return zone.value();
        qCWarning(lcStore) << "facility" << facilityId << "has an unknown time zone; using UTC";
    }
    return Core::FacilityZone();
}

Result<QString> AccessRepository::insertUser(const NewUser &user, qint64 nowMs)
{
    const QString id = newId();
    auto r = m_db.exec(QStringLiteral("INSERT INTO users(id, facility_id, name, email, phone, kind, status, "
                                      "tracking_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       { id, user.facilityId, user.name, textOrEmpty(user.email), textOrEmpty(user.phone), user.kind,
                         user.status, user.trackingKey, nowMs });
    if (!r)
        return r.error();
    return id;
}

Result<QString> AccessRepository::insertGrant(const NewGrant &grant, qint64 nowMs)
{
    Core::DigitalKey key;
    key.lockId = grant.lockId;
    key.userId = grant.userId;
    key.validFrom = grant.validFrom;
    key.validTo = grant.validTo;
    key.restriction = grant.restriction;
    key.windows = grant.windows;
    key.role = grant.role;
    if (auto valid = Core::validateKey(key); !valid)
        return valid.error();
    const QString id = newId();
    auto r = m_db.exec(QStringLiteral("INSERT INTO keys(id, facility_id, description, lock_id, user_id, role, "
                                      "valid_from, valid_to, restriction, windows_json, created_by, created_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       { id, grant.facilityId, textOrEmpty(grant.description), grant.lockId, grant.userId,
                         Core::toString(grant.role), grant.validFrom.toMSecsSinceEpoch(), msOrNull(grant.validTo),
                         Core::toString(grant.restriction),
                         QString::fromUtf8(QJsonDocument(windowsToJson(grant.windows)).toJson(QJsonDocument::Compact)),
                         textOrEmpty(grant.createdBy), nowMs });
    if (!r)
        return r.error();
    return id;
}

Result<void> AccessRepository::markUsed(const QString &keyId, qint64 atMs)
{
    auto r = m_db.exec(QStringLiteral("UPDATE keys SET used_at = ? WHERE id = ? AND used_at IS NULL"), { atMs, keyId });
    if (!r)
        return r.error();
    return {};
}

} // namespace Keydesk::Server
