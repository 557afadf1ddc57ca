#include "ui/dialogs/KeyText.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace Keydesk::Ui {

QString KeyText::duration(qint64 minutes)
{
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    if (minutes % 60 == 0)
        return tr("%1 h").arg(minutes / 60);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString KeyText::windowsDstNote(const QList<Core::AccessWindow> &windows, const Core::FacilityZone &zone,
                                const QDateTime &fromUtc, const QDateTime &toUtc, const QDateTime &now)
{
    if (windows.isEmpty() || !fromUtc.isValid())
        return {};
    const QDateTime until = toUtc.isValid() ? toUtc : fromUtc.addYears(1);
    if (!(fromUtc < until))
        return {};
    // Only the days around a transition can differ; the rest of the schedule is regular.
    QList<QDate> days;
    for (const QTimeZone::OffsetData &t : zone.zone().transitions(fromUtc.addDays(-1), until.addDays(1))) {
        const QDate day = zone.localDate(t.atUtc);
        for (const QDate d : { day.addDays(-1), day }) {
            if (!days.contains(d))
                days.append(d);
        }
    }

    QStringList notes;
    qsizetype more = 0;
    for (const QDate &day : std::as_const(days)) {
        for (qsizetype i = 0; i < windows.size(); ++i) {
            const Core::AccessWindow &w = windows[i];
            if (!w.days.contains(day.dayOfWeek()) || w.start == w.end)
                continue;
            // One occurrence, exactly as AccessWindow.h defines it.
            const QDate endDay = w.crossesMidnight() ? day.addDays(1) : day;
            const QDateTime start = zone.boundaryToUtc(day, w.start);
            const QDateTime end = zone.boundaryToUtc(endDay, w.end);
            if (end <= fromUtc || start >= until)
                continue;
            const qint64 actual = std::max<qint64>(0, start.secsTo(end) / 60);
            qint64 nominal = QTime(0, 0).secsTo(w.end) / 60 - QTime(0, 0).secsTo(w.start) / 60;
            if (nominal <= 0)
                nominal += 24 * 60;
            if (actual == nominal)
                continue;
            if (notes.size() >= 2) {
                ++more;
                continue;
            }
            const QString dayText
                = QLocale().toString(day,
                                     zone.localDate(now).year() == day.year() ? QStringLiteral("ddd d MMM")
                                                                              : QStringLiteral("ddd d MMM yyyy"));
            notes.append(actual == 0 ? tr("window %1 (%2) does not happen on %3: the clocks skip it")
                                           .arg(i + 1)
                                           .arg(w.describe(), dayText)
                                     : tr("window %1 (%2) lasts %3 on %4 instead of %5")
                                           .arg(i + 1)
                                           .arg(w.describe(), duration(actual), dayText, duration(nominal)));
        }
    }
    if (notes.isEmpty())
        return {};
    QString text = tr("Daylight saving time: %1").arg(notes.join(QStringLiteral("; ")));
    if (more > 0)
        text += tr("; and %1 more").arg(more);
    return text + QLatin1Char('.');
}

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
