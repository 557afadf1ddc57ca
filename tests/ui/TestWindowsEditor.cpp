#include "ui/widgets/WindowsEditor.h"

#include <QApplication>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimeEdit>
#include <QToolButton>

using namespace Keydesk;
using Core::AccessWindow;
using Core::Weekdays;
using Ui::WindowsEditor;

namespace {

QWidget *row(const WindowsEditor &editor, int index)
{
    return editor.findChild<QWidget *>(QStringLiteral("windowRow%1").arg(index));
}

QString visibleText(const QWidget &root, const char *name)
{
    auto *label = root.findChild<QLabel *>(QString::fromLatin1(name));
    return label && label->isVisibleTo(&root) ? label->text() : QString();
}

AccessWindow window(int mask, QTime start, QTime end)
{
    return { Weekdays::fromMask(mask), start, end };
}

constexpr int kMon = 0x01, kFri = 0x10, kSat = 0x20, kSun = 0x40;

} // namespace

class TestWindowsEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void addAndRemoveRows()
    {
        WindowsEditor editor;
        editor.show();
        QSignalSpy changed(&editor, &WindowsEditor::windowsChanged);
        QCOMPARE(editor.rowCount(), 0);
        QVERIFY(visibleText(editor, "windowsSummary").contains(QStringLiteral("No windows yet")));

        editor.findChild<QPushButton *>(QStringLiteral("addWindow"))->click();
        QCOMPARE(editor.rowCount(), 1);
        QCOMPARE(editor.windows(), (QList<AccessWindow> { window(0x1f, QTime(8, 0), QTime(17, 0)) }));
        // The second row offers the days no window uses yet, so it does not start out overlapping.
        editor.addWindow();
        QCOMPARE(editor.windows().at(1), window(kSat | kSun, QTime(8, 0), QTime(17, 0)));
        QVERIFY(editor.validation().ok());
        QCOMPARE(visibleText(editor, "windowsSummary"),
                 QStringLiteral("Opens Mon\u2013Fri 08:00\u201317:00, Sat, Sun 08:00\u201317:00."));
        QCOMPARE(changed.size(), 2);

        row(editor, 0)->findChild<QToolButton *>(QStringLiteral("remove"))->click();
        QCOMPARE(editor.rowCount(), 1);
        QCOMPARE(editor.windows(), (QList<AccessWindow> { window(kSat | kSun, QTime(8, 0), QTime(17, 0)) }));
        QVERIFY(row(editor, 0)); // renumbered
        QVERIFY(!row(editor, 1));
        QCOMPARE(changed.size(), 3);

        editor.removeWindow(5); // out of range: nothing happens
        QCOMPARE(editor.rowCount(), 1);
        QCOMPARE(changed.size(), 3);
    }

    void setWindowsRoundTrips()
    {
        WindowsEditor editor;
        const QList<AccessWindow> windows { window(0x1f, QTime(7, 30), QTime(12, 0)),
                                            window(kSat, QTime(22, 0), QTime(2, 0)) };
        QSignalSpy changed(&editor, &WindowsEditor::windowsChanged);
        editor.setWindows(windows);
        QCOMPARE(editor.windows(), windows);
        QCOMPARE(changed.size(), 1); // one signal for the whole set, not one per field
        editor.setWindows({});
        QCOMPARE(editor.rowCount(), 0);
    }

    void dayButtonsAndTimesEditTheWindow()
    {
        WindowsEditor editor;
        editor.show();
        editor.addWindow();
        QWidget *first = row(editor, 0);
        QSignalSpy changed(&editor, &WindowsEditor::windowsChanged);
        QTest::mouseClick(first->findChild<QToolButton *>(QStringLiteral("day6")), Qt::LeftButton);
        QTest::mouseClick(first->findChild<QToolButton *>(QStringLiteral("day1")), Qt::LeftButton);
        first->findChild<QTimeEdit *>(QStringLiteral("end"))->setTime(QTime(18, 30));
        QCOMPARE(editor.windows().front(), window(0x1e | kSat, QTime(8, 0), QTime(18, 30)));
        QCOMPARE(changed.size(), 3);
    }

    void overlap_data()
    {
        QTest::addColumn<QList<AccessWindow>>("windows");
        QTest::addColumn<QString>("expected"); // empty: valid
        QTest::addColumn<QList<int>>("problemRows");

        QTest::newRow("same day, overlapping times → names both")
            << QList<AccessWindow> { window(0x1f, QTime(8, 0), QTime(17, 0)), window(kFri, QTime(16, 0), QTime(20, 0)) }
            << QStringLiteral("Window 1 (Mon\u2013Fri 08:00\u201317:00) and window 2 (Fri 16:00\u201320:00) overlap "
                              "on Fri 16:00\u201317:00.")
            << QList<int> { 0, 1 };
        QTest::newRow("touching windows → valid")
            << QList<AccessWindow> { window(kMon, QTime(8, 0), QTime(12, 0)), window(kMon, QTime(12, 0), QTime(17, 0)) }
            << QString() << QList<int> {};
        QTest::newRow("midnight crossing alone → valid")
            << QList<AccessWindow> { window(kFri, QTime(22, 0), QTime(2, 0)) } << QString() << QList<int> {};
        QTest::newRow("crossing into the next day's window → overlap on Sat")
            << QList<AccessWindow> { window(kFri, QTime(22, 0), QTime(2, 0)), window(kSat, QTime(1, 0), QTime(3, 0)) }
            << QStringLiteral("Window 1 (Fri 22:00\u201302:00) and window 2 (Sat 01:00\u201303:00) overlap on Sat "
                              "01:00\u201302:00.")
            << QList<int> { 0, 1 };
        QTest::newRow("Sunday night into Monday → overlap on Mon")
            << QList<AccessWindow> { window(kMon, QTime(1, 0), QTime(9, 0)), window(kSun, QTime(23, 0), QTime(1, 30)) }
            << QStringLiteral("Window 1 (Mon 01:00\u201309:00) and window 2 (Sun 23:00\u201301:30) overlap on Mon "
                              "01:00\u201301:30.")
            << QList<int> { 0, 1 };
        QTest::newRow("third window overlaps the first → rows 1 and 3 marked")
            << QList<AccessWindow> { window(kMon, QTime(8, 0), QTime(10, 0)), window(kSat, QTime(8, 0), QTime(10, 0)),
                                     window(kMon, QTime(9, 0), QTime(11, 0)) }
            << QStringLiteral("Window 1 (Mon 08:00\u201310:00) and window 3 (Mon 09:00\u201311:00) overlap")
            << QList<int> { 0, 2 };
        QTest::newRow("no days → that window's problem")
            << QList<AccessWindow> { window(0, QTime(8, 0), QTime(9, 0)) }
            << QStringLiteral("Window 1 (no days 08:00\u201309:00) applies to no day") << QList<int> { 0 };
        QTest::newRow("start equals end → that window's problem")
            << QList<AccessWindow> { window(kMon, QTime(8, 0), QTime(8, 0)) }
            << QStringLiteral("Window 1 (Mon 08:00\u201308:00) starts and ends at the same time") << QList<int> { 0 };
    }

    void overlap()
    {
        QFETCH(QList<AccessWindow>, windows);
        QFETCH(QString, expected);
        QFETCH(QList<int>, problemRows);

        WindowsEditor editor;
        editor.show();
        editor.setWindows(windows);
        const QString error = visibleText(editor, "windowsStatusError");
        QCOMPARE(editor.validation().ok(), expected.isEmpty());
        if (expected.isEmpty()) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(visibleText(editor, "windowsSummary").startsWith(QStringLiteral("Opens ")));
        } else {
            QVERIFY2(error.startsWith(expected), qPrintable(error));
            QCOMPARE(editor.statusText(), error);
        }
        for (int i = 0; i < windows.size(); ++i) {
            auto *marker = row(editor, i)->findChild<QLabel *>(QStringLiteral("problemMarker"));
            QCOMPARE(marker->isVisibleTo(&editor), problemRows.contains(i));
        }
    }

    void overlapClearsLive()
    {
        WindowsEditor editor;
        editor.show();
        editor.setWindows({ window(kMon, QTime(8, 0), QTime(12, 0)), window(kMon, QTime(11, 0), QTime(13, 0)) });
        QVERIFY(!visibleText(editor, "windowsStatusError").isEmpty());
        row(editor, 1)->findChild<QTimeEdit *>(QStringLiteral("start"))->setTime(QTime(12, 0));
        QTRY_VERIFY(visibleText(editor, "windowsStatusError").isEmpty());
        QVERIFY(!row(editor, 1)->findChild<QLabel *>(QStringLiteral("problemMarker"))->isVisibleTo(&editor));
    }

    void midnightCrossingIsShown_data()
    {
        QTest::addColumn<QTime>("start");
        QTest::addColumn<QTime>("end");
        QTest::addColumn<bool>("nextDay");
        QTest::newRow("08:00–17:00 → same day") << QTime(8, 0) << QTime(17, 0) << false;
        QTest::newRow("22:00–02:00 → ends next day") << QTime(22, 0) << QTime(2, 0) << true;
        QTest::newRow("18:00–00:00 → ends at midnight, next day") << QTime(18, 0) << QTime(0, 0) << true;
        QTest::newRow("08:00–08:00 → empty, no hint") << QTime(8, 0) << QTime(8, 0) << false;
    }

    void midnightCrossingIsShown()
    {
        QFETCH(QTime, start);
        QFETCH(QTime, end);
        QFETCH(bool, nextDay);
        WindowsEditor editor;
        editor.show();
        editor.setWindows({ window(kFri, start, end) });
        QCOMPARE(row(editor, 0)->findChild<QLabel *>(QStringLiteral("endsNextDay"))->isVisibleTo(&editor), nextDay);
    }

    void errorColourFollowsThePalette()
    {
        WindowsEditor editor;
        editor.show();
        editor.setWindows({ window(kMon, QTime(8, 0), QTime(12, 0)), window(kMon, QTime(11, 0), QTime(13, 0)) });
        auto *error = editor.findChild<QLabel *>(QStringLiteral("windowsStatusError"));
        auto *marker = row(editor, 0)->findChild<QLabel *>(QStringLiteral("problemMarker"));
        const QPalette original = QApplication::palette();
        const auto errorColour = [&] { return error->palette().color(QPalette::WindowText); };
        QPalette light = original;
        light.setColor(QPalette::Window, Qt::white);
        QApplication::setPalette(light);
        QTRY_VERIFY(errorColour().lightness() < 128); // dark red on a light window
        QCOMPARE(marker->palette().color(QPalette::WindowText), errorColour());
        QPalette dark = original;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, Qt::white);
        QApplication::setPalette(dark);
        QTRY_VERIFY(errorColour().lightness() > 128); // light red on a dark window
        QCOMPARE(marker->palette().color(QPalette::WindowText), errorColour());
        QApplication::setPalette(original);
        QCOMPARE(marker->text(), QStringLiteral("\u26a0"));
    }

    void tabOrderFollowsTheRows()
    {
        WindowsEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.addWindow();
        editor.addWindow();
        editor.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&editor));
        editor.findChild<QPushButton *>(QStringLiteral("addWindow"))->setFocus();
        QStringList order;
        for (int i = 0; i < 30; ++i) {
            QWidget *focus = QApplication::focusWidget();
            QVERIFY(focus);
            const QWidget *owner = focus->parentWidget();
            while (owner && !owner->objectName().startsWith(QStringLiteral("windowRow")))
                owner = owner->parentWidget();
            const QString name = (owner ? owner->objectName() + QLatin1Char('/') : QString()) + focus->objectName();
            // QTimeEdit takes Tab to step from hours to minutes first (Qt's own behaviour): count it once.
            if (order.isEmpty() || order.constLast() != name)
                order << name;
            QTest::keyClick(focus, Qt::Key_Tab);
        }
        const QStringList expected = { QStringLiteral("addWindow"),         QStringLiteral("windowRow0/day1"),
                                       QStringLiteral("windowRow0/day2"),   QStringLiteral("windowRow0/day3"),
                                       QStringLiteral("windowRow0/day4"),   QStringLiteral("windowRow0/day5"),
                                       QStringLiteral("windowRow0/day6"),   QStringLiteral("windowRow0/day7"),
                                       QStringLiteral("windowRow0/start"),  QStringLiteral("windowRow0/end"),
                                       QStringLiteral("windowRow0/remove"), QStringLiteral("windowRow1/day1") };
        QCOMPARE(order.mid(0, expected.size()), expected);
    }
};

QTEST_MAIN(TestWindowsEditor)
#include "TestWindowsEditor.moc"
