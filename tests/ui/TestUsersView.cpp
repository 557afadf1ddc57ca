// The users view against the real keydesk-server in-process: the manager finds a user whose offline key has
// expired with the quick filter and forces a new security check (the server sees the invalidation); "Why can't
// they get in?" shows the server's reasons, and says so when the server cannot be reached; each role sees only
// the actions it may use.
#include "TestKeysViewFixture.h"
#include "core/models/UsersModel.h"
#include "server/store/Database.h"
#include "tests/ui/PickerKeys.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/users/ExplainAccessDialog.h"
#include "ui/views/users/UserDetailsPanel.h"
#include "ui/views/users/UsersView.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTreeWidget>

using namespace Keydesk;
using namespace Keydesk::Test;
using Ui::UsersView;

namespace {

QString offlineText(const UsersView &view, const QString &userId, int role = Qt::DisplayRole)
{
    const int row = view.model()->rowOfId(userId);
    return row < 0 ? QString() : view.model()->index(row, Core::UsersModel::OfflineKeyColumn).data(role).toString();
}

QVariant serverScalar(LiveServer &server, const QString &sql, const QVariantList &args)
{
    auto v = server.db().scalar(sql, args);
    return v ? *v : QVariant();
}

} // namespace

class TestUsersView final : public QObject
{
    Q_OBJECT

private:
    const QString kManager = QStringLiteral("mia.manager");
    const QString kAuditor = QStringLiteral("aldo.auditor");
    std::unique_ptr<LiveServer> m_server;
    std::unique_ptr<Facility> m_facility;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    int m_desks = 0;
    int m_macs = 0;

    std::unique_ptr<Desk> desk(const QString &username, const Core::Clock &clock = Core::Clock::system())
    {
        auto d = std::make_unique<Desk>(m_network, *m_server,
                                        m_dir.filePath(QStringLiteral("desk-%1.sqlite").arg(++m_desks)), clock);
        QString error;
        if (!d->start(username, &error)) {
            qWarning() << error;
            return nullptr;
        }
        return d;
    }
    QString mac() { return QStringLiteral("AA:BB:CC:20:00:%1").arg(++m_macs, 2, 16, QLatin1Char('0')).toUpper(); }

