// The dashboard against the real keydesk-server in-process: a key starting later today, an offline key that
// expires today and a revocation on its way to the lock all show up, each in its own list.
#include "TestKeysViewFixture.h"
#include "server/store/Database.h"
#include "ui/views/dashboard/DashboardView.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTreeWidget>

using namespace Keydesk;
using namespace Keydesk::Test;

namespace {

QStringList column(const QWidget &view, const char *list, int c)
{
    QStringList out;
    auto *tree = view.findChild<QTreeWidget *>(QLatin1String(list));
    for (int i = 0; tree && i < tree->topLevelItemCount(); ++i)
        out.append(tree->topLevelItem(i)->text(c));
    return out;
}

} // namespace

class TestDashboardView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LiveServer> m_server;
    std::unique_ptr<Facility> m_facility;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<LiveServer>();
        QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
        m_facility = std::make_unique<Facility>(m_network, *m_server);
        QString error;
        QVERIFY2(m_facility->login(&error), qPrintable(error));
    }

    void showsTodaysChanges()
    {
        const QString zoneId
            = m_server->db()
                  .scalar(QStringLiteral("SELECT timezone FROM facilities WHERE id = ?"), { m_server->facilityId() })
                  ->toString();
        auto zone = Core::FacilityZone::fromIanaId(zoneId);
        QVERIFY(zone);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime endOfDay = zone->endOfDay(zone->toLocal(now).date());
        if (now.secsTo(endOfDay) < 120)
            QSKIP("too close to the facility's midnight for 'today' to stay put");
        const QString lena = m_facility->addUser(QStringLiteral("Lena Today"));
        const QString lock = m_facility->addLock(QStringLiteral("J-901"), QStringLiteral("AA:BB:CC:30:00:01"));
        const QString starting = m_facility->addKey(QStringLiteral("Lena starts today"), lock, lena,
                                                    now.addSecs(now.secsTo(endOfDay) / 2));
        const QString active = m_facility->addKey(QStringLiteral("Lena unit"), lock, lena);
        const QString revoked = m_facility->addKey(QStringLiteral("Lena old gate"), lock, lena);
        QVERIFY2(!starting.isEmpty() && !active.isEmpty() && !revoked.isEmpty(), qPrintable(m_facility->lastError));
        const QString credential = m_facility->call("POST", QStringLiteral("/v1/users/%1/mobile-credential").arg(lena))
                                       .value(QStringLiteral("credential"))
                                       .toString();
        Core::ApiClient phone(m_network, m_server->url());
        phone.setToken(credential);
        Core::ApiRequest r;
        r.method = QByteArrayLiteral("POST");
        r.path = QStringLiteral("/v1/mobile/offline-keys");
        r.body = QJsonObject();
        auto keys = awaitTask(phone.send(r));
        QVERIFY(keys && *keys);
        QVERIFY(!m_facility
                     ->call("POST", QStringLiteral("/v1/keys/%1/revoke").arg(revoked),
                            { { QStringLiteral("reason"), QStringLiteral("gate replaced") } })
                     .isEmpty());

        Desk d(m_network, *m_server, m_dir.filePath(QStringLiteral("dash.sqlite")));
        d.ctx.zone = *zone;
        QString error;
        QVERIFY2(d.start(LiveServer::kOwner, &error), qPrintable(error));
        Ui::DashboardView view(d.ctx);
        QTRY_VERIFY_WITH_TIMEOUT(column(view, "pendingRevocations", 0).contains(QStringLiteral("Lena old gate")),
                                 20000);
        QCOMPARE(column(view, "pendingRevocations", 2), QStringList { QStringLiteral("pending delivery to lock") });
        QTRY_VERIFY(column(view, "keysChangingToday", 0).contains(QStringLiteral("Lena starts today")));
        QVERIFY(!column(view, "keysChangingToday", 0).contains(QStringLiteral("Lena unit")));
        QTRY_VERIFY(column(view, "offlineExpiringToday", 0).contains(QStringLiteral("Lena Today")));
        view.setSearchText(QStringLiteral("nobody"));
        QVERIFY(view.findChild<QTreeWidget *>(QStringLiteral("offlineExpiringToday"))->topLevelItem(0)->isHidden());
        view.setSearchText(QString());

        // Behind another page of a shown window it lays out nothing (a large facility's sync re-reads it many times
        // a second); shown again, it shows what it read meanwhile.
        QWidget window;
        auto *pages = new QStackedWidget(&window);
        auto *other = new QWidget(pages);
        pages->addWidget(other);
        view.setParent(pages);
        const auto giveBack = qScopeGuard([&view] { view.setParent(nullptr); }); // the test owns the view
        pages->addWidget(&view);
        pages->setCurrentWidget(other);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy refreshed(&view, &Ui::DashboardView::refreshed);
        QVERIFY(!m_facility
                     ->call("POST", QStringLiteral("/v1/keys/%1/revoke").arg(active),
                            { { QStringLiteral("reason"), QStringLiteral("moved out") } })
                     .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(awaitTask(d.cache.row(QStringLiteral("keys"), active))
                                     ->value()
                                     ->data.value(QStringLiteral("revoked_at"))
                                     .isDouble(),
                                 20000);
        QTest::qWait(50);
        // Nor does it read: each read goes through every key, on the thread the sync needs.
        QCOMPARE(refreshed.count(), 0);
        QVERIFY(!column(view, "pendingRevocations", 0).contains(QStringLiteral("Lena unit")));
        pages->setCurrentWidget(&view);
        QTRY_VERIFY(refreshed.count() >= 1);
        QTRY_VERIFY(column(view, "pendingRevocations", 0).contains(QStringLiteral("Lena unit")));

        // A read that lands while it is hidden (asked for by hand) waits to be laid out until it is shown.
        pages->setCurrentWidget(other);
        view.reload();
        QTRY_VERIFY(refreshed.count() >= 2);
        pages->setCurrentWidget(&view);
        QVERIFY(column(view, "pendingRevocations", 0).contains(QStringLiteral("Lena unit")));
    }

    /// "Today" follows the clock's jumps: the next day, today's start is yesterday's; back, it is today's again.
    /// (Its midnight timer counts real time: it cannot see a jump.)
    void followsClockJumps()
    {
        const QString zoneId
            = m_server->db()
                  .scalar(QStringLiteral("SELECT timezone FROM facilities WHERE id = ?"), { m_server->facilityId() })
                  ->toString();
        auto zone = Core::FacilityZone::fromIanaId(zoneId);
        QVERIFY(zone);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime endOfDay = zone->endOfDay(zone->toLocal(now).date());
        if (now.secsTo(endOfDay) < 120)
            QSKIP("too close to the facility's midnight for 'today' to stay put");
        const QString mia = m_facility->addUser(QStringLiteral("Mia Later"));
        const QString lock = m_facility->addLock(QStringLiteral("J-902"), QStringLiteral("AA:BB:CC:30:00:02"));
        const QString starting
            = m_facility->addKey(QStringLiteral("Mia starts today"), lock, mia, now.addSecs(now.secsTo(endOfDay) / 2));
        QVERIFY2(!starting.isEmpty(), qPrintable(m_facility->lastError));

        Core::FakeClock clock(now);
        Desk d(m_network, *m_server, m_dir.filePath(QStringLiteral("dash-clock.sqlite")), clock);
        d.ctx.zone = *zone;
        QString error;
        QVERIFY2(d.start(LiveServer::kOwner, &error), qPrintable(error));
        Ui::DashboardView view(d.ctx);
        QTRY_VERIFY_WITH_TIMEOUT(column(view, "keysChangingToday", 0).contains(QStringLiteral("Mia starts today")),
                                 20000);
        QSignalSpy refreshed(&view, &Ui::DashboardView::refreshed);
        clock.advance(24 * 3600);
        QTRY_VERIFY(refreshed.count() >= 1);
        QTRY_VERIFY(!column(view, "keysChangingToday", 0).contains(QStringLiteral("Mia starts today")));
        clock.set(now);
        QTRY_VERIFY(column(view, "keysChangingToday", 0).contains(QStringLiteral("Mia starts today")));
    }
};

QTEST_MAIN(TestDashboardView)
#include "TestDashboardView.moc"
