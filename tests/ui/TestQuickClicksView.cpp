// QuickClicksView and its issue dialog: every quick-click rule shown next to its field, a generated code that
// is valid and long, the per-lock limit text, and issue/revoke through the real server (pending until the lock
// receives them).
#include "core/domain/QuickClick.h"
#include "core/models/FacilityModels.h"
#include "core/sync/Mutations.h"
#include "tests/ui/TestLocksViewFixture.h"
#include "ui/views/quickclicks/IssueQuickClickDialog.h"
#include "ui/views/quickclicks/QuickClicksTableModel.h"
#include "ui/views/quickclicks/QuickClicksView.h"
#include "ui/widgets/FieldErrorLabel.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>

using namespace Keydesk;
using namespace Keydesk::Test;
using Ui::FieldErrorLabel;
using Ui::IssueQuickClickDialog;

namespace {

QStringList heldCodes(int n)
{
    QStringList codes;
    for (int i = 0; i < n; ++i)
        codes << QString::number(i + 8, 2); // 1000, 1001, ... distinct binary codes
    return codes;
}

} // namespace

class TestQuickClicksView final : public QObject
{
    Q_OBJECT

private:
    Core::FakeClock m_clock { QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC) };

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void issueValidation_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("uses"); // -1: the Unlimited box
        QTest::addColumn<int>("held");
        QTest::addColumn<QString>("codeError");
        QTest::addColumn<QString>("usesError");
        QTest::addColumn<QString>("limitError");
        QTest::addColumn<bool>("issueEnabled");
        QTest::newRow("valid code and uses → Issue enabled") << "0110" << 3 << 0 << ""
                                                             << ""
                                                             << "" << true;
        QTest::newRow("unlimited uses → valid") << "0110" << -1 << 0 << ""
                                                << ""
                                                << "" << true;
        QTest::newRow("254 uses (the most) → valid") << "0110" << 254 << 0 << ""
                                                     << ""
                                                     << "" << true;
        QTest::newRow("24 presses (the longest) → valid") << QString(24, QLatin1Char('1')) << 1 << 0 << ""
                                                          << ""
                                                          << "" << true;
        QTest::newRow("a 2 in the code → only 0 and 1") << "0120" << 3 << 0 << "Use only 0"
                                                        << ""
                                                        << "" << false;
        QTest::newRow("two presses → too short") << "01" << 3 << 0 << "Use at least 3"
                                                 << ""
                                                 << "" << false;
        QTest::newRow("25 presses → too long") << QString(25, QLatin1Char('0')) << 3 << 0 << "Use at most 24"
                                               << ""
                                               << "" << false;
        QTest::newRow("0 uses → out of range") << "0110" << 0 << 0 << ""
                                               << "Choose 1 to 254"
                                               << "" << false;
        QTest::newRow("300 uses → out of range") << "0110" << 300 << 0 << ""
                                                 << "Choose 1 to 254"
                                                 << "" << false;
        QTest::newRow("bad code and bad uses → both messages at once") << "2" << 0 << 0 << "Use only 0"
                                                                       << "Choose 1 to 254"
                                                                       << "" << false;
        QTest::newRow("a code the lock holds → duplicate") << "1000" << 3 << 5 << "already on this lock"
                                                           << ""
                                                           << "" << false;
        QTest::newRow("lock holds 100 codes → full") << "0110" << 3 << 100 << ""
                                                     << ""
                                                     << "Revoke one first" << false;
        QTest::newRow("lock holds 99 codes → one more fits") << "0110" << 3 << 99 << ""
                                                             << ""
                                                             << "" << true;
    }

    void issueValidation()
    {
        QFETCH(QString, code);
        QFETCH(int, uses);
        QFETCH(int, held);
        QFETCH(QString, codeError);
        QFETCH(QString, usesError);
        QFETCH(QString, limitError);
        QFETCH(bool, issueEnabled);
        IssueQuickClickDialog dialog(QStringLiteral("Gate"), heldCodes(held));
        auto *issue = child<QPushButton>(dialog, "issueButton");
        QVERIFY(!issue->isEnabled()); // nothing typed yet
        QVERIFY(!child<FieldErrorLabel>(dialog, "codeError")->hasMessage()); // no scolding before typing
        QTest::keyClicks(child<QLineEdit>(dialog, "codeEdit"), code);
        if (uses < 0)
            child<QCheckBox>(dialog, "unlimitedCheck")->setChecked(true);
        else
            child<QSpinBox>(dialog, "usesSpin")->setValue(uses);
        auto check = [&](const char *name, const QString &expected) {
            const QString message = child<FieldErrorLabel>(dialog, name)->message();
            if (expected.isEmpty())
                QVERIFY2(message.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), message)));
            else
                QVERIFY2(message.contains(expected),
                         qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), message)));
        };
        check("codeError", codeError);
        check("usesError", usesError);
        check("limitError", limitError);
        QCOMPARE(issue->isEnabled(), issueEnabled);
        QCOMPARE(dialog.isValid(), issueEnabled);
        if (issueEnabled)
            QCOMPARE(dialog.uses(), uses < 0 ? Core::QuickClick::kUnlimitedUses : uses);
    }

    void generatedCodeIsValidLongAndRandom()
    {
        QSet<QString> seen;
        const QStringList avoid = heldCodes(50);
        for (int i = 0; i < 50; ++i) {
            const QString code = IssueQuickClickDialog::generateCode(avoid);
            QCOMPARE(code.size(), 24);
            QVERIFY(Core::validateQuickClickCode(code));
            QVERIFY(!avoid.contains(code));
            seen.insert(code);
        }
        QVERIFY(seen.size() > 45); // 2^24 codes: repeats in 50 draws are very unlikely

        IssueQuickClickDialog dialog(QStringLiteral("Gate"), avoid);
        child<QPushButton>(dialog, "generateButton")->click();
        QCOMPARE(child<QLineEdit>(dialog, "codeEdit")->text().size(), 24);
        QVERIFY(child<QPushButton>(dialog, "issueButton")->isEnabled());
        QVERIFY(!child<FieldErrorLabel>(dialog, "codeError")->hasMessage());
    }

    void limitTextCountsHeldCodes()
    {
        FeedDesk desk;
        QVERIFY(desk.feed.ok());
        FeedCache &f = desk.feed;
        const QString lockId = newId();
        QList<Core::ChangeRow> rows { f.lock(lockId, QStringLiteral("Gate")),
                                      f.lock(newId(), QStringLiteral("Other"), QStringLiteral("AA:BB:CC:00:00:02")) };
        for (int i = 0; i < 40; ++i) {
            // 36 held, 3 removed (delivered: they no longer count), 1 with its removal pending (still counts).
            const bool removed = i >= 37;
            const bool removalPending = i == 36;
            rows << f.row(QStringLiteral("quick_clicks"), newId(),
                          { { QStringLiteral("lock_id"), lockId },
                            { QStringLiteral("code"), QString::number(i + 8, 2) },
                            { QStringLiteral("uses"), i == 0 ? 255 : 5 },
                            { QStringLiteral("start_uses"), i == 0 ? 255 : 5 },
                            { QStringLiteral("pending"), i == 1 ? 1 : 0 },
                            { QStringLiteral("revoked"), removed || removalPending ? 1 : 0 },
                            { QStringLiteral("removal_delivered"), removed ? 1 : 0 },
                            { QStringLiteral("created_at"), ms("2026-11-25T10:00:00Z") } });
        }
        QVERIFY(!f.apply(rows).isEmpty());
        QVERIFY(desk.open());
        Ui::QuickClicksView view(desk.context(m_clock));
        view.setLock(lockId);
        QTRY_COMPARE(view.currentLockId(), lockId);
        QTRY_COMPARE(child<QLabel>(view, "quickClickLimit")->text(), QStringLiteral("37 of 100 codes"));
        auto *table = child<QTableView>(view, "quickClicksTable")->model();
        QCOMPARE(table->rowCount(), 40);
        const auto *qc = static_cast<Ui::QuickClicksTableModel *>(table);
        const QStringList states = columnTexts(*table, qc->stateColumn());
        QCOMPARE(states.count(QStringLiteral("Revoked")), 3);
        QCOMPARE(states.count(QStringLiteral("Revoked — removal pending")), 1);
        QCOMPARE(states.count(QStringLiteral("Pending — not on the lock yet")), 1);
        QVERIFY(columnTexts(*table, Core::QuickClicksModel::UsesColumn).contains(QStringLiteral("unlimited")));
        QVERIFY(settle(view, desk.store()));
    }

    void manageButtonsHiddenForAuditor()
    {
        FeedDesk desk;
        QVERIFY(desk.feed.ok() && desk.open());
        Ui::QuickClicksView view(desk.context(m_clock, Core::StaffRole::Auditor));
        QVERIFY(child<QPushButton>(view, "issueQuickClickButton")->isHidden());
        QVERIFY(child<QPushButton>(view, "revokeQuickClickButton")->isHidden());
        QVERIFY(settle(view, desk.store()));
    }

    void issueAndRevokeThroughTheServer()
    {
        LiveDesk desk;
        QVERIFY2(desk.ok(), qPrintable(desk.error()));
        const QString lockId = desk.addLock(QStringLiteral("Gate"), QStringLiteral("AA:BB:CC:DD:EE:11"));
        QVERIFY(!lockId.isEmpty());
        Ui::QuickClicksView view(desk.context(Core::StaffRole::FrontDesk));
        view.setLock(lockId);
        QTRY_COMPARE_WITH_TIMEOUT(view.currentLockId(), lockId, 5000);
        QCOMPARE(child<QLabel>(view, "quickClickLimit")->text(), QStringLiteral("0 of 100 codes"));

        QSignalSpy submitted(&view, &Ui::QuickClicksView::submitted);
        child<QPushButton>(view, "issueQuickClickButton")->click();
        auto *dialog = child<IssueQuickClickDialog>(view, "issueQuickClickDialog");
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(*dialog, "codeEdit"), QStringLiteral("010110"));
        child<QSpinBox>(*dialog, "usesSpin")->setValue(5);
        child<QPushButton>(*dialog, "issueButton")->click();
        QTRY_COMPARE(submitted.count(), 1);

        auto *table = child<QTableView>(view, "quickClicksTable")->model();
        const int stateColumn = static_cast<Ui::QuickClicksTableModel *>(table)->stateColumn();
        QTRY_COMPARE(table->rowCount(), 1);
        QCOMPARE(table->index(0, stateColumn).data().toString(), QStringLiteral("Pending — not on the lock yet"));
        QCOMPARE(child<QLabel>(view, "quickClickLimit")->text(), QStringLiteral("1 of 100 codes"));
        auto onServer = [&](const QString &where) {
            auto n = desk.server().db().scalar(
                QStringLiteral("SELECT COUNT(*) FROM quick_clicks WHERE lock_id = ? AND code = '010110' AND ") + where,
                { lockId });
            return n ? n->toInt() : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(onServer(QStringLiteral("uses = 5 AND revoked = 0")), 1, 5000);
        // Confirmed by the feed under the server's id, still pending: no online unlock has reached the lock.
        QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() == 1 && !table->index(0, 0).data(Core::PendingRole).toBool()
                                     && !Core::Mutations::isLocalId(table->index(0, 0).data(Core::IdRole).toString()),
                                 5000);
        QCOMPARE(table->index(0, stateColumn).data().toString(), QStringLiteral("Pending — not on the lock yet"));

        // Revoke it.
        child<QTableView>(view, "quickClicksTable")->selectRow(0);
        auto *revoke = child<QPushButton>(view, "revokeQuickClickButton");
        QVERIFY(revoke->isEnabled());
        revoke->click();
        auto *confirm = child<QMessageBox>(view, "revokeQuickClickConfirm");
        QVERIFY(confirm);
        child<QPushButton>(*confirm, "confirmRevokeButton")->click();
        QTRY_COMPARE(submitted.count(), 2);
        // The lock never received this code, so the server drops it at once and the code is free again; the feed's
        // tombstone removes the row here.
        QTRY_COMPARE_WITH_TIMEOUT(onServer(QStringLiteral("1 = 1")), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 0, 5000);
        QCOMPARE(child<QLabel>(view, "quickClickLimit")->text(), QStringLiteral("0 of 100 codes"));
        QVERIFY(settle(view, desk));
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (app.arguments().contains(QStringLiteral("--show")) && app.arguments().contains(QStringLiteral("view"))) {
        // The view over a lock with a few codes in every state (for tools/shot).
        isolateSettings();
        static FeedDesk desk;
        static Core::FakeClock clock(QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC));
        FeedCache &f = desk.feed;
        const QString lockId = newId();
        QList<Core::ChangeRow> rows { f.lock(lockId, QStringLiteral("B-104 Gate")) };
        const int flags[][3]
            = { { 1, 0, 0 }, { 0, 0, 0 }, { 0, 1, 0 }, { 0, 1, 1 }, { 0, 0, 0 } }; // pending, revoked, delivered
        for (int i = 0; i < 5; ++i)
            rows << f.row(QStringLiteral("quick_clicks"), newId(),
                          { { QStringLiteral("lock_id"), lockId },
                            { QStringLiteral("code"), QString::number(i * 37 + 300, 2) },
                            { QStringLiteral("uses"), i == 4 ? 255 : 5 - i },
                            { QStringLiteral("start_uses"), i == 4 ? 255 : 5 },
                            { QStringLiteral("pending"), flags[i][0] },
                            { QStringLiteral("revoked"), flags[i][1] },
                            { QStringLiteral("removal_delivered"), flags[i][2] },
                            { QStringLiteral("created_at"), ms("2026-11-25T10:00:00Z") + i * 60000 } });
        f.apply(rows);
        if (!desk.open())
            return 1;
        auto *view = new Ui::QuickClicksView(desk.context(clock, Core::StaffRole::FrontDesk));
        view->resize(1000, 500);
        view->setLock(lockId);
        view->show();
        return app.exec();
    }
    if (app.arguments().contains(QStringLiteral("--show"))) {
        auto *dialog = new IssueQuickClickDialog(QStringLiteral("B-104 Gate"), heldCodes(37));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("codeEdit")), QStringLiteral("01201"));
        dialog->findChild<QSpinBox *>(QStringLiteral("usesSpin"))->setValue(0);
        dialog->show();
        return app.exec();
    }
    TestQuickClicksView test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestQuickClicksView.moc"
