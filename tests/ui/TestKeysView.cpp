// The keys view against the real keydesk-server in-process: the front desk revokes every key of a user (they
// show REVOKED and the locks "pending delivery to lock"), a revocation made while the server is away shows
// "not yet effective" until it returns, an UPCOMING key flips to ACTIVE at its start with the model's one
// timer, the schedule column shows when each key opens (and sorts by it), and each role sees only the
// actions it may use.
#include "TestKeysViewFixture.h"
#include "core/models/KeysModel.h"
#include "core/sync/Mutations.h"
#include "server/store/Database.h"
#include "tests/ui/PickerKeys.h"
#include "ui/dialogs/RevokeDialog.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/keys/KeyEditFlow.h"
#include "ui/views/keys/KeyStatusProxy.h"
#include "ui/views/keys/KeysView.h"
#include "ui/views/keys/RejectionBanner.h"
#include "ui/views/keys/RevokeFlow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTableView>

using namespace Keydesk;
using namespace Keydesk::Test;
using Ui::KeysView;

namespace {

/// The status text the table shows for a key, or empty when the key is not shown.
QString statusText(const KeysView &view, const QString &keyId)
{
    const int row = view.model()->rowOfId(keyId);
    if (row < 0)
        return {};
    return view.displayModel()->index(row, Core::KeysModel::StatusColumn).data().toString();
}

QString statusTone(const KeysView &view, const QString &keyId)
{
    const int row = view.model()->rowOfId(keyId);
    return row < 0
        ? QString()
        : view.displayModel()->index(row, Core::KeysModel::StatusColumn).data(Core::StatusColorRole).toString();
}

void selectKey(KeysView &view, const QString &keyId)
{
    const int row = view.model()->rowOfId(keyId);
    QVERIFY(row >= 0);
    view.table()->selectionModel()->select(view.displayModel()->index(row, 0),
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

/// Fills in the reason in the open revoke dialog and confirms.
void confirmRevoke(Ui::RevokeFlow &flow, const QString &reason)
{
    QTRY_VERIFY(flow.dialog() != nullptr);
    Ui::RevokeDialog *dialog = flow.dialog();
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("reason"));
    QVERIFY(edit);
    QTest::keyClicks(edit, reason);
    auto *button = dialog->findChild<QPushButton *>(QStringLiteral("revokeButton"));
    QVERIFY(button && button->isEnabled());
    button->click();
}

/// A scheduled key through /v1: windows as [{"days": [ISO days], "start": "HH:mm", "end": "HH:mm"}].
QString addScheduledKey(Facility &facility, const QString &description, const QString &lockId, const QString &userId,
                        const QJsonArray &windows)
{
    return facility
        .call("POST", QStringLiteral("/v1/keys"),
              { { QStringLiteral("lock_id"), lockId },
                { QStringLiteral("user_id"), userId },
                { QStringLiteral("description"), description },
                { QStringLiteral("valid_from"), QStringLiteral("2026-01-01T00:00:00.000Z") },
                { QStringLiteral("restriction"), QStringLiteral("scheduled") },
                { QStringLiteral("windows"), windows },
                { QStringLiteral("notify"), QStringLiteral("none") } })
        .value(QStringLiteral("key"))
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}

QJsonObject window(QJsonArray days, const char *start, const char *end)
{
    return { { QStringLiteral("days"), days },
             { QStringLiteral("start"), QString::fromLatin1(start) },
             { QStringLiteral("end"), QString::fromLatin1(end) } };
}

bool revokedOnServer(LiveServer &server, const QString &keyId)
{
    auto v = server.db().scalar(QStringLiteral("SELECT revoked_at FROM keys WHERE id = ?"), { keyId });
    return v && !v->isNull();
}

} // namespace

class TestKeysView final : public QObject
{
    Q_OBJECT

private:
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
    QString mac() { return QStringLiteral("AA:BB:CC:10:00:%1").arg(++m_macs, 2, 16, QLatin1Char('0')).toUpper(); }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
        m_server = std::make_unique<LiveServer>();
        QVERIFY2(m_server->ok(), qPrintable(m_server->error()));
        m_facility = std::make_unique<Facility>(m_network, *m_server);
        QString error;
        QVERIFY2(m_facility->login(&error), qPrintable(error));
    }

