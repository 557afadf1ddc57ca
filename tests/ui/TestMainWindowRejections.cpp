// The main window's rejection banner against the real keydesk-server in-process: a change made outside the keys
// view (a quick click, a user edit) that the server refuses is listed over every view with what was attempted and
// the server's reason, stays while the person switches views or the session is re-attached (the outbox keeps it),
// and leaves when dismissed — one by one or all at once.
#include "TestLocksViewFixture.h"
#include "core/sync/Mutations.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/views/keys/RejectionBanner.h"

#include <QLabel>
#include <QPushButton>

using namespace Keydesk;
using namespace Keydesk::Test;
using Section = Ui::MainWindow::Section;

namespace {

QStringList sentences(const Ui::RejectionBanner &banner)
{
    QStringList out = banner.shown().values();
    out.sort();
    return out;
}

QList<Core::OutboxEntry> rejectedInOutbox(Core::CacheStore &cache)
{
    auto r = awaitTask(cache.rejected());
    return r && *r ? r->value() : QList<Core::OutboxEntry>();
}

} // namespace

class TestMainWindowRejections final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void refusedChangesFromOtherViewsShowOverEveryViewUntilDismissed()
    {
        LiveDesk desk;
        QVERIFY2(desk.ok(), qPrintable(desk.error()));
        const QString lock = desk.addLock(QStringLiteral("B-104"), QStringLiteral("AA:BB:CC:51:00:01"));
        QVERIFY(!lock.isEmpty());
        const QJsonObject user = desk.send("POST", QStringLiteral("/v1/users"),
                                           { { QStringLiteral("name"), QStringLiteral("Rita Refused") } });
        const QString userId = user.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
        QVERIFY(!userId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(desk.cachedRow(QStringLiteral("users"), userId).has_value(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(desk.cachedRow(QStringLiteral("locks"), lock).has_value(), 15000);

        Ui::MainWindow window;
        window.attachViews(desk.context());
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showSection(Section::QuickClicks);
        Ui::RejectionBanner *banner = window.rejectionBanner();
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());

        // A quick click the server refuses (only 0 and 1 are presses), as the quick-clicks view submits it.
        auto issued = awaitTask(desk.engine().submit(
            Core::Mutations::issueQuickClick(lock, QStringLiteral("2222"), 1, QDateTime::currentDateTimeUtc())));
        QVERIFY(issued && *issued);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
        QCOMPARE(banner->shown().size(), 1);
        const QString quickClick = sentences(*banner).first();
        QVERIFY2(quickClick.startsWith(QStringLiteral("Issuing quick click 2222 on B-104 was refused by the server")),
                 qPrintable(quickClick));
        QVERIFY2(quickClick.contains(QStringLiteral("contains")), qPrintable(quickClick)); // the server's reason
        QVERIFY(!banner->findChild<QPushButton *>(QStringLiteral("dismissAll"))->isVisible());

        // It stays whichever view is on screen.
        for (Section section : { Section::Keys, Section::Users, Section::Locks, Section::Dashboard }) {
            window.showSection(section);
            QVERIFY(banner->isVisible());
            QCOMPARE(banner->shown().size(), 1);
        }

        // A user edit the server refuses, from the users view's path.
        auto edited = awaitTask(desk.engine().submit(
            Core::Mutations::editUser(userId, { { QStringLiteral("status"), QStringLiteral("on holiday") } })));
        QVERIFY(edited && *edited);
        QTRY_COMPARE_WITH_TIMEOUT(banner->shown().size(), 2, 15000);
        const QStringList both = sentences(*banner);
        QVERIFY2(both.at(0).startsWith(QStringLiteral("Changing the user \u201cRita Refused\u201d was refused")),
                 qPrintable(both.at(0)));
        QVERIFY(banner->findChild<QPushButton *>(QStringLiteral("dismissAll"))->isVisible());
        QCOMPARE(banner->findChild<QLabel *>(QStringLiteral("rejectionsHeading"))->text(),
                 QStringLiteral("The server refused 2 changes; they were undone on this computer."));

        // The outbox keeps them: a new session on the same cache lists them again.
        window.detachViews();
        QVERIFY(!window.rejectionBanner());
        window.attachViews(desk.context());
        banner = window.rejectionBanner();
        QTRY_COMPARE(banner->shown().size(), 2);
        QVERIFY(banner->isVisible());

        // Dismiss one: it leaves the banner and the outbox.
        const qint64 quickClickSeq = issued->value();
        auto *row = banner->findChild<QWidget *>(QStringLiteral("rejection-%1").arg(quickClickSeq));
        QVERIFY(row);
        row->findChild<QPushButton *>(QStringLiteral("dismiss"))->click();
        QCOMPARE(banner->shown().size(), 1);
        QVERIFY(!banner->shown().contains(quickClickSeq));
        QTRY_COMPARE(rejectedInOutbox(desk.cache()).size(), 1);
        QCOMPARE(banner->shown().size(), 1); // the re-read after the dismissal agrees

        // Dismiss all: the banner goes, the outbox is empty.
        auto *all = banner->findChild<QPushButton *>(QStringLiteral("dismissAll"));
        QVERIFY(all && !all->isVisible()); // one left: its own Dismiss is enough
        banner->findChild<QPushButton *>(QStringLiteral("dismiss"))->click();
        QVERIFY(!banner->isVisible());
        QTRY_VERIFY(rejectedInOutbox(desk.cache()).isEmpty());
        QVERIFY(!banner->isVisible());

        QVERIFY(settle(window, desk));
        window.detachViews();
    }

    void dismissAllEmptiesTheListAndTheOutbox()
    {
        LiveDesk desk;
        QVERIFY2(desk.ok(), qPrintable(desk.error()));
        const QString lock = desk.addLock(QStringLiteral("C-201"), QStringLiteral("AA:BB:CC:51:00:02"));
        QVERIFY(!lock.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(desk.cachedRow(QStringLiteral("locks"), lock).has_value(), 15000);
        Ui::MainWindow window;
        window.attachViews(desk.context());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const char *code : { "2", "3", "4" }) {
            auto r = awaitTask(desk.engine().submit(
                Core::Mutations::issueQuickClick(lock, QString::fromLatin1(code), 1, QDateTime::currentDateTimeUtc())));
            QVERIFY(r && *r);
        }
        Ui::RejectionBanner *banner = window.rejectionBanner();
        QTRY_COMPARE_WITH_TIMEOUT(banner->shown().size(), 3, 15000);
        auto *all = banner->findChild<QPushButton *>(QStringLiteral("dismissAll"));
        QVERIFY(all->isVisible());
        all->click();
        QVERIFY(!banner->isVisible());
        QTRY_VERIFY(rejectedInOutbox(desk.cache()).isEmpty());
        QVERIFY(banner->shown().isEmpty());
        QVERIFY(settle(window, desk));
        window.detachViews();
    }
};

QTEST_MAIN(TestMainWindowRejections)
#include "TestMainWindowRejections.moc"
