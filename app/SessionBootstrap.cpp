#include "app/SessionBootstrap.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Keydesk::App::SessionBootstrap {

namespace {
Core::ApiError protocolError(const QString &message)
{
    Core::ApiError error;
    error.kind = Core::ApiErrorKind::Server;
    error.code = QStringLiteral("bad_response");
    error.message = message;
    return error;
}
} // namespace

QCoro::Task<Core::ApiResult<Ui::SessionInfo>> signIn(QPointer<Core::ApiClient> client, QString username,
                                                     QString password, bool embedded)
{
    if (!client)
        co_return protocolError(QCoreApplication::translate("SessionBootstrap", "The connection was closed."));
    auto session = co_await client->login(username, password);
    if (!session)
        co_return session.error();
    if (!client)
        co_return protocolError(QCoreApplication::translate("SessionBootstrap", "The connection was closed."));
    Ui::SessionInfo info;
    info.serverUrl = client->baseUrl();
    info.embedded = embedded;
    info.username = session->username.isEmpty() ? username : session->username;
    info.staffId = session->staffId;
    const Core::Result<Core::StaffRole> role = Core::roleFromString(session->role);
    if (!role)
        co_return protocolError(QCoreApplication::translate("SessionBootstrap",
                                                            "The server gave the role \"%1\", which this version of "
                                                            "Keydesk does not know; update Keydesk.")
                                    .arg(session->role));
    info.role = role.value();

    Core::ApiRequest request;
    request.path = QStringLiteral("/v1/facilities");
    auto facilities = co_await client->send(std::move(request));
    if (!facilities)
        co_return facilities.error();
    co_return applyFacilities(std::move(info), facilities->json);
}

Core::ApiResult<Ui::SessionInfo> applyFacilities(Ui::SessionInfo info, const QJsonObject &json)
{
    const QJsonArray list = json.value(QStringLiteral("facilities")).toArray();
    if (list.isEmpty())
        return protocolError(QCoreApplication::translate("SessionBootstrap",
                                                         "The server has no facility for this company; ask its "
                                                         "administrator to create one."));
    const QJsonObject facility = list.first().toObject();
    info.facilityId = facility.value(QStringLiteral("id")).toString();
    info.facilityName = facility.value(QStringLiteral("name")).toString();
    info.facilityTimeZone = facility.value(QStringLiteral("timezone")).toString();
    return info;
}

Ui::FacilityCounts countsFrom(const QJsonObject &locks, const QJsonObject &users, const QJsonObject &keys)
{
    Ui::FacilityCounts counts;
    const QJsonArray lockList = locks.value(QStringLiteral("locks")).toArray();
    counts.locks = int(lockList.size());
    counts.lowBatteries = 0;
    for (const QJsonValue &lock : lockList) {
        const QJsonValue mv = lock.toObject().value(QStringLiteral("internal_battery_mv"));
        if (mv.isDouble() && mv.toInt() > 0 && mv.toInt() < kLowBatteryMillivolts)
            ++counts.lowBatteries;
    }
    counts.users = int(users.value(QStringLiteral("users")).toArray().size());
    const QJsonArray keyList = keys.value(QStringLiteral("keys")).toArray();
    counts.keys = int(keyList.size());
    counts.activeKeys = 0;
    for (const QJsonValue &key : keyList) {
        if (key.toObject()
                .value(QStringLiteral("status"))
                .toString()
                .compare(QLatin1String("active"), Qt::CaseInsensitive)
            == 0)
            ++counts.activeKeys;
    }
    return counts;
}

} // namespace Keydesk::App::SessionBootstrap
