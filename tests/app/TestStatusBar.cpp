#include "core/domain/Clock.h"
#include "ui/status/OfflineBanner.h"
#include "ui/status/StatusBarWidget.h"

#include <QProgressBar>
#include <QtTest>

using namespace Keydesk;

/// The status bar's words: state, "synced N s ago" against the clock, counts, progress only on a long sync.
class TestStatusBar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncedAgo_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("3 s → just now") << 3 << QStringLiteral("synced just now");
        QTest::newRow("42 s") << 42 << QStringLiteral("synced 42 s ago");
        QTest::newRow("5 min") << 300 << QStringLiteral("synced 5 min ago");
        QTest::newRow("2 h") << 7300 << QStringLiteral("synced 2 h ago");
    }

    void syncedAgo()
    {
        QFETCH(int, seconds);
        QFETCH(QString, text);
        const QDateTime start = QDateTime(QDate(2026, 3, 29), QTime(0, 30), QTimeZone::utc());
        Core::FakeClock clock(start);
        Ui::StatusBarWidget status(clock);
        QCOMPARE(status.syncedText(), QStringLiteral("not synced yet"));
        status.setLastSynced(start);
        clock.set(start.addSecs(seconds));
        status.refreshAge();
        QCOMPARE(status.syncedText(), text);
    }

    void countsAndStates()
    {
        Core::FakeClock clock(QDateTime::currentDateTimeUtc());
        Ui::StatusBarWidget status(clock);
        status.setCounts({ 12, 1, 40, 31, 2 });
        QCOMPARE(status.countsText(),
                 QStringLiteral("12 locks \u00b7 1 user \u00b7 31 active keys \u00b7 2 low batteries"));
        status.setState(Ui::ConnectionState::Offline, QStringLiteral("Cannot reach"));
        QVERIFY(status.stateText().contains(QLatin1String("Offline")));
        status.setState(Ui::ConnectionState::Error, QStringLiteral("The session ended."));
        QVERIFY(status.stateText().contains(QLatin1String("The session ended.")));
    }

    void progressOnlyOnALongSync()
    {
        Core::FakeClock clock(QDateTime::currentDateTimeUtc());
        Ui::StatusBarWidget status(clock);
        status.show();
        auto *bar = status.findChild<QProgressBar *>(QStringLiteral("statusProgress"));
        QVERIFY(bar);
        status.setState(Ui::ConnectionState::Syncing);
        status.setProgress(1, 3);
        QVERIFY(!bar->isVisible()); // a quick refresh does not flash a bar
        QElapsedTimer waited;
        waited.start();
        QTRY_VERIFY(waited.elapsed() > Ui::StatusBarWidget::kLongSyncMs);
        status.setProgress(2, 3);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->value(), 2);
        status.setState(Ui::ConnectionState::Online);
        QVERIFY(!bar->isVisible());
    }

    void offlineBannerSaysWhatStillWorks()
    {
        QWidget parent;
        Ui::OfflineBanner banner(&parent);
        parent.show();
        QVERIFY(!banner.isVisible());
        banner.showOffline(QStringLiteral("keys.example.com"), QStringLiteral("Connection refused."));
        QVERIFY(banner.isVisible());
        QVERIFY(banner.text().contains(QLatin1String("keys.example.com")));
        QVERIFY(banner.text().contains(QLatin1String("queued")));
        QVERIFY(banner.text().contains(QLatin1String("browse")));
    }
};

QTEST_MAIN(TestStatusBar)
#include "TestStatusBar.moc"
