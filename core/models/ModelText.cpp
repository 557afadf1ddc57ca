#include "core/models/ModelText.h"

#include <QCoreApplication>

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

} // namespace Keydesk::Core::ModelText
