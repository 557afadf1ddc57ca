#pragma once

// Shared set-up for the key dialog tests and the "--show" demo: a Berlin facility, a few locks, a group and
// users, and helpers that drive the dialog through its widgets (found by objectName) as a person would.

#include "core/domain/Clock.h"
#include "ui/dialogs/KeyDialog.h"
#include "ui/widgets/DirectoryPicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTimeEdit>

namespace KeyDialogFixture {

using namespace Keydesk;

inline Ui::KeyDialogContext context()
{
    Ui::KeyDialogContext c;
    c.zone = Core::FacilityZone::fromIanaId(QStringLiteral("Europe/Berlin")).value();
    c.locks = { { QStringLiteral("lock-104"), QStringLiteral("B-104") },
                { QStringLiteral("lock-105"), QStringLiteral("B-105") },
                { QStringLiteral("lock-106"), QStringLiteral("B-106") } };
    c.lockGroups = { { QStringLiteral("group-1"), QStringLiteral("Floor 1") } };
    c.users = { { QStringLiteral("user-bob"), QStringLiteral("Bob Smith"), QStringLiteral("bob@example.com"), {} },
                { QStringLiteral("user-ann"), QStringLiteral("Ann Lee"), {}, QStringLiteral("+49 30 1234567") } };
    return c;
}

/// Wed 25 Nov 2026 10:00 UTC (11:00 in Berlin).
inline QDateTime now()
{
    return QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC);
}

template <typename T> T *find(const QWidget &dialog, const char *name)
{
    return dialog.findChild<T *>(QString::fromLatin1(name));
}

inline void tickLock(const QWidget &dialog, const QString &name)
{
    auto *list = find<QListWidget>(dialog, "locks");
    const QList<QListWidgetItem *> items = list->findItems(name, Qt::MatchExactly);
    if (!items.isEmpty())
        items.front()->setCheckState(Qt::Checked);
}

inline void chooseUser(const QWidget &dialog, const QString &userId)
{
    find<Ui::DirectoryPicker>(dialog, "user")->setCurrentId(userId);
}

inline void setStart(const QWidget &dialog, QDate date, QTime time)
{
    find<QDateEdit>(dialog, "validFromDate")->setDate(date);
    find<QTimeEdit>(dialog, "validFromTime")->setTime(time);
}

inline void setEnd(const QWidget &dialog, QDate date, QTime time)
{
    find<QCheckBox>(dialog, "noEndDate")->setChecked(false);
    find<QDateEdit>(dialog, "validToDate")->setDate(date);
    find<QTimeEdit>(dialog, "validToTime")->setTime(time);
}

inline void chooseRestriction(const QWidget &dialog, Core::Restriction restriction)
{
    const char *name = restriction == Core::Restriction::None ? "restrictionNone"
        : restriction == Core::Restriction::OneTime           ? "restrictionOneTime"
                                                              : "restrictionScheduled";
    find<QRadioButton>(dialog, name)->setChecked(true);
}

/// The example of the issue: B-104, Bob, Mon–Fri 08:00–17:00 from Thu 26 Nov until Fri 18 Dec.
inline void fillExample(const QWidget &dialog)
{
    tickLock(dialog, QStringLiteral("B-104"));
    chooseUser(dialog, QStringLiteral("user-bob"));
    setStart(dialog, QDate(2026, 11, 26), QTime(0, 0));
    setEnd(dialog, QDate(2026, 12, 18), QTime(0, 0));
    chooseRestriction(dialog, Core::Restriction::Scheduled);
}

} // namespace KeyDialogFixture
