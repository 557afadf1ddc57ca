// Facilities (time zone, geofence) and units.
#include "core/domain/FacilityZone.h"
#include "server/ServerContext.h"
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

const QString kFacilityColumns = QStringLiteral(
    "id, company_id, name, timezone, geofence_lat, geofence_lon, geofence_radius_m, created_at, revision");

QJsonObject facilityJson(const QSqlQuery &q)
{
    QJsonObject o { { QStringLiteral("id"), q.value(0).toString() },
                    { QStringLiteral("company_id"), q.value(1).toString() },
                    { QStringLiteral("name"), q.value(2).toString() },
                    { QStringLiteral("timezone"), q.value(3).toString() },
                    { QStringLiteral("created_at"), instantJson(q.value(7)) },
                    { QStringLiteral("revision"), q.value(8).toLongLong() } };
    if (q.value(4).isNull() || q.value(5).isNull() || q.value(6).isNull())
        o.insert(QStringLiteral("geofence"), QJsonValue());
    else
        o.insert(QStringLiteral("geofence"),
                 QJsonObject { { QStringLiteral("lat"), q.value(4).toDouble() },
                               { QStringLiteral("lon"), q.value(5).toDouble() },
                               { QStringLiteral("radius_m"), q.value(6).toDouble() } });
    return o;
}

Result<QJsonObject> loadFacility(const Call &call, const QString &id)
{
    auto q = call.ctx.db.exec(
        QStringLiteral("SELECT %1 FROM facilities WHERE id = ? AND company_id = ?").arg(kFacilityColumns),
        { id, call.principal.companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(QStringLiteral("facility"), id);
    return facilityJson(q.value());
}

struct GeofenceInput
{
    bool present = false; ///< the field was sent (null clears)
    QVariant lat, lon, radius;
};

Result<GeofenceInput> readGeofence(const QJsonObject &body)
{
    GeofenceInput g;
    if (!body.contains(QStringLiteral("geofence")))
        return g;
    g.present = true;
    const QJsonValue v = body.value(QStringLiteral("geofence"));
    if (v.isNull())
        return g;
    if (!v.isObject())
        return Error::make(QStringLiteral("wrong_type"),
                           QStringLiteral("\"geofence\" must be an object {lat, lon, radius_m} or null."),
                           QStringLiteral("geofence"));
    const QJsonObject o = v.toObject();
    struct Limit
    {
        const char *name;
        double min, max;
    };
    const Limit limits[] = { { "lat", -90, 90 }, { "lon", -180, 180 }, { "radius_m", 1, 100000 } };
    QVariant *targets[] = { &g.lat, &g.lon, &g.radius };
    for (int i = 0; i < 3; ++i) {
        const QString name = QString::fromLatin1(limits[i].name);
        const QString field = QStringLiteral("geofence.") + name;
        const QJsonValue x = o.value(name);
        if (!x.isDouble())
            return Error::make(QStringLiteral("missing_field"), QStringLiteral("\"%1\" must be a number.").arg(field),
                               field);
        if (x.toDouble() < limits[i].min || x.toDouble() > limits[i].max)
            return Error::make(QStringLiteral("invalid_value"),
                               QStringLiteral("\"%1\" is %2; it must lie between %3 and %4.")
                                   .arg(field)
                                   .arg(x.toDouble())
                                   .arg(limits[i].min)
                                   .arg(limits[i].max),
                               field);
        *targets[i] = x.toDouble();
    }
    return g;
}

Result<QString> readTimezone(const QString &text)
{
    auto zone = Core::FacilityZone::fromIanaId(text);
    if (!zone)
        return Error::make(QStringLiteral("invalid_timezone"), zone.error().message, QStringLiteral("timezone"));
    return zone->id();
}

HttpResponse listFacilities(Call &call)
{
    auto q = call.ctx.db.exec(
        QStringLiteral("SELECT %1 FROM facilities WHERE company_id = ? ORDER BY name").arg(kFacilityColumns),
        { call.principal.companyId });
    return listResponse(std::move(q), QStringLiteral("facilities"), facilityJson);
}

HttpResponse getFacility(Call &call)
{
    auto f = loadFacility(call, call.param(QStringLiteral("id")));
    if (!f)
        return fail(f.error());
    return ok({ { QStringLiteral("facility"), *f } });
}

HttpResponse createFacility(Call &call)
{
    auto name = requiredString(call.body, QStringLiteral("name"));
    if (!name)
        return fail(name.error());
    auto tzText = requiredString(call.body, QStringLiteral("timezone"));
    if (!tzText)
        return fail(tzText.error());
    auto tz = readTimezone(*tzText);
    if (!tz)
        return fail(tz.error());
    auto geo = readGeofence(call.body);
    if (!geo)
        return fail(geo.error());
    const QString id = newId();
    auto r
        = call.ctx.db.exec(QStringLiteral("INSERT INTO facilities(id, company_id, name, timezone, geofence_lat, "
                                          "geofence_lon, geofence_radius_m, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                                          "?, ?)"),
                           { id, call.principal.companyId, *name, *tz, geo->lat, geo->lon, geo->radius, call.nowMs() });
    if (!r)
        return fail(r.error());
    auto after = loadFacility(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("facility.create"), QStringLiteral("facilities"), id, QJsonValue(), *after);
        !a)
        return fail(a.error());
    return ok({ { QStringLiteral("facility"), *after } }, 201);
}

HttpResponse updateFacility(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto before = loadFacility(call, id);
    if (!before)
        return fail(before.error());
    auto name = optionalString(call.body, QStringLiteral("name"));
    if (!name)
        return fail(name.error());
    auto tzText = optionalString(call.body, QStringLiteral("timezone"));
    if (!tzText)
        return fail(tzText.error());
    auto geo = readGeofence(call.body);
    if (!geo)
        return fail(geo.error());
    if (name->has_value()) {
        if (name->value().trimmed().isEmpty())
            return fail(Error::make(QStringLiteral("missing_field"), QStringLiteral("\"name\" must not be empty."),
                                    QStringLiteral("name")));
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE facilities SET name = ? WHERE id = ?"),
                                      { name->value().trimmed(), id });
            !r)
            return fail(r.error());
    }
    if (tzText->has_value()) {
        auto tz = readTimezone(tzText->value());
        if (!tz)
            return fail(tz.error());
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE facilities SET timezone = ? WHERE id = ?"), { *tz, id });
            !r)
            return fail(r.error());
    }
    if (geo->present) {
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE facilities SET geofence_lat = ?, geofence_lon = ?, "
                                                     "geofence_radius_m = ? WHERE id = ?"),
                                      { geo->lat, geo->lon, geo->radius, id });
            !r)
            return fail(r.error());
    }
    auto after = loadFacility(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("facility.update"), QStringLiteral("facilities"), id, *before, *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("facility"), *after } });
}

