#include "server/store/AuditLog.h"

#include "server/store/Database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace Keydesk::Server {

using Core::Result;

namespace {

QVariant jsonText(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QVariant();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Scalars are wrapped so the column always holds a JSON document.
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact));
}

QJsonValue parseJsonText(const QVariant &text)
{
    if (text.isNull())
        return QJsonValue();
    const QJsonDocument doc = QJsonDocument::fromJson(text.toString().toUtf8());
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QJsonValue();
}

} // namespace

AuditLog::AuditLog(Database &db)
    : m_db(db)
{ }

Result<void> AuditLog::append(const AuditEntry &e)
{
    auto q = m_db.exec(QStringLiteral("INSERT INTO audit_log(id, at, staff_id, action, entity, entity_id, before_json, "
                                      "after_json, company_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       { QUuid::createUuid().toString(QUuid::WithoutBraces), e.atMs,
                         e.staffId.isEmpty() ? QVariant() : QVariant(e.staffId), e.action, e.entity, e.entityId,
                         jsonText(e.before), jsonText(e.after), e.companyId });
    if (!q)
        return q.error();
    return {};
}

Result<QJsonArray> AuditLog::query(const AuditQuery &f) const
{
    QString sql = QStringLiteral("SELECT a.id, a.at, a.staff_id, s.username, a.action, a.entity, a.entity_id, "
                                 "a.before_json, a.after_json, a.revision FROM audit_log a "
                                 "LEFT JOIN staff s ON s.id = a.staff_id WHERE a.company_id = ?");
    QVariantList bindings { f.companyId };
    auto add = [&](const QString &clause, const QVariant &value) {
        sql += QStringLiteral(" AND ") + clause;
        bindings.append(value);
    };
    if (!f.staffId.isEmpty())
        add(QStringLiteral("a.staff_id = ?"), f.staffId);
    if (!f.entity.isEmpty())
        add(QStringLiteral("a.entity = ?"), f.entity);
    if (!f.entityId.isEmpty())
        add(QStringLiteral("a.entity_id = ?"), f.entityId);
    if (!f.action.isEmpty())
        add(QStringLiteral("a.action = ?"), f.action);
    if (f.fromMs > 0)
        add(QStringLiteral("a.at >= ?"), f.fromMs);
    if (f.toMs > 0)
        add(QStringLiteral("a.at < ?"), f.toMs);
    if (f.beforeRevision > 0)
        add(QStringLiteral("a.revision < ?"), f.beforeRevision);
    sql += QStringLiteral(" ORDER BY a.revision DESC LIMIT ?");
    bindings.append(std::clamp(f.limit, 1, kMaxLimit));
    auto q = m_db.exec(sql, bindings);
    if (!q)
        return q.error();
    QJsonArray out;
    while (q.value().next()) {
        QJsonObject o {
            { QStringLiteral("id"), q->value(0).toString() },
            { QStringLiteral("at"),
              QDateTime::fromMSecsSinceEpoch(q->value(1).toLongLong(), Qt::UTC).toString(Qt::ISODateWithMs) },
            { QStringLiteral("staff_id"), q->value(2).isNull() ? QJsonValue() : q->value(2).toString() },
            { QStringLiteral("staff_username"), q->value(3).isNull() ? QJsonValue() : q->value(3).toString() },
            { QStringLiteral("action"), q->value(4).toString() },
            { QStringLiteral("entity"), q->value(5).toString() },
            { QStringLiteral("entity_id"), q->value(6).toString() },
            { QStringLiteral("before"), parseJsonText(q->value(7)) },
            { QStringLiteral("after"), parseJsonText(q->value(8)) },
            { QStringLiteral("revision"), q->value(9).toLongLong() }
        };
        out.append(o);
    }
    return out;
}

} // namespace Keydesk::Server