    void init()
    {
        if (!m_server->isRunning())
            QVERIFY(m_server->start());
    }

    void frontDeskRevokesEveryKeyOfAUser()
    {
        const QString bob = m_facility->addUser(QStringLiteral("Bob Revoked"));
        const QString carol = m_facility->addUser(QStringLiteral("Carol Stays"));
        const QString b104 = m_facility->addLock(QStringLiteral("B-104"), mac());
        const QString b105 = m_facility->addLock(QStringLiteral("B-105"), mac());
        const QString k1 = m_facility->addKey(QStringLiteral("Bob front door"), b104, bob);
        const QString k2 = m_facility->addKey(QStringLiteral("Bob storage"), b105, bob);
        const QString k3 = m_facility->addKey(QStringLiteral("Carol storage"), b105, carol);
        QVERIFY2(!k1.isEmpty() && !k2.isEmpty() && !k3.isEmpty(), qPrintable(m_facility->lastError));

        auto d = desk(LiveServer::kFrontDesk);
        QVERIFY(d);
        KeysView view(d->ctx);
        view.resize(1100, 500);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(k3) >= 0 && view.directory()->lock(b105), 20000);
        QCOMPARE(statusText(view, k1), QStringLiteral("ACTIVE"));
        QVERIFY(!view.directory()->lock(b104)->pendingDelivery());

        selectKey(view, k1);
        auto *action = view.findChild<QAction *>(QStringLiteral("revokeUserKeysAction"));
        QVERIFY(action && action->isVisible() && action->isEnabled());
        QVERIFY2(action->text().contains(QStringLiteral("Bob Revoked")), qPrintable(action->text()));
        action->trigger();
        QTRY_VERIFY(view.revokeFlow()->dialog());
        // The confirmation names both of Bob's keys and not Carol's.
        auto *list = view.revokeFlow()->dialog()->findChild<QWidget *>(QStringLiteral("keys"));
        QVERIFY(list);
        QCOMPARE(view.revokeFlow()->dialog()->keyIdsToRevoke().size(), 2);
        confirmRevoke(*view.revokeFlow(), QStringLiteral("moved out"));

        // At once: REVOKED, not yet effective (queued here). Then the server confirms and the feed brings the
        // locks' new revocation version: pending delivery to lock.
        QTRY_VERIFY(statusText(view, k1).startsWith(QStringLiteral("REVOKED")));
        QTRY_COMPARE_WITH_TIMEOUT(statusText(view, k1), QStringLiteral("REVOKED · pending delivery to lock"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(statusText(view, k2), QStringLiteral("REVOKED · pending delivery to lock"), 15000);
        QCOMPARE(statusTone(view, k1), QStringLiteral("warning"));
        QCOMPARE(statusText(view, k3), QStringLiteral("ACTIVE"));
        QVERIFY(revokedOnServer(*m_server, k1));
        QVERIFY(revokedOnServer(*m_server, k2));
        QVERIFY(!revokedOnServer(*m_server, k3));
        QVERIFY(view.directory()->lock(b104)->pendingDelivery());
        QVERIFY(view.directory()->lock(b105)->pendingDelivery());
        auto reason = m_server->db().scalar(QStringLiteral("SELECT revoked_reason FROM keys WHERE id = ?"), { k2 });
        QCOMPARE(reason->toString(), QStringLiteral("moved out"));
    }

    void offlineRevocationIsNotYetEffectiveUntilTheServerConfirms()
    {
        const QString dana = m_facility->addUser(QStringLiteral("Dana Offline"));
        const QString lock = m_facility->addLock(QStringLiteral("C-201"), mac());
        const QString key = m_facility->addKey(QStringLiteral("Dana unit"), lock, dana);
        QVERIFY2(!key.isEmpty(), qPrintable(m_facility->lastError));
        auto d = desk(LiveServer::kFrontDesk);
        QVERIFY(d);
        KeysView view(d->ctx);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(key) >= 0 && view.directory()->lock(lock), 20000);

        m_server->stop();
        selectKey(view, key);
        view.findChild<QAction *>(QStringLiteral("revokeKeyAction"))->trigger();
        confirmRevoke(*view.revokeFlow(), QStringLiteral("lost phone"));
        QTRY_COMPARE(statusText(view, key), QStringLiteral("REVOKED · not yet effective"));
        QCOMPARE(statusTone(view, key), QStringLiteral("danger"));
        QTRY_COMPARE_WITH_TIMEOUT(d->engine.state(), Core::SyncEngine::State::Offline, 5000);
        QCOMPARE(statusText(view, key), QStringLiteral("REVOKED · not yet effective"));

        QVERIFY(m_server->start());
        d->engine.retryNow();
        QTRY_COMPARE_WITH_TIMEOUT(statusText(view, key), QStringLiteral("REVOKED · pending delivery to lock"), 15000);
        QVERIFY(revokedOnServer(*m_server, key));
    }

