#include "server/coreapi/ActivityService.h"
#include "server/coreapi/CoreApiEndpoints.h"
#include "server/coreapi/CoreApiSupport.h"
#include "server/coreapi/LogUploadService.h"
#include "server/http/JsonBody.h"

#include <QDateTime>
#include <QJsonArray>

namespace Keydesk::Server::CoreApi {

namespace {

/// One validated entry of /upload/'s logs[].
struct UploadLog
{
    LockRecord lock;
    QString session;
    qint64 receivedTime = 0;
    QStringList responses;
};

Envelope handleUpload(Call &call)
{
    auto logs = JsonFields::optionalArray(call.body, QStringLiteral("logs"));
    if (!logs)
        return call.failure(logs.error());
    if (!logs.value())
        return call.failure(ErrorCode::BadInput, QStringLiteral("Field \"logs\" is required (an array of logs)."));
    // Validate every log before storing any, so a malformed request changes nothing.
    QList<UploadLog> parsed;
    for (qsizetype i = 0; i < logs.value()->size(); ++i) {
        const QString prefix = QStringLiteral("logs[%1].").arg(i);
        if (!logs.value()->at(i).isObject())
            return call.failure(ErrorCode::BadInput,
                                QStringLiteral("\"%1\" must be an object.").arg(prefix.chopped(1)));
        const QJsonObject log = logs.value()->at(i).toObject();
        auto mac = requiredMac(log, QStringLiteral("mac"), prefix);
        if (!mac)
            return call.failure(mac.error());
        auto session = JsonFields::optionalString(log, QStringLiteral("session"), prefix);
        if (!session)
            return call.failure(session.error());
        auto received = JsonFields::optionalInteger(log, QStringLiteral("received_time"), prefix);
        if (!received)
            return call.failure(received.error());
        auto responses = JsonFields::optionalStringArray(log, QStringLiteral("responses"), prefix);
        if (!responses)
            return call.failure(responses.error());
        auto lock = requireLock(call.ctx.db, call.companyId, mac.value());
        if (!lock)
            return call.failure(lock.error());
        UploadLog entry;
        entry.lock = lock.value();
        entry.session = session.value().value_or(QString());
        // Without received_time the server's receipt time stands in.
        entry.receivedTime = received.value().value_or(call.ctx.clock.now().toSecsSinceEpoch());
        entry.responses = responses.value().value_or(QStringList());
        parsed.append(entry);
    }
    WriteTransaction tx(call.ctx.db);
    if (!tx.isActive())
        return call.failure(tx.error());
    LogUploadService service(call.ctx.db, call.ctx.clock, call.ctx.kek);
    QJsonArray results;
    QJsonArray errors;
    for (const UploadLog &log : std::as_const(parsed)) {
        // Re-read the lock: an earlier log in this request may have moved its sequence high-water mark.
        const LockRecord lock = LockRepository(call.ctx.db).findById(log.lock.id).value_or(log.lock);
        auto outcome = service.upload(lock, log.session, log.receivedTime, log.responses);
        if (!outcome)
            return call.failure(outcome.error());
        for (const QJsonValue &error : std::as_const(outcome.value().errors))
            errors.append(error);
        results.append(QJsonObject { { QStringLiteral("mac"), lock.mac.toString() },
                                     { QStringLiteral("accepted"), outcome.value().accepted },
                                     { QStringLiteral("duplicates"), outcome.value().duplicates },
                                     { QStringLiteral("rejected"), outcome.value().rejected } });
    }
    if (auto c = tx.commit(); !c)
        return call.failure(c.error());
    Envelope envelope = call.success(QJsonObject { { QStringLiteral("logs"), results } });
    if (!errors.isEmpty())
        envelope.errorDetails = errors;
    return envelope;
}

Core::Result<std::optional<qint64>> parseInstant(const QJsonObject &body, const QString &field)
{
    auto text = JsonFields::optionalString(body, field);
    if (!text)
        return text.error();
    if (!text.value())
        return std::optional<qint64>();
    const QDateTime t = QDateTime::fromString(*text.value(), Qt::ISODate);
    if (!t.isValid() || !text.value()->endsWith(QLatin1Char('Z')))
        return Core::Error::make(BodyError::InvalidValue,
                                 QStringLiteral("Field \"%1\" must be a UTC date-time like 2018-05-23T20:08:34Z, "
                                                "not \"%2\".")
                                     .arg(field, *text.value()),
                                 field);
    return std::optional<qint64>(t.toMSecsSinceEpoch());
}

Envelope handleActivity(Call &call)
{
    ActivityFilter filter;
    filter.companyId = call.companyId;
    auto macs = optionalMacs(call.body, QStringLiteral("lock_macs"));
    if (!macs)
        return call.failure(macs.error());
    auto locks = requireLocks(call.ctx.db, call.companyId, macs.value());
    if (!locks)
        return call.failure(locks.error());
    for (const LockRecord &lock : locks.value())
        filter.lockIds.append(lock.id);
    auto actions = JsonFields::optionalStringArray(call.body, QStringLiteral("actions"));
    if (!actions)
        return call.failure(actions.error());
    const QStringList known = ActivityService::knownActions();
    for (const QString &action : actions.value().value_or(QStringList())) {
        // The public documentation's own filter example says "unlock"; it means "unlocked".
        const QString name = action == QLatin1String("unlock") ? QStringLiteral("unlocked") : action;
        if (!known.contains(name))
            return call.failure(ErrorCode::BadInput,
                                QStringLiteral("Field \"actions\": unknown action \"%1\"; use one of %2.")
                                    .arg(action, known.join(QStringLiteral(", "))));
        filter.actions.append(name);
    }
    auto keys = JsonFields::optionalStringArray(call.body, QStringLiteral("tracking_keys"));
    if (!keys)
        return call.failure(keys.error());
    filter.trackingKeys = keys.value().value_or(QStringList());
    auto before = parseInstant(call.body, QStringLiteral("before"));
    if (!before)
        return call.failure(before.error());
    auto after = parseInstant(call.body, QStringLiteral("after"));
    if (!after)
        return call.failure(after.error());
    filter.beforeMs = before.value();
    filter.afterMs = after.value();
    auto activity = ActivityService(call.ctx.db).query(filter);
    if (!activity)
        return call.failure(activity.error());
    return call.success(QJsonObject { { QStringLiteral("activity"), activity.value() } });
}

} // namespace

void registerActivityEndpoints(ServerContext &ctx)
{
    addRoute(ctx, QStringLiteral("/upload"), QStringLiteral("upload"), KeyKind::Mobile, &handleUpload);
    addRoute(ctx, QStringLiteral("/activity"), QStringLiteral("activity"), KeyKind::Company, &handleActivity);
}

} // namespace Keydesk::Server::CoreApi
