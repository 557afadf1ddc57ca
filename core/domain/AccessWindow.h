#pragma once

#include "core/domain/FacilityZone.h"
#include "core/domain/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>

#include <cstdint>

namespace Keydesk::Core {

/// A set of days of the week, Monday..Sunday, as a bit set (bit 0 = Monday).
class Weekdays final
{
public:
    constexpr Weekdays() = default;
    /// From a bit mask (bit 0 = Monday ... bit 6 = Sunday); higher bits are dropped.
    static constexpr Weekdays fromMask(int mask) { return Weekdays(std::uint8_t(mask & 0x7f)); }
    static Weekdays fromList(const QList<Qt::DayOfWeek> &days);
    static constexpr Weekdays everyDay() { return fromMask(0x7f); }
    static constexpr Weekdays mondayToFriday() { return fromMask(0x1f); }

    constexpr int mask() const { return m_bits; }
    constexpr bool isEmpty() const { return m_bits == 0; }
    constexpr bool contains(Qt::DayOfWeek day) const { return (m_bits >> (int(day) - 1)) & 1; }
    constexpr bool contains(int isoDay) const { return isoDay >= 1 && isoDay <= 7 && ((m_bits >> (isoDay - 1)) & 1); }
    constexpr Weekdays &add(Qt::DayOfWeek day)
    {
        m_bits = std::uint8_t(m_bits | (1 << (int(day) - 1)));
        return *this;
    }
    QList<Qt::DayOfWeek> toList() const;

    /// "Mon–Fri", "Sat, Sun", "Mon, Wed–Fri", "every day", "no days" (short day names of the default locale).
    QString describe() const;

    friend constexpr bool operator==(Weekdays, Weekdays) = default;

private:
    explicit constexpr Weekdays(std::uint8_t bits)
        : m_bits(bits)
    { }

    std::uint8_t m_bits = 0;
};

/// A weekly access window in facility wall-clock time. end <= start means it crosses midnight and ends on
/// the next day (22:00–02:00); end == start is not allowed (validateWindows()).
struct AccessWindow
{
    Weekdays days;
    QTime start;
    QTime end;

    bool crossesMidnight() const { return end <= start; }
    /// "Mon–Fri 08:00–17:00"
    QString describe() const;

    friend bool operator==(const AccessWindow &, const AccessWindow &) = default;
};

/// A half-open span of time [start, end), in UTC.
struct Interval
{
    QDateTime start;
    QDateTime end;

    bool contains(const QDateTime &t) const { return start <= t && t < end; }
    bool isEmpty() const { return !(start < end); }
    friend bool operator==(const Interval &, const Interval &) = default;
};

/// Checks each window (whole minutes, at least one day, start != end) and that no two windows of a key
/// overlap in the weekly wall-clock schedule. Error codes: window_time_invalid, window_no_days,
/// window_empty, window_overlap (names both windows and where they overlap). The field is "windows[i]".
Result<void> validateWindows(const QList<AccessWindow> &windows);

/// Describes a schedule: "Mon–Fri 08:00–17:00, Sat 10:00–12:00".
QString describeWindows(const QList<AccessWindow> &windows);

// ---- Occurrences in real time ------------------------------------------------------------------------
//
// An occurrence of a window on facility date d is the UTC span
//     [ zone.boundaryToUtc(d, start), zone.boundaryToUtc(end date, end) )
// where the end date is d, or d + 1 when the window crosses midnight. Consequences, by design:
//  * DST gap: a boundary inside the gap falls on the transition instant, so the occurrence is shorter by
//    the part of the window the clocks skipped (02:00–03:00 on a New York spring-forward night is empty;
//    01:30–02:30 lasts 30 minutes).
//  * DST overlap: a boundary inside the overlap is its first occurrence (as FacilityZone::toUtc), so an
//    occurrence never stretches by the repeated hour: 01:00–01:30 on a fall-back night lasts 30 minutes,
//    during the first 01:00–01:30 (daylight time).

/// The occurrences of the windows that intersect [fromUtc, toUtc), sorted by start. Occurrences are not
/// clipped to the range (a lock needs their real ends) and empty ones (wholly inside a DST gap) are left out.
QList<Interval> windowIntervals(const QList<AccessWindow> &windows, const FacilityZone &zone, const QDateTime &fromUtc,
                                const QDateTime &toUtc);

/// Whether the instant lies inside an occurrence of one of the windows. O(windows).
bool insideWindows(const QList<AccessWindow> &windows, const FacilityZone &zone, const QDateTime &at);

/// The first instant after `at` where insideWindows() changes value; invalid when it never changes (no
/// windows, or windows covering the whole week). O(windows); looks at most two weeks ahead, which is
/// enough because the schedule repeats weekly.
QDateTime nextWindowChange(const QList<AccessWindow> &windows, const FacilityZone &zone, const QDateTime &at);

/// The next occurrence start after `at` (for "opens next Thu 26 Nov 08:00"); invalid when none.
QDateTime nextWindowStart(const QList<AccessWindow> &windows, const FacilityZone &zone, const QDateTime &at);

} // namespace Keydesk::Core