    void rejectedRevocationShowsItsReasonUntilDismissed()
    {
        const QString kim = m_facility->addUser(QStringLiteral("Kim Twice"));
        const QString lock = m_facility->addLock(QStringLiteral("C-202"), mac());
        const QString key = m_facility->addKey(QStringLiteral("Kim unit"), lock, kim);
        QVERIFY2(!key.isEmpty(), qPrintable(m_facility->lastError));
        auto d = desk(LiveServer::kFrontDesk);
        QVERIFY(d);
        KeysView view(d->ctx);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(key) >= 0, 20000);

        // Another desk revokes it while this one is not syncing; this revocation is refused when it arrives.
        d->engine.stop();
        QTRY_VERIFY(!d->engine.isRunning());
        QVERIFY(!m_facility
                     ->call("POST", QStringLiteral("/v1/keys/%1/revoke").arg(key),
                            { { QStringLiteral("reason"), QStringLiteral("other desk") } })
                     .isEmpty());
        selectKey(view, key);
        view.findChild<QAction *>(QStringLiteral("revokeKeyAction"))->trigger();
        confirmRevoke(*view.revokeFlow(), QStringLiteral("lost phone"));
        QTRY_COMPARE(statusText(view, key), QStringLiteral("REVOKED · not yet effective"));
        // The main window's banner (one for every view) over this desk's engine.
        Ui::RejectionBanner mainBanner(d->ctx, {}, &view);
        auto *banner = &mainBanner;
        d->engine.start();

        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
        const QStringList shown = static_cast<Ui::RejectionBanner *>(banner)->shown().values();
        QCOMPARE(shown.size(), 1);
        QVERIFY2(shown.first().contains(QStringLiteral("already revoked")), qPrintable(shown.first()));
        auto *dismiss = banner->findChild<QPushButton *>(QStringLiteral("dismiss"));
        QVERIFY(dismiss);
        dismiss->click();
        QTRY_VERIFY(!banner->isVisible());
        auto rejected = awaitTask(d->cache.rejected());
        QTRY_VERIFY((rejected = awaitTask(d->cache.rejected())) && *rejected && (*rejected)->isEmpty());
    }

    void upcomingKeyTurnsActiveAtItsStart()
    {
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(3600);
        const QString erin = m_facility->addUser(QStringLiteral("Erin Upcoming"));
        const QString lock = m_facility->addLock(QStringLiteral("D-301"), mac());
        const QString key = m_facility->addKey(QStringLiteral("Erin contractor"), lock, erin, start);
        QVERIFY2(!key.isEmpty(), qPrintable(m_facility->lastError));

        // The desk's clock stands half a second before the key starts.
        Core::FakeClock clock(start.addMSecs(-500));
        auto d = desk(LiveServer::kOwner, clock);
        QVERIFY(d);
        KeysView view(d->ctx);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(key) >= 0, 20000);
        QCOMPARE(statusText(view, key), QStringLiteral("UPCOMING"));
        QCOMPARE(statusTone(view, key), QStringLiteral("info"));
        QVERIFY(view.model()->boundaryTimer().isActive());
        QCOMPARE(view.model()->nextBoundaryMs(), start.toMSecsSinceEpoch());

        // Time passes the start; the model's one timer (armed for ~500 ms) wakes and flips the badge by itself.
        clock.advance(2);
        QTRY_COMPARE_WITH_TIMEOUT(statusText(view, key), QStringLiteral("ACTIVE"), 5000);
        QCOMPARE(statusTone(view, key), QStringLiteral("ok"));
    }

    void statusFilterShowsOnlyThatStatus()
    {
        const QString fay = m_facility->addUser(QStringLiteral("Fay Filter"));
        const QString lock = m_facility->addLock(QStringLiteral("E-401"), mac());
        const QString active = m_facility->addKey(QStringLiteral("Fay active"), lock, fay);
        const QString expired = m_facility->addKey(QStringLiteral("Fay expired"), lock, fay,
                                                   QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC),
                                                   QDateTime(QDate(2025, 2, 1), QTime(0, 0), Qt::UTC));
        QVERIFY2(!expired.isEmpty(), qPrintable(m_facility->lastError));
        auto d = desk(LiveServer::kOwner);
        QVERIFY(d);
        KeysView view(d->ctx);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(expired) >= 0 && view.directory()->lock(lock), 20000);
        auto *status = view.findChild<QComboBox *>(QStringLiteral("statusFilter"));
        status->setCurrentIndex(status->findData(int(Core::KeyStatus::Expired)));
        QVERIFY(view.model()->rowOfId(expired) >= 0);
        QCOMPARE(view.model()->rowOfId(active), -1);
        status->setCurrentIndex(0);
        // The lock and user filters are typed and searched (a facility has 50,000 locks and 200,000 users).
        view.show();
        auto *lockFilter = view.findChild<Ui::DirectoryPicker *>(QStringLiteral("lockFilter"));
        auto *userFilter = view.findChild<Ui::DirectoryPicker *>(QStringLiteral("userFilter"));
        QVERIFY(lockFilter && userFilter);
        QCOMPARE(lockFilter->placeholderText(), QStringLiteral("All locks"));
        QCOMPARE(userFilter->placeholderText(), QStringLiteral("All users"));
        // Reached with Tab in the bar's order: status, lock, user.
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        status->setFocus();
        QTest::keyClick(status, Qt::Key_Tab);
        QTRY_VERIFY(QApplication::focusWidget() == lockFilter);
        QTest::keyClick(lockFilter, Qt::Key_Tab);
        QTRY_VERIFY(QApplication::focusWidget() == userFilter);
        pick(*lockFilter, QStringLiteral("e-40"));
        QCOMPARE(lockFilter->currentId(), lock);
        QCOMPARE(lockFilter->text(), QStringLiteral("E-401"));
        QCOMPARE(view.model()->rowCount(), 2);
        view.setSearchText(QStringLiteral("fay act"));
        QCOMPARE(view.model()->rowCount(), 1);
        QVERIFY(view.model()->rowOfId(active) >= 0);
        view.setSearchText(QString());
        // A user by part of the name.
        pick(*userFilter, QStringLiteral("filter"));
        QCOMPARE(userFilter->currentId(), fay);
        QCOMPARE(userFilter->text(), QStringLiteral("Fay Filter"));
        QCOMPARE(view.model()->rowCount(), 2);
        // A new lock elsewhere (the directory reads it alone): the chosen lock stays chosen and filtering.
        const QString other = m_facility->addLock(QStringLiteral("E-402"), mac());
        QTRY_VERIFY_WITH_TIMEOUT(view.directory()->lock(other).has_value(), 10000);
        QCOMPARE(lockFilter->currentId(), lock);
        QCOMPARE(lockFilter->text(), QStringLiteral("E-401"));
        QCOMPARE(view.model()->rowCount(), 2);
        // Renamed on the server: the filter shows the new name and still applies.
        QVERIFY(!m_facility
                     ->call("PATCH", QStringLiteral("/v1/locks/%1").arg(lock),
                            { { QStringLiteral("name"), QStringLiteral("E-401 north") } })
                     .isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(lockFilter->text(), QStringLiteral("E-401 north"), 10000);
        QCOMPARE(lockFilter->currentId(), lock);
        QCOMPARE(view.model()->rowCount(), 2);
        // Cleared: every lock again.
        clearPick(*lockFilter);
        QCOMPARE(lockFilter->currentId(), QString());
        QCOMPARE(view.model()->rowCount(), 2); // still only Fay's
        clearPick(*userFilter);
        QVERIFY(view.model()->rowCount() > 2);
    }

    void searchOfALargeTableSaysItIsFiltering()
    {
        const QString gus = m_facility->addUser(QStringLiteral("Gus Background"));
        const QString lock = m_facility->addLock(QStringLiteral("F-501"), mac());
        const QString key = m_facility->addKey(QStringLiteral("Gus plumbing"), lock, gus);
        QVERIFY2(!key.isEmpty(), qPrintable(m_facility->lastError));
        auto d = desk(LiveServer::kOwner);
        QVERIFY(d);
        KeysView view(d->ctx);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(key) >= 0, 20000);
        // As with a million keys: the filter runs on a worker thread and the label says so until it lands.
        view.model()->setBackgroundFilter(true, 0);
        auto *count = view.findChild<QLabel *>(QStringLiteral("countLabel"));
        QVERIFY(count);
        const int all = view.model()->rowCount();
        view.setSearchText(QStringLiteral("gus plumb"));
        QVERIFY(view.model()->filterPending());
        QCOMPARE(count->text(), QStringLiteral("Filtering %1 keys…").arg(all));
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->filterPending(), 10000);
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.model()->rowOfId(key), 0);
        QCOMPARE(count->text(), QStringLiteral("1 key"));
        view.setSearchText(QString());
        QVERIFY(!view.model()->filterPending());
        QCOMPARE(count->text(), QStringLiteral("%1 keys").arg(all));
    }

    void scheduleColumnShowsWhenEachKeyOpens()
    {
        const QString kim = m_facility->addUser(QStringLiteral("Kim Schedule"));
        const QString lock = m_facility->addLock(QStringLiteral("F-501"), mac());
        const QString always = m_facility->addKey(QStringLiteral("Kim always"), lock, kim);
        const QString contractor
            = addScheduledKey(*m_facility, QStringLiteral("Kim contractor"), lock, kim,
                              { window({ 1, 2, 3, 4, 5 }, "08:00", "12:00"), window({ 6 }, "22:00", "06:00") });
        QVERIFY2(!always.isEmpty() && !contractor.isEmpty(), qPrintable(m_facility->lastError));
        auto d = desk(LiveServer::kOwner);
        QVERIFY(d);
        KeysView view(d->ctx);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(contractor) >= 0 && view.model()->rowOfId(always) >= 0, 20000);
        auto cell = [&view](const QString &id) {
            return view.displayModel()->index(view.model()->rowOfId(id), Core::KeysModel::ScheduleColumn);
        };
        QCOMPARE(view.table()->model()->headerData(Core::KeysModel::ScheduleColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Schedule"));
        // Several windows joined, the night one across midnight; wall times of the facility (Europe/Berlin).
        QCOMPARE(cell(contractor).data().toString(), QString::fromUtf8("Mon–Fri 08:00–12:00, Sat 22:00–06:00"));
        QVERIFY(cell(contractor).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Europe/Berlin")));
        QCOMPARE(cell(always).data().toString(), QStringLiteral("24/7"));
        QCOMPARE(view.model()->windowsOf(contractor).size(), 2);

        // A click on the column header sorts by the summary (the view's model applies it when its sort lands).
        view.model()->setUserFilter(kim);
        view.table()->sortByColumn(Core::KeysModel::ScheduleColumn, Qt::AscendingOrder);
        QTRY_VERIFY(!view.model()->sortPending());
        QCOMPARE(view.model()->rowCount(), 2);
        QCOMPARE(view.model()->index(0, 0).data(Core::IdRole).toString(), always); // "24/7" < "Mon–Fri…"
        view.table()->sortByColumn(Core::KeysModel::ScheduleColumn, Qt::DescendingOrder);
        QTRY_VERIFY(!view.model()->sortPending());
        QCOMPARE(view.model()->index(0, 0).data(Core::IdRole).toString(), contractor);
    }

    void ownerEditsAndDuplicatesAKey()
    {
        const QString jo = m_facility->addUser(QStringLiteral("Jo Edit"));
        const QString lock = m_facility->addLock(QStringLiteral("H-701"), mac());
        const QString key = m_facility->addKey(QStringLiteral("Jo unit"), lock, jo);
        QVERIFY2(!key.isEmpty(), qPrintable(m_facility->lastError));
        auto d = desk(LiveServer::kOwner);
        QVERIFY(d);
        KeysView view(d->ctx);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOfId(key) >= 0 && view.directory()->user(jo), 20000);

        selectKey(view, key);
        view.findChild<QAction *>(QStringLiteral("editKeyAction"))->trigger();
        QTRY_VERIFY(view.editFlow()->dialog());
        QCOMPARE(view.editFlow()->dialog()->mode(), Ui::KeyDialog::Mode::Edit);
        auto *description = view.editFlow()->dialog()->findChild<QLineEdit *>(QStringLiteral("description"));
        QVERIFY(description);
        QCOMPARE(description->text(), QStringLiteral("Jo unit"));
        // The dialog searches the session's directory (nothing copied): the key's user and lock are shown by name.
        auto *user = view.editFlow()->dialog()->findChild<Ui::DirectoryPicker *>(QStringLiteral("user"));
        QVERIFY(user);
        QCOMPARE(user->currentId(), jo);
        QCOMPARE(user->text(), QStringLiteral("Jo Edit"));
        auto *locks = view.editFlow()->dialog()->findChild<QListWidget *>(QStringLiteral("locks"));
        QVERIFY(locks && locks->count() >= 1);
        QCOMPARE(locks->item(0)->text(), QStringLiteral("H-701"));
        QCOMPARE(locks->item(0)->checkState(), Qt::Checked);
        description->selectAll();
        QTest::keyClicks(description, QStringLiteral("Jo unit, renamed"));
        auto *submit = view.editFlow()->dialog()->findChild<QPushButton *>(QStringLiteral("submit"));
        QVERIFY(submit && submit->isEnabled());
        submit->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_server->db().scalar(QStringLiteral("SELECT description FROM keys WHERE id = ?"), { key })->toString(),
            QStringLiteral("Jo unit, renamed"), 10000);

        selectKey(view, key);
        view.findChild<QAction *>(QStringLiteral("duplicateKeyAction"))->trigger();
        QTRY_VERIFY(view.editFlow()->dialog());
        QCOMPARE(view.editFlow()->dialog()->mode(), Ui::KeyDialog::Mode::Duplicate);
        submit = view.editFlow()->dialog()->findChild<QPushButton *>(QStringLiteral("submit"));
        QVERIFY2(submit && submit->isEnabled(), qPrintable(view.editFlow()->dialog()->previewText()));
        submit->click();
        const QString count = QStringLiteral("SELECT COUNT(*) FROM keys WHERE user_id = ? AND lock_id = ?");
        QTRY_COMPARE_WITH_TIMEOUT(m_server->db().scalar(count, { jo, lock })->toInt(), 2, 10000);
        // The copy arrives through the feed under the server's id and shows like any key.
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->totalCount() >= 2, true, 10000);
    }

    void roleHidesActions_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<bool>("create");
        QTest::addColumn<bool>("edit");
        QTest::addColumn<bool>("revoke");
        QTest::newRow("owner → everything") << int(Core::StaffRole::Owner) << true << true << true;
        QTest::newRow("manager → create, edit, revoke") << int(Core::StaffRole::Manager) << true << true << true;
        QTest::newRow("front desk → revoke only") << int(Core::StaffRole::FrontDesk) << false << false << true;
        QTest::newRow("auditor → read only") << int(Core::StaffRole::Auditor) << false << false << false;
    }

    void roleHidesActions()
    {
        QFETCH(int, role);
        QFETCH(bool, create);
        QFETCH(bool, edit);
        QFETCH(bool, revoke);
        Ui::ViewContext ctx;
        ctx.role = Core::StaffRole(role);
        KeysView view(ctx);
        auto visible = [&view](const char *name) {
            auto *a = view.findChild<QAction *>(QLatin1String(name));
            return a && a->isVisible() && view.actions().contains(a);
        };
        QCOMPARE(visible("newKeyAction"), create);
        QCOMPARE(visible("duplicateKeyAction"), create);
        QCOMPARE(visible("editKeyAction"), edit);
        QCOMPARE(visible("revokeKeyAction"), revoke);
        QCOMPARE(visible("revokeUserKeysAction"), revoke);
        QCOMPARE(visible("revokeLockKeysAction"), revoke);
        if (create)
            QCOMPARE(view.findChild<QAction *>(QStringLiteral("newKeyAction"))->shortcut(),
                     QKeySequence(QKeySequence::New));
    }
};

