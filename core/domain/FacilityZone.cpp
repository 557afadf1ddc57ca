#include "core/domain/FacilityZone.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace Keydesk::Core {

namespace {

// Every real zone's offset lies within ±14 h, and real transitions are months (never hours) apart, so the
// offsets 30 h before and after a wall time are the ones that can apply to it.
constexpr qint64 kProbeMSecs = 30LL * 3600 * 1000;

QDateTime utcFromMSecs(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

} // namespace

FacilityZone::FacilityZone()
    : m_id(QStringLiteral("UTC"))
    , m_zone(QTimeZone::utc())
{ }

FacilityZone::FacilityZone(QString id, QTimeZone zone)
    : m_id(std::move(id))
    , m_zone(std::move(zone))
{ }

Result<FacilityZone> FacilityZone::fromIanaId(const QString &ianaId)
{
    const QString id = ianaId.trimmed();
    // IANA ids are "Area/Location[/Sub]" (or "UTC"); checking the shape first keeps path tricks and Qt's
    // "UTC+01:00" offset ids (which have no DST rules) out. QTimeZone::isTimeZoneIdAvailable() is not used
    // because it rejects valid links such as "Etc/UTC" or "Europe/Kiev".
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"));
    const QTimeZone zone = shape.match(id).hasMatch() ? QTimeZone(id.toUtf8()) : QTimeZone();
    if (!zone.isValid()) {
        return Error::make(QStringLiteral("unknown_time_zone"),
                           QCoreApplication::translate("Keydesk::Core::FacilityZone",
                                                       "Unknown time zone \"%1\". Use an IANA time zone id such as "
                                                       "\"Europe/Berlin\" or \"America/New_York\" (letter case "
                                                       "matters).")
                               .arg(ianaId),
                           QStringLiteral("time_zone"));
    }
    return FacilityZone(id, zone);
}

int FacilityZone::offsetAtMSecs(qint64 utcMSecs) const
{
    return m_zone.offsetFromUtc(utcFromMSecs(utcMSecs));
}

WallTimeResolution FacilityZone::resolve(QDate date, QTime time) const
{
    if (!date.isValid() || !time.isValid())
        return {};

    // The wall time written as if it were UTC; the instant is wall - offset for the offset in force then.
    const qint64 wall = QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch();
    const qint64 offBefore = qint64(offsetAtMSecs(wall - kProbeMSecs)) * 1000;
    const qint64 offAfter = qint64(offsetAtMSecs(wall + kProbeMSecs)) * 1000;
    const auto fits = [&](qint64 offset) { return qint64(offsetAtMSecs(wall - offset)) * 1000 == offset; };
    const auto unique = [](qint64 msecs) {
        const QDateTime instant = utcFromMSecs(msecs);
        return WallTimeResolution { WallTimeResolution::Unique, instant, instant };
    };

    if (offBefore == offAfter) {
        if (fits(offBefore))
            return unique(wall - offBefore);
        // Two transitions within 60 h that cancel out: not in any current tz data. Best effort.
        return unique(wall - qint64(offsetAtMSecs(wall - offBefore)) * 1000);
    }

    const bool fitsBefore = fits(offBefore);
    const bool fitsAfter = fits(offAfter);
    if (fitsBefore && fitsAfter) {
        const qint64 a = wall - offBefore;
        const qint64 b = wall - offAfter;
        return { WallTimeResolution::InOverlap, utcFromMSecs(std::min(a, b)), utcFromMSecs(std::max(a, b)) };
    }
    if (fitsBefore)
        return unique(wall - offBefore);
    if (fitsAfter)
        return unique(wall - offAfter);

    // A gap: the clocks jumped from offBefore to offAfter (> offBefore) between these two instants.
    qint64 lo = std::min(wall - offAfter, wall - offBefore); // still offBefore here
    qint64 hi = std::max(wall - offAfter, wall - offBefore); // already offAfter here
    while (hi - lo > 1) {
        const qint64 mid = lo + (hi - lo) / 2;
        if (qint64(offsetAtMSecs(mid)) * 1000 == offBefore)
            lo = mid;
        else
            hi = mid;
    }
    return { WallTimeResolution::InGap, utcFromMSecs(hi), utcFromMSecs(wall - offBefore) };
}

QDateTime FacilityZone::toUtc(QDate date, QTime time) const
{
    const WallTimeResolution r = resolve(date, time);
    return r.kind == WallTimeResolution::InGap ? r.later : r.earlier;
}

QDateTime FacilityZone::boundaryToUtc(QDate date, QTime time) const
{
    return resolve(date, time).earlier;
}

QDateTime FacilityZone::toLocal(const QDateTime &utc) const
{
    if (!utc.isValid())
        return {};
    return utc.toTimeZone(m_zone);
}

QDate FacilityZone::localDate(const QDateTime &utc) const
{
    if (!utc.isValid())
        return {};
    const qint64 msecs = utc.toMSecsSinceEpoch();
    return utcFromMSecs(msecs + qint64(offsetAtMSecs(msecs)) * 1000).date();
}

QDateTime FacilityZone::startOfDay(QDate date) const
{
    return boundaryToUtc(date, QTime(0, 0));
}

QDateTime FacilityZone::endOfDay(QDate date) const
{
    return startOfDay(date.addDays(1));
}

QString FacilityZone::describeInstant(const QDateTime &utc, const QDateTime &relativeTo) const
{
    if (!utc.isValid())
        return QCoreApplication::translate("Keydesk::Core::FacilityZone", "(no time)");
    const QDateTime local = toLocal(utc);
    const bool sameYear = relativeTo.isValid() && localDate(relativeTo).year() == local.date().year();
    const QString format = sameYear ? QStringLiteral("ddd d MMM HH:mm") : QStringLiteral("ddd d MMM yyyy HH:mm");
    return QStringLiteral("%1 (%2)").arg(QLocale().toString(local, format), m_id);
}

} // namespace Keydesk::Core
