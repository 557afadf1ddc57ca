// Users (tenants, shared users, contractors): list, get, create, edit, and the tenant's mobile credential.
#include "core/domain/AccessDecision.h"
#include "server/ServerContext.h"
#include "server/auth/SessionToken.h"
#include "server/v1/KeyService.h"
#include "server/v1/V1Common.h"
#include "server/v1/V1RouteGroups.h"
#include "server/v1/V1Services.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <openssl/rand.h>

namespace Keydesk::Server::V1 {

using Core::Error;
using Core::Permission;
using Core::Result;
using Method = QHttpServerRequest::Method;

namespace {

const QString kUserColumns = QStringLiteral(
    "u.id, u.facility_id, u.name, u.email, u.phone, u.kind, u.status, u.tracking_key, u.offline_epoch, u.created_at, "
    "(u.mobile_secret_hash IS NOT NULL) AS has_mobile_credential, u.revision");

QJsonObject userJson(const QSqlQuery &q)
{
    QJsonObject o = rowJson(q);
    o.insert(QStringLiteral("has_mobile_credential"), q.value(10).toInt() != 0);
    return o;
}

Result<QJsonObject> loadUser(const Call &call, const QString &id)
{
    auto q = call.ctx.db.exec(QStringLiteral("SELECT %1 FROM users u JOIN facilities f ON f.id = u.facility_id WHERE "
                                             "u.id = ? AND f.company_id = ?")
                                  .arg(kUserColumns),
                              { id, call.principal.companyId });
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFoundError(QStringLiteral("user"), id);
    return userJson(q.value());
}

/// SQLite binds a null QString as NULL; the text columns are NOT NULL DEFAULT ''.
QVariant text(const QVariant &v)
{
    const QString s = v.toString();
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QString randomToken(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(random.data()), bytes) != 1)
        return {};
    return QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

/// Reads the editable fields into `values` (column → value); only fields present in the body.
Result<void> readUserFields(const QJsonObject &body, bool create, QVariantMap *values)
{
    static const QRegularExpression emailPattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    static const QRegularExpression phonePattern(QStringLiteral("^\\+?[0-9 ()-]{6,20}$"));
    static const QRegularExpression trackingPattern(QStringLiteral("^[A-Za-z0-9._:@-]{4,128}$"));
    if (create || body.contains(QStringLiteral("name"))) {
        auto name = requiredString(body, QStringLiteral("name"));
        if (!name)
            return name.error();
        values->insert(QStringLiteral("name"), *name);
    }
    struct Checked
    {
        const char *field;
        const QRegularExpression *pattern;
        const char *hint;
    };
    const Checked checked[] = { { "email", &emailPattern, "an e-mail address like name@example.com" },
                                { "phone", &phonePattern, "a phone number like +49 30 1234567" },
                                { "tracking_key", &trackingPattern,
                                  "4 to 128 letters, digits or . _ : @ - (the user's identifier on the locks)" } };
    for (const Checked &c : checked) {
        const QString field = QString::fromLatin1(c.field);
        if (!body.contains(field))
            continue;
        auto v = optionalString(body, field);
        if (!v)
            return v.error();
        const QString text = v->value_or(QString()).trimmed();
        if (field == QLatin1String("tracking_key") && text.isEmpty())
            continue; // generated
        if (!text.isEmpty() && !c.pattern->match(text).hasMatch())
            return Error::make(QStringLiteral("invalid_value"),
                               QStringLiteral("\"%1\" is not valid: use %2.").arg(field, QLatin1String(c.hint)), field);
        values->insert(field, text);
    }
    if (create || body.contains(QStringLiteral("kind"))) {
        auto kind = optionalString(body, QStringLiteral("kind"));
        if (!kind)
            return kind.error();
        const QString k = kind->value_or(QStringLiteral("tenant"));
        if (k != QLatin1String("tenant") && k != QLatin1String("shared") && k != QLatin1String("contractor"))
            return Error::make(QStringLiteral("invalid_value"),
                               QStringLiteral("\"kind\" is \"%1\"; use tenant, shared or contractor.").arg(k.left(40)),
                               QStringLiteral("kind"));
        values->insert(QStringLiteral("kind"), k);
    }
    if (create || body.contains(QStringLiteral("status"))) {
        auto status = optionalString(body, QStringLiteral("status"));
        if (!status)
            return status.error();
        auto state = Core::userStateFromString(status->value_or(QStringLiteral("active")));
        if (!state)
            return Error::make(QStringLiteral("invalid_value"), state.error().message, QStringLiteral("status"));
        values->insert(QStringLiteral("status"), Core::toString(*state));
    }
    return {};
}

Result<void> checkTrackingKeyFree(const Call &call, const QString &trackingKey, const QString &exceptId)
{
    auto v = call.ctx.db.scalar(QStringLiteral("SELECT id FROM users WHERE tracking_key = ? AND id <> ?"),
                                { trackingKey, textValue(exceptId) }); // NULL would match nothing
    if (!v)
        return v.error();
    if (!v->isNull())
        return Error::make(QStringLiteral("conflict"),
                           QStringLiteral("The tracking key \"%1\" is already used by another user; choose another "
                                          "or leave it empty to generate one.")
                               .arg(trackingKey),
                           QStringLiteral("tracking_key"));
    return {};
}

HttpResponse listUsers(Call &call)
{
    QString sql = QStringLiteral("SELECT %1 FROM users u JOIN facilities f ON f.id = u.facility_id WHERE f.company_id "
                                 "= ?")
                      .arg(kUserColumns);
    QVariantList b { call.principal.companyId };
    for (const char *column : { "facility_id", "kind", "status", "tracking_key" }) {
        const QString v = call.query(QString::fromLatin1(column));
        if (!v.isEmpty()) {
            sql += QStringLiteral(" AND u.%1 = ?").arg(QLatin1String(column));
            b.append(v);
        }
    }
    if (const QString v = call.query(QStringLiteral("q")); !v.isEmpty()) {
        sql += QStringLiteral(" AND (u.name LIKE ? OR u.email LIKE ?)");
        const QString like = QLatin1Char('%') + v + QLatin1Char('%');
        b.append(like);
        b.append(like);
    }
    auto q = call.ctx.db.exec(sql + QStringLiteral(" ORDER BY u.name"), b);
    return listResponse(std::move(q), QStringLiteral("users"), userJson);
}

HttpResponse getUser(Call &call)
{
    auto u = loadUser(call, call.param(QStringLiteral("id")));
    if (!u)
        return fail(u.error());
    return ok({ { QStringLiteral("user"), *u } });
}

HttpResponse createUser(Call &call)
{
    auto facilityArg = optionalString(call.body, QStringLiteral("facility_id"));
    if (!facilityArg)
        return fail(facilityArg.error());
    auto facility = resolveFacility(call, *facilityArg);
    if (!facility)
        return fail(facility.error());
    QVariantMap v;
    if (auto r = readUserFields(call.body, true, &v); !r)
        return fail(r.error());
    QString tracking = v.value(QStringLiteral("tracking_key")).toString();
    if (tracking.isEmpty())
        tracking = QStringLiteral("tk_") + randomToken(12);
    if (auto free = checkTrackingKeyFree(call, tracking, QString()); !free)
        return fail(free.error());
    const QString id = newId();
    auto r = call.ctx.db.exec(QStringLiteral("INSERT INTO users(id, facility_id, name, email, phone, kind, status, "
                                             "tracking_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              { id, *facility, v.value(QStringLiteral("name")), text(v.value(QStringLiteral("email"))),
                                text(v.value(QStringLiteral("phone"))), v.value(QStringLiteral("kind")),
                                v.value(QStringLiteral("status")), tracking, call.nowMs() });
    if (!r)
        return fail(r.error());
    auto after = loadUser(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("user.create"), QStringLiteral("users"), id, QJsonValue(), *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("user"), *after } }, 201);
}

