#include "core/domain/AccessWindow.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <optional>

namespace Keydesk::Core {

namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;
// How far ahead nextWindowChange()/nextWindowStart() look: two weeks is more than one full period of the
// weekly schedule, even when a DST gap empties one occurrence.
constexpr int kLookAheadDays = 16;

QString tr(const char *text)
{
    return QCoreApplication::translate("Keydesk::Core::AccessWindow", text);
}

QString dash()
{
    return QString(QChar(0x2013)); // en dash, as in "Mon–Fri" and "08:00–17:00"
}

QString shortDayName(int isoDay)
{
    return QLocale().dayName(isoDay, QLocale::ShortFormat);
}

int minuteOfDay(QTime t)
{
    return t.hour() * 60 + t.minute();
}

QString hhmm(int minuteOfDayValue)
{
    const int m = ((minuteOfDayValue % kMinutesPerDay) + kMinutesPerDay) % kMinutesPerDay;
    return QStringLiteral("%1:%2").arg(m / 60, 2, 10, QLatin1Char('0')).arg(m % 60, 2, 10, QLatin1Char('0'));
}

int durationMinutes(const AccessWindow &w)
{
    const int d = minuteOfDay(w.end) - minuteOfDay(w.start);
    return d > 0 ? d : d + kMinutesPerDay;
}

// The window's weekly spans in minutes since Monday 00:00; a span past Sunday midnight wraps to Monday.
struct WeekSpan
{
    int start;
    int end;
};

QList<WeekSpan> weekSpans(const AccessWindow &w)
{
    QList<WeekSpan> spans;
    const int duration = durationMinutes(w);
    for (int day = 1; day <= 7; ++day) {
        if (!w.days.contains(day))
            continue;
        const int s = (day - 1) * kMinutesPerDay + minuteOfDay(w.start);
        const int e = s + duration;
        spans.append({ s, std::min(e, kMinutesPerWeek) });
        if (e > kMinutesPerWeek)
            spans.append({ 0, e - kMinutesPerWeek });
    }
    return spans;
}

std::optional<WeekSpan> firstOverlap(const AccessWindow &a, const AccessWindow &b)
{
    std::optional<WeekSpan> first;
    const QList<WeekSpan> spansA = weekSpans(a);
    const QList<WeekSpan> spansB = weekSpans(b);
    for (const WeekSpan &x : spansA) {
        for (const WeekSpan &y : spansB) {
            const int s = std::max(x.start, y.start);
            const int e = std::min(x.end, y.end);
            if (s < e && (!first || s < first->start))
                first = WeekSpan { s, e };
        }
    }
    return first;
}

QString fieldFor(qsizetype index)
{
    return QStringLiteral("windows[%1]").arg(index);
}

bool isWholeMinute(QTime t)
{
    return t.isValid() && t.second() == 0 && t.msec() == 0;
}

// The occurrence of `w` that starts on facility date `day` (the caller checked the weekday).
Interval occurrence(const AccessWindow &w, const FacilityZone &zone, QDate day)
{
    const QDate endDay = w.crossesMidnight() ? day.addDays(1) : day;
    return { zone.boundaryToUtc(day, w.start), zone.boundaryToUtc(endDay, w.end) };
}

template <typename Fn>
void forEachOccurrenceOn(const QList<AccessWindow> &windows, const FacilityZone &zone, QDate day, Fn &&fn)
{
    const int isoDay = day.dayOfWeek();
    for (const AccessWindow &w : windows) {
        if (!w.days.contains(isoDay))
            continue;
        const Interval occ = occurrence(w, zone, day);
        if (!occ.isEmpty())
            fn(occ);
    }
}

// Given every occurrence that can start before `horizon`, the first instant after `at` where membership
// changes, if it lies before the horizon (an occurrence starting at or after the horizon could still
// extend the union exactly there).
QDateTime firstChangeBefore(QList<Interval> occurrences, const QDateTime &at, const QDateTime &horizon)
{
    std::sort(occurrences.begin(), occurrences.end(),
              [](const Interval &a, const Interval &b) { return a.start < b.start; });
    qsizetype i = 0;
    while (i < occurrences.size()) {
        // Merge touching and overlapping occurrences into one span of "inside".
        QDateTime start = occurrences[i].start;
        QDateTime end = occurrences[i].end;
        ++i;
        while (i < occurrences.size() && occurrences[i].start <= end) {
            end = std::max(end, occurrences[i].end);
            ++i;
        }
        QDateTime change;
        if (start > at)
            change = start;
        else if (end > at)
            change = end;
        else
            continue;
        return change < horizon ? change : QDateTime();
    }
    return {};
}

} // namespace

Weekdays Weekdays::fromList(const QList<Qt::DayOfWeek> &days)
{
    Weekdays result;
    for (const Qt::DayOfWeek day : days) {
        if (int(day) >= 1 && int(day) <= 7)
            result.add(day);
    }
    return result;
}

QList<Qt::DayOfWeek> Weekdays::toList() const
{
    QList<Qt::DayOfWeek> days;
    for (int day = 1; day <= 7; ++day) {
        if (contains(day))
            days.append(Qt::DayOfWeek(day));
    }
    return days;
}

QString Weekdays::describe() const
{
    if (m_bits == 0x7f)
        return tr("every day");
    if (m_bits == 0)
        return tr("no days");
    QStringList parts;
    int day = 1;
    while (day <= 7) {
        if (!contains(day)) {
            ++day;
            continue;
        }
        int last = day;
        while (last < 7 && contains(last + 1))
            ++last;
        // Runs of three or more read as a range; two days read better as a list ("Sat, Sun").
        if (last - day >= 2) {
            parts.append(shortDayName(day) + dash() + shortDayName(last));
        } else {
            for (int d = day; d <= last; ++d)
                parts.append(shortDayName(d));
        }
        day = last + 1;
    }
    return parts.join(QStringLiteral(", "));
}

