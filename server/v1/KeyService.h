#pragma once

#include "core/domain/AccessWindow.h"
#include "core/domain/Clock.h"
#include "core/domain/DigitalKey.h"
#include "core/domain/FacilityZone.h"
#include "core/domain/Result.h"
#include "core/lockproto/Revocation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace Keydesk::Server {
class Database;
}

namespace Keydesk::Server::V1 {

class Call;

/// Weekly windows on the wire and in keys.windows_json: [{"days": [1..7 ISO, Monday = 1], "start": "HH:mm",
/// "end": "HH:mm"}]. Day names ("mon".."sun") are accepted on input. Errors name "windows[i].field".
Core::Result<QList<Core::AccessWindow>> windowsFromJson(const QJsonValue &value, const QString &field);
QJsonArray windowsToJson(const QList<Core::AccessWindow> &windows);

/// The columns keyFromQuery() reads, in order, qualified with "k.".
QString keyColumns();
/// A key row as a domain DigitalKey (lockId / userId hold the group id for group keys).
Core::DigitalKey keyFromQuery(const QSqlQuery &query);
/// A key row as /v1 JSON, with its status at `now`.
QJsonObject keyJson(const QSqlQuery &query, const QDateTime &now);

/// The keys that give `userId` access to `lockId`: direct, or through a user group and/or lock group.
Core::Result<QList<Core::DigitalKey>> keysForUserOnLock(Database &db, const QString &userId, const QString &lockId);
/// The ids of the locks a user holds any unrevoked key for (directly or through groups).
Core::Result<QStringList> locksOfUser(Database &db, const QString &userId);
/// The locks a key covers (its lock, or its lock group's members).
Core::Result<QStringList> locksOfKey(Database &db, const QString &keyId);

/// Revocation bookkeeping on top of S1's RevocationService (server/coreapi): invalidated offline keys make the
/// lock refuse their key ids (escalating to "revoke all" when the list would not fit the lock), and every change
/// raises the lock's revocation version so the next online command or offline download carries it.
namespace Revocations {
/// Raises revocation_version of the locks (a key revoked on a lock that has no offline keys still counts).
Core::Result<void> raise(Database &db, const QStringList &lockIds);
/// Invalidates the unexpired offline keys matching `where` (over offline_keys, with bindings), lock by lock;
/// returns the locks they were for (their revocation state was raised).
Core::Result<QStringList> invalidateOfflineKeys(Database &db, const Core::Clock &clock, const QString &where,
                                                const QVariantList &bindings);
/// Every offline key of the user: invalidated, user's offline_epoch + 1. Returns the number of locks affected.
Core::Result<int> invalidateUser(Database &db, const Core::Clock &clock, const QString &userId);
/// "Revoke all" on a lock: every credential refused (min_epoch + 1).
Core::Result<void> revokeAllOnLock(Database &db, const Core::Clock &clock, const QString &lockId);
} // namespace Revocations

/// Revokes one key (reason required): sets revoked_at/by/reason, invalidates the offline keys it allowed and
/// raises the revocation of every lock it covers. Audited. Error already_revoked when it was.
Core::Result<QJsonObject> revokeKey(const Call &call, const QString &keyId, const QString &reason);

} // namespace Keydesk::Server::V1
