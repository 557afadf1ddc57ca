// LocksView: battery in volts with its warning state, the flags of what has not reached the lock yet, the unit
// and last activity, the lock's details, and "Revoke every key on this lock" through the real server.
#include "core/models/FacilityModels.h"
#include "tests/ui/TestLocksViewFixture.h"
#include "ui/dialogs/RevokeDialog.h"
#include "ui/views/locks/LockDetails.h"
#include "ui/views/locks/LocksTableModel.h"
#include "ui/views/locks/LocksView.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>

using namespace Keydesk;
using namespace Keydesk::Test;
using Core::LocksModel;
using Ui::LocksTableModel;

namespace {

int rowNamed(const QAbstractItemModel &model, const QString &name)
{
    return int(columnTexts(model, LocksModel::NameColumn).indexOf(name));
}

} // namespace

class TestLocksView final : public QObject
{
    Q_OBJECT

public:
    /// "--show": the locks view over the test data, the flagged lock selected (for tools/shot).
    QWidget *showcase()
    {
        initTestCase();
        auto *view = new Ui::LocksView(m_feed->context(m_clock, Core::StaffRole::FrontDesk));
        view->resize(1300, 760);
        QTimer::singleShot(500, view, [view] {
            auto *table = view->findChild<QTableView *>(QStringLiteral("locksTable"));
            table->selectRow(rowNamed(*view->tableModel(), QStringLiteral("Flagged")));
            table->resizeColumnsToContents();
        });
        return view;
    }

private:
    Core::FakeClock m_clock { QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC) };
    std::unique_ptr<FeedDesk> m_feed;
    QString m_flaggedLock;

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        m_feed = std::make_unique<FeedDesk>();
        QVERIFY2(m_feed->feed.ok(), qPrintable(m_feed->feed.error()));
        FeedCache &f = m_feed->feed;
        QList<Core::ChangeRow> rows;
        const QList<QPair<QString, int>> batteries {
            { QStringLiteral("Full"), 3000 },   { QStringLiteral("Fine"), 2950 },     { QStringLiteral("Low"), 2900 },
            { QStringLiteral("Almost"), 2851 }, { QStringLiteral("Critical"), 2850 }, { QStringLiteral("Dead"), 2700 },
            { QStringLiteral("New"), 0 }
        };
        int n = 0;
        for (const auto &[name, mv] : batteries) {
            auto row = f.lock(newId(), name, QStringLiteral("AA:BB:CC:00:00:%1").arg(++n, 2, 10, QLatin1Char('0')));
            row.data.insert(QStringLiteral("internal_battery_mv"), mv);
            rows << row;
        }
        // A lock with a quick click and a revocation not delivered yet, in a unit, with activity.
        const QString unitId = newId();
        rows << f.row(QStringLiteral("units"), unitId, { { QStringLiteral("name"), QStringLiteral("B-104") } });
        m_flaggedLock = newId();
        auto flagged = f.lock(m_flaggedLock, QStringLiteral("Flagged"), QStringLiteral("AA:BB:CC:00:00:99"));
        flagged.data.insert(QStringLiteral("unit_id"), unitId);
        flagged.data.insert(QStringLiteral("revocation_version"), 3);
        flagged.data.insert(QStringLiteral("delivered_revocation_version"), 2);
        rows << flagged;
        rows << f.row(QStringLiteral("quick_clicks"), newId(),
                      { { QStringLiteral("lock_id"), m_flaggedLock },
                        { QStringLiteral("code"), QStringLiteral("0101") },
                        { QStringLiteral("uses"), 3 },
                        { QStringLiteral("start_uses"), 3 },
                        { QStringLiteral("pending"), 1 },
                        { QStringLiteral("revoked"), 0 },
                        { QStringLiteral("created_at"), ms("2026-11-25T10:00:00Z") } });
        rows << f.row(QStringLiteral("quick_clicks"), newId(),
                      { { QStringLiteral("lock_id"), m_flaggedLock },
                        { QStringLiteral("code"), QStringLiteral("0111") },
                        { QStringLiteral("uses"), 3 },
                        { QStringLiteral("start_uses"), 3 },
                        { QStringLiteral("pending"), 0 },
                        { QStringLiteral("revoked"), 0 },
                        { QStringLiteral("created_at"), ms("2026-11-25T10:00:00Z") } });
        rows << f.row(QStringLiteral("activity"), newId(),
                      { { QStringLiteral("lock_id"), m_flaggedLock },
                        { QStringLiteral("lock_mac"), QStringLiteral("AA:BB:CC:00:00:99") },
                        { QStringLiteral("action"), QStringLiteral("unlocked") },
                        { QStringLiteral("recorded_time"), ms("2026-11-25T11:30:00Z") },
                        { QStringLiteral("range_start"), ms("2026-11-25T11:00:00Z") },
                        { QStringLiteral("range_end"), ms("2026-11-25T11:20:00Z") },
                        { QStringLiteral("tracking_key"), QStringLiteral("tk-bob") } });
        QVERIFY(!f.apply(rows).isEmpty());
        QVERIFY(m_feed->open());
    }

    void batteryState_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("tone");
        QTest::newRow("3.00 V (full) → ok") << "Full"
                                            << "3.00 V"
                                            << "ok";
        QTest::newRow("2.95 V → still ok") << "Fine"
                                           << "2.95 V"
                                           << "ok";
        QTest::newRow("2.90 V → low, warning") << "Low"
                                               << "2.90 V — low"
                                               << "warning";
        QTest::newRow("2.851 V → low, warning") << "Almost"
                                                << "2.851 V — low"
                                                << "warning";
        QTest::newRow("2.85 V → replace now, danger") << "Critical"
                                                      << "2.85 V — replace now"
                                                      << "danger";
        QTest::newRow("2.70 V → replace now, danger") << "Dead"
                                                      << "2.70 V — replace now"
                                                      << "danger";
        QTest::newRow("never reported → unknown, muted") << "New"
                                                         << "unknown"
                                                         << "muted";
    }

    void batteryState()
    {
        QFETCH(QString, lock);
        QFETCH(QString, text);
        QFETCH(QString, tone);
        Ui::LocksView view(m_feed->context(m_clock));
        auto *table = view.tableModel();
        QTRY_VERIFY(rowNamed(*table, lock) >= 0);
        const QModelIndex battery = table->index(rowNamed(*table, lock), LocksModel::BatteryColumn);
        QCOMPARE(battery.data().toString(), text);
        QCOMPARE(battery.data(Core::StatusColorRole).toString(), tone);
        // The colour accompanies the words; it is never the only carrier (the text above says "low").
        QVERIFY(battery.data(Qt::ForegroundRole).value<QColor>().isValid());
        QVERIFY(settle(view, m_feed->store()));
    }

    void flagsUnitAndLastActivityShown()
    {
        Ui::LocksView view(m_feed->context(m_clock));
        auto *table = view.tableModel();
        const int flagsColumn = table->extraColumn(LocksTableModel::FlagsColumn);
        QTRY_VERIFY(rowNamed(*table, QStringLiteral("Flagged")) >= 0);
        const int flagged = rowNamed(*table, QStringLiteral("Flagged"));
        QTRY_COMPARE(table->index(flagged, flagsColumn).data().toString(),
                     QStringLiteral("1 quick click pending, revocation pending delivery"));
        QCOMPARE(table->index(flagged, table->extraColumn(LocksTableModel::UnitColumn)).data().toString(),
                 QStringLiteral("B-104"));
        QCOMPARE(table->index(flagged, table->extraColumn(LocksTableModel::LastActivityColumn)).data().toString(),
                 QStringLiteral("2026-11-25 11:20"));
        const int plain = rowNamed(*table, QStringLiteral("Full"));
        QCOMPARE(table->index(plain, flagsColumn).data().toString(), QString());
        QCOMPARE(table->headerData(flagsColumn, Qt::Horizontal).toString(), QStringLiteral("Flags"));
        QCOMPARE(table->index(plain, LocksModel::StatusColumn).data().toString(), QStringLiteral("Ready"));
        QVERIFY(settle(view, m_feed->store()));
    }

    void searchFiltersLocks()
    {
        Ui::LocksView view(m_feed->context(m_clock));
        QTRY_COMPARE(view.tableModel()->rowCount(), 8);
        view.setSearchText(QStringLiteral("crit"));
        QCOMPARE(columnTexts(*view.tableModel(), LocksModel::NameColumn), QStringList { QStringLiteral("Critical") });
        QVERIFY(settle(view, m_feed->store()));
    }

    void detailsShowTheSelectedLocksCodesAndActivity()
    {
        Ui::LocksView view(m_feed->context(m_clock));
        auto *tableView = child<QTableView>(view, "locksTable");
        QVERIFY(tableView);
        QTRY_VERIFY(rowNamed(*view.tableModel(), QStringLiteral("Flagged")) >= 0);
        tableView->selectRow(rowNamed(*view.tableModel(), QStringLiteral("Flagged")));
        QCOMPARE(view.details()->lockId(), m_flaggedLock);
        auto *codes = child<QTableView>(view, "lockQuickClicksTable");
        auto *activity = child<QTableView>(view, "lockActivityTable");
        QTRY_COMPARE(codes->model()->rowCount(), 2);
        QTRY_COMPARE(activity->model()->rowCount(), 1);
        QTRY_VERIFY(child<QLabel>(view, "lockDetailsTitle")->text().contains(QStringLiteral("B-104")));
        QVERIFY(settle(view, m_feed->store()));
    }

    void columnWidthsAndSortAreRemembered()
    {
        {
            Ui::LocksView view(m_feed->context(m_clock));
            auto *table = child<QTableView>(view, "locksTable");
            QTRY_COMPARE(view.tableModel()->rowCount(), 8);
            table->horizontalHeader()->resizeSection(LocksModel::SerialColumn, 217);
            table->sortByColumn(LocksModel::MacColumn, Qt::DescendingOrder);
            QVERIFY(settle(view, m_feed->store()));
        }
        Ui::LocksView again(m_feed->context(m_clock));
        auto *header = child<QTableView>(again, "locksTable")->horizontalHeader();
        QCOMPARE(header->sectionSize(LocksModel::SerialColumn), 217);
        QCOMPARE(header->sortIndicatorSection(), int(LocksModel::MacColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QTRY_COMPARE(again.tableModel()->rowCount(), 8);
        QCOMPARE(again.tableModel()->index(0, LocksModel::NameColumn).data().toString(), QStringLiteral("Flagged"));
        QVERIFY(settle(again, m_feed->store()));
        QSettings().remove(QStringLiteral("views/locks/header"));
    }

    void revokeButtonHiddenForAuditor()
    {
        Ui::LocksView view(m_feed->context(m_clock, Core::StaffRole::Auditor));
        QVERIFY(child<QPushButton>(view, "revokeAllOnLockButton")->isHidden());
        Ui::LocksView desk(m_feed->context(m_clock, Core::StaffRole::FrontDesk));
        QVERIFY(!child<QPushButton>(desk, "revokeAllOnLockButton")->isHidden());
        QVERIFY(settle(view, m_feed->store()));
        QVERIFY(settle(desk, m_feed->store()));
    }

    void revokeEveryKeyOnLockThroughTheServer()
    {
        LiveDesk desk;
        QVERIFY2(desk.ok(), qPrintable(desk.error()));
        const QString lockId = desk.addLock(QStringLiteral("Gate"), QStringLiteral("AA:BB:CC:DD:EE:01"));
        const QString otherLock = desk.addLock(QStringLiteral("Shed"), QStringLiteral("AA:BB:CC:DD:EE:02"));
        QVERIFY(!lockId.isEmpty() && !otherLock.isEmpty());
        const QString userId
            = desk.send("POST", QStringLiteral("/v1/users"), { { QStringLiteral("name"), QStringLiteral("Bob") } })
                  .value(QStringLiteral("user"))
                  .toObject()
                  .value(QStringLiteral("id"))
                  .toString();
        QVERIFY(!userId.isEmpty());
        auto key = [&](const QString &lock, const QString &description) {
            return desk
                .send("POST", QStringLiteral("/v1/keys"),
                      { { QStringLiteral("lock_id"), lock },
                        { QStringLiteral("user_id"), userId },
                        { QStringLiteral("description"), description },
                        { QStringLiteral("valid_from"),
                          QDateTime::currentDateTimeUtc().addDays(-1).toString(Qt::ISODate) },
                        { QStringLiteral("notify"), QStringLiteral("none") } })
                .value(QStringLiteral("key"))
                .toObject()
                .value(QStringLiteral("id"))
                .toString();
        };
        const QString k1 = key(lockId, QStringLiteral("Plumber"));
        const QString k2 = key(lockId, QStringLiteral("Cleaner"));
        const QString k3 = key(otherLock, QStringLiteral("Elsewhere"));
        QVERIFY(!k1.isEmpty() && !k2.isEmpty() && !k3.isEmpty());

        Ui::LocksView view(desk.context(Core::StaffRole::FrontDesk));
        auto *tableView = child<QTableView>(view, "locksTable");
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(*view.tableModel(), QStringLiteral("Gate")) >= 0, 5000);
        tableView->selectRow(rowNamed(*view.tableModel(), QStringLiteral("Gate")));
        QTRY_COMPARE_WITH_TIMEOUT(child<QTableView>(view, "lockKeysTable")->model()->rowCount(), 2, 5000);

        QSignalSpy submitted(view.details(), &Ui::LockDetails::revocationsSubmitted);
        child<QPushButton>(view, "revokeAllOnLockButton")->click();
        auto *dialog = child<Ui::RevokeDialog>(view, "revokeDialog");
        QVERIFY(dialog);
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("Gate"))
                || child<QLabel>(*dialog, "heading")->text().contains(QStringLiteral("Gate")));
        auto *revoke = child<QPushButton>(*dialog, "revokeButton");
        QVERIFY(!revoke->isEnabled()); // a reason first
        QTest::keyClicks(child<QLineEdit>(*dialog, "reason"), QStringLiteral("Lock replaced"));
        QVERIFY(revoke->isEnabled());
        revoke->click();
        QTRY_COMPARE(submitted.count(), 1);
        QCOMPARE(submitted.first().first().toInt(), 2);

        auto revokedOnServer = [&](const QString &id) {
            auto n = desk.server().db().scalar(
                QStringLiteral("SELECT COUNT(*) FROM keys WHERE id = ? AND revoked_at IS NOT NULL"), { id });
            return n && n->toInt() == 1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(revokedOnServer(k1) && revokedOnServer(k2), 5000);
        QVERIFY(!revokedOnServer(k3)); // another lock's key is untouched
        // The feed brings the confirmation back: the rows read REVOKED and are no longer pending.
        QTRY_COMPARE_WITH_TIMEOUT(desk.cachedRow(QStringLiteral("keys"), k1)->pending, 0, 5000);
        QVERIFY(settle(view, desk));
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    TestLocksView test;
    if (app.arguments().contains(QStringLiteral("--show"))) {
        test.showcase()->show();
        return app.exec();
    }
    return QTest::qExec(&test, argc, argv);
}

#include "TestLocksView.moc"
