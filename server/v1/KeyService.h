#pragma once

#include "core/domain/AccessWindow.h"
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

/// Revocation bookkeeping: invalidated offline keys make the lock refuse their key ids, and every change
/// raises the lock's revocation version so the next online command or offline download carries it.
namespace Revocations {
/// Raises revocation_version of the locks (and min_epoch too when `raiseEpoch`: "revoke all").
Core::Result<void> raise(Database &db, const QStringList &lockIds, bool raiseEpoch);
/// Marks the unexpired offline keys matching `where` (over offline_keys, with bindings) invalidated and
/// returns the locks they were for.
Core::Result<QStringList> invalidateOfflineKeys(Database &db, const QString &where, const QVariantList &bindings,
                                                qint64 nowMs);
/// Every offline key of the user: invalidated, user's offline_epoch + 1, locks' revocation raised.
Core::Result<int> invalidateUser(Database &db, const QString &userId, qint64 nowMs);
/// The lock's current state: version, min epoch and the invalidated, unexpired offline key ids (newest first,
/// at most RevocationState::MaxRevokedKeys).
Core::Result<Core::RevocationState> stateOf(Database &db, const QString &lockId, qint64 nowMs);
} // namespace Revocations

/// Revokes one key (reason required): sets revoked_at/by/reason, invalidates the offline keys it allowed and
/// raises the revocation of every lock it covers. Audited. Error already_revoked when it was.
Core::Result<QJsonObject> revokeKey(const Call &call, const QString &keyId, const QString &reason);

} // namespace Keydesk::Server::V1
