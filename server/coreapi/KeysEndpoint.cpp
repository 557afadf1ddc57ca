#include "server/coreapi/CoreApiEndpoints.h"
#include "server/coreapi/CoreApiSupport.h"
#include "server/coreapi/OfflineKeyService.h"
#include "server/http/JsonBody.h"

#include <QJsonArray>

namespace Keydesk::Server::CoreApi {

namespace {

/// One {macs, tracking_keys} item of issue/revoke, validated and resolved.
struct Selection
{
    QList<LockRecord> locks;
    QStringList trackingKeys;
};

Core::Result<Selection> parseSelection(Call &call, const QJsonValue &value, const QString &prefix, bool forIssue)
{
    if (!value.isObject())
        return Core::Error::make(
            BodyError::WrongType,
            QStringLiteral("\"%1\" must be an object with macs and tracking_keys.").arg(prefix.chopped(1)),
            prefix.chopped(1));
    const QJsonObject object = value.toObject();
    auto macs = optionalMacs(object, QStringLiteral("macs"), prefix);
    if (!macs)
        return macs.error();
    auto keys = JsonFields::optionalStringArray(object, QStringLiteral("tracking_keys"), prefix);
    if (!keys)
        return keys.error();
    Selection selection;
    selection.trackingKeys = keys.value().value_or(QStringList());
    selection.trackingKeys.removeAll(QString());
    selection.trackingKeys.removeDuplicates();
    if (forIssue && (macs.value().isEmpty() || selection.trackingKeys.isEmpty()))
        return Core::Error::make(
            BodyError::Missing,
            QStringLiteral("\"%1\" needs non-empty \"macs\" and \"tracking_keys\".").arg(prefix.chopped(1)),
            prefix.chopped(1));
    if (!forIssue && macs.value().isEmpty() && selection.trackingKeys.isEmpty())
        return Core::Error::make(
            BodyError::Missing,
            QStringLiteral("\"%1\" needs \"macs\" or \"tracking_keys\" (or both).").arg(prefix.chopped(1)),
            prefix.chopped(1));
    auto locks = requireLocks(call.ctx.db, call.companyId, macs.value());
    if (!locks)
        return locks.error();
    selection.locks = locks.value();
    return selection;
}

Core::Result<QList<Selection>> parseSelections(Call &call, const QString &field, bool forIssue)
{
    auto array = JsonFields::optionalArray(call.body, field);
    if (!array)
        return array.error();
    QList<Selection> selections;
    if (!array.value())
        return selections;
    for (qsizetype i = 0; i < array.value()->size(); ++i) {
        auto selection
            = parseSelection(call, array.value()->at(i), QStringLiteral("%1[%2].").arg(field).arg(i), forIssue);
        if (!selection)
            return selection.error();
        selections.append(selection.value());
    }
    return selections;
}

/// {locks: [{mac, keys: [{tracking_key, offline_key, unlock_command}]}]}, locks in first-seen order.
QJsonObject locksJson(const QList<OfflineKeyRow> &rows, const QStringList &macOrder = {})
{
    QStringList order = macOrder;
    QHash<QString, QJsonArray> byMac;
    for (const OfflineKeyRow &row : rows) {
        if (!order.contains(row.lockMac))
            order.append(row.lockMac);
        byMac[row.lockMac].append(QJsonObject { { QStringLiteral("tracking_key"), row.trackingKey },
                                                { QStringLiteral("offline_key"), row.offlineKey },
                                                { QStringLiteral("unlock_command"), row.unlockCommand } });
    }
    QJsonArray locks;
    for (const QString &mac : std::as_const(order))
        locks.append(QJsonObject { { QStringLiteral("mac"), mac }, { QStringLiteral("keys"), byMac.value(mac) } });
    return QJsonObject { { QStringLiteral("locks"), locks } };
}

Envelope handleKeys(Call &call)
{
    auto issues = parseSelections(call, QStringLiteral("issue"), true);
    if (!issues)
        return call.failure(issues.error());
    auto revokes = parseSelections(call, QStringLiteral("revoke"), false);
    if (!revokes)
        return call.failure(revokes.error());
    auto display = JsonFields::optionalObject(call.body, QStringLiteral("display"));
    if (!display)
        return call.failure(display.error());
    Selection displaySelection;
    if (display.value()) {
        auto macs = optionalMacs(*display.value(), QStringLiteral("macs"), QStringLiteral("display."));
        if (!macs)
            return call.failure(macs.error());
        auto keys = JsonFields::optionalStringArray(*display.value(), QStringLiteral("tracking_keys"),
                                                    QStringLiteral("display."));
        if (!keys)
            return call.failure(keys.error());
        auto locks = requireLocks(call.ctx.db, call.companyId, macs.value());
        if (!locks)
            return call.failure(locks.error());
        displaySelection.locks = locks.value();
        displaySelection.trackingKeys = keys.value().value_or(QStringList());
    }

    OfflineKeyService service(call.ctx.db, call.ctx.clock, call.ctx.kek);
    // Everything below commits together: a storage failure leaves no half-issued batch.
    WriteTransaction tx(call.ctx.db);
    if (!tx.isActive())
        return call.failure(tx.error());

    QSet<QString> revokedLocks;
    for (const Selection &selection : std::as_const(revokes.value())) {
        QStringList lockIds;
        for (const LockRecord &lock : selection.locks)
            lockIds.append(lock.id);
        auto changed = service.revoke(call.companyId, lockIds, selection.trackingKeys);
        if (!changed)
            return call.failure(changed.error());
        revokedLocks.unite(changed.value());
        for (const LockRecord &lock : selection.locks)
            revokedLocks.insert(lock.id);
    }

    if (!issues.value().isEmpty()) {
        QList<OfflineKeyRow> issued;
        QStringList macOrder;
        QJsonArray errors;
        for (const Selection &selection : std::as_const(issues.value())) {
            for (const LockRecord &lock : selection.locks) {
                if (!macOrder.contains(lock.mac.toString()))
                    macOrder.append(lock.mac.toString());
                // Re-read: an earlier revoke in this request may have raised the lock's epoch.
                const LockRecord fresh = LockRepository(call.ctx.db).findById(lock.id).value_or(lock);
                for (const QString &trackingKey : selection.trackingKeys) {
                    auto row = service.issue(call.companyId, fresh, trackingKey);
                    if (row) {
                        issued.append(row.value());
                        continue;
                    }
                    if (errorCodeFor(row.error()) == ErrorCode::InternalServerError)
                        return call.failure(row.error());
                    errors.append(QJsonObject { { QStringLiteral("mac"), lock.mac.toString() },
                                                { QStringLiteral("tracking_key"), trackingKey },
                                                { QStringLiteral("code"), row.error().code },
                                                { QStringLiteral("msg"), row.error().message },
                                                { QStringLiteral("action"), QStringLiteral("issue") } });
                }
            }
        }
        if (auto c = tx.commit(); !c)
            return call.failure(c.error());
        Envelope envelope = issued.isEmpty()
            ? call.failure(ErrorCode::BadInput,
                           QStringLiteral("No offline key could be issued; see error_details for each refusal."))
            : call.success(locksJson(issued, macOrder));
        if (!errors.isEmpty())
            envelope.errorDetails = errors;
        return envelope;
    }
    if (auto c = tx.commit(); !c)
        return call.failure(c.error());

    if (!revokes.value().isEmpty()) {
        // Answer with what remains valid on the locks the revocation touched.
        QList<OfflineKeyRow> remaining;
        QStringList macOrder;
        if (!revokedLocks.isEmpty()) {
            const QStringList ids(revokedLocks.cbegin(), revokedLocks.cend());
            remaining = service.current(call.companyId, ids, {});
        }
        return call.success(locksJson(remaining, macOrder));
    }
    QStringList lockIds;
    for (const LockRecord &lock : std::as_const(displaySelection.locks))
        lockIds.append(lock.id);
    return call.success(locksJson(service.current(call.companyId, lockIds, displaySelection.trackingKeys)));
}

} // namespace

void registerKeysEndpoint(ServerContext &ctx)
{
    addRoute(ctx, QStringLiteral("/keys"), QStringLiteral("keys"), KeyKind::Company, &handleKeys);
}

} // namespace Keydesk::Server::CoreApi
