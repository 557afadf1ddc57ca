#include "core/domain/AccessDecision.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>
#include <numbers>

namespace Keydesk::Core {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keydesk::Core::AccessDecision", text);
}

QString formatDistance(double metres)
{
    if (metres < 1000)
        return tr("%1 m").arg(qRound(metres));
    return tr("%1 km").arg(QLocale().toString(metres / 1000.0, 'f', 1));
}

QString quoted(const DigitalKey &key)
{
    return QStringLiteral("\"%1\"").arg(key.displayName());
}

// Why this key does not open the lock at `at` (the caller checked that it does not).
QString whyNot(const DigitalKey &key, const FacilityZone &zone, const QDateTime &at)
{
    switch (keyStatus(key, at)) {
    case KeyStatus::Revoked: {
        const QString when = zone.describeInstant(key.revokedAt, at);
        // Whole sentences per case, so translators never glue fragments.
        if (key.revokedBy.isEmpty() && key.revokedReason.isEmpty())
            return tr("key %1 is REVOKED since %2").arg(quoted(key), when);
        if (key.revokedReason.isEmpty())
            return tr("key %1 is REVOKED since %2 by %3").arg(quoted(key), when, key.revokedBy);
        if (key.revokedBy.isEmpty())
            return tr("key %1 is REVOKED since %2: %3").arg(quoted(key), when, key.revokedReason);
        return tr("key %1 is REVOKED since %2 by %3: %4").arg(quoted(key), when, key.revokedBy, key.revokedReason);
    }
    case KeyStatus::Expired:
        if (key.restriction == Restriction::OneTime && key.usedAt.isValid() && key.usedAt <= at) {
            return tr("one-time key %1 already used on %2").arg(quoted(key), zone.describeInstant(key.usedAt, at));
        }
        return tr("key %1 is EXPIRED: ended %2").arg(quoted(key), zone.describeInstant(key.validTo, at));
    case KeyStatus::Upcoming:
        return tr("key %1 is UPCOMING: starts %2").arg(quoted(key), zone.describeInstant(key.validFrom, at));
    case KeyStatus::Active:
        break;
    }
    // ACTIVE but not open: outside its weekly schedule.
    const QString schedule = QStringLiteral("%1 (%2)").arg(describeWindows(key.windows), zone.describe());
    const QDateTime next = nextWindowStart(key.windows, zone, at);
    if (next.isValid() && (!key.validTo.isValid() || next < key.validTo)) {
        return tr("key %1: outside schedule %2; next window starts %3")
            .arg(quoted(key), schedule, zone.describeInstant(next, at));
    }
    return tr("key %1: outside schedule %2; no window starts before the key ends").arg(quoted(key), schedule);
}

QString whyAllowed(const DigitalKey &key, const FacilityZone &zone, const QDateTime &at)
{
    const QDateTime until = nextOpenChange(key, zone, at);
    const QString untilText = until.isValid() ? tr("until %1").arg(zone.describeInstant(until, at)) : tr("with no end");
    switch (key.restriction) {
    case Restriction::OneTime:
        return tr("one-time key %1 (%2, not used yet) allows access %3")
            .arg(quoted(key), toString(key.role), untilText);
    case Restriction::Scheduled:
        return tr("key %1 (%2) allows access inside schedule %3 (%4) %5")
            .arg(quoted(key), toString(key.role), describeWindows(key.windows), zone.describe(), untilText);
    case Restriction::None:
        break;
    }
    return tr("key %1 (%2) allows access %3").arg(quoted(key), toString(key.role), untilText);
}

} // namespace

QString toString(UserState state)
{
    switch (state) {
    case UserState::Active:
        return QStringLiteral("active");
    case UserState::Delinquent:
        return QStringLiteral("delinquent");
    case UserState::Suspended:
        return QStringLiteral("suspended");
    }
    return {};
}

Result<UserState> userStateFromString(const QString &text)
{
    for (const UserState s : { UserState::Active, UserState::Delinquent, UserState::Suspended }) {
        if (text == toString(s))
            return s;
    }
    return Error::make(QStringLiteral("invalid_user_state"),
                       tr("Unknown user state \"%1\". Use one of: active, delinquent, suspended.").arg(text),
                       QStringLiteral("state"));
}

double distanceMetres(const GeoPoint &a, const GeoPoint &b)
{
    constexpr double earthRadius = 6371008.8; // mean radius, metres
    constexpr double rad = std::numbers::pi / 180.0;
    const double dLat = (b.lat - a.lat) * rad;
    const double dLon = (b.lon - a.lon) * rad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * earthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

AccessDecision decideAccess(const AccessRequest &request)
{
    AccessDecision decision;
    QStringList denials;
    const QDateTime &at = request.at;

    if (request.userState == UserState::Delinquent)
        denials.append(tr("account is delinquent"));
    else if (request.userState == UserState::Suspended)
        denials.append(tr("account is suspended"));

    // Among keys that open now, prefer one that is not one-time (using a one-time key spends it), then the
    // one that stays open longest.
    const DigitalKey *granting = nullptr;
    QDateTime grantingUntil;
    QStringList keyDenials;
    for (const DigitalKey &key : request.keysOnLock) {
        if (!canOpenAt(key, request.zone, at)) {
            keyDenials.append(whyNot(key, request.zone, at));
            continue;
        }
        const QDateTime until = nextOpenChange(key, request.zone, at);
        const auto better = [&] {
            if (!granting)
                return true;
            const bool oneTime = key.restriction == Restriction::OneTime;
            const bool grantingOneTime = granting->restriction == Restriction::OneTime;
            if (oneTime != grantingOneTime)
                return !oneTime;
            if (!grantingUntil.isValid())
                return false;
            return !until.isValid() || until > grantingUntil;
        };
        if (better()) {
            granting = &key;
            grantingUntil = until;
        }
    }
    if (request.keysOnLock.isEmpty()) {
        const QString lock = request.lockName.isEmpty() ? tr("this lock") : request.lockName;
        denials.append(tr("no digital key for %1").arg(lock));
    } else if (!granting) {
        denials.append(keyDenials);
    }

    QString locationNote;
    if (request.geofence && request.phoneLocation) {
        const double distance = distanceMetres(request.geofence->centre, *request.phoneLocation);
        const QString fence = formatDistance(request.geofence->radiusMetres);
        if (distance > request.geofence->radiusMetres) {
            denials.append(tr("phone is %1 from the facility (geofence %2)").arg(formatDistance(distance), fence));
        } else {
            locationNote = tr("phone is on site, %1 from the facility centre (geofence %2)")
                               .arg(formatDistance(distance), fence);
        }
    } else if (request.geofence) {
        locationNote = tr("phone sent no location, so on-site presence was not checked");
    }

    if (!denials.isEmpty() || !granting) {
        decision.allowed = false;
        decision.reasons = denials;
        return decision;
    }
    decision.allowed = true;
    decision.grantingKeyId = granting->id;
    decision.reasons.append(whyAllowed(*granting, request.zone, at));
    if (!locationNote.isEmpty())
        decision.reasons.append(locationNote);
    return decision;
}

} // namespace Keydesk::Core