// ---- Units ---------------------------------------------------------------------------------------------

Result<QJsonObject> loadUnit(const Call &call, const QString &id)
{
    auto q
        = call.ctx.db.exec(QStringLiteral("SELECT u.id, u.facility_id, u.name, u.revision FROM units u JOIN "
                                          "facilities f ON f.id = u.facility_id WHERE u.id = ? AND f.company_id = ?"),
                           { id, call.principal.companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(QStringLiteral("unit"), id);
    return rowJson(q.value());
}

Result<void> checkUnitNameFree(const Call &call, const QString &facilityId, const QString &name,
                               const QString &exceptId)
{
    auto v = call.ctx.db.scalar(QStringLiteral("SELECT id FROM units WHERE facility_id = ? AND name = ? AND id <> ?"),
                                { facilityId, name, textValue(exceptId) }); // NULL would match nothing
    if (!v)
        return v.error();
    if (!v->isNull())
        return Error::make(
            QStringLiteral("name_taken"),
            QStringLiteral("The facility already has a unit named \"%1\"; choose another name.").arg(name),
            QStringLiteral("name"));
    return {};
}

HttpResponse listUnits(Call &call)
{
    QString sql = QStringLiteral("SELECT u.id, u.facility_id, u.name, u.revision FROM units u JOIN facilities f ON "
                                 "f.id = u.facility_id WHERE f.company_id = ?");
    QVariantList bindings { call.principal.companyId };
    if (const QString facility = call.query(QStringLiteral("facility_id")); !facility.isEmpty()) {
        sql += QStringLiteral(" AND u.facility_id = ?");
        bindings.append(facility);
    }
    auto q = call.ctx.db.exec(sql + QStringLiteral(" ORDER BY u.name"), bindings);
    return listResponse(std::move(q), QStringLiteral("units"), rowJson);
}

HttpResponse getUnit(Call &call)
{
    auto u = loadUnit(call, call.param(QStringLiteral("id")));
    if (!u)
        return fail(u.error());
    return ok({ { QStringLiteral("unit"), *u } });
}

HttpResponse createUnit(Call &call)
{
    auto facilityArg = optionalString(call.body, QStringLiteral("facility_id"));
    if (!facilityArg)
        return fail(facilityArg.error());
    auto facility = resolveFacility(call, *facilityArg);
    if (!facility)
        return fail(facility.error());
    auto name = requiredString(call.body, QStringLiteral("name"));
    if (!name)
        return fail(name.error());
    if (auto free = checkUnitNameFree(call, *facility, *name, QString()); !free)
        return fail(free.error());
    const QString id = newId();
    if (auto r = call.ctx.db.exec(QStringLiteral("INSERT INTO units(id, facility_id, name) VALUES (?, ?, ?)"),
                                  { id, *facility, *name });
        !r)
        return fail(r.error());
    auto after = loadUnit(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("unit.create"), QStringLiteral("units"), id, QJsonValue(), *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("unit"), *after } }, 201);
}

