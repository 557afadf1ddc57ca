#include "core/domain/Battery.h"

#include <algorithm>

namespace Keydesk::Core {

BatteryLevel Battery::level(int millivolts)
{
    if (millivolts <= 0)
        return BatteryLevel::Unknown;
    if (millivolts <= kCriticalMv)
        return BatteryLevel::Critical;
    if (millivolts < kLowMv)
        return BatteryLevel::Low;
    return BatteryLevel::Ok;
}

bool Battery::needsReplacement(int millivolts)
{
    const BatteryLevel l = level(millivolts);
    return l == BatteryLevel::Low || l == BatteryLevel::Critical;
}

int Battery::percent(int millivolts)
{
    if (level(millivolts) == BatteryLevel::Unknown)
        return -1;
    const int clamped = std::clamp(millivolts, kCriticalMv, kFullMv);
    // Rounded to the nearest percent: 150 mV span, so each percent is 1.5 mV.
    return ((clamped - kCriticalMv) * 100 + (kFullMv - kCriticalMv) / 2) / (kFullMv - kCriticalMv);
}

QString Battery::tone(BatteryLevel level)
{
    switch (level) {
    case BatteryLevel::Ok:
        return QStringLiteral("ok");
    case BatteryLevel::Low:
        return QStringLiteral("warning");
    case BatteryLevel::Critical:
        return QStringLiteral("danger");
    case BatteryLevel::Unknown:
        break;
    }
    return QStringLiteral("muted");
}

QString Battery::levelText(BatteryLevel level)
{
    switch (level) {
    case BatteryLevel::Ok:
        //: Battery level
        return tr("OK");
    case BatteryLevel::Low:
        //: Battery level
        return tr("low");
    case BatteryLevel::Critical:
        //: Battery level: the lock may stop opening
        return tr("replace now");
    case BatteryLevel::Unknown:
        break;
    }
    //: Battery voltage never reported by the lock
    return tr("unknown");
}

QString Battery::text(int millivolts)
{
    const BatteryLevel l = level(millivolts);
    if (l == BatteryLevel::Unknown)
        return levelText(l);
    // Rounded half up in whole millivolts (2855 mV is 2.86 V; a double's 2.855 would print 2.85). Three decimals
    // where two would read as the critical 2.85 V on a battery that is not critical yet (2851 mV).
    const int centivolts = (millivolts + 5) / 10;
    const bool ambiguous = centivolts * 10 == kCriticalMv && l != BatteryLevel::Critical;
    //: A battery voltage, e.g. "2.97 V" (%L1: the locale's decimal separator)
    const QString volts
        = ambiguous ? tr("%L1 V").arg(millivolts / 1000.0, 0, 'f', 3) : tr("%L1 V").arg(centivolts / 100.0, 0, 'f', 2);
    if (l == BatteryLevel::Ok)
        return volts;
    //: Battery voltage with its state, e.g. "2.90 V — low" or "2.85 V — replace now"
    return tr("%1 \u2014 %2").arg(volts, levelText(l));
}

} // namespace Keydesk::Core
