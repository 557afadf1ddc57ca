#pragma once

#include "core/domain/FacilityZone.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Keydesk::Ui {

/// One field of an audited row that the action changed.
struct FieldChange
{
    enum class Kind { Added, Removed, Changed };
    QString field;
    Kind kind = Kind::Changed;
    QString before; ///< readable text; empty when added
    QString after; ///< readable text; empty when removed
};

/// The before/after JSON of an audit entry as a readable list of changed fields.
namespace AuditDiff {

/// Parses before_json/after_json text (null, empty or invalid text is an empty object).
QJsonObject parse(const QString &json);
/// Fields whose value differs, sorted by name; unchanged fields are left out. Instants (fields named *_at,
/// valid_from, valid_to holding unix ms) are shown in the facility's zone.
QList<FieldChange> diff(const QJsonObject &before, const QJsonObject &after, const Core::FacilityZone &zone);
/// A value as a person reads it: text as is, null as "—", objects and arrays as compact JSON.
QString readable(const QString &field, const QJsonValue &value, const Core::FacilityZone &zone);

} // namespace AuditDiff

} // namespace Keydesk::Ui
