#include "server/http/JsonBody.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

int httpStatusFor(const Error &error)
{
    if (error.code == BodyError::PayloadTooLarge)
        return 413;
    if (error.code == BodyError::InvalidJson || error.code == BodyError::TooManyItems
        || error.code == BodyError::WrongType || error.code == BodyError::Missing
        || error.code == BodyError::InvalidValue)
        return 400;
    return 500;
}

namespace {

// Depth-first search for the first over-long array; returns its path.
std::optional<QString> findLongArray(const QJsonValue &value, const QString &path)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.size() > kMaxArrayItems)
            return path.isEmpty() ? QStringLiteral("(body)") : path;
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (auto found = findLongArray(array.at(i), QStringLiteral("%1[%2]").arg(path).arg(i)))
                return found;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString child = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
            if (auto found = findLongArray(it.value(), child))
                return found;
        }
    }
    return std::nullopt;
}

Error wrongType(const QString &prefix, const QString &field, const QString &expected, const QJsonValue &got)
{
    return Error::make(
        BodyError::WrongType,
        QStringLiteral("Field \"%1%2\" must be %3, not %4.").arg(prefix, field, expected, JsonFields::typeName(got)),
        prefix + field);
}

} // namespace

Result<QJsonObject> parseJsonObjectBody(const QByteArray &body)
{
    if (body.size() > kMaxBodyBytes)
        return Error::make(BodyError::PayloadTooLarge,
                           QStringLiteral("The request body is %1 bytes; the limit is %2 bytes (1 MB). Send smaller "
                                          "batches.")
                               .arg(body.size())
                               .arg(kMaxBodyBytes));
    if (body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::make(BodyError::InvalidJson,
                           QStringLiteral("The request body is not valid JSON (%1 at offset %2).")
                               .arg(parseError.errorString())
                               .arg(parseError.offset));
    if (!document.isObject())
        return Error::make(BodyError::InvalidJson, QStringLiteral("The request body must be a JSON object ({...})."));
    const QJsonObject object = document.object();
    if (auto path = findLongArray(object, QString()))
        return Error::make(BodyError::TooManyItems,
                           QStringLiteral("The array \"%1\" has more than %2 items; split the request.")
                               .arg(*path)
                               .arg(kMaxArrayItems),
                           *path);
    return object;
}

namespace JsonFields {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

Result<std::optional<QString>> optionalString(const QJsonObject &object, const QString &field, const QString &prefix)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<QString>();
    if (!value.isString())
        return wrongType(prefix, field, QStringLiteral("a string"), value);
    return std::optional<QString>(value.toString());
}

Result<QString> requiredString(const QJsonObject &object, const QString &field, const QString &prefix)
{
    auto r = optionalString(object, field, prefix);
    if (!r)
        return r.error();
    if (!r.value() || r.value()->isEmpty())
        return Error::make(BodyError::Missing, QStringLiteral("Field \"%1%2\" is required.").arg(prefix, field),
                           prefix + field);
    return *r.value();
}

Result<std::optional<QStringList>> optionalStringArray(const QJsonObject &object, const QString &field,
                                                       const QString &prefix)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<QStringList>();
    if (!value.isArray())
        return wrongType(prefix, field, QStringLiteral("an array of strings"), value);
    QStringList list;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return wrongType(prefix, QStringLiteral("%1[%2]").arg(field).arg(i), QStringLiteral("a string"),
                             array.at(i));
        list.append(array.at(i).toString());
    }
    return std::optional<QStringList>(list);
}

Result<std::optional<qint64>> optionalInteger(const QJsonObject &object, const QString &field, const QString &prefix)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    const double number = value.toDouble();
    if (!value.isDouble() || std::floor(number) != number || std::abs(number) > 9.0e15)
        return wrongType(prefix, field, QStringLiteral("a whole number"), value);
    return std::optional<qint64>(qint64(number));
}

Result<std::optional<QJsonArray>> optionalArray(const QJsonObject &object, const QString &field, const QString &prefix)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<QJsonArray>();
    if (!value.isArray())
        return wrongType(prefix, field, QStringLiteral("an array"), value);
    return std::optional<QJsonArray>(value.toArray());
}

Result<std::optional<QJsonObject>> optionalObject(const QJsonObject &object, const QString &field,
                                                  const QString &prefix)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<QJsonObject>();
    if (!value.isObject())
        return wrongType(prefix, field, QStringLiteral("an object"), value);
    return std::optional<QJsonObject>(value.toObject());
}

Result<std::optional<bool>> optionalBool(const QJsonObject &object, const QString &field, const QString &prefix)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<bool>();
    if (!value.isBool())
        return wrongType(prefix, field, QStringLiteral("true or false"), value);
    return std::optional<bool>(value.toBool());
}

} // namespace JsonFields

} // namespace Keydesk::Server
