#include "server/store/StaffStore.h"

#include "server/store/Database.h"

#include <QDateTime>
#include <QSqlQuery>

namespace Keydesk::Server {

using Core::Result;

namespace {

// The column list fromQuery() reads, qualified so it also works in joins.
const QString kColumns = QStringLiteral(
    "staff.id, staff.company_id, staff.username, staff.password_hash, staff.role, staff.failed_logins, "
    "COALESCE(staff.locked_until, 0), staff.created_at, staff.revision");

StaffRecord fromQuery(const QSqlQuery &q)
{
    StaffRecord r;
    r.id = q.value(0).toString();
    r.companyId = q.value(1).toString();
    r.username = q.value(2).toString();
    r.passwordHash = q.value(3).toString();
    r.role = q.value(4).toString();
    r.failedLogins = q.value(5).toInt();
    r.lockedUntilMs = q.value(6).toLongLong();
    r.createdAtMs = q.value(7).toLongLong();
    r.revision = q.value(8).toLongLong();
    return r;
}

Result<std::optional<StaffRecord>> one(Result<QSqlQuery> q)
{
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<StaffRecord>();
    return std::optional<StaffRecord>(fromQuery(*q));
}

Result<void> done(const Result<QSqlQuery> &q)
{
    if (!q)
        return q.error();
    return {};
}

QString isoOrNull(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

} // namespace

QJsonObject StaffRecord::toJson() const
{
    QJsonObject o { { QStringLiteral("id"), id },
                    { QStringLiteral("username"), username },
                    { QStringLiteral("role"), role },
                    { QStringLiteral("failed_logins"), failedLogins },
                    { QStringLiteral("created_at"), isoOrNull(createdAtMs) },
                    { QStringLiteral("revision"), revision } };
    o.insert(QStringLiteral("locked_until"), lockedUntilMs > 0 ? QJsonValue(isoOrNull(lockedUntilMs)) : QJsonValue());
    return o;
}

StaffStore::StaffStore(Database &db)
    : m_db(db)
{ }

Result<std::optional<StaffRecord>> StaffStore::findByUsername(const QString &username) const
{
    return one(m_db.exec(QStringLiteral("SELECT %1 FROM staff WHERE username = ?").arg(kColumns), { username }));
}

Result<std::optional<StaffRecord>> StaffStore::findById(const QString &companyId, const QString &id) const
{
    return one(m_db.exec(QStringLiteral("SELECT %1 FROM staff WHERE id = ? AND company_id = ?").arg(kColumns),
                         { id, companyId }));
}

Result<QList<StaffRecord>> StaffStore::list(const QString &companyId) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM staff WHERE company_id = ? ORDER BY username").arg(kColumns),
                       { companyId });
    if (!q)
        return q.error();
    QList<StaffRecord> out;
    while (q.value().next())
        out.append(fromQuery(*q));
    return out;
}

Result<int> StaffStore::countAdmins(const QString &companyId) const
{
    auto v
        = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM staff WHERE company_id = ? AND role IN ('owner', 'admin')"),
                      { companyId });
    if (!v)
        return v.error();
    return v->toInt();
}

Result<void> StaffStore::insert(const StaffRecord &r)
{
    return done(m_db.exec(QStringLiteral("INSERT INTO staff(id, company_id, username, password_hash, role, created_at) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"),
                          { r.id, r.companyId, r.username, r.passwordHash, r.role, r.createdAtMs }));
}

Result<void> StaffStore::updateRoleAndPassword(const StaffRecord &r)
{
    return done(m_db.exec(QStringLiteral("UPDATE staff SET role = ?, password_hash = ? WHERE id = ?"),
                          { r.role, r.passwordHash, r.id }));
}

Result<void> StaffStore::remove(const QString &id)
{
    return done(m_db.exec(QStringLiteral("DELETE FROM staff WHERE id = ?"), { id }));
}

Result<void> StaffStore::recordLoginState(const QString &id, int failedLogins, qint64 lockedUntilMs)
{
    return done(m_db.exec(QStringLiteral("UPDATE staff SET failed_logins = ?, locked_until = ? WHERE id = ? AND "
                                         "(failed_logins IS NOT ? OR locked_until IS NOT ?)"),
                          { failedLogins, lockedUntilMs > 0 ? QVariant(lockedUntilMs) : QVariant(), id, failedLogins,
                            lockedUntilMs > 0 ? QVariant(lockedUntilMs) : QVariant() }));
}

Result<void> StaffStore::createSession(const QString &tokenHash, const QString &staffId, qint64 createdAtMs,
                                       qint64 expiresAtMs)
{
    return done(
        m_db.exec(QStringLiteral("INSERT INTO staff_sessions(token_hash, staff_id, created_at, expires_at) VALUES "
                                 "(?, ?, ?, ?)"),
                  { tokenHash, staffId, createdAtMs, expiresAtMs }));
}

Result<std::optional<StaffRecord>> StaffStore::findSession(const QString &tokenHash, qint64 nowMs) const
{
    return one(m_db.exec(QStringLiteral("SELECT %1 FROM staff_sessions ss JOIN staff ON staff.id = ss.staff_id "
                                        "WHERE ss.token_hash = ? AND ss.expires_at > ?")
                             .arg(kColumns),
                         { tokenHash, nowMs }));
}

Result<void> StaffStore::deleteSession(const QString &tokenHash)
{
    return done(m_db.exec(QStringLiteral("DELETE FROM staff_sessions WHERE token_hash = ?"), { tokenHash }));
}

Result<void> StaffStore::deleteSessionsOf(const QString &staffId)
{
    return done(m_db.exec(QStringLiteral("DELETE FROM staff_sessions WHERE staff_id = ?"), { staffId }));
}

Result<void> StaffStore::purgeExpiredSessions(qint64 nowMs)
{
    return done(m_db.exec(QStringLiteral("DELETE FROM staff_sessions WHERE expires_at <= ?"), { nowMs }));
}

} // namespace Keydesk::Server
