// Groups of users and groups of locks: one implementation, two tables.
#include "server/ServerContext.h"
#include "server/v1/KeyService.h"
#include "server/v1/V1Common.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QJsonArray>
#include <QSet>

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Permission;
using Core::Result;
using Method = QHttpServerRequest::Method;

namespace {

/// What differs between user groups and lock groups.
struct GroupKind
{
    QString table; ///< user_groups / lock_groups
    QString members; ///< user_group_members / lock_group_members
    QString memberColumn; ///< user_id / lock_id
    QString memberTable; ///< users / locks
    QString keyColumn; ///< keys.user_group_id / keys.lock_group_id
    QString entity; ///< "user group" / "lock group" (messages)
    QString auditPrefix; ///< user_group / lock_group
};

const GroupKind kUserGroups { QStringLiteral("user_groups"),   QStringLiteral("user_group_members"),
                              QStringLiteral("user_id"),       QStringLiteral("users"),
                              QStringLiteral("user_group_id"), QStringLiteral("user group"),
                              QStringLiteral("user_group") };
const GroupKind kLockGroups { QStringLiteral("lock_groups"),   QStringLiteral("lock_group_members"),
                              QStringLiteral("lock_id"),       QStringLiteral("locks"),
                              QStringLiteral("lock_group_id"), QStringLiteral("lock group"),
                              QStringLiteral("lock_group") };

Result<QJsonObject> loadGroup(const Call &call, const GroupKind &kind, const QString &id)
{
    auto q = call.ctx.db.exec(QStringLiteral("SELECT g.id, g.facility_id, g.name, g.revision FROM %1 g JOIN facilities "
                                             "f ON f.id = g.facility_id WHERE g.id = ? AND f.company_id = ?")
                                  .arg(kind.table),
                              { id, call.principal.companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(kind.entity, id);
    QJsonObject o = rowJson(q.value());
    auto m = call.ctx.db.exec(
        QStringLiteral("SELECT %1 FROM %2 WHERE group_id = ? ORDER BY %1").arg(kind.memberColumn, kind.members),
        { id });
    if (!m)
        return m.error();
    QJsonArray ids;
    while (m.value().next())
        ids.append(m.value().value(0).toString());
    o.insert(QStringLiteral("member_ids"), ids);
    return o;
}

HttpResponse listGroups(Call &call, const GroupKind &kind)
{
    auto q = call.ctx.db.exec(QStringLiteral("SELECT g.id FROM %1 g JOIN facilities f ON f.id = g.facility_id WHERE "
                                             "f.company_id = ? ORDER BY g.name")
                                  .arg(kind.table),
                              { call.principal.companyId });
    if (!q)
        return fail(q.error());
    QJsonArray out;
    while (q.value().next()) {
        auto g = loadGroup(call, kind, q.value().value(0).toString());
        if (!g)
            return fail(g.error());
        out.append(*g);
    }
    return ok({ { QStringLiteral("groups"), out } });
}

HttpResponse getGroup(Call &call, const GroupKind &kind)
{
    auto g = loadGroup(call, kind, call.param(QStringLiteral("id")));
    if (!g)
        return fail(g.error());
    return ok({ { QStringLiteral("group"), *g } });
}

/// Replaces the membership with `ids` (all in the group's facility); invalidates offline keys that relied on a
/// removed membership.
Result<void> setMembers(const Call &call, const GroupKind &kind, const QString &groupId, const QString &facilityId,
                        const QJsonValue &value)
{
    if (!value.isArray())
        return Error::make(QStringLiteral("wrong_type"),
                           QStringLiteral("\"member_ids\" must be an array of %1 ids.").arg(kind.memberTable),
                           QStringLiteral("member_ids"));
    QSet<QString> wanted;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString field = QStringLiteral("member_ids[%1]").arg(i);
        if (!array.at(i).isString())
            return Error::make(QStringLiteral("wrong_type"), QStringLiteral("\"%1\" must be a string.").arg(field),
                               field);
        const QString id = array.at(i).toString();
        auto found = call.ctx.db.scalar(
            QStringLiteral("SELECT id FROM %1 WHERE id = ? AND facility_id = ?").arg(kind.memberTable),
            { id, facilityId });
        if (!found)
            return found.error();
        if (found->isNull())
            return Error::make(QStringLiteral("not_found"),
                               QStringLiteral("\"%1\": no %2 with id \"%3\" in the group's facility.")
                                   .arg(field, kind.memberTable.chopped(1), id),
                               field);
        wanted.insert(id);
    }
    auto q = call.ctx.db.exec(
        QStringLiteral("SELECT %1 FROM %2 WHERE group_id = ?").arg(kind.memberColumn, kind.members), { groupId });
    if (!q)
        return q.error();
    QSet<QString> current;
    while (q.value().next())
        current.insert(q.value().value(0).toString());
    for (const QString &id : current - wanted) {
        if (auto r = call.ctx.db.exec(
                QStringLiteral("DELETE FROM %1 WHERE group_id = ? AND %2 = ?").arg(kind.members, kind.memberColumn),
                { groupId, id });
            !r)
            return r.error();
        auto locks = Revocations::invalidateOfflineKeys(
            call.ctx.db, call.ctx.clock,
            QStringLiteral("%1 = ? AND grant_id IN (SELECT id FROM keys WHERE %2 = ?)")
                .arg(kind.memberColumn, kind.keyColumn),
            { id, groupId });
        if (!locks)
            return locks.error();
    }
    for (const QString &id : wanted - current) {
        if (auto r = call.ctx.db.exec(QStringLiteral("INSERT INTO %1(id, group_id, %2) VALUES (?, ?, ?)")
                                          .arg(kind.members, kind.memberColumn),
                                      { newId(), groupId, id });
            !r)
            return r.error();
    }
    return {};
}

HttpResponse createGroup(Call &call, const GroupKind &kind)
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
    const QString id = newId();
    if (auto r
        = call.ctx.db.exec(QStringLiteral("INSERT INTO %1(id, facility_id, name) VALUES (?, ?, ?)").arg(kind.table),
                           { id, *facility, *name });
        !r)
        return fail(r.error());
    if (call.body.contains(QStringLiteral("member_ids"))) {
        if (auto r = setMembers(call, kind, id, *facility, call.body.value(QStringLiteral("member_ids"))); !r)
            return fail(r.error());
    }
    auto after = loadGroup(call, kind, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(kind.auditPrefix + QStringLiteral(".create"), kind.table, id, QJsonValue(), *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("group"), *after } }, 201);
}

