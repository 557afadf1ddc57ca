#pragma once

#include <QCoreApplication>
#include <QString>

namespace Keydesk::Core {

/// How full a lock's coin cell is, on the one scale every part of Keydesk uses (Locks view, dashboard, status bar).
enum class BatteryLevel {
    Unknown, ///< never reported (0 or negative millivolts)
    Ok,
    Low, ///< below 2.95 V: plan a replacement
    Critical, ///< at or below 2.85 V: the lock may stop opening, replace now
};

/// The battery rule: a CR2032-type cell reads 3.0 V full; the motor needs more than 2.85 V to draw the bolt. Pure
/// functions of the reported millivolts, so the server's demo, the status bar's counts and the views agree.
class Battery final
{
    Q_DECLARE_TR_FUNCTIONS(Keydesk::Core::Battery)

public:
    static constexpr int kFullMv = 3000;
    static constexpr int kLowMv = 2950; ///< below this the battery is low (a third of the way to critical)
    static constexpr int kCriticalMv = 2850; ///< at or below: replace now

    /// 0 or less (never reported) is Unknown.
    static BatteryLevel level(int millivolts);
    /// Low or Critical: the lock belongs on the dashboard's list and in the status bar's count.
    static bool needsReplacement(int millivolts);
    /// A rough charge estimate between the critical level (0 %) and full (100 %), clamped; -1 when unknown. The cell's
    /// curve is flat, so this is for sorting and bars, not a promise of remaining days.
    static int percent(int millivolts);
    /// The models' semantic tone of a level: "ok", "warning", "danger" or "muted" (unknown).
    static QString tone(BatteryLevel level);
    /// The level in words: "OK", "low", "replace now", "unknown".
    static QString levelText(BatteryLevel level);
    /// "3.00 V", "2.90 V — low", "2.85 V — replace now", "unknown". Three decimals where two would read as the
    /// critical 2.85 V (2851 mV is not yet critical).
    static QString text(int millivolts);
};

} // namespace Keydesk::Core
