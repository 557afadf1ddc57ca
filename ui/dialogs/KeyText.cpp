#include "ui/dialogs/KeyText.h"

#include <QLocale>

namespace Keydesk::Ui {

QString KeyText::statusLabel(Core::KeyStatus status)
{
    switch (status) {
    case Core::KeyStatus::Upcoming:
        return tr("UPCOMING", "key status");
    case Core::KeyStatus::Active:
        return tr("ACTIVE", "key status");
    case Core::KeyStatus::Expired:
        return tr("EXPIRED", "key status");
    case Core::KeyStatus::Revoked:
        return tr("REVOKED", "key status");
    }
    return {};
}

QString KeyText::wallInstant(const QDateTime &utc, const Core::FacilityZone &zone, const QDateTime &now)
{
    if (!utc.isValid())
        return tr("(no time)");
    const QDateTime local = zone.toLocal(utc);
    const bool sameYear = now.isValid() && zone.localDate(now).year() == local.date().year();
    QString text
        = QLocale().toString(local.date(), sameYear ? QStringLiteral("ddd d MMM") : QStringLiteral("ddd d MMM yyyy"));
    if (local.time() != QTime(0, 0))
        text += QLatin1Char(' ') + local.time().toString(QStringLiteral("HH:mm"));
    return text;
}

QString KeyText::preview(const Core::DigitalKey &key, const QString &target, const Core::FacilityZone &zone,
                         const QDateTime &now)
{
    const QString locks = target.isEmpty() ? tr("(no lock chosen)") : target;
    const Core::KeyStatus status = Core::keyStatus(key, now);
    const QString statusWord = statusLabel(status);

    if (status == Core::KeyStatus::Revoked) {
        return tr("%1 — revoked %2; it no longer opens %3.")
            .arg(statusWord, wallInstant(key.revokedAt, zone, now), locks);
    }
    if (status == Core::KeyStatus::Expired) {
        if (key.restriction == Core::Restriction::OneTime && key.usedAt.isValid() && key.usedAt <= now) {
            return tr("%1 — this one-time key was used %2; it no longer opens %3.")
                .arg(statusWord, wallInstant(key.usedAt, zone, now), locks);
        }
        return tr("%1 — it ends %2, which is already past, so it would never open %3. Choose a later end.")
            .arg(statusWord, wallInstant(key.validTo, zone, now), locks);
    }

    const QString from = wallInstant(key.validFrom, zone, now);
    const QString range = key.validTo.isValid() ? tr("from %1 until %2").arg(from, wallInstant(key.validTo, zone, now))
                                                : tr("from %1, with no end date").arg(from);

    switch (key.restriction) {
    case Core::Restriction::None:
        return tr("%1 — opens %2 at any time (24/7) %3, %4").arg(statusWord, locks, range, zone.describe());
    case Core::Restriction::OneTime:
        return tr("%1 — opens %2 once, %3, %4").arg(statusWord, locks, range, zone.describe());
    case Core::Restriction::Scheduled: {
        const QString windows
            = key.windows.isEmpty() ? tr("(no weekly windows yet)") : Core::describeWindows(key.windows);
        return tr("%1 — opens %2 %3 %4, %5").arg(statusWord, locks, windows, range, zone.describe());
    }
    }
    return {};
}

} // namespace Keydesk::Ui
