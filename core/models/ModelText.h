#pragma once

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

} // namespace Keydesk::Core::ModelText
