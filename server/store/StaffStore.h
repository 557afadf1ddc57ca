#pragma once

#include "core/domain/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Keydesk::Server {

class Database;

/// A staff account as stored (password hash included; never serialise that field).
struct StaffRecord
{
    QString id;
    QString companyId;
    QString username;
    QString passwordHash;
    QString role; ///< owner, admin, manager, front_desk, auditor
    int failedLogins = 0;
    qint64 lockedUntilMs = 0; ///< 0 = not locked
    qint64 createdAtMs = 0;
    qint64 revision = 0;

    /// The public form (no password hash).
    QJsonObject toJson() const;
};

/// Staff accounts and their bearer sessions in the `staff` and `staff_sessions` tables.
class StaffStore final
{
public:
    explicit StaffStore(Database &db);

    Core::Result<std::optional<StaffRecord>> findByUsername(const QString &username) const;
    Core::Result<std::optional<StaffRecord>> findById(const QString &companyId, const QString &id) const;
    Core::Result<QList<StaffRecord>> list(const QString &companyId) const;
    /// How many owners/admins the company has (the last one may not be demoted or deleted).
    Core::Result<int> countAdmins(const QString &companyId) const;

    Core::Result<void> insert(const StaffRecord &record);
    Core::Result<void> updateRoleAndPassword(const StaffRecord &record);
    Core::Result<void> remove(const QString &id);
    /// Persists the failure count and lock (for visibility and across restarts).
    Core::Result<void> recordLoginState(const QString &id, int failedLogins, qint64 lockedUntilMs);

    Core::Result<void> createSession(const QString &tokenHash, const QString &staffId, qint64 createdAtMs,
                                     qint64 expiresAtMs);
    /// The staff member of an unexpired session, or nullopt.
    Core::Result<std::optional<StaffRecord>> findSession(const QString &tokenHash, qint64 nowMs) const;
    Core::Result<void> deleteSession(const QString &tokenHash);
    Core::Result<void> deleteSessionsOf(const QString &staffId);
    Core::Result<void> purgeExpiredSessions(qint64 nowMs);

private:
    Database &m_db;
};

} // namespace Keydesk::Server
