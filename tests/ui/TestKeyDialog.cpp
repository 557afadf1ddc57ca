#include "TestKeyDialogFixture.h"
#include "tests/ui/PickerKeys.h"
#include "ui/dialogs/KeyChoices.h"
#include "ui/dialogs/KeyLockPicker.h"
#include "ui/dialogs/KeyText.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/widgets/WindowsEditor.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QTest>
#include <QTimeEdit>
#include <QTimer>
#include <QToolButton>

using namespace Keydesk;
using namespace KeyDialogFixture;
using Ui::KeyDialog;

namespace {

enum class Setup { Complete, NoLock, NoUser, EndBeforeStart, EndEqualsStart, ScheduledNoWindows, NoEndDate };

void apply(const QWidget &dialog, Setup setup)
{
    fillExample(dialog);
    switch (setup) {
    case Setup::Complete:
        break;
    case Setup::NoLock:
        find<QListWidget>(dialog, "locks")->item(0)->setCheckState(Qt::Unchecked);
        break;
    case Setup::NoUser:
        find<Ui::DirectoryPicker>(dialog, "user")->setCurrentId({});
        break;
    case Setup::EndBeforeStart:
        setEnd(dialog, QDate(2026, 11, 20), QTime(9, 0));
        break;
    case Setup::EndEqualsStart:
        setEnd(dialog, QDate(2026, 11, 26), QTime(0, 0));
        break;
    case Setup::ScheduledNoWindows:
        find<Ui::WindowsEditor>(dialog, "windows")->removeWindow(0);
        break;
    case Setup::NoEndDate:
        find<QCheckBox>(dialog, "noEndDate")->setChecked(true);
        break;
    }
}

QString errorText(const QWidget &dialog, const QString &name)
{
    auto *label = dialog.findChild<QLabel *>(name);
    return label && label->isVisibleTo(&dialog) ? label->text() : QString();
}

const char *const kErrorLabels[]
    = { "lockError", "userError", "validFromError", "validToError", "windowsError", "windowsStatusError" };

} // namespace

class TestKeyDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void validation_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("expected");

        QTest::newRow("everything filled in → no error, submit enabled") << Setup::Complete << QString() << QString();
        QTest::newRow("open end → valid") << Setup::NoEndDate << QString() << QString();
        QTest::newRow("no lock → lockError")
            << Setup::NoLock << QStringLiteral("lockError") << QStringLiteral("no lock");
        QTest::newRow("no user → userError")
            << Setup::NoUser << QStringLiteral("userError") << QStringLiteral("no user");
        QTest::newRow("end before start → validToError") << Setup::EndBeforeStart << QStringLiteral("validToError")
                                                         << QStringLiteral("ends before or when it starts");
        QTest::newRow("end equal to start → validToError") << Setup::EndEqualsStart << QStringLiteral("validToError")
                                                           << QStringLiteral("ends before or when it starts");
        QTest::newRow("scheduled without windows → windowsError")
            << Setup::ScheduledNoWindows << QStringLiteral("windowsError")
            << QStringLiteral("at least one weekly window");
    }

    void validation()
    {
        QFETCH(Setup, setup);
        QFETCH(QString, errorLabel);
        QFETCH(QString, expected);

        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        apply(dialog, setup);

        auto *submit = find<QPushButton>(dialog, "submit");
        QTRY_COMPARE(submit->isEnabled(), expected.isEmpty());
        QCOMPARE(dialog.isValid(), expected.isEmpty());
        for (const char *name : kErrorLabels) {
            const QString text = errorText(dialog, QString::fromLatin1(name));
            if (errorLabel == QLatin1String(name))
                QVERIFY2(text.contains(expected), qPrintable(text));
            else
                QVERIFY2(text.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), text)));
        }
    }

    void showsEveryFieldsErrorAtOnce()
    {
        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        setEnd(dialog, QDate(2026, 11, 1), QTime(9, 0));
        QVERIFY(errorText(dialog, QStringLiteral("lockError")).contains(QStringLiteral("no lock")));
        QVERIFY(errorText(dialog, QStringLiteral("userError")).contains(QStringLiteral("no user")));
        QVERIFY(errorText(dialog, QStringLiteral("validToError")).contains(QStringLiteral("ends before")));
        QVERIFY(!find<QPushButton>(dialog, "submit")->isEnabled());
    }

    void overlappingWindowsNameBoth()
    {
        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        fillExample(dialog);
        auto *editor = find<Ui::WindowsEditor>(dialog, "windows");
        editor->addWindow(); // Sat, Sun 08:00–17:00: no overlap yet
        QVERIFY(dialog.isValid());
        auto *row = find<QWidget>(dialog, "windowRow1");
        find<QToolButton>(*row, "day5")->click(); // Friday: now overlaps window 1
        find<QTimeEdit>(*row, "start")->setTime(QTime(16, 0));

        const QString status = errorText(dialog, QStringLiteral("windowsStatusError"));
        QVERIFY2(status.contains(QStringLiteral("Window 1 (Mon\u2013Fri 08:00\u201317:00) and window 2 "
                                                "(Fri\u2013Sun 16:00\u201317:00) overlap on Fri 16:00\u201317:00")),
                 qPrintable(status));
        QVERIFY(!find<QPushButton>(dialog, "submit")->isEnabled());

        find<QTimeEdit>(*row, "start")->setTime(QTime(17, 0));
        find<QTimeEdit>(*row, "end")->setTime(QTime(20, 0));
        QTRY_VERIFY(find<QPushButton>(dialog, "submit")->isEnabled());
        QVERIFY(errorText(dialog, QStringLiteral("windowsStatusError")).isEmpty());
    }

    void midnightCrossingWindowAccepted()
    {
        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        dialog.show();
        fillExample(dialog);
        auto *row = find<QWidget>(dialog, "windowRow0");
        find<QTimeEdit>(*row, "start")->setTime(QTime(22, 0));
        find<QTimeEdit>(*row, "end")->setTime(QTime(2, 0));
        QTRY_VERIFY(find<QPushButton>(dialog, "submit")->isEnabled());
        QVERIFY(find<QLabel>(*row, "endsNextDay")->isVisibleTo(&dialog));
        const Ui::KeyDraft draft = dialog.draft();
        QCOMPARE(draft.keys.size(), 1);
        QCOMPARE(draft.keys.front().windows,
                 (QList<Core::AccessWindow> { { Core::Weekdays::mondayToFriday(), QTime(22, 0), QTime(2, 0) } }));
        QVERIFY(dialog.previewText().contains(QStringLiteral("Mon\u2013Fri 22:00\u201302:00")));
    }

    void preview_data()
    {
        QTest::addColumn<Core::Restriction>("restriction");
        QTest::addColumn<QDateTime>("startLocal");
        QTest::addColumn<QDateTime>("endLocal"); // invalid: no end date
        QTest::addColumn<QString>("expected");

        const auto berlin
            = [](int y, int mo, int d, int h = 0, int mi = 0) { return QDateTime(QDate(y, mo, d), QTime(h, mi)); };
        QTest::newRow("upcoming scheduled → the issue's example")
            << Core::Restriction::Scheduled << berlin(2026, 11, 26) << berlin(2026, 12, 18)
            << QStringLiteral("UPCOMING \u2014 opens B-104 Mon\u2013Fri 08:00\u201317:00 from Thu 26 Nov until Fri 18 "
                              "Dec, Europe/Berlin");
        QTest::newRow("active 24/7")
            << Core::Restriction::None << berlin(2026, 11, 20, 9, 30) << berlin(2026, 12, 1, 17, 0)
            << QStringLiteral("ACTIVE \u2014 opens B-104 at any time (24/7) from Fri 20 Nov 09:30 until Tue 1 Dec "
                              "17:00, Europe/Berlin");
        QTest::newRow("one time, next year")
            << Core::Restriction::OneTime << berlin(2027, 1, 4, 8, 0) << berlin(2027, 1, 5)
            << QStringLiteral("UPCOMING \u2014 opens B-104 once, from Mon 4 Jan 2027 08:00 until Tue 5 Jan 2027, "
                              "Europe/Berlin");
        QTest::newRow("active, no end date")
            << Core::Restriction::None << berlin(2026, 11, 25, 8, 0) << QDateTime()
            << QStringLiteral("ACTIVE \u2014 opens B-104 at any time (24/7) from Wed 25 Nov 08:00, with no end date, "
                              "Europe/Berlin");
        QTest::newRow("already ended → expired, says so")
            << Core::Restriction::None << berlin(2026, 11, 1) << berlin(2026, 11, 25, 10, 0)
            << QStringLiteral("EXPIRED \u2014 it ends Wed 25 Nov 10:00, which is already past, so it would never "
                              "open B-104. Choose a later end.");
    }

    void preview()
    {
        QFETCH(Core::Restriction, restriction);
        QFETCH(QDateTime, startLocal);
        QFETCH(QDateTime, endLocal);
        QFETCH(QString, expected);

        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        tickLock(dialog, QStringLiteral("B-104"));
        chooseUser(dialog, QStringLiteral("user-bob"));
        setStart(dialog, startLocal.date(), startLocal.time());
        if (endLocal.isValid())
            setEnd(dialog, endLocal.date(), endLocal.time());
        else
            find<QCheckBox>(dialog, "noEndDate")->setChecked(true);
        chooseRestriction(dialog, restriction);
        QCOMPARE(find<QLabel>(dialog, "preview")->text(), expected);
    }

    void previewFollowsTheClock()
    {
        Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        fillExample(dialog);
        QVERIFY(dialog.previewText().startsWith(QStringLiteral("UPCOMING")));
        // The dialog re-reads the clock on every change, every 30 s of real time and when the clock jumps: at once.
        clock.set(QDateTime(QDate(2026, 11, 26), QTime(8, 0), Qt::UTC));
        QVERIFY(dialog.previewText().startsWith(QStringLiteral("ACTIVE")));
        clock.set(now());
        QVERIFY(dialog.previewText().startsWith(QStringLiteral("UPCOMING")));
    }

    void dstNotes_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QTime>("time");
        QTest::addColumn<QString>("expectedNote");
        QTest::addColumn<QDateTime>("expectedUtc");

        QTest::newRow("ordinary time → no note")
            << QDate(2027, 3, 27) << QTime(2, 30) << QString() << QDateTime(QDate(2027, 3, 27), QTime(1, 30), Qt::UTC);
        QTest::newRow("spring-forward gap → uses 03:30")
            << QDate(2027, 3, 28) << QTime(2, 30)
            << QStringLiteral("02:30 does not exist on Sun 28 Mar in Europe/Berlin: the clocks go forward that night. "
                              "Keydesk uses 03:30 instead")
            << QDateTime(QDate(2027, 3, 28), QTime(1, 30), Qt::UTC);
        QTest::newRow("fall-back overlap → first occurrence")
            << QDate(2027, 10, 31) << QTime(2, 30)
            << QStringLiteral("02:30 happens twice on Sun 31 Oct in Europe/Berlin: the clocks go back that night. "
                              "Keydesk uses the first one (UTC+02:00")
            << QDateTime(QDate(2027, 10, 31), QTime(0, 30), Qt::UTC);
    }

    void dstNotes()
    {
        QFETCH(QDate, date);
        QFETCH(QTime, time);
        QFETCH(QString, expectedNote);
        QFETCH(QDateTime, expectedUtc);

        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        fillExample(dialog);
        find<QCheckBox>(dialog, "noEndDate")->setChecked(true);
        setStart(dialog, date, time);
        auto *note = find<QLabel>(dialog, "validFromNote");
        if (expectedNote.isEmpty()) {
            QVERIFY(!note->isVisibleTo(&dialog));
        } else {
            QVERIFY(note->isVisibleTo(&dialog));
            QVERIFY2(note->text().startsWith(expectedNote), qPrintable(note->text()));
        }
        QVERIFY(dialog.isValid());
        QCOMPARE(dialog.draft().keys.front().validFrom, expectedUtc);

        // The same rule for the end.
        setEnd(dialog, date, time);
        setStart(dialog, date.addDays(-1), QTime(12, 0));
        QCOMPARE(find<QLabel>(dialog, "validToNote")->isVisibleTo(&dialog), !expectedNote.isEmpty());
        QCOMPARE(dialog.draft().keys.front().validTo, expectedUtc);
    }

    void windowsDstNote_data()
    {
        QTest::addColumn<QList<Core::AccessWindow>>("windows");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<QString>("expected");

        const auto sunday = [](QTime start, QTime end) {
            return QList<Core::AccessWindow> { { Core::Weekdays::fromMask(0x40), start, end } };
        };
        const QDateTime march(QDate(2027, 3, 20), QTime(0, 0), Qt::UTC);
        const QDateTime april(QDate(2027, 4, 10), QTime(0, 0), Qt::UTC);
        const QDateTime october(QDate(2027, 10, 20), QTime(0, 0), Qt::UTC);
        const QDateTime november(QDate(2027, 11, 10), QTime(0, 0), Qt::UTC);

        QTest::newRow("no transition in range → no note")
            << sunday(QTime(1, 30), QTime(2, 30)) << QDateTime(QDate(2027, 5, 1), QTime(0, 0), Qt::UTC)
            << QDateTime(QDate(2027, 6, 1), QTime(0, 0), Qt::UTC) << QString();
        QTest::newRow("window away from the change hour → no note")
            << sunday(QTime(8, 0), QTime(17, 0)) << march << april << QString();
        QTest::newRow("spring forward: reaching into the gap → shorter")
            << sunday(QTime(1, 30), QTime(2, 30)) << march << april
            << QStringLiteral("Daylight saving time: window 1 (Sun 01:30–02:30) lasts 30 min on Sun 28 Mar 2027 "
                              "instead of 1 h.");
        QTest::newRow("spring forward: inside the gap → does not happen")
            << sunday(QTime(2, 0), QTime(2, 45)) << march << april
            << QStringLiteral("Daylight saving time: window 1 (Sun 02:00–02:45) does not happen on Sun 28 Mar "
                              "2027: the clocks skip it.");
        QTest::newRow("fall back: the repeated hour → longer")
            << sunday(QTime(2, 0), QTime(3, 0)) << october << november
            << QStringLiteral("Daylight saving time: window 1 (Sun 02:00–03:00) lasts 2 h on Sun 31 Oct 2027 "
                              "instead of 1 h.");
        QTest::newRow("crossing midnight into the gap day → shorter, named by its start day")
            << QList<Core::AccessWindow> { { Core::Weekdays::fromMask(0x20), QTime(22, 0), QTime(3, 0) } } << march
            << april
            << QStringLiteral("Daylight saving time: window 1 (Sat 22:00–03:00) lasts 4 h on Sat 27 Mar 2027 "
                              "instead of 5 h.");
    }

    void windowsDstNote()
    {
        QFETCH(QList<Core::AccessWindow>, windows);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(QString, expected);
        QCOMPARE(Ui::KeyText::windowsDstNote(windows, context().zone, from, to, now()), expected);
    }

    void windowsDstNoteShownInTheDialog()
    {
        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        fillExample(dialog);
        auto *note = find<QLabel>(dialog, "windowsDstNote");
        QVERIFY(!note->isVisibleTo(&dialog));
        setStart(dialog, QDate(2027, 3, 20), QTime(0, 0));
        setEnd(dialog, QDate(2027, 4, 10), QTime(0, 0));
        auto *row = find<QWidget>(dialog, "windowRow0");
        find<QToolButton>(*row, "day7")->click();
        find<QTimeEdit>(*row, "start")->setTime(QTime(1, 0));
        find<QTimeEdit>(*row, "end")->setTime(QTime(4, 0));
        QVERIFY(note->isVisibleTo(&dialog));
        QVERIFY2(note->text().contains(QStringLiteral("lasts 2 h on Sun 28 Mar 2027 instead of 3 h")),
                 qPrintable(note->text()));
        QVERIFY(dialog.isValid()); // a note, not an error
    }

    void editPrefillsAndKeepsTheKey()
    {
        const Core::FakeClock clock(now());
        Core::DigitalKey source;
        source.id = QStringLiteral("key-7");
        source.description = QStringLiteral("Electrician");
        source.lockId = QStringLiteral("lock-105");
        source.userId = QStringLiteral("user-ann");
        source.role = Core::KeyRole::Admin;
        source.validFrom = QDateTime(QDate(2026, 11, 30), QTime(7, 0), Qt::UTC);
        source.validTo = QDateTime(QDate(2027, 1, 15), QTime(17, 0), Qt::UTC);
        source.restriction = Core::Restriction::Scheduled;
        source.windows = { { Core::Weekdays::mondayToFriday(), QTime(7, 0), QTime(12, 0) },
                           { Core::Weekdays::fromMask(0x20), QTime(22, 0), QTime(1, 0) } };

        KeyDialog dialog(context(), clock, KeyDialog::Mode::Edit, source);
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Edit digital key \u2014 Electrician"));
        QCOMPARE(find<QLineEdit>(dialog, "description")->text(), source.description);
        QCOMPARE(find<Ui::DirectoryPicker>(dialog, "user")->currentId(), source.userId);
        QVERIFY(find<QRadioButton>(dialog, "restrictionScheduled")->isChecked());
        QCOMPARE(find<Ui::WindowsEditor>(dialog, "windows")->rowCount(), 2);
        QVERIFY(dialog.isValid());
        const Ui::KeyDraft draft = dialog.draft();
        QCOMPARE(draft.keys.size(), 1);
        QVERIFY(draft.keys.front() == source); // nothing changed, nothing lost
        QVERIFY(draft.notify == Ui::NotifyChannel::None);
        QCOMPARE(find<QPushButton>(dialog, "submit")->text(), QStringLiteral("&Save changes"));

        // An existing key stays on one lock.
        tickLock(dialog, QStringLiteral("B-106"));
        QVERIFY(errorText(dialog, QStringLiteral("lockError")).contains(QStringLiteral("one lock")));
        QVERIFY(!dialog.isValid());
    }

    void editKeepsTheSecondOfTwoRepeatedTimes()
    {
        // 02:30 happens twice in Berlin on Sun 31 Oct 2027; this key starts at the second one (01:30 UTC).
        const Core::FakeClock clock(now());
        Core::DigitalKey source;
        source.id = QStringLiteral("key-8");
        source.lockId = QStringLiteral("lock-104");
        source.userId = QStringLiteral("user-bob");
        source.validFrom = QDateTime(QDate(2027, 10, 31), QTime(1, 30), Qt::UTC);
        KeyDialog dialog(context(), clock, KeyDialog::Mode::Edit, source);
        QCOMPARE(find<QTimeEdit>(dialog, "validFromTime")->time(), QTime(2, 30));
        QVERIFY(find<QLabel>(dialog, "validFromNote")->isVisibleTo(&dialog));
        QCOMPARE(dialog.draft().keys.front().validFrom, source.validFrom); // not moved to the first 02:30
        // Typing a time anew follows the documented rule: the first occurrence.
        find<QTimeEdit>(dialog, "validFromTime")->setTime(QTime(2, 0));
        find<QTimeEdit>(dialog, "validFromTime")->setTime(QTime(2, 30));
        QCOMPARE(dialog.draft().keys.front().validFrom, QDateTime(QDate(2027, 10, 31), QTime(1, 30), Qt::UTC));
    }

    void duplicatePrefillsWithANewId()
    {
        const Core::FakeClock clock(now());
        Core::DigitalKey source;
        source.id = QStringLiteral("key-7");
        source.description = QStringLiteral("Electrician");
        source.lockId = QStringLiteral("lock-104");
        source.userId = QStringLiteral("user-bob");
        source.validFrom = QDateTime(QDate(2026, 11, 30), QTime(7, 0), Qt::UTC);
        source.restriction = Core::Restriction::OneTime;
        source.usedAt = QDateTime(QDate(2026, 12, 1), QTime(7, 0), Qt::UTC);

        KeyDialog dialog(context(), clock, KeyDialog::Mode::Duplicate, source);
        QCOMPARE(find<QLineEdit>(dialog, "description")->text(), QStringLiteral("Copy of Electrician"));
        QVERIFY(find<QCheckBox>(dialog, "noEndDate")->isChecked());
        tickLock(dialog, QStringLiteral("B-105"));
        QVERIFY(dialog.isValid());
        const Ui::KeyDraft draft = dialog.draft();
        QCOMPARE(draft.keys.size(), 2);
        for (const Core::DigitalKey &key : draft.keys) {
            QVERIFY(!key.id.isEmpty());
            QVERIFY(key.id != source.id);
            QVERIFY(!key.usedAt.isValid()); // a copy is a fresh, unused key
            QCOMPARE(key.validFrom, source.validFrom);
            QVERIFY(key.restriction == Core::Restriction::OneTime);
        }
        QVERIFY(draft.keys[0].id != draft.keys[1].id);
        QCOMPARE(dialog.draft().keys[0].id, draft.keys[0].id); // stable while the dialog lives
        QVERIFY(draft.notify == Ui::NotifyChannel::Email);
    }

    void oneKeyPerLockOrOneForAGroup()
    {
        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        fillExample(dialog);
        tickLock(dialog, QStringLiteral("B-105"));
        QVERIFY(dialog.previewText().contains(QStringLiteral("opens B-104 and B-105 Mon")));
        Ui::KeyDraft draft = dialog.draft();
        QCOMPARE(draft.keys.size(), 2);
        QCOMPARE(draft.keys[0].lockId, QStringLiteral("lock-104"));
        QCOMPARE(draft.keys[1].lockId, QStringLiteral("lock-105"));
        QVERIFY(draft.lockGroupId.isEmpty());
        for (const Core::DigitalKey &key : draft.keys)
            QVERIFY(Core::validateKey(key).ok());

        find<QRadioButton>(dialog, "lockModeGroup")->setChecked(true);
        QVERIFY(dialog.isValid());
        draft = dialog.draft();
        QCOMPARE(draft.lockGroupId, QStringLiteral("group-1"));
        QCOMPARE(draft.keys.size(), 1);
        QCOMPARE(draft.keys[0].lockId, QStringLiteral("group-1"));
        QVERIFY(dialog.previewText().contains(QStringLiteral("opens every lock in group Floor 1 Mon")));
    }

    void aLargeFacilityIsSearchedNotListed()
    {
        // 5,000 locks and 20,000 users handed over as searchable choices (as KeyEditFlow hands on the directory's):
        // the lock list shows the ticked locks and at most kShown matches, the user is typed and picked.
        const Core::FakeClock clock(now());
        Ui::KeyDialogContext c = context();
        QList<Ui::LockChoice> locks;
        for (int i = 0; i < 5000; ++i)
            locks.append({ QStringLiteral("lock-%1").arg(i), QStringLiteral("C-%1").arg(i, 4, 10, QLatin1Char('0')) });
        QList<Ui::UserChoice> users;
        for (int i = 0; i < 20000; ++i)
            users.append({ QStringLiteral("user-%1").arg(i),
                           QStringLiteral("Tenant %1").arg(i),
                           QStringLiteral("t%1@example.com").arg(i),
                           {} });
        c.choices = std::make_shared<Ui::ListKeyChoices>(locks, c.lockGroups, users);
        KeyDialog dialog(c, clock);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = find<QListWidget>(dialog, "locks");
        QCOMPARE(list->count(), Ui::KeyLockPicker::kShown);
        QVERIFY(find<QLabel>(dialog, "lockMore")->isVisibleTo(&dialog));
        auto *filter = find<QLineEdit>(dialog, "lockFilter");
        QTest::keyClicks(filter, QStringLiteral("c-4711"));
        QCOMPARE(list->count(), 1);
        QVERIFY(!find<QLabel>(dialog, "lockMore")->isVisibleTo(&dialog));
        list->item(0)->setCheckState(Qt::Checked);
        filter->clear();
        QCOMPARE(list->item(0)->text(), QStringLiteral("C-4711")); // ticked: listed first, whatever the filter
        QCOMPARE(list->item(0)->checkState(), Qt::Checked);
        QCOMPARE(list->count(), 1 + Ui::KeyLockPicker::kShown);

        auto *user = find<Ui::DirectoryPicker>(dialog, "user");
        user->setFocus();
        Test::typeInto(*user, QStringLiteral("t12345@"));
        QCOMPARE(user->matches().size(), 1);
        Test::pressIn(*user, Qt::Key_Return);
        QCOMPARE(user->currentId(), QStringLiteral("user-12345"));
        QCOMPARE(user->text(), QStringLiteral("Tenant 12345"));
        find<QLineEdit>(dialog, "description")->setText(QStringLiteral("Cleaner"));
        QVERIFY2(dialog.isValid(), qPrintable(dialog.previewText()));
        const Ui::KeyDraft draft = dialog.draft();
        QCOMPARE(draft.keys.size(), 1);
        QCOMPARE(draft.keys.first().lockId, QStringLiteral("lock-4711"));
        QCOMPARE(draft.keys.first().userId, QStringLiteral("user-12345"));
        QCOMPARE(draft.notify, Ui::NotifyChannel::Email); // the picked user's contacts
    }

    void emptyLockListSaysSo()
    {
        const Core::FakeClock clock(now());
        Ui::KeyDialogContext empty;
        empty.zone = context().zone;
        KeyDialog dialog(empty, clock);
        dialog.show();
        auto *note = find<QLabel>(dialog, "lockEmpty");
        QVERIFY(note->isVisibleTo(&dialog));
        QVERIFY(note->text().contains(QStringLiteral("no locks to choose from")));
        QVERIFY(!find<QListWidget>(dialog, "locks")->isVisibleTo(&dialog));
        QVERIFY(!find<QPushButton>(dialog, "submit")->isEnabled());
        QVERIFY(dialog.previewText().contains(QStringLiteral("(no lock chosen)")));
        // No users either: the dialog offers a new user straight away.
        QVERIFY(find<QRadioButton>(dialog, "userModeNew")->isChecked());
    }

    void newUserInline_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("errorLabel");

        QTest::newRow("name and email → valid")
            << QStringLiteral("Carol Diaz") << QStringLiteral("carol@example.com") << QString() << QString();
        QTest::newRow("name and phone → valid")
            << QStringLiteral("Carol Diaz") << QString() << QStringLiteral("+49 170 1234567") << QString();
        QTest::newRow("no name → newUserNameError")
            << QString() << QStringLiteral("carol@example.com") << QString() << QStringLiteral("newUserNameError");
        QTest::newRow("no contact → newUserContactError")
            << QStringLiteral("Carol Diaz") << QString() << QString() << QStringLiteral("newUserContactError");
        QTest::newRow("malformed email → newUserContactError")
            << QStringLiteral("Carol Diaz") << QStringLiteral("carol.example.com") << QString()
            << QStringLiteral("newUserContactError");
        QTest::newRow("letters in phone → newUserContactError")
            << QStringLiteral("Carol Diaz") << QString() << QStringLiteral("call me")
            << QStringLiteral("newUserContactError");
    }

    void newUserInline()
    {
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(QString, phone);
        QFETCH(QString, errorLabel);

        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        fillExample(dialog);
        find<QRadioButton>(dialog, "userModeNew")->setChecked(true);
        find<QLineEdit>(dialog, "newUserName")->setText(name);
        find<QLineEdit>(dialog, "newUserEmail")->setText(email);
        find<QLineEdit>(dialog, "newUserPhone")->setText(phone);
        find<QComboBox>(dialog, "notify")->setCurrentIndex(0); // don't notify: only the user fields count here

        QCOMPARE(dialog.isValid(), errorLabel.isEmpty());
        if (!errorLabel.isEmpty()) {
            QVERIFY(!errorText(dialog, errorLabel).isEmpty());
            return;
        }
        const Ui::KeyDraft draft = dialog.draft();
        QVERIFY(draft.newUser.has_value());
        QCOMPARE(draft.newUser->name, name);
        QCOMPARE(draft.newUser->email, email);
        QCOMPARE(draft.newUser->phone, phone);
        QVERIFY(!draft.newUser->id.isEmpty());
        QCOMPARE(draft.keys.front().userId, draft.newUser->id);
    }

    void notifyChannelFollowsTheUsersContacts()
    {
        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        fillExample(dialog);
        auto *notify = find<QComboBox>(dialog, "notify");
        QVERIFY(Ui::NotifyChannel(notify->currentData().toInt()) == Ui::NotifyChannel::Email);
        chooseUser(dialog, QStringLiteral("user-ann")); // phone only
        QVERIFY(Ui::NotifyChannel(notify->currentData().toInt()) == Ui::NotifyChannel::Sms);
        QVERIFY(dialog.isValid());
        notify->setCurrentIndex(notify->findData(int(Ui::NotifyChannel::Email)));
        QVERIFY(errorText(dialog, QStringLiteral("notifyError")).contains(QStringLiteral("no email address")));
        QVERIFY(!dialog.isValid());
    }

    void mainWindowOpensItWithCtrlN()
    {
        Ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *action = window.findChild<QAction *>(QStringLiteral("actionNewKey"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
        QVERIFY(window.menuBar()->actions().front()->menu()->actions().contains(action)); // in the File menu
        QVERIFY(!action->icon().isNull());

        // The main window has no facility data yet: the dialog must say there are no locks, and cannot submit.
        bool sawDialog = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<KeyDialog *>(QApplication::activeModalWidget());
            if (dialog) {
                sawDialog = true;
                QVERIFY(find<QLabel>(*dialog, "lockEmpty")->isVisibleTo(dialog));
                QVERIFY(!find<QPushButton>(*dialog, "submit")->isEnabled());
                dialog->reject();
            }
        });
        action->trigger();
        QVERIFY(sawDialog);
    }

    void mnemonicsAreUnique_data()
    {
        QTest::addColumn<bool>("newUser");
        QTest::newRow("existing user") << false;
        QTest::newRow("new user fields shown") << true;
    }

    void mnemonicsAreUnique()
    {
        QFETCH(bool, newUser);
        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        dialog.show();
        fillExample(dialog);
        find<QRadioButton>(dialog, newUser ? "userModeNew" : "userModeExisting")->setChecked(true);
        QHash<QChar, QString> seen;
        const auto check = [&](const QWidget *widget, const QString &text) {
            if (!widget->isVisibleTo(&dialog))
                return;
            const qsizetype at = QString(text).replace(QStringLiteral("&&"), QString()).indexOf(QLatin1Char('&'));
            if (at < 0)
                return;
            const QChar key = QString(text).replace(QStringLiteral("&&"), QString()).at(at + 1).toLower();
            QVERIFY2(!seen.contains(key),
                     qPrintable(QStringLiteral("Alt+%1: \"%2\" and \"%3\"").arg(key, seen.value(key), text)));
            seen.insert(key, text);
        };
        for (const QAbstractButton *button : dialog.findChildren<QAbstractButton *>())
            check(button, button->text());
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            check(label, label->text());
        QVERIFY(seen.size() > 10);
    }

    void keyboardReachesEveryField()
    {
        const Core::FakeClock clock(now());
        KeyDialog dialog(context(), clock);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        fillExample(dialog);
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        find<QLineEdit>(dialog, "description")->setFocus();
        QStringList order;
        for (int i = 0; i < 80 && !order.contains(QStringLiteral("submit")); ++i) {
            QWidget *focus = QApplication::focusWidget();
            QVERIFY(focus);
            order << focus->objectName();
            QTest::keyClick(focus, Qt::Key_Tab);
        }
        // In reading order: the key column, then the time column, then the buttons.
        const QStringList expected
            = { QStringLiteral("description"),   QStringLiteral("lockFilter"),  QStringLiteral("locks"),
                QStringLiteral("user"),          QStringLiteral("role"),        QStringLiteral("notify"),
                QStringLiteral("validFromDate"), QStringLiteral("validToDate"), QStringLiteral("noEndDate"),
                QStringLiteral("addWindow"),     QStringLiteral("day1"),        QStringLiteral("remove"),
                QStringLiteral("submit") };
        qsizetype last = -1;
        for (const QString &name : expected) {
            const qsizetype at = order.indexOf(name, last + 1);
            QVERIFY2(
                at > last,
                qPrintable(
                    QStringLiteral("%1 not after the previous field in %2").arg(name, order.join(QLatin1Char(' ')))));
            last = at;
        }
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // "--show": open the dialog filled with the issue's example, for looking at it (tools/shot).
    if (app.arguments().contains(QStringLiteral("--show"))) {
        if (app.arguments().contains(QStringLiteral("--dark"))) {
            // A dark system palette, as a desktop in dark mode hands it to Qt.
            QPalette dark;
            dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
            dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
            dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
            dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
            dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
            dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xc6));
            dark.setColor(QPalette::HighlightedText, Qt::white);
            dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
            dark.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
            dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
            dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
            dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
            QApplication::setPalette(dark);
        }
        static Core::FakeClock clock(now());
        auto *dialog = new KeyDialog(context(), clock);
        if (!app.arguments().contains(QStringLiteral("--empty"))) {
            fillExample(*dialog);
            if (app.arguments().contains(QStringLiteral("--overlap"))) {
                auto *editor = find<Ui::WindowsEditor>(*dialog, "windows");
                editor->addWindow();
                auto *row = find<QWidget>(*dialog, "windowRow1");
                find<QToolButton>(*row, "day5")->click();
                find<QTimeEdit>(*row, "start")->setTime(QTime(16, 0));
                find<QTimeEdit>(*row, "end")->setTime(QTime(1, 0));
            }
        }
        dialog->show();
        return app.exec();
    }
    TestKeyDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeyDialog.moc"
