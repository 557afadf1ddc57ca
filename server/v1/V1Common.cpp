#include "server/v1/V1Common.h"

#include "server/ServerContext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Result;

HttpResponse fail(const Error &error)
{
    static const QStringList conflicts { QStringLiteral("conflict"),          QStringLiteral("username_taken"),
                                         QStringLiteral("name_taken"),        QStringLiteral("last_admin"),
                                         QStringLiteral("already_revoked"),   QStringLiteral("in_use"),
                                         QStringLiteral("cannot_delete_self") };
    static const QStringList inputCodes { QStringLiteral("wrong_type"),     QStringLiteral("missing_field"),
                                          QStringLiteral("invalid_value"),  QStringLiteral("invalid_json"),
                                          QStringLiteral("too_many_items"), QStringLiteral("invalid_instant") };
    if (error.code == QLatin1String("not_found"))
        return errorResponse(404, error);
    if (error.code == QLatin1String("forbidden"))
        return errorResponse(403, error);
    if (error.code == QLatin1String("payload_too_large"))
        return errorResponse(413, error);
    if (conflicts.contains(error.code))
        return errorResponse(409, error);
    if (!error.field.isEmpty() || inputCodes.contains(error.code))
        return errorResponse(400, error);
    return internalError(error);
}

Error notFoundError(const QString &what, const QString &id)
{
    return Error::make(QStringLiteral("not_found"),
                       QStringLiteral("No %1 with id \"%2\" exists in your company; check the id.").arg(what, id));
}

Result<QString> resolveFacility(const Call &call, const std::optional<QString> &facilityId)
{
    if (facilityId && !facilityId->isEmpty()) {
        auto v = call.ctx.db.scalar(QStringLiteral("SELECT id FROM facilities WHERE id = ? AND company_id = ?"),
                                    { *facilityId, call.principal.companyId });
        if (!v)
            return v.error();
        if (v->isNull())
            return Error::make(QStringLiteral("not_found"),
                               QStringLiteral("No facility with id \"%1\" exists in your company.").arg(*facilityId),
                               QStringLiteral("facility_id"));
        return *facilityId;
    }
    auto q
        = call.ctx.db.exec(QStringLiteral("SELECT id FROM facilities WHERE company_id = ? ORDER BY created_at LIMIT 2"),
                           { call.principal.companyId });
    if (!q)
        return q.error();
    QStringList ids;
    while (q.value().next())
        ids.append(q->value(0).toString());
    if (ids.size() != 1)
        return Error::make(QStringLiteral("missing_field"),
                           ids.isEmpty() ? QStringLiteral("Your company has no facility yet; create one first.")
                                         : QStringLiteral("Your company has several facilities; say which one in "
                                                          "\"facility_id\"."),
                           QStringLiteral("facility_id"));
    return ids.first();
}

Result<bool> inCompany(const Call &call, const QString &table, const QString &id)
{
    QString sql;
    if (table == QLatin1String("facilities"))
        sql = QStringLiteral("SELECT 1 FROM facilities WHERE id = ? AND company_id = ?");
    else if (table == QLatin1String("locks"))
        sql = QStringLiteral("SELECT 1 FROM locks WHERE id = ? AND company_id = ?");
    else
        sql = QStringLiteral("SELECT 1 FROM %1 t JOIN facilities f ON f.id = t.facility_id WHERE t.id = ? AND "
                             "f.company_id = ?")
                  .arg(table);
    auto v = call.ctx.db.scalar(sql, { id, call.principal.companyId });
    if (!v)
        return v.error();
    return !v->isNull();
}

Result<QString> facilityTimezone(const Call &call, const QString &facilityId)
{
    auto v = call.ctx.db.scalar(QStringLiteral("SELECT timezone FROM facilities WHERE id = ?"), { facilityId });
    if (!v)
        return v.error();
    return v->toString();
}

HttpResponse listResponse(Core::Result<QSqlQuery> query, const QString &key,
                          const std::function<QJsonObject(const QSqlQuery &)> &rowJson)
{
    if (!query)
        return fail(query.error());
    QJsonArray out;
    while (query.value().next())
        out.append(rowJson(query.value()));
    return ok({ { key, out } });
}

QJsonObject rowJson(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    QJsonObject o;
    for (int i = 0; i < record.count(); ++i) {
        const QString name = record.fieldName(i);
        const QVariant v = query.value(i);
        if (name.endsWith(QLatin1String("_at")) || name == QLatin1String("valid_from")
            || name == QLatin1String("valid_to")) {
            o.insert(name, instantJson(v));
        } else if (name.endsWith(QLatin1String("_json"))) {
            const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8());
            o.insert(name.chopped(5), doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
        } else if (v.isNull()) {
            o.insert(name, QJsonValue());
        } else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int) {
            o.insert(name, v.toLongLong());
        } else if (v.typeId() == QMetaType::Double) {
            o.insert(name, v.toDouble());
        } else {
            o.insert(name, v.toString());
        }
    }
    return o;
}

Result<std::optional<double>> optionalNumber(const QJsonObject &body, const QString &field)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return std::optional<double>();
    if (!v.isDouble())
        return Error::make(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be a number.").arg(field), field);
    return std::optional<double>(v.toDouble());
}

} // namespace Keydesk::Server::V1
