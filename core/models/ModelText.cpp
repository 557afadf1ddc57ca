#include "core/models/ModelText.h"

#include <QCoreApplication>
#include <QLocale>

namespace Keydesk::Core::ModelText {

QString instant(const FacilityZone &zone, qint64 ms)
{
    if (ms < 0)
        return {};
    return zone.toLocal(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString range(const FacilityZone &zone, qint64 startMs, qint64 endMs)
{
    if (startMs < 0 || endMs < 0 || startMs == endMs)
        return instant(zone, startMs >= 0 ? startMs : endMs);
    const QDateTime start = zone.toLocal(QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC));
    const QDateTime end = zone.toLocal(QDateTime::fromMSecsSinceEpoch(endMs, Qt::UTC));
    const QString endText = start.date() == end.date() ? end.toString(QStringLiteral("HH:mm"))
                                                       : end.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    //: An uncertain event time: between the two instants
    return QCoreApplication::translate("Keydesk::Core::Models", "%1 – %2")
        .arg(start.toString(QStringLiteral("yyyy-MM-dd HH:mm")), endText);
}

QString keyStatus(KeyStatus status)
{
    switch (status) {
    case KeyStatus::Active:
        //: Digital key status
        return QCoreApplication::translate("Keydesk::Core::Models", "Active");
    case KeyStatus::Upcoming:
        //: Digital key status
        return QCoreApplication::translate("Keydesk::Core::Models", "Upcoming");
    case KeyStatus::Expired:
        //: Digital key status
        return QCoreApplication::translate("Keydesk::Core::Models", "Expired");
    case KeyStatus::Revoked:
        //: Digital key status
        return QCoreApplication::translate("Keydesk::Core::Models", "Revoked");
    }
    return {};
}

QString keyStatusTone(KeyStatus status)
{
    switch (status) {
    case KeyStatus::Active:
        return QStringLiteral("ok");
    case KeyStatus::Upcoming:
        return QStringLiteral("info");
    case KeyStatus::Expired:
        return QStringLiteral("muted");
    case KeyStatus::Revoked:
        return QStringLiteral("danger");
    }
    return {};
}

namespace {

QString usedOneTimeTemplate()
{
    //: Schedule column: a one-time key that was used; %1 is when, e.g. "Tue 24 Nov 14:02"
    return QCoreApplication::translate("Keydesk::Core::Models", "One time (used %1)");
}

} // namespace

QString scheduleSummary(Restriction restriction, const QList<AccessWindow> &windows, qint64 usedAtMs,
                        const FacilityZone &zone, qint64 nowMs)
{
    switch (restriction) {
    case Restriction::None:
        //: Schedule column: a key without restriction opens at any time
        return QCoreApplication::translate("Keydesk::Core::Models", "24/7");
    case Restriction::OneTime: {
        if (usedAtMs == std::numeric_limits<qint64>::max() || usedAtMs < 0)
            //: Schedule column: a key that opens once (not used yet)
            return QCoreApplication::translate("Keydesk::Core::Models", "One time");
        const QDateTime used = zone.toLocal(QDateTime::fromMSecsSinceEpoch(usedAtMs, Qt::UTC));
        const bool sameYear
            = zone.localDate(QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC)).year() == used.date().year();
        const QString when = QLocale().toString(
            used, sameYear ? QStringLiteral("ddd d MMM HH:mm") : QStringLiteral("ddd d MMM yyyy HH:mm"));
        return usedOneTimeTemplate().arg(when);
    }
    case Restriction::Scheduled:
        if (windows.isEmpty())
            //: Schedule column: weekly windows that could not be read
            return QCoreApplication::translate("Keydesk::Core::Models", "Scheduled");
        return describeWindows(windows);
    }
    return {};
}

QString usedOneTimePrefix()
{
    const QString text = usedOneTimeTemplate();
    return text.left(text.indexOf(QLatin1String("%1")));
}

} // namespace Keydesk::Core::ModelText