HttpResponse updateUser(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto before = loadUser(call, id);
    if (!before)
        return fail(before.error());
    QVariantMap v;
    if (auto r = readUserFields(call.body, false, &v); !r)
        return fail(r.error());
    if (v.contains(QStringLiteral("tracking_key"))) {
        if (auto free = checkTrackingKeyFree(call, v.value(QStringLiteral("tracking_key")).toString(), id); !free)
            return fail(free.error());
    }
    for (auto it = v.cbegin(); it != v.cend(); ++it) {
        if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE users SET %1 = ? WHERE id = ?").arg(it.key()),
                                      { text(it.value()), id });
            !r)
            return fail(r.error());
    }
    // Delinquency, suspension or a new tracking key end the user's offline keys at once (DESIGN.md).
    const bool statusWorse = v.contains(QStringLiteral("status"))
        && v.value(QStringLiteral("status")).toString() != QLatin1String("active")
        && v.value(QStringLiteral("status")) != before->value(QStringLiteral("status")).toString();
    const bool newTracking = v.contains(QStringLiteral("tracking_key"))
        && v.value(QStringLiteral("tracking_key")).toString()
            != before->value(QStringLiteral("tracking_key")).toString();
    if (statusWorse || newTracking) {
        if (auto r = Revocations::invalidateUser(call.ctx.db, call.ctx.clock, id); !r)
            return fail(r.error());
    }
    auto after = loadUser(call, id);
    if (!after)
        return fail(after.error());
    if (auto a = call.audit(QStringLiteral("user.update"), QStringLiteral("users"), id, *before, *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("user"), *after } });
}

