#pragma once

#include "core/client/ApiClient.h"
#include "core/domain/Battery.h"
#include "ui/startup/SessionInfo.h"
#include "ui/status/ConnectionStatus.h"

#include <QPointer>
#include <QString>
#include <qcoro/qcorotask.h>

namespace Keydesk::App {

/// After the HTTP sign-in, what the window needs: the staff member's role and the facility's name and zone.
/// The same calls for the embedded and a remote server (one data path).
namespace SessionBootstrap {

/// POST /v1/login, then GET /v1/facilities. The client keeps the token. A null client ends with a Server error.
QCoro::Task<Core::ApiResult<Ui::SessionInfo>> signIn(QPointer<Core::ApiClient> client, QString username,
                                                     QString password, bool embedded);

/// Parses the facilities answer into `info` (the first facility; a company has at least one).
Core::ApiResult<Ui::SessionInfo> applyFacilities(Ui::SessionInfo info, const QJsonObject &json);

/// Below this internal battery voltage a lock is counted as low: the Locks view's threshold, so the status bar,
/// the dashboard and the Locks view agree.
inline constexpr int kLowBatteryMillivolts = Core::Battery::kLowMv;

/// The counts from GET /v1/locks, /v1/users and /v1/keys answers.
Ui::FacilityCounts countsFrom(const QJsonObject &locks, const QJsonObject &users, const QJsonObject &keys);

} // namespace SessionBootstrap

} // namespace Keydesk::App