QString AccessWindow::describe() const
{
    return QStringLiteral("%1 %2%3%4")
        .arg(days.describe(), start.toString(QStringLiteral("HH:mm")), dash(), end.toString(QStringLiteral("HH:mm")));
}

QString describeWindows(const QList<AccessWindow> &windows)
{
    QStringList parts;
    parts.reserve(windows.size());
    for (const AccessWindow &w : windows)
        parts.append(w.describe());
    return parts.join(QStringLiteral(", "));
}

Result<void> validateWindows(const QList<AccessWindow> &windows)
{
    for (qsizetype i = 0; i < windows.size(); ++i) {
        const AccessWindow &w = windows[i];
        if (!isWholeMinute(w.start) || !isWholeMinute(w.end)) {
            return Error::make(QStringLiteral("window_time_invalid"),
                               tr("Window %1 has a missing or invalid start or end time. Use whole minutes, such as "
                                  "08:00 or 17:30.")
                                   .arg(i + 1),
                               fieldFor(i));
        }
        if (w.days.isEmpty()) {
            return Error::make(QStringLiteral("window_no_days"),
                               tr("Window %1 (%2) applies to no day. Choose at least one day of the week.")
                                   .arg(i + 1)
                                   .arg(w.describe()),
                               fieldFor(i));
        }
        if (w.start == w.end) {
            return Error::make(QStringLiteral("window_empty"),
                               tr("Window %1 (%2) starts and ends at the same time. Choose an end time after the "
                                  "start; an end before the start makes the window run past midnight.")
                                   .arg(i + 1)
                                   .arg(w.describe()),
                               fieldFor(i));
        }
    }
    for (qsizetype j = 1; j < windows.size(); ++j) {
        for (qsizetype i = 0; i < j; ++i) {
            const std::optional<WeekSpan> overlap = firstOverlap(windows[i], windows[j]);
            if (!overlap)
                continue;
            const QString where = QStringLiteral("%1 %2%3%4")
                                      .arg(shortDayName(overlap->start / kMinutesPerDay + 1), hhmm(overlap->start),
                                           dash(), hhmm(overlap->end));
            return Error::make(QStringLiteral("window_overlap"),
                               tr("Window %1 (%2) and window %3 (%4) overlap on %5. Change or remove one of them "
                                  "so that no time is in both.")
                                   .arg(i + 1)
                                   .arg(windows[i].describe())
                                   .arg(j + 1)
                                   .arg(windows[j].describe(), where),
                               fieldFor(j));
        }
    }
    return {};
}

QList<Interval> windowIntervals(const QList<AccessWindow> &windows, const FacilityZone &zone, const QDateTime &fromUtc,
                                const QDateTime &toUtc)
{
    QList<Interval> result;
    if (!fromUtc.isValid() || !toUtc.isValid() || !(fromUtc < toUtc))
        return result;
    // A crossing window that started two facility days earlier can still be running at fromUtc (only on a
    // day with a midnight DST overlap); one that starts the day after toUtc's date cannot start before it.
    const QDate first = zone.localDate(fromUtc).addDays(-2);
    const QDate last = zone.localDate(toUtc).addDays(1);
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        forEachOccurrenceOn(windows, zone, day, [&](const Interval &occ) {
            if (occ.end > fromUtc && occ.start < toUtc)
                result.append(occ);
        });
    }
    std::sort(result.begin(), result.end(), [](const Interval &a, const Interval &b) { return a.start < b.start; });
    return result;
}

bool insideWindows(const QList<AccessWindow> &windows, const FacilityZone &zone, const QDateTime &at)
{
    if (windows.isEmpty() || !at.isValid())
        return false;
    const QDate today = zone.localDate(at);
    bool inside = false;
    for (int offset = -1; offset <= 1 && !inside; ++offset) {
        forEachOccurrenceOn(windows, zone, today.addDays(offset), [&](const Interval &occ) {
            if (occ.contains(at))
                inside = true;
        });
    }
    return inside;
}

QDateTime nextWindowChange(const QList<AccessWindow> &windows, const FacilityZone &zone, const QDateTime &at)
{
    if (windows.isEmpty() || !at.isValid())
        return {};
    QList<Interval> occurrences;
    const QDate first = zone.localDate(at).addDays(-2);
    // Day by day, so the usual answer (later today or tomorrow) costs a few conversions only.
    for (int i = 0; i <= kLookAheadDays; ++i) {
        const QDate day = first.addDays(i);
        forEachOccurrenceOn(windows, zone, day, [&](const Interval &occ) { occurrences.append(occ); });
        // Occurrences of later days start no earlier than the next facility midnight.
        const QDateTime change = firstChangeBefore(occurrences, at, zone.startOfDay(day.addDays(1)));
        if (change.isValid())
            return change;
    }
    return {};
}

QDateTime nextWindowStart(const QList<AccessWindow> &windows, const FacilityZone &zone, const QDateTime &at)
{
    if (windows.isEmpty() || !at.isValid())
        return {};
    QDateTime best;
    const QDate first = zone.localDate(at).addDays(-1);
    for (int i = 0; i <= kLookAheadDays; ++i) {
        const QDate day = first.addDays(i);
        forEachOccurrenceOn(windows, zone, day, [&](const Interval &occ) {
            if (occ.start > at && (!best.isValid() || occ.start < best))
                best = occ.start;
        });
        if (best.isValid() && best < zone.startOfDay(day.addDays(1)))
            return best;
    }
    return best;
}

} // namespace Keydesk::Core
