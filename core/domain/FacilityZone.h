#pragma once

#include "core/domain/Result.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>
#include <QTimeZone>

namespace Keydesk::Core {

/// How one facility wall-clock time maps onto UTC: once, never (DST gap) or twice (DST overlap).
struct WallTimeResolution
{
    enum Kind { Unique, InGap, InOverlap };
    Kind kind = Unique;
    /// Unique: the instant. InGap: the transition instant (where the gap is, in UTC: the first instant
    /// whose wall time is after the missing one). InOverlap: the first occurrence.
    QDateTime earlier;
    /// Unique: same as earlier. InGap: the wall time read with the offset in force before the gap,
    /// i.e. shifted forward by the gap length. InOverlap: the second occurrence.
    QDateTime later;
};

/// A facility's IANA time zone, with explicit, documented rules for wall times in DST gaps and overlaps.
///
/// Qt 6.4 has no QDateTime::TransitionResolution, and its implicit choice is not documented as stable, so
/// every wall-clock → UTC conversion in Keydesk goes through this class.
class FacilityZone final
{
public:
    /// UTC. Only so the type can live in containers and structs; real facilities use fromIanaId().
    FacilityZone();

    /// "Europe/Berlin", "America/New_York", ... An unknown id is an error that names it.
    static Result<FacilityZone> fromIanaId(const QString &ianaId);

    QString id() const { return m_id; }
    const QTimeZone &zone() const { return m_zone; }
    /// For messages: the IANA id, e.g. "Europe/Berlin".
    QString describe() const { return m_id; }

    /// All the ways the wall time (date, time) maps to UTC.
    WallTimeResolution resolve(QDate date, QTime time) const;

    /// Facility wall time → UTC instant.
    ///  * DST gap (the wall time does not exist, e.g. 02:30 on a spring-forward night in New York): the
    ///    instant the same time after the gap starts, i.e. shifted forward by the gap length (02:30 → 03:30
    ///    EDT), as if read on a clock that was not set forward. A validity range typed for 02:30 then
    ///    starts neither early nor at an arbitrary point, and the mapping never fails.
    ///  * DST overlap (the wall time exists twice, e.g. 01:30 on a fall-back night): the EARLIER (first)
    ///    occurrence. A key that "starts at 01:30" is then usable from the first moment a clock on the
    ///    wall shows 01:30, and one that "ends at 01:30" never lasts an extra hour the admin did not see.
    /// An invalid date or time gives an invalid QDateTime.
    QDateTime toUtc(QDate date, QTime time) const;

    /// Like toUtc(), but a wall time in a DST gap maps to the transition instant (the first existing wall
    /// time after it). Used for window boundaries and day starts: it is monotonic in the wall time, so a
    /// window 01:30–02:30 on a spring-forward night really ends when the clock jumps to 03:00 (it is
    /// shorter), and a window entirely inside the gap is empty.
    QDateTime boundaryToUtc(QDate date, QTime time) const;

    /// UTC instant → facility wall time (a QDateTime in zone()).
    QDateTime toLocal(const QDateTime &utc) const;
    /// The facility calendar date at the instant.
    QDate localDate(const QDateTime &utc) const;
    /// The first instant of the facility day (midnight, or the transition when midnight is in a gap).
    QDateTime startOfDay(QDate date) const;
    /// The exclusive end of the facility day: the start of the next day.
    QDateTime endOfDay(QDate date) const;

    /// An instant for people: "Thu 26 Nov 08:00 (Europe/Berlin)"; the year is added when it differs from
    /// the local year of `relativeTo` (or always, when relativeTo is invalid).
    QString describeInstant(const QDateTime &utc, const QDateTime &relativeTo = {}) const;

    /// Offset from UTC in seconds at the instant given as milliseconds since the epoch.
    int offsetAtMSecs(qint64 utcMSecs) const;

    friend bool operator==(const FacilityZone &a, const FacilityZone &b) { return a.m_id == b.m_id; }

private:
    FacilityZone(QString id, QTimeZone zone);

    QString m_id;
    QTimeZone m_zone;
};

} // namespace Keydesk::Core