namespace {

/// "--show": a facility with keys in every state, the front desk's keys view over it (for tools/shot).
int showDemo(QApplication &app)
{
    static LiveServer server;
    static QNetworkAccessManager network;
    static QTemporaryDir dir;
    static Facility facility(network, server);
    QString error;
    if (!server.ok() || !facility.login(&error))
        return 1;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString bob = facility.addUser(QStringLiteral("Bob Smith"));
    const QString ann = facility.addUser(QStringLiteral("Ann Lee"));
    const QString joe = facility.addUser(QStringLiteral("Joe Plumber"));
    const QString b104 = facility.addLock(QStringLiteral("B-104"), QStringLiteral("AA:BB:CC:00:01:04"));
    const QString b105 = facility.addLock(QStringLiteral("B-105"), QStringLiteral("AA:BB:CC:00:01:05"));
    const QString gate = facility.addLock(QStringLiteral("Front gate"), QStringLiteral("AA:BB:CC:00:00:01"));
    facility.addKey(QStringLiteral("Unit B-104"), b104, ann);
    facility.addKey(QStringLiteral("Gate"), gate, ann);
    facility.addKey(QStringLiteral("Plumber, boiler room"), b105, joe, now.addDays(2), now.addDays(3));
    facility.addKey(QStringLiteral("Last season"), gate, joe, now.addDays(-60), now.addDays(-30));
    addScheduledKey(facility, QStringLiteral("Cleaner, weekday mornings and Saturday night"), gate, joe,
                    { window({ 1, 2, 3, 4, 5 }, "06:00", "09:00"), window({ 6 }, "22:00", "02:00") });
    const QString moved = facility.addKey(QStringLiteral("Unit B-105"), b105, bob);
    facility.call("POST", QStringLiteral("/v1/keys/%1/revoke").arg(moved),
                  { { QStringLiteral("reason"), QStringLiteral("moved out") } });
    const QString queued = facility.addKey(QStringLiteral("Gate (Bob)"), gate, bob);
    static Desk desk(network, server, dir.filePath(QStringLiteral("demo.sqlite")));
    if (!desk.start(LiveServer::kFrontDesk, &error))
        return 1;
    auto *view = new KeysView(desk.ctx);
    view->resize(1300, 420);
    view->show();
    // Once synced, a revocation made while the server is away: "not yet effective".
    QObject::connect(&desk.engine, &Core::SyncEngine::synced, view, [view, queued] {
        static bool done = false;
        if (done || view->model()->rowOfId(queued) < 0)
            return;
        done = true;
        server.stop();
        QCoro::connect(desk.engine.submit(Core::Mutations::revokeKey(
                           queued, QStringLiteral("lost phone"), desk.ctx.staffId, QDateTime::currentDateTimeUtc())),
                       view, [](const Core::Result<qint64> &) {});
    });
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (app.arguments().contains(QStringLiteral("--show")))
        return showDemo(app);
    TestKeysView test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeysView.moc"