    /// The tenant's phone downloads offline keys (as the mobile app does); returns how many it got.
    int downloadOfflineKeys(const QString &userId)
    {
        const QJsonObject answer
            = m_facility->call("POST", QStringLiteral("/v1/users/%1/mobile-credential").arg(userId));
        const QString credential = answer.value(QStringLiteral("credential")).toString();
        if (credential.isEmpty())
            return -1;
        Core::ApiClient phone(m_network, m_server->url());
        phone.setToken(credential);
        Core::ApiRequest r;
        r.method = QByteArrayLiteral("POST");
        r.path = QStringLiteral("/v1/mobile/offline-keys");
        r.body = QJsonObject();
        auto keys = awaitTask(phone.send(r));
        if (!keys || !*keys) {
            qWarning() << (keys ? keys->error().message : QStringLiteral("timed out"));
            return -1;
        }
        return int(keys->value().json.value(QStringLiteral("offline_keys")).toArray().size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
        m_server = std::make_unique<LiveServer>();
        QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
        QVERIFY(m_server->addStaff(kManager, QStringLiteral("manager")));
        QVERIFY(m_server->addStaff(kAuditor, QStringLiteral("auditor")));
        m_facility = std::make_unique<Facility>(m_network, *m_server);
        QString error;
        QVERIFY2(m_facility->login(&error), qPrintable(error));
    }

    void init()
    {
        if (!m_server->isRunning())
            QVERIFY(m_server->start());
    }

    void managerFindsExpiredOfflineKeyAndForcesSecurityCheck()
    {
        const QString gina = m_facility->addUser(QStringLiteral("Gina Offline"));
        const QString hank = m_facility->addUser(QStringLiteral("Hank Never"));
        const QString lock = m_facility->addLock(QStringLiteral("F-501"), mac());
        QVERIFY2(!m_facility->addKey(QStringLiteral("Gina unit"), lock, gina).isEmpty(),
                 qPrintable(m_facility->lastError));
        QCOMPARE(downloadOfflineKeys(gina), 1);

        // The manager looks two days later (by the desk's clock): Gina's offline key has expired.
        Core::FakeClock clock(QDateTime::currentDateTimeUtc().addDays(2));
        auto d = desk(kManager, clock);
        QVERIFY(d);
        UsersView view(d->ctx);
        view.resize(1200, 600);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(gina) >= 0 && view.model()->rowOfId(hank) >= 0, 20000);
        QTRY_COMPARE(offlineText(view, gina), QStringLiteral("Expired"));
        QCOMPARE(offlineText(view, gina, Core::StatusColorRole), QStringLiteral("danger"));
        QCOMPARE(offlineText(view, hank), QStringLiteral("Never issued"));

        auto *quick = view.findChild<QAction *>(QStringLiteral("expiredOfflineFilter"));
        QVERIFY(quick && quick->isCheckable());
        quick->trigger();
        QVERIFY(view.model()->rowOfId(gina) >= 0);
        QCOMPARE(view.model()->rowOfId(hank), -1);

        QVERIFY(view.selectUser(gina));
        QTRY_VERIFY(view.details()->isLoaded());
        auto *offline = view.details()->findChild<QTreeWidget *>(QStringLiteral("offlineKeys"));
        QTRY_COMPARE(offline->topLevelItemCount(), 1);
        // The lock's name as soon as the directory has it (it reads a synced lock within 250 ms).
        QTRY_COMPARE(offline->topLevelItem(0)->text(0), QStringLiteral("F-501"));
        QCOMPARE(offline->topLevelItem(0)->text(1), QStringLiteral("Expired"));
        QCOMPARE(view.details()->findChild<QTreeWidget *>(QStringLiteral("userKeys"))->topLevelItemCount(), 1);

        const QString invalidated
            = QStringLiteral("SELECT COUNT(*) FROM offline_keys WHERE user_id = ? AND invalidated_at IS NOT NULL");
        QCOMPARE(serverScalar(*m_server, invalidated, { gina }).toInt(), 0);
        const int epochBefore
            = serverScalar(*m_server, QStringLiteral("SELECT offline_epoch FROM users WHERE id = ?"), { gina }).toInt();
        auto *force = view.findChild<QAction *>(QStringLiteral("forceSecurityCheckAction"));
        QVERIFY(force && force->isVisible() && force->isEnabled());
        force->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(serverScalar(*m_server, invalidated, { gina }).toInt(), 1, 10000);
        QVERIFY(
            serverScalar(*m_server, QStringLiteral("SELECT offline_epoch FROM users WHERE id = ?"), { gina }).toInt()
            > epochBefore);
        QCOMPARE(serverScalar(*m_server, invalidated, { hank }).toInt(), 0);
        // The feed brings the invalidation back: the details panel says so.
        QTRY_COMPARE_WITH_TIMEOUT(offline->topLevelItem(0)->text(1), QStringLiteral("Invalidated"), 10000);
    }

