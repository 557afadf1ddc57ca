// Locks: list, get, register, rename, assign to a unit. Battery and firmware are as the locks reported them.
#include "core/domain/MacAddress.h"
#include "server/ServerContext.h"
#include "server/store/LockRepository.h"
#include "server/v1/V1Common.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QJsonArray>

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Permission;
using Core::Result;
using Method = QHttpServerRequest::Method;

namespace {

const QString kLockColumns = QStringLiteral(
    "id, facility_id, unit_id, name, mac, serial, hw_version, fw_version, status, setup_count, internal_battery_mv, "
    "external_battery_mv, created_by, created_at, last_seen_at, revocation_version, revocation_min_epoch, "
    "delivered_revocation_version, revision");

QJsonObject lockJson(const QSqlQuery &q)
{
    QJsonObject o = rowJson(q);
    const qint64 version = q.value(15).toLongLong();
    const qint64 delivered = q.value(17).toLongLong();
    o.remove(QStringLiteral("revocation_version"));
    o.remove(QStringLiteral("revocation_min_epoch"));
    o.remove(QStringLiteral("delivered_revocation_version"));
    // "pending delivery to lock" in the UI: a revocation the lock has not acknowledged yet.
    o.insert(QStringLiteral("revocation"),
             QJsonObject { { QStringLiteral("version"), version },
                           { QStringLiteral("min_epoch"), q.value(16).toLongLong() },
                           { QStringLiteral("delivered_version"), delivered },
                           { QStringLiteral("pending_delivery"), version > delivered } });
    return o;
}

Result<QJsonObject> loadLock(const Call &call, const QString &id)
{
    auto q = call.ctx.db.exec(QStringLiteral("SELECT %1 FROM locks WHERE id = ? AND company_id = ?").arg(kLockColumns),
                              { id, call.principal.companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(QStringLiteral("lock"), id);
    return lockJson(q.value());
}

HttpResponse listLocks(Call &call)
{
    QString sql = QStringLiteral("SELECT %1 FROM locks WHERE company_id = ?").arg(kLockColumns);
    QVariantList bindings { call.principal.companyId };
    if (const QString v = call.query(QStringLiteral("facility_id")); !v.isEmpty()) {
        sql += QStringLiteral(" AND facility_id = ?");
        bindings.append(v);
    }
    if (const QString v = call.query(QStringLiteral("unit_id")); !v.isEmpty()) {
        sql += QStringLiteral(" AND unit_id = ?");
        bindings.append(v);
    }
    auto q = call.ctx.db.exec(sql + QStringLiteral(" ORDER BY name, mac"), bindings);
    return listResponse(std::move(q), QStringLiteral("locks"), lockJson);
}

HttpResponse getLock(Call &call)
{
    auto l = loadLock(call, call.param(QStringLiteral("id")));
    if (!l)
        return fail(l.error());
    return ok({ { QStringLiteral("lock"), *l } });
}

/// unit_id must be a unit of the lock's facility (or null to unassign).
Result<QVariant> readUnit(const Call &call, const QString &facilityId)
{
    const QJsonValue v = call.body.value(QStringLiteral("unit_id"));
    if (v.isNull())
        return QVariant();
    if (!v.isString())
        return Error::make(QStringLiteral("wrong_type"), QStringLiteral("\"unit_id\" must be a string or null."),
                           QStringLiteral("unit_id"));
    auto found = call.ctx.db.scalar(QStringLiteral("SELECT id FROM units WHERE id = ? AND facility_id = ?"),
                                    { v.toString(), facilityId });
    if (!found)
        return found.error();
    if (found->isNull())
        return Error::make(QStringLiteral("not_found"),
                           QStringLiteral("No unit with id \"%1\" exists in the lock's facility.").arg(v.toString()),
                           QStringLiteral("unit_id"));
    return QVariant(v.toString());
}

HttpResponse createLock(Call &call)
{
    auto facilityArg = optionalString(call.body, QStringLiteral("facility_id"));
    if (!facilityArg)
        return fail(facilityArg.error());
    auto facility = resolveFacility(call, *facilityArg);
    if (!facility)
        return fail(facility.error());
    auto macText = requiredString(call.body, QStringLiteral("mac"));
    if (!macText)
        return fail(macText.error());
    auto mac = Core::MacAddress::parse(*macText);
    if (!mac)
        return fail(Error::make(QStringLiteral("invalid_mac"), mac.error().message, QStringLiteral("mac")));
    auto serial = requiredString(call.body, QStringLiteral("serial"));
    if (!serial)
        return fail(serial.error());
    NewLock lock;
    lock.companyId = call.principal.companyId;
    lock.facilityId = *facility;
    lock.mac = *mac;
    lock.serial = *serial;
    for (auto [field, target] : { std::pair { QStringLiteral("name"), &lock.name },
                                  std::pair { QStringLiteral("hw_version"), &lock.hwVersion },
                                  std::pair { QStringLiteral("fw_version"), &lock.fwVersion } }) {
        auto v = optionalString(call.body, field);
        if (!v)
            return fail(v.error());
        *target = v->value_or(QString()).trimmed();
        if (target->isNull())
            *target = QStringLiteral(""); // bound as NULL otherwise; the columns are NOT NULL DEFAULT
    }
    lock.createdBy = call.principal.username;
    if (call.ctx.kek.isEmpty())
        return fail(Error::make(QStringLiteral("no_kek"), QStringLiteral("The server has no key-encryption key.")));
    auto added = LockRepository(call.ctx.db).add(lock, call.ctx.kek, call.nowMs());
    if (!added) {
        if (added.error().code == QLatin1String("duplicate_mac"))
            return fail(Error::make(QStringLiteral("conflict"), added.error().message, QStringLiteral("mac")));
        return fail(added.error());
    }
    const QString id = added->first.id;
    if (call.body.contains(QStringLiteral("unit_id"))) {
        auto unit = readUnit(call, *facility);
        if (!unit)
            return fail(unit.error());
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE locks SET unit_id = ? WHERE id = ?"), { *unit, id }); !r)
            return fail(r.error());
    }
    auto after = loadLock(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("lock.create"), QStringLiteral("locks"), id, QJsonValue(), *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("lock"), *after } }, 201);
}

HttpResponse updateLock(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto before = loadLock(call, id);
    if (!before)
        return fail(before.error());
    auto name = optionalString(call.body, QStringLiteral("name"));
    if (!name)
        return fail(name.error());
    if (name->has_value()) {
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE locks SET name = ? WHERE id = ?"),
                                      { name->value().trimmed(), id });
            !r)
            return fail(r.error());
    }
    if (call.body.contains(QStringLiteral("unit_id"))) {
        auto unit = readUnit(call, before->value(QStringLiteral("facility_id")).toString());
        if (!unit)
            return fail(unit.error());
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE locks SET unit_id = ? WHERE id = ?"), { *unit, id }); !r)
            return fail(r.error());
    }
    auto after = loadLock(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("lock.update"), QStringLiteral("locks"), id, *before, *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("lock"), *after } });
}

} // namespace

void registerLockRoutes(ServerContext &ctx, V1Services &svc)
{
    const auto staff = Access::Staff;
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/locks"), staff, Permission::ViewAll, false, listLocks, {} });
    addRoute(ctx, svc,
             { Method::Post, QStringLiteral("/v1/locks"), staff, Permission::ManageLocks, true, createLock, {} });
    addRoute(ctx, svc,
             { Method::Get, QStringLiteral("/v1/locks/{id}"), staff, Permission::ViewAll, false, getLock, {} });
    addRoute(ctx, svc,
             { Method::Patch, QStringLiteral("/v1/locks/{id}"), staff, Permission::ManageLocks, true, updateLock, {} });
}

} // namespace Keydesk::Server::V1
