#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace Keydesk::Server {

/// Request-body limits shared by every route (issue 4: "bodies over 1 MB → 413; arrays over 1000 items → 400").
inline constexpr qsizetype kMaxBodyBytes = 1024 * 1024;
inline constexpr qsizetype kMaxArrayItems = 1000;

/// Error codes produced by the helpers below; httpStatusFor() maps them (and any other Error) to a status.
namespace BodyError {
inline const QString PayloadTooLarge = QStringLiteral("payload_too_large");
inline const QString InvalidJson = QStringLiteral("invalid_json");
inline const QString TooManyItems = QStringLiteral("too_many_items");
inline const QString WrongType = QStringLiteral("wrong_type");
inline const QString Missing = QStringLiteral("missing_field");
inline const QString InvalidValue = QStringLiteral("invalid_value");
} // namespace BodyError

/// 413 for payload_too_large, 400 for the other body errors, 500 otherwise.
int httpStatusFor(const Core::Error &error);

/// Parses a request body as one JSON object. An empty body is `{}`. Refuses bodies over kMaxBodyBytes,
/// anything that is not an object, and any array (at any depth) longer than kMaxArrayItems; the error names
/// the offending field ("issue[2].macs").
Core::Result<QJsonObject> parseJsonObjectBody(const QByteArray &body);

/// Typed field readers over a parsed object. Each error names the field (with `prefix`, e.g. "issue[0].").
namespace JsonFields {
/// Absent or null → std::nullopt; a string → it; anything else is a wrong_type error.
Core::Result<std::optional<QString>> optionalString(const QJsonObject &object, const QString &field,
                                                    const QString &prefix = {});
Core::Result<QString> requiredString(const QJsonObject &object, const QString &field, const QString &prefix = {});
/// Absent or null → std::nullopt; an array of strings → them.
Core::Result<std::optional<QStringList>> optionalStringArray(const QJsonObject &object, const QString &field,
                                                             const QString &prefix = {});
/// An integral number (no fraction) → it.
Core::Result<std::optional<qint64>> optionalInteger(const QJsonObject &object, const QString &field,
                                                    const QString &prefix = {});
Core::Result<std::optional<QJsonArray>> optionalArray(const QJsonObject &object, const QString &field,
                                                      const QString &prefix = {});
Core::Result<std::optional<QJsonObject>> optionalObject(const QJsonObject &object, const QString &field,
                                                        const QString &prefix = {});
Core::Result<std::optional<bool>> optionalBool(const QJsonObject &object, const QString &field,
                                               const QString &prefix = {});
/// "a string" / "an array" / ... — for messages.
QString typeName(const QJsonValue &value);
} // namespace JsonFields

} // namespace Keydesk::Server