    void explainShowsTheServersReasons()
    {
        const QString ivy = m_facility->addUser(QStringLiteral("Ivy Delinquent"));
        const QString lock = m_facility->addLock(QStringLiteral("G-601"), mac());
        QVERIFY(!m_facility->addKey(QStringLiteral("Ivy unit"), lock, ivy).isEmpty());
        QVERIFY(!m_facility
                     ->call("PATCH", QStringLiteral("/v1/users/%1").arg(ivy),
                            { { QStringLiteral("status"), QStringLiteral("delinquent") } })
                     .isEmpty());
        auto d = desk(LiveServer::kFrontDesk);
        QVERIFY(d);
        UsersView view(d->ctx);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(ivy) >= 0 && view.directory()->lock(lock), 20000);
        QVERIFY(view.selectUser(ivy));
        view.findChild<QAction *>(QStringLiteral("explainAccessAction"))->trigger();
        QTRY_VERIFY(view.explainDialog());
        Ui::ExplainAccessDialog *dialog = view.explainDialog();
        // The lock is typed and searched (50,000 of them are never listed whole).
        auto *lockChoice = dialog->findChild<Ui::DirectoryPicker *>(QStringLiteral("lockChoice"));
        QVERIFY(lockChoice);
        auto *explainButton = dialog->findChild<QPushButton *>(QStringLiteral("explainButton"));
        QVERIFY(explainButton && !explainButton->isEnabled()); // no lock chosen yet
        QVERIFY(!dialog->selectLock(QStringLiteral("no-such-lock")));
        pick(*lockChoice, QStringLiteral("g-60"));
        QCOMPARE(lockChoice->currentId(), lock);
        QVERIFY(explainButton->isEnabled());
        dialog->explain();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 10000);
        QVERIFY2(dialog->verdictText().contains(QStringLiteral("denied")), qPrintable(dialog->verdictText()));
        QVERIFY2(dialog->reasons().join(QLatin1Char('|')).contains(QStringLiteral("delinquent")),
                 qPrintable(dialog->reasons().join(QLatin1Char('|'))));

        // Offline: a clear message instead of a guess.
        m_server->stop();
        dialog->explain();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 10000);
        QVERIFY2(dialog->verdictText().contains(QStringLiteral("cannot be reached")),
                 qPrintable(dialog->verdictText()));
        QVERIFY(dialog->reasons().isEmpty());
        QVERIFY(m_server->start());
    }

    void roleHidesActions_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<bool>("forceCheck");
        QTest::addColumn<bool>("explain");
        QTest::addColumn<bool>("revoke");
        QTest::newRow("manager → security check, explain, revoke")
            << int(Core::StaffRole::Manager) << true << true << true;
        QTest::newRow("front desk → explain, revoke") << int(Core::StaffRole::FrontDesk) << false << true << true;
        QTest::newRow("auditor → explain only") << int(Core::StaffRole::Auditor) << false << true << false;
    }

    void roleHidesActions()
    {
        QFETCH(int, role);
        QFETCH(bool, forceCheck);
        QFETCH(bool, explain);
        QFETCH(bool, revoke);
        Ui::ViewContext ctx;
        ctx.role = Core::StaffRole(role);
        UsersView view(ctx);
        auto visible = [&view](const char *name) {
            auto *a = view.findChild<QAction *>(QLatin1String(name));
            return a && a->isVisible() && view.actions().contains(a);
        };
        QCOMPARE(visible("forceSecurityCheckAction"), forceCheck);
        QCOMPARE(visible("explainAccessAction"), explain);
        QCOMPARE(visible("revokeUserKeysAction"), revoke);
        QVERIFY(visible("expiredOfflineFilter"));
    }
};

namespace {

/// "--show": the manager's users view two days after offline keys were issued, one user selected (tools/shot).
int showDemo(QApplication &app)
{
    static LiveServer server;
    static QNetworkAccessManager network;
    static QTemporaryDir dir;
    static Facility facility(network, server);
    QString error;
    if (!server.ok() || !facility.login(&error)
        || !server.addStaff(QStringLiteral("mia.manager"), QStringLiteral("manager")))
        return 1;
    const QString gina = facility.addUser(QStringLiteral("Gina Offline"));
    facility.addUser(QStringLiteral("Hank Never"));
    const QString ivy = facility.addUser(QStringLiteral("Ivy Delinquent"));
    const QString b104 = facility.addLock(QStringLiteral("B-104"), QStringLiteral("AA:BB:CC:00:01:04"));
    const QString gate = facility.addLock(QStringLiteral("Front gate"), QStringLiteral("AA:BB:CC:00:00:01"));
    facility.addKey(QStringLiteral("Unit B-104"), b104, gina);
    facility.addKey(QStringLiteral("Gate"), gate, gina);
    facility.addKey(QStringLiteral("Gate"), gate, ivy);
    const QString credential = facility.call("POST", QStringLiteral("/v1/users/%1/mobile-credential").arg(gina))
                                   .value(QStringLiteral("credential"))
                                   .toString();
    Core::ApiClient phone(network, server.url());
    phone.setToken(credential);
    Core::ApiRequest r;
    r.method = QByteArrayLiteral("POST");
    r.path = QStringLiteral("/v1/mobile/offline-keys");
    r.body = QJsonObject();
    awaitTask(phone.send(r));
    facility.call("PATCH", QStringLiteral("/v1/users/%1").arg(ivy),
                  { { QStringLiteral("status"), QStringLiteral("delinquent") } });
    static Core::FakeClock clock(
        QDateTime::currentDateTimeUtc().addDays(app.arguments().contains(QStringLiteral("--today")) ? 0 : 2));
    static Desk desk(network, server, dir.filePath(QStringLiteral("demo.sqlite")), clock);
    if (!desk.start(QStringLiteral("mia.manager"), &error))
        return 1;
    auto *view = new UsersView(desk.ctx);
    view->resize(1400, 560);
    view->show();
    QObject::connect(view->model(), &QAbstractItemModel::rowsInserted, view, [view, gina] { view->selectUser(gina); });
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (app.arguments().contains(QStringLiteral("--show")))
        return showDemo(app);
    TestUsersView test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestUsersView.moc"
