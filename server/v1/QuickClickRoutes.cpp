// Quick-click codes of a lock and the activity log, for staff (the desktop speaks /v1, not the Core API).
// The rules live in server/coreapi (QuickClickService, ActivityService), shared with /qc/ and /activity/.
#include "server/ServerContext.h"
#include "server/coreapi/ActivityService.h"
#include "server/coreapi/QuickClickService.h"
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

Result<LockRecord> lockOf(const Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    const std::optional<LockRecord> lock = LockRepository(call.ctx.db).findById(id);
    if (!lock || lock->companyId != call.principal.companyId)
        return notFoundError(QStringLiteral("lock"), id);
    return *lock;
}

/// Quick-click rule errors (qc_*) → 404 / 409 / 400 with a field.
HttpResponse quickClickFailure(const Error &e)
{
    if (e.code == QLatin1String("qc_not_found"))
        return errorResponse(404, e);
    if (e.code == QLatin1String("qc_already_revoked") || e.code == QLatin1String("qc_code_pending_removal")
        || e.code == QLatin1String("qc_code_in_use"))
        return errorResponse(409, Error::make(e.code, e.message, e.field.isEmpty() ? QStringLiteral("code") : e.field));
    if (e.code.startsWith(QLatin1String("qc_")))
        return errorResponse(400, Error::make(e.code, e.message, e.field.isEmpty() ? QStringLiteral("code") : e.field));
    return fail(e);
}

QJsonObject quickClickJson(const QuickClickRecord &r)
{
    QJsonObject o = r.toCoreJson();
    o.insert(QStringLiteral("id"), r.id);
    o.insert(QStringLiteral("lock_id"), r.lockId);
    return o;
}

HttpResponse listQuickClicks(Call &call)
{
    auto lock = lockOf(call);
    if (!lock)
        return fail(lock.error());
    QJsonArray out;
    for (const QuickClickRecord &r : QuickClickService(call.ctx.db, call.ctx.clock).onLock(lock->id))
        out.append(quickClickJson(r));
    return ok({ { QStringLiteral("quick_clicks"), out } });
}

HttpResponse issueQuickClick(Call &call)
{
    auto lock = lockOf(call);
    if (!lock)
        return fail(lock.error());
    auto code = requiredString(call.body, QStringLiteral("code"));
    if (!code)
        return fail(code.error());
    const QJsonValue usesValue = call.body.value(QStringLiteral("uses"));
    if (!usesValue.isDouble() || usesValue.toDouble() != double(qint64(usesValue.toDouble())))
        return fail(Error::make(QStringLiteral("missing_field"),
                                QStringLiteral("\"uses\" must be a whole number: 1 to 254, or 255 for unlimited."),
                                QStringLiteral("uses")));
    auto issued = QuickClickService(call.ctx.db, call.ctx.clock).issue(*lock, *code, qint64(usesValue.toDouble()));
    if (!issued)
        return quickClickFailure(issued.error());
    const QJsonObject after = quickClickJson(*issued);
    if (auto a = call.audit(QStringLiteral("quick_click.issue"), QStringLiteral("quick_clicks"), issued->id,
                            QJsonValue(), after);
        !a)
        return fail(a.error());
    return ok({ { QStringLiteral("quick_click"), after } }, 201);
}

HttpResponse revokeQuickClick(Call &call)
{
    auto lock = lockOf(call);
    if (!lock)
        return fail(lock.error());
    const QString code = call.param(QStringLiteral("code"));
    auto revoked = QuickClickService(call.ctx.db, call.ctx.clock).revoke(*lock, code);
    if (!revoked)
        return quickClickFailure(revoked.error());
    const QJsonObject after = quickClickJson(*revoked);
    if (auto a = call.audit(QStringLiteral("quick_click.revoke"), QStringLiteral("quick_clicks"), revoked->id,
                            QJsonValue(), after);
        !a)
        return fail(a.error());
    return ok({ { QStringLiteral("quick_click"), after } });
}

HttpResponse activity(Call &call)
{
    ActivityFilter f;
    f.companyId = call.principal.companyId;
    const auto list = [&](const QString &name) {
        const QString v = call.query(name);
        return v.isEmpty() ? QStringList() : v.split(QLatin1Char(','), Qt::SkipEmptyParts);
    };
    f.lockIds = list(QStringLiteral("lock_id"));
    f.actions = list(QStringLiteral("action"));
    f.trackingKeys = list(QStringLiteral("tracking_key"));
    for (const QString &a : f.actions) {
        if (!ActivityService::knownActions().contains(a))
            return fail(Error::make(QStringLiteral("invalid_value"),
                                    QStringLiteral("Unknown action \"%1\"; use one of: %2.")
                                        .arg(a.left(40), ActivityService::knownActions().join(QStringLiteral(", "))),
                                    QStringLiteral("action")));
    }
    for (auto [name, target] :
         { std::pair { QStringLiteral("from"), &f.afterMs }, std::pair { QStringLiteral("to"), &f.beforeMs } }) {
        const QString text = call.query(name);
        if (text.isEmpty())
            continue;
        auto t = parseInstant(text, name);
        if (!t)
            return fail(t.error());
        *target = t->toMSecsSinceEpoch();
    }
    if (const QString text = call.query(QStringLiteral("limit")); !text.isEmpty()) {
        bool isNumber = false;
        f.limit = text.toInt(&isNumber);
        if (!isNumber || f.limit < 1 || f.limit > 10000)
            return fail(Error::make(QStringLiteral("invalid_value"), QStringLiteral("\"limit\" must be 1 to 10000."),
                                    QStringLiteral("limit")));
    }
    auto rows = ActivityService(call.ctx.db).query(f);
    if (!rows)
        return fail(rows.error());
    return ok({ { QStringLiteral("activity"), *rows } });
}

} // namespace

void registerQuickClickRoutes(ServerContext &ctx, V1Services &svc)
{
    const auto staff = Access::Staff;
    addRoute(ctx, svc,
             { Method::Get,
               QStringLiteral("/v1/locks/{id}/quick-clicks"),
               staff,
               Permission::ViewAll,
               false,
               listQuickClicks,
               {} });
    addRoute(ctx, svc,
             { Method::Post,
               QStringLiteral("/v1/locks/{id}/quick-clicks"),
               staff,
               Permission::ManageQuickClicks,
               true,
               issueQuickClick,
               {} });
    addRoute(ctx, svc,
             { Method::Delete,
               QStringLiteral("/v1/locks/{id}/quick-clicks/{code}"),
               staff,
               Permission::ManageQuickClicks,
               true,
               revokeQuickClick,
               {} });
    addRoute(ctx, svc,
             { Method::Get, QStringLiteral("/v1/activity"), staff, Permission::ViewActivity, false, activity, {} });
}

} // namespace Keydesk::Server::V1
