#include "core/domain/Clock.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/status/StatusBarWidget.h"

#include <QIcon>
#include <QListWidget>
#include <QStackedWidget>
#include <QTest>
#include <QTimeZone>

using Keydesk::Ui::MainWindow;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsNavigationForEverySection()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Keydesk"));

        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(nav);
        QStringList titles;
        for (int i = 0; i < nav->count(); ++i)
            titles << nav->item(i)->text();
        for (const char *expected : { "Users", "Locks", "Digital keys", "Activity", "Quick clicks" })
            QVERIFY2(titles.contains(QString::fromLatin1(expected)), expected);
    }

    void navigationIconsLoadFromResources()
    {
        MainWindow window;
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(nav);
        for (int i = 0; i < nav->count(); ++i) {
            const QIcon icon = nav->item(i)->icon();
            QVERIFY2(!icon.pixmap(QSize(20, 20)).isNull(), qPrintable(nav->item(i)->text()));
        }
    }

    void navigationSwitchesPages()
    {
        MainWindow window;
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QVERIFY(nav && pages);
        nav->setCurrentRow(2);
        QCOMPARE(pages->currentIndex(), 2);
        window.showSection(MainWindow::Section::Audit);
        QCOMPARE(window.currentSection(), MainWindow::Section::Audit);
        QCOMPARE(pages->currentIndex(), static_cast<int>(MainWindow::Section::Audit));
    }

    /// The status bar's "synced N s ago" counts on the app's clock (a FakeClock here, days from the real one).
    void statusBarUsesTheInjectedClock()
    {
        Keydesk::Core::FakeClock clock(QDateTime(QDate(2026, 11, 25), QTime(12, 0), QTimeZone::utc()));
        MainWindow window(clock);
        Keydesk::Ui::StatusBarWidget *status = window.connectionStatus();
        QVERIFY(status);
        status->setLastSynced(clock.now());
        clock.advance(5 * 60);
        QCOMPARE(status->syncedText(), QStringLiteral("synced 5 min ago"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
