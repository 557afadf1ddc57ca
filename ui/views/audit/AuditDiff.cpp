#include "ui/views/audit/AuditDiff.h"

#include "core/models/ModelText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace Keydesk::Ui::AuditDiff {

QJsonObject parse(const QString &json)
{
    if (json.trimmed().isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    return doc.isObject() ? doc.object() : QJsonObject();
}

QString readable(const QString &field, const QJsonValue &value, const Core::FacilityZone &zone)
{
    const bool instant = field.endsWith(QLatin1String("_at")) || field == QLatin1String("valid_from")
        || field == QLatin1String("valid_to");
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("—");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        if (instant && value.toDouble() > 1e11)
            return Core::ModelText::instant(zone, value.toInteger());
        return value.toVariant().toString();
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QList<FieldChange> diff(const QJsonObject &before, const QJsonObject &after, const Core::FacilityZone &zone)
{
    QStringList fields = before.keys() + after.keys();
    std::sort(fields.begin(), fields.end());
    fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
    QList<FieldChange> out;
    for (const QString &f : std::as_const(fields)) {
        const bool had = before.contains(f);
        const bool has = after.contains(f);
        if (had && has && before.value(f) == after.value(f))
            continue;
        FieldChange c;
        c.field = f;
        c.kind = !had ? FieldChange::Kind::Added : (!has ? FieldChange::Kind::Removed : FieldChange::Kind::Changed);
        if (had)
            c.before = readable(f, before.value(f), zone);
        if (has)
            c.after = readable(f, after.value(f), zone);
        out.append(c);
    }
    return out;
}

} // namespace Keydesk::Ui::AuditDiff