HttpResponse updateGroup(Call &call, const GroupKind &kind)
{
    const QString id = call.param(QStringLiteral("id"));
    auto before = loadGroup(call, kind, id);
    if (!before)
        return fail(before.error());
    auto name = optionalString(call.body, QStringLiteral("name"));
    if (!name)
        return fail(name.error());
    if (name->has_value()) {
        if (name->value().trimmed().isEmpty())
            return fail(Error::make(QStringLiteral("missing_field"), QStringLiteral("\"name\" must not be empty."),
                                    QStringLiteral("name")));
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE %1 SET name = ? WHERE id = ?").arg(kind.table),
                                      { name->value().trimmed(), id });
            !r)
            return fail(r.error());
    }
    if (call.body.contains(QStringLiteral("member_ids"))) {
        if (auto r = setMembers(call, kind, id, before->value(QStringLiteral("facility_id")).toString(),
                                call.body.value(QStringLiteral("member_ids")));
            !r)
            return fail(r.error());
    }
    auto after = loadGroup(call, kind, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(kind.auditPrefix + QStringLiteral(".update"), kind.table, id, *before, *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("group"), *after } });
}

HttpResponse deleteGroup(Call &call, const GroupKind &kind)
{
    const QString id = call.param(QStringLiteral("id"));
    auto before = loadGroup(call, kind, id);
    if (!before)
        return fail(before.error());
    auto used
        = call.ctx.db.scalar(QStringLiteral("SELECT COUNT(*) FROM keys WHERE %1 = ?").arg(kind.keyColumn), { id });
    if (!used)
        return fail(used.error());
    if (used->toInt() > 0)
        return fail(Error::make(QStringLiteral("in_use"),
                                QStringLiteral("%1 digital key(s) refer to this %2; revoke them and keep the group, or "
                                               "leave the group in place.")
                                    .arg(used->toInt())
                                    .arg(kind.entity)));
    // Members first, so their tombstones still find the group's company.
    if (auto r = call.ctx.db.exec(QStringLiteral("DELETE FROM %1 WHERE group_id = ?").arg(kind.members), { id }); !r)
        return fail(r.error());
    if (auto r = call.ctx.db.exec(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(kind.table), { id }); !r)
        return fail(r.error());
    if (auto a = call.audit(kind.auditPrefix + QStringLiteral(".delete"), kind.table, id, *before, QJsonValue()); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("deleted"), true }, { QStringLiteral("id"), id } });
}

void registerKind(ServerContext &ctx, V1Services &svc, const GroupKind &kind, const QString &path, Permission manage)
{
    const auto staff = Access::Staff;
    const QString item = path + QStringLiteral("/{id}");
    addRoute(
        ctx, svc,
        { Method::Get, path, staff, Permission::ViewAll, false, [&kind](Call &c) { return listGroups(c, kind); }, {} });
    addRoute(ctx, svc,
             { Method::Post, path, staff, manage, true, [&kind](Call &c) { return createGroup(c, kind); }, {} });
    addRoute(
        ctx, svc,
        { Method::Get, item, staff, Permission::ViewAll, false, [&kind](Call &c) { return getGroup(c, kind); }, {} });
    addRoute(ctx, svc,
             { Method::Patch, item, staff, manage, true, [&kind](Call &c) { return updateGroup(c, kind); }, {} });
    addRoute(ctx, svc,
             { Method::Delete, item, staff, manage, true, [&kind](Call &c) { return deleteGroup(c, kind); }, {} });
}

} // namespace

void registerGroupRoutes(ServerContext &ctx, V1Services &svc)
{
    registerKind(ctx, svc, kUserGroups, QStringLiteral("/v1/user-groups"), Permission::ManageUsers);
    registerKind(ctx, svc, kLockGroups, QStringLiteral("/v1/lock-groups"), Permission::ManageLocks);
}

} // namespace Keydesk::Server::V1
