#pragma once

#include "core/domain/FacilityZone.h"

#include <QDateTime>
#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLabel;
class QTimeEdit;

namespace Keydesk::Ui {

class FieldErrorLabel;

/// Start and end of a key's validity as date and time pickers showing facility wall time, with the zone
/// shown, a "No end date" choice and a note when a chosen time falls in a DST gap or overlap. Converts with
/// Core::FacilityZone::toUtc(). Error labels "validFromError" / "validToError" sit next to the pickers.
class ValidityEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ValidityEditor)

public:
    explicit ValidityEditor(const Core::FacilityZone &zone, QWidget *parent = nullptr);

    /// Shows the instants (UTC) as facility wall time; an invalid `toUtc` ticks "No end date".
    void setRange(const QDateTime &fromUtc, const QDateTime &toUtc);
    /// The chosen start, in UTC.
    QDateTime validFrom() const;
    /// The chosen end, in UTC; invalid when "No end date" is ticked.
    QDateTime validTo() const;

    void setFromError(const QString &message);
    void setToError(const QString &message);

    /// What a person should know about a wall time in the zone: empty for an ordinary time, else how the
    /// DST gap or overlap it falls in is resolved (FacilityZone::resolve()/toUtc()).
    static QString wallTimeNote(const Core::FacilityZone &zone, QDate date, QTime time);

    QWidget *firstFocusWidget() const;
    QWidget *lastFocusWidget() const;

Q_SIGNALS:
    void changed();

private:
    void refreshNotes();

    Core::FacilityZone m_zone;
    // The instants given to setRange() and the wall times they were shown as: while the pickers still show
    // those, validFrom()/validTo() return the instants unchanged (the second 02:30 of a fall-back night would
    // otherwise come back as the first).
    QDateTime m_fromGiven;
    QDateTime m_fromGivenWall;
    QDateTime m_toGiven;
    QDateTime m_toGivenWall;
    QDateEdit *m_fromDate = nullptr;
    QTimeEdit *m_fromTime = nullptr;
    QDateEdit *m_toDate = nullptr;
    QTimeEdit *m_toTime = nullptr;
    QCheckBox *m_noEnd = nullptr;
    QLabel *m_zoneLabel = nullptr;
    QLabel *m_fromNote = nullptr;
    QLabel *m_toNote = nullptr;
    FieldErrorLabel *m_fromError = nullptr;
    FieldErrorLabel *m_toError = nullptr;
};

} // namespace Keydesk::Ui
