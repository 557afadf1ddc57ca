// The change feed (GET /v1/changes, with long-poll) and the route list (GET /v1/routes).
#include "server/ServerContext.h"
#include "server/v1/V1Common.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QHttpServerResponder>
#include <QJsonArray>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Permission;
using Core::Result;
using Method = QHttpServerRequest::Method;

namespace {

/// Longest a long-poll is held: below common proxy idle timeouts (30 s).
constexpr int kMaxWaitSeconds = 25;

Result<qint64> integerParam(const Call &call, const QString &name, qint64 fallback, qint64 min, qint64 max)
{
    const QString text = call.query(name);
    if (text.isEmpty())
        return fallback;
    bool isNumber = false;
    const qint64 v = text.toLongLong(&isNumber);
    if (!isNumber || v < min || v > max)
        return Error::make(QStringLiteral("invalid_value"),
                           QStringLiteral("\"%1\" must be an integer from %2 to %3.").arg(name).arg(min).arg(max),
                           name);
    return v;
}

HttpResponse pageResponse(const ChangePage &page)
{
    HttpResponse r;
    r.body.reserve(page.rowsJson.size() + 96);
    r.body.append("{\"changes\":");
    r.body.append(page.rowsJson);
    r.body.append(",\"count\":" + QByteArray::number(page.count));
    r.body.append(",\"next_revision\":" + QByteArray::number(page.nextRevision));
    r.body.append(",\"has_more\":");
    r.body.append(page.hasMore ? "true" : "false");
    r.body.append('}');
    return r;
}

/// A parked long-poll: answers once a change of this company commits, or with an empty page at the deadline.
struct LongPoll : std::enable_shared_from_this<LongPoll>
{
    V1Services *services = nullptr;
    QString companyId;
    qint64 since = 0;
    int limit = 0;
    qint64 deadlineMs = 0;
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;

    explicit LongPoll(QHttpServerResponder &&r)
        : responder(std::move(r))
        , socket(responder.socket())
    { }

    void park(qint64 waitAbove)
    {
        const int remaining = int(std::max<qint64>(0, deadlineMs - QDateTime::currentMSecsSinceEpoch()));
        services->changes.wait(waitAbove, remaining, [self = shared_from_this()] { self->wake(); });
    }

    void wake()
    {
        if (!socket)
            return; // the client went away; nothing to answer
        auto page = services->feed.read(companyId, since, limit);
        if (!page) {
            internalError(page.error()).writeTo(std::move(responder));
            return;
        }
        // Another company's change woke us: keep waiting until ours or the deadline.
        if (page->count == 0 && QDateTime::currentMSecsSinceEpoch() < deadlineMs) {
            park(page->nextRevision);
            return;
        }
        pageResponse(*page).writeTo(std::move(responder));
    }
};

void changes(Call &call, QHttpServerResponder &&responder)
{
    auto since = integerParam(call, QStringLiteral("since"), 0, 0, std::numeric_limits<qint64>::max());
    auto limit = integerParam(call, QStringLiteral("limit"), V1ChangeFeed::kDefaultLimit, 1, V1ChangeFeed::kMaxLimit);
    auto wait = integerParam(call, QStringLiteral("wait"), 0, 0, kMaxWaitSeconds);
    for (const auto *r : { &since, &limit, &wait }) {
        if (!*r) {
            fail(r->error()).writeTo(std::move(responder));
            return;
        }
    }
    auto page = call.services.feed.read(call.principal.companyId, *since, int(*limit));
    if (!page) {
        fail(page.error()).writeTo(std::move(responder));
        return;
    }
    if (page->count > 0 || *wait == 0) {
        pageResponse(*page).writeTo(std::move(responder));
        return;
    }
    auto poll = std::make_shared<LongPoll>(std::move(responder));
    poll->services = &call.services;
    poll->companyId = call.principal.companyId;
    poll->since = *since;
    poll->limit = int(*limit);
    poll->deadlineMs = QDateTime::currentMSecsSinceEpoch() + *wait * 1000;
    poll->park(page->nextRevision);
}

HttpResponse routes(Call &call)
{
    QJsonArray out;
    for (const RouteInfo &r : call.services.routes) {
        const char *access = r.access == Access::Public ? "public" : (r.access == Access::Staff ? "staff" : "tenant");
        out.append(QJsonObject {
            { QStringLiteral("method"), r.method },
            { QStringLiteral("path"), r.pattern },
            { QStringLiteral("access"), QLatin1String(access) },
            { QStringLiteral("permission"), r.permission ? QJsonValue(Core::toString(*r.permission)) : QJsonValue() },
            { QStringLiteral("mutation"), r.mutation },
        });
    }
    return ok({ { QStringLiteral("routes"), out } });
}

} // namespace

void registerFeedRoutes(ServerContext &ctx, V1Services &svc)
{
    addRoute(ctx, svc,
             { Method::Get, QStringLiteral("/v1/changes"), Access::Staff, Permission::ViewAll, false, {}, changes });
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/routes"), Access::Staff, std::nullopt, false, routes, {} });
}

} // namespace Keydesk::Server::V1
