#pragma once

#include "core/domain/DigitalKey.h"
#include "core/domain/FacilityZone.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace Keydesk::Ui {

/// The key dialog's live preview sentence, as plain functions so it is tested without widgets.
class KeyText final
{
    Q_DECLARE_TR_FUNCTIONS(Keydesk::Ui::KeyText)

public:
    /// What the key will do, e.g. "UPCOMING — opens B-104 Mon–Fri 08:00–17:00 from Thu 26 Nov until Fri 18 Dec,
    /// Europe/Berlin". The status is keyStatus(key, now); `target` names the lock(s) or group ("B-104 and
    /// B-105", "every lock in Floor 1"); empty reads "(no lock chosen)".
    static QString preview(const Core::DigitalKey &key, const QString &target, const Core::FacilityZone &zone,
                           const QDateTime &now);

    /// What daylight-saving changes do to the weekly windows between `fromUtc` and `toUtc` (the next year when
    /// `toUtc` is invalid): "Daylight saving time: window 1 (Sun 01:30–02:30) lasts 30 min on Sun 28 Mar 2027
    /// instead of 1 h." Occurrences follow AccessWindow.h (boundaryToUtc): shorter in a gap, longer when they
    /// contain a repeated hour. Empty when no occurrence changes.
    static QString windowsDstNote(const QList<Core::AccessWindow> &windows, const Core::FacilityZone &zone,
                                  const QDateTime &fromUtc, const QDateTime &toUtc, const QDateTime &now);

    /// "30 min", "1 h", "1 h 30 min".
    static QString duration(qint64 minutes);

    /// The status as people read it: "UPCOMING", "ACTIVE", "EXPIRED", "REVOKED" (translatable).
    static QString statusLabel(Core::KeyStatus status);

    /// An instant as facility wall time for the sentence: "Thu 26 Nov", with " 08:30" unless it is midnight
    /// and the year when it is not the year of `now` ("Fri 8 Jan 2027").
    static QString wallInstant(const QDateTime &utc, const Core::FacilityZone &zone, const QDateTime &now);
};

} // namespace Keydesk::Ui
