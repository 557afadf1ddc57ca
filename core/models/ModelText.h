#pragma once

#include "core/domain/AccessWindow.h"
#include "core/domain/DigitalKey.h"
#include "core/domain/FacilityZone.h"

#include <QString>

namespace Keydesk::Core::ModelText {

/// An instant (ms UTC) as facility wall-clock time, "2026-11-25 14:30"; empty for -1.
QString instant(const FacilityZone &zone, qint64 ms);
/// An uncertain time: the instant when start == end, else "2026-11-25 14:30 – 15:10" (the date once when the
/// range stays within a day).
QString range(const FacilityZone &zone, qint64 startMs, qint64 endMs);
/// "Active", "Upcoming", "Expired", "Revoked" (translated).
QString keyStatus(KeyStatus status);
/// The StatusColorRole token of a key status: ok, info, muted, danger.
QString keyStatusTone(KeyStatus status);

/// When a key opens, for the keys view's schedule column: "24/7", "One time", "One time (used Tue 24 Nov 14:02)"
/// (the instant in the facility's zone, with the year when it is not the year of `nowMs`), or the weekly windows
/// as facility wall times, which read the same whatever the zone and its DST ("Mon–Fri 08:00–12:00, Sat
/// 22:00–06:00"; the domain's describeWindows()). A scheduled key without readable windows: "Scheduled".
QString scheduleSummary(Restriction restriction, const QList<AccessWindow> &windows, qint64 usedAtMs,
                        const FacilityZone &zone, qint64 nowMs);
/// The summaries of one-time keys that were used all start with this text (what scheduleSummary() puts
/// before the instant): the schedule column sorts them after it, by when they were used.
QString usedOneTimePrefix();

} // namespace Keydesk::Core::ModelText
