#include "server/coreapi/CoreApiEndpoints.h"
#include "server/coreapi/CoreApiSupport.h"
#include "server/coreapi/QuickClickService.h"
#include "server/http/JsonBody.h"

#include <QJsonArray>

namespace Keydesk::Server::CoreApi {

namespace {

enum class QcAction { Issue, Revoke };

QString actionName(QcAction action)
{
    return action == QcAction::Issue ? QStringLiteral("issue") : QStringLiteral("revoke");
}

/// Applies one {mac, quick_clicks[]} item; successes go to `applied`, failures to `errors`.
/// Returns an error only for storage failures (the caller answers error 1 and rolls back).
Core::Result<void> applyItems(Call &call, const LockRecord &lock, const QJsonArray &items, QcAction action,
                              QJsonArray &applied, QJsonArray &errors)
{
    QuickClickService service(call.ctx.db, call.ctx.clock);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QJsonValue codeValue = item.value(QStringLiteral("code"));
        const QString code = codeValue.toString();
        if (!items.at(i).isObject() || !codeValue.isString()) {
            errors.append(errorDetail(lock.mac.toString(), code,
                                      QStringLiteral("quick_clicks[%1].code must be a string of 0s and 1s").arg(i),
                                      actionName(action)));
            continue;
        }
        Core::Result<QuickClickRecord> result = Core::Error {};
        if (action == QcAction::Issue) {
            auto uses
                = JsonFields::optionalInteger(item, QStringLiteral("uses"), QStringLiteral("quick_clicks[%1].").arg(i));
            if (!uses || !uses.value()) {
                errors.append(errorDetail(lock.mac.toString(), code,
                                          uses ? QStringLiteral("quick_clicks[%1].uses is required (1-254, or 255 "
                                                                "for unlimited)")
                                                     .arg(i)
                                               : uses.error().message,
                                          actionName(action)));
                continue;
            }
            result = service.issue(lock, code, *uses.value());
        } else {
            result = service.revoke(lock, code);
        }
        if (!result) {
            if (errorCodeFor(result.error()) == ErrorCode::InternalServerError)
                return result.error();
            errors.append(errorDetail(lock.mac.toString(), code, result.error().message, actionName(action)));
            continue;
        }
        applied.append(result.value().toCoreJson());
    }
    return {};
}

/// /qc/issue/ and /qc/revoke/: one lock, a list of codes.
Envelope handleSingle(Call &call, QcAction action)
{
    auto mac = requiredMac(call.body, QStringLiteral("mac"));
    if (!mac)
        return call.failure(mac.error());
    auto items = JsonFields::optionalArray(call.body, QStringLiteral("quick_clicks"));
    if (!items)
        return call.failure(items.error());
    if (!items.value() || items.value()->isEmpty())
        return call.failure(ErrorCode::BadInput,
                            QStringLiteral("Field \"quick_clicks\" needs at least one {\"code\": ...}."));
    auto lock = requireLock(call.ctx.db, call.companyId, mac.value());
    if (!lock)
        return call.failure(lock.error());
    WriteTransaction tx(call.ctx.db);
    if (!tx.isActive())
        return call.failure(tx.error());
    QJsonArray applied;
    QJsonArray errors;
    if (auto r = applyItems(call, lock.value(), *items.value(), action, applied, errors); !r)
        return call.failure(r.error());
    if (auto c = tx.commit(); !c)
        return call.failure(c.error());
    const QJsonArray data { QJsonObject { { QStringLiteral("mac"), lock.value().mac.toString() },
                                          { QStringLiteral("quick_clicks"), applied } } };
    Envelope envelope = applied.isEmpty()
        ? call.failure(ErrorCode::BadInput,
                       QStringLiteral("No quick click was %1; see error_details.")
                           .arg(action == QcAction::Issue ? QStringLiteral("issued") : QStringLiteral("revoked")))
        : call.success(data);
    if (applied.isEmpty())
        envelope.data = data;
    if (!errors.isEmpty())
        envelope.errorDetails = errors;
    return envelope;
}

QJsonArray displayData(Call &call, const QList<LockRecord> &locks, bool includeEmpty)
{
    QuickClickService service(call.ctx.db, call.ctx.clock);
    QJsonArray data;
    for (const LockRecord &lock : locks) {
        QJsonArray codes;
        const QList<QuickClickRecord> records = service.onLock(lock.id);
        for (const QuickClickRecord &record : records)
            codes.append(record.toCoreJson());
        if (codes.isEmpty() && !includeEmpty)
            continue;
        data.append(
            QJsonObject { { QStringLiteral("mac"), lock.mac.toString() }, { QStringLiteral("quick_clicks"), codes } });
    }
    return data;
}

/// The locks a display filter names (all of the company's when none), or an error (3 / 7).
Core::Result<QList<LockRecord>> displayLocks(Call &call, const QJsonObject &filter, const QString &prefix)
{
    auto macs = optionalMacs(filter, QStringLiteral("macs"), prefix);
    if (!macs)
        return macs.error();
    if (macs.value().isEmpty())
        return LockRepository(call.ctx.db).list(call.companyId, {}, {});
    return requireLocks(call.ctx.db, call.companyId, macs.value());
}

Envelope handleDisplay(Call &call)
{
    auto locks = displayLocks(call, call.body, {});
    if (!locks)
        return call.failure(locks.error());
    return call.success(displayData(call, locks.value(), call.body.contains(QStringLiteral("macs"))));
}

/// /qc/: issue[] and revoke[] for several locks, always answered as a display; failures in error_details.
Envelope handleCombined(Call &call)
{
    auto display = JsonFields::optionalObject(call.body, QStringLiteral("display"));
    if (!display)
        return call.failure(display.error());
    auto locks = displayLocks(call, display.value().value_or(QJsonObject()), QStringLiteral("display."));
    if (!locks)
        return call.failure(locks.error());
    struct Batch
    {
        QcAction action;
        QString field;
    };
    QList<QPair<QcAction, QJsonArray>> batches;
    for (const Batch &batch :
         { Batch { QcAction::Revoke, QStringLiteral("revoke") }, Batch { QcAction::Issue, QStringLiteral("issue") } }) {
        auto array = JsonFields::optionalArray(call.body, batch.field);
        if (!array)
            return call.failure(array.error());
        if (array.value())
            batches.append({ batch.action, *array.value() });
    }
    WriteTransaction tx(call.ctx.db);
    if (!tx.isActive())
        return call.failure(tx.error());
    QJsonArray errors;
    for (const auto &batch : std::as_const(batches)) {
        for (qsizetype i = 0; i < batch.second.size(); ++i) {
            const QJsonObject item = batch.second.at(i).toObject();
            const QString macText = item.value(QStringLiteral("mac")).toString();
            auto mac = Core::MacAddress::parse(macText);
            if (!mac) {
                errors.append(errorDetail(macText, QString(), mac.error().message, actionName(batch.first)));
                continue;
            }
            auto lock = requireLock(call.ctx.db, call.companyId, mac.value());
            if (!lock) {
                errors.append(
                    errorDetail(mac.value().toString(), QString(), lock.error().message, actionName(batch.first)));
                continue;
            }
            QJsonArray applied;
            if (auto r = applyItems(call, lock.value(), item.value(QStringLiteral("quick_clicks")).toArray(),
                                    batch.first, applied, errors);
                !r)
                return call.failure(r.error());
        }
    }
    if (auto c = tx.commit(); !c)
        return call.failure(c.error());
    const bool filtered = display.value() && display.value()->contains(QStringLiteral("macs"));
    Envelope envelope = call.success(displayData(call, locks.value(), filtered));
    if (!errors.isEmpty())
        envelope.errorDetails = errors;
    return envelope;
}

} // namespace

void registerQuickClickEndpoints(ServerContext &ctx)
{
    addRoute(ctx, QStringLiteral("/qc/issue"), QStringLiteral("qc/issue"), KeyKind::Company,
             [](Call &call) { return handleSingle(call, QcAction::Issue); });
    addRoute(ctx, QStringLiteral("/qc/revoke"), QStringLiteral("qc/revoke"), KeyKind::Company,
             [](Call &call) { return handleSingle(call, QcAction::Revoke); });
    addRoute(ctx, QStringLiteral("/qc/display"), QStringLiteral("qc/display"), KeyKind::Company, &handleDisplay);
    addRoute(ctx, QStringLiteral("/qc"), QStringLiteral("qc"), KeyKind::Company, &handleCombined);
}

} // namespace Keydesk::Server::CoreApi