HttpResponse updateUnit(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto before = loadUnit(call, id);
    if (!before)
        return fail(before.error());
    auto name = requiredString(call.body, QStringLiteral("name"));
    if (!name)
        return fail(name.error());
    if (auto free = checkUnitNameFree(call, before->value(QStringLiteral("facility_id")).toString(), *name, id); !free)
        return fail(free.error());
    if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE units SET name = ? WHERE id = ?"), { *name, id }); !r)
        return fail(r.error());
    auto after = loadUnit(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("unit.update"), QStringLiteral("units"), id, *before, *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("unit"), *after } });
}

HttpResponse deleteUnit(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto before = loadUnit(call, id);
    if (!before)
        return fail(before.error());
    // Locks of the unit stay, unassigned (ON DELETE SET NULL); each such lock change reaches the feed.
    if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE locks SET unit_id = NULL WHERE unit_id = ?"), { id }); !r)
        return fail(r.error());
    if (auto r = call.ctx.db.exec(QStringLiteral("DELETE FROM units WHERE id = ?"), { id }); !r)
        return fail(r.error());
    if (auto a = call.audit(QStringLiteral("unit.delete"), QStringLiteral("units"), id, *before, QJsonValue()); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("deleted"), true }, { QStringLiteral("id"), id } });
}

} // namespace

void registerFacilityRoutes(ServerContext &ctx, V1Services &svc)
{
    const auto staff = Access::Staff;
    addRoute(ctx, svc,
             { Method::Get, QStringLiteral("/v1/facilities"), staff, Permission::ViewAll, false, listFacilities, {} });
    addRoute(ctx, svc,
             { Method::Post,
               QStringLiteral("/v1/facilities"),
               staff,
               Permission::ManageFacility,
               true,
               createFacility,
               {} });
    addRoute(
        ctx, svc,
        { Method::Get, QStringLiteral("/v1/facilities/{id}"), staff, Permission::ViewAll, false, getFacility, {} });
    addRoute(ctx, svc,
             { Method::Patch,
               QStringLiteral("/v1/facilities/{id}"),
               staff,
               Permission::ManageFacility,
               true,
               updateFacility,
               {} });
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/units"), staff, Permission::ViewAll, false, listUnits, {} });
    addRoute(ctx, svc,
             { Method::Post, QStringLiteral("/v1/units"), staff, Permission::ManageFacility, true, createUnit, {} });
    addRoute(ctx, svc,
             { Method::Get, QStringLiteral("/v1/units/{id}"), staff, Permission::ViewAll, false, getUnit, {} });
    addRoute(
        ctx, svc,
        { Method::Patch, QStringLiteral("/v1/units/{id}"), staff, Permission::ManageFacility, true, updateUnit, {} });
    addRoute(
        ctx, svc,
        { Method::Delete, QStringLiteral("/v1/units/{id}"), staff, Permission::ManageFacility, true, deleteUnit, {} });
}

} // namespace Keydesk::Server::V1
