#pragma once

#include "core/cache/CacheDatabase.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Keydesk::Core::Mutations {

// Builders for the outbox: each gives the /v1 request (server/API.md) and the optimistic effect on the cached
// row, in the feed's data format (instants as unix ms). Submit them with SyncEngine::submit().

/// POST /v1/keys/{id}/revoke. Pending ("not yet effective") until the server confirms it.
OutboxEntry revokeKey(const QString &keyId, const QString &reason, const QString &staffId, const QDateTime &now);
/// PATCH /v1/keys/{id} with any of description, role, valid_from, valid_to, restriction, windows.
OutboxEntry editKey(const QString &keyId, const QJsonObject &changes);
/// POST /v1/keys. The row shows under a local id until the feed brings the server's.
OutboxEntry createKey(const QJsonObject &key, const QString &facilityId, const QString &staffId, const QDateTime &now);
/// PATCH /v1/users/{id} with any of name, email, phone, kind, status, tracking_key.
OutboxEntry editUser(const QString &userId, const QJsonObject &changes);
/// POST /v1/users/{id}/offline-keys/invalidate ("force a fresh security check").
OutboxEntry invalidateOfflineKeys(const QString &userId);
/// POST /v1/locks/{id}/quick-clicks.
OutboxEntry issueQuickClick(const QString &lockId, const QString &code, int uses, const QDateTime &now);
/// DELETE /v1/locks/{id}/quick-clicks/{code}.
OutboxEntry revokeQuickClick(const QString &quickClickId, const QString &lockId, const QString &code);
/// POST /v1/users (name, email?, phone?, kind?, status?, tracking_key?). Shown under a local id until the feed
/// brings the server's row.
OutboxEntry createUser(const QJsonObject &user, const QString &facilityId, const QDateTime &now);
/// PATCH /v1/staff/{id} with role. A "password" is refused (empty path): passwords never go through the outbox,
/// which is a plain file; change them online with ApiClient.
OutboxEntry editStaff(const QString &staffId, const QJsonObject &changes);

/// True for ids made by the builders for rows the server has not created yet.
bool isLocalId(const QString &id);

} // namespace Keydesk::Core::Mutations
