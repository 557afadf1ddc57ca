#pragma once

#include "core/domain/Result.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

namespace Keydesk::Server {

class Database;

/// One audit entry to append.
struct AuditEntry
{
    QString companyId;
    QString staffId; ///< empty for actions not made by a staff member (CLI, tenant)
    QString action; ///< "key.create", "key.revoke", "staff.update", ...
    QString entity; ///< table name: "keys", "users", ...
    QString entityId;
    QJsonValue before; ///< the object before the change (null for creations)
    QJsonValue after; ///< the object after the change (null for deletions)
    qint64 atMs = 0;
};

/// Filters of GET /v1/audit; empty / zero means "any".
struct AuditQuery
{
    QString companyId;
    QString staffId;
    QString entity;
    QString entityId;
    QString action;
    qint64 fromMs = 0; ///< inclusive
    qint64 toMs = 0; ///< exclusive
    qint64 beforeRevision = 0; ///< paging: entries older than this revision
    int limit = 100;
};

/// The append-only staff audit log (`audit_log`; triggers refuse UPDATE and DELETE).
class AuditLog final
{
public:
    static constexpr int kMaxLimit = 1000;

    explicit AuditLog(Database &db);

    Core::Result<void> append(const AuditEntry &entry);
    /// Newest first; each entry as {id, at, staff_id, staff_username, action, entity, entity_id, before, after,
    /// revision}.
    Core::Result<QJsonArray> query(const AuditQuery &query) const;

private:
    Database &m_db;
};

} // namespace Keydesk::Server