HttpResponse issueMobileCredential(Call &call)
{
    const QString id = call.param(QStringLiteral("id"));
    auto before = loadUser(call, id);
    if (!before)
        return fail(before.error());
    const QString secret = QStringLiteral("kdt_") + randomToken(32);
    if (secret.size() < 20)
        return fail(Error::make(QStringLiteral("rng"), QStringLiteral("random generator failed")));
    if (auto r = call.ctx.db.exec(QStringLiteral("UPDATE users SET mobile_secret_hash = ? WHERE id = ?"),
                                  { SessionToken::hashToken(secret), id });
        !r)
        return fail(r.error());
    auto after = loadUser(call, id);
    if (!after)
        return fail(after.error());
    // The secret itself never reaches the audit log or the database.
    if (auto a = call.audit(QStringLiteral("user.mobile_credential"), QStringLiteral("users"), id, *before, *after); !a)
        return fail(a.error());
    return ok({ { QStringLiteral("user"), *after }, { QStringLiteral("credential"), secret } }, 201);
}

} // namespace

void registerUserRoutes(ServerContext &ctx, V1Services &svc)
{
    const auto staff = Access::Staff;
    addRoute(ctx, svc, { Method::Get, QStringLiteral("/v1/users"), staff, Permission::ViewAll, false, listUsers, {} });
    addRoute(ctx, svc,
             { Method::Post, QStringLiteral("/v1/users"), staff, Permission::ManageUsers, true, createUser, {} });
    addRoute(ctx, svc,
             { Method::Get, QStringLiteral("/v1/users/{id}"), staff, Permission::ViewAll, false, getUser, {} });
    addRoute(ctx, svc,
             { Method::Patch, QStringLiteral("/v1/users/{id}"), staff, Permission::ManageUsers, true, updateUser, {} });
    addRoute(ctx, svc,
             { Method::Post,
               QStringLiteral("/v1/users/{id}/mobile-credential"),
               staff,
               Permission::ManageUsers,
               true,
               issueMobileCredential,
               {} });
}

} // namespace Keydesk::Server::V1
