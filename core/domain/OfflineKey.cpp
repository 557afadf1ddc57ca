#include "core/domain/OfflineKey.h"

#include <QCoreApplication>

namespace Keydesk::Core {

QDateTime offlineKeyExpiry(const DigitalKey &key, const FacilityZone &zone, const QDateTime &issuedAt)
{
    if (!issuedAt.isValid() || !canOpenAt(key, zone, issuedAt))
        return {};
    const QDateTime endOfDay = zone.endOfDay(zone.localDate(issuedAt));
    // canOpenAt() is true now, so its next change is the moment the key stops opening.
    const QDateTime stops = nextOpenChange(key, zone, issuedAt);
    return stops.isValid() && stops < endOfDay ? stops : endOfDay;
}

QString OfflineKeySummary::text(const FacilityZone &zone) const
{
    switch (kind) {
    case NeverIssued:
        return QCoreApplication::translate("Keydesk::Core::OfflineKeySummary", "Never issued");
    case Expired:
        return QCoreApplication::translate("Keydesk::Core::OfflineKeySummary", "Expired");
    case ValidUntil:
        break;
    }
    return zone.describeInstant(until);
}

OfflineKeySummary summarizeOfflineKeys(const QList<QDateTime> &expiries, bool everIssued, const QDateTime &now)
{
    QDateTime latest;
    for (const QDateTime &expiry : expiries) {
        if (expiry.isValid() && (!latest.isValid() || expiry > latest))
            latest = expiry;
    }
    if (latest.isValid() && latest > now)
        return { OfflineKeySummary::ValidUntil, latest.toUTC() };
    if (everIssued || !expiries.isEmpty())
        return { OfflineKeySummary::Expired, {} };
    return { OfflineKeySummary::NeverIssued, {} };
}

} // namespace Keydesk::Core
