#pragma once

#include "core/domain/Result.h"
#include "server/v1/V1Api.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <optional>

namespace Keydesk::Server::V1 {

/// Maps an error to its status: not_found 404, forbidden 403, conflicts 409, input errors (a field, or a known
/// validation code) 400, anything else (storage) 500 without internals.
HttpResponse fail(const Core::Error &error);

/// The shape of every /v1 list route: {key: [rowJson(row), ...]} from a query's rows, or its storage error.
HttpResponse listResponse(Core::Result<QSqlQuery> query, const QString &key,
                          const std::function<QJsonObject(const QSqlQuery &)> &rowJson);

/// A not_found error for `what`/`id` (fail() answers 404).
Core::Error notFoundError(const QString &what, const QString &id);

/// The facility a new object goes to: the given id (checked to be the caller's company), or the company's only
/// facility when none is given. Errors name the field "facility_id".
Core::Result<QString> resolveFacility(const Call &call, const std::optional<QString> &facilityId);

/// True when the object of `table` with `id` belongs to the caller's company (through its facility).
/// Tables: facilities, units, locks, users, user_groups, lock_groups, keys.
Core::Result<bool> inCompany(const Call &call, const QString &table, const QString &id);

/// The facility's IANA zone id.
Core::Result<QString> facilityTimezone(const Call &call, const QString &facilityId);

/// Reads one row as a JSON object: every column by name; columns named *_at, valid_from/valid_to become
/// instants; *_json columns are parsed.
QJsonObject rowJson(const QSqlQuery &query);

/// A text value for a NOT NULL column: QtSql binds a null QString as NULL, so null becomes "".
inline QVariant textValue(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

/// Reads an optional JSON number field.
Core::Result<std::optional<double>> optionalNumber(const QJsonObject &body, const QString &field);

} // namespace Keydesk::Server::V1
