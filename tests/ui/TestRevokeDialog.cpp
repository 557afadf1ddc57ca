#include "ui/dialogs/RevokeDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

using namespace Keydesk;
using Core::KeyStatus;
using Ui::RevokeDialog;
using Ui::RevokeItem;
using Ui::RevokeScope;
using Kind = Ui::RevokeScope::Kind;

namespace {

RevokeItem item(const char *id, const char *description, const char *lock, const char *user,
                KeyStatus status = KeyStatus::Active)
{
    return { QString::fromLatin1(id), QString::fromLatin1(description), QString::fromLatin1(lock),
             QString::fromLatin1(user), status };
}

QList<RevokeItem> bobsKeys()
{
    return { item("k1", "Plumber", "B-104", "Bob Smith"), item("k2", "Plumber", "B-105", "Bob Smith"),
             item("k3", "Night shift", "B-104", "Bob Smith") };
}

QString labelText(const QWidget &dialog, const char *name)
{
    return dialog.findChild<QLabel *>(QString::fromLatin1(name))->text();
}

} // namespace

class TestRevokeDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statesWhatStopsWorking_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QList<RevokeItem>>("items");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("summary");

        QTest::newRow("one key → names user, lock and key")
            << Kind::OneKey << QString() << QList<RevokeItem> { item("k1", "Plumber access", "B-104", "Bob Smith") }
            << QStringLiteral("Revoke the key \u201cPlumber access\u201d?")
            << QStringLiteral("Bob Smith will no longer open B-104 (key \u201cPlumber access\u201d).");
        QTest::newRow("every key of a user → the issue's sentence")
            << Kind::AllOfUser << QStringLiteral("Bob Smith") << bobsKeys()
            << QStringLiteral("Revoke every key of Bob Smith?")
            << QStringLiteral("Bob Smith will no longer open B-104 and B-105 (3 keys).");
        QTest::newRow("selected keys of two users → one sentence each")
            << Kind::SelectedKeys << QString()
            << QList<RevokeItem> { item("k1", "Plumber", "B-104", "Bob Smith"),
                                   item("k9", "Tenant", "B-106", "Ann Lee") }
            << QStringLiteral("Revoke 2 keys?")
            << QStringLiteral(
                   "Bob Smith will no longer open B-104 (1 key). Ann Lee will no longer open B-106 (1 key).");
        QTest::newRow("every key on a lock → who can no longer get in")
            << Kind::AllOnLock << QStringLiteral("B-104")
            << QList<RevokeItem> { item("k1", "Plumber", "B-104", "Bob Smith"),
                                   item("k9", "Tenant", "B-104", "Ann Lee"), item("k3", "Night", "B-104", "Bob Smith") }
            << QStringLiteral("Revoke every key on B-104?")
            << QStringLiteral("Bob Smith and Ann Lee will no longer open B-104 (3 keys).");
        QTest::newRow("upcoming, expired and already revoked are told apart")
            << Kind::AllOfUser << QStringLiteral("Carol Diaz")
            << QList<RevokeItem> { item("a", "Cleaner", "B-201", "Carol Diaz"),
                                   item("b", "Cleaner", "B-202", "Carol Diaz", KeyStatus::Upcoming),
                                   item("c", "Cleaner", "B-203", "Carol Diaz", KeyStatus::Expired),
                                   item("d", "Cleaner", "B-204", "Carol Diaz", KeyStatus::Revoked) }
            << QStringLiteral("Revoke every key of Carol Diaz?")
            << QStringLiteral(
                   "Carol Diaz will no longer open B-201 (1 key). Carol Diaz will not get the access planned "
                   "for B-202 (1 key not started yet). 1 key has already expired and opens nothing; it is "
                   "marked revoked too. 1 key is already revoked and stays as it is.");
        QTest::newRow("a user without keys → nothing to revoke")
            << Kind::AllOfUser << QStringLiteral("Dan Fox") << QList<RevokeItem> {}
            << QStringLiteral("Revoke every key of Dan Fox?")
            << QStringLiteral("Dan Fox has no keys, so there is nothing to revoke.");
        QTest::newRow("everything already revoked → says so")
            << Kind::SelectedKeys << QString()
            << QList<RevokeItem> { item("a", "x", "B-1", "Eve", KeyStatus::Revoked),
                                   item("b", "y", "B-2", "Eve", KeyStatus::Revoked) }
            << QStringLiteral("Revoke 2 keys?")
            << QStringLiteral("These keys are already revoked; there is nothing left to revoke.");

        QList<RevokeItem> many;
        for (int i = 1; i <= 7; ++i)
            many << item("k", "Tenant", "C-1", QStringLiteral("User %1").arg(i).toLatin1().constData());
        QTest::newRow("seven users → five sentences and the rest summed up")
            << Kind::SelectedKeys << QString() << many << QStringLiteral("Revoke 7 keys?")
            << QStringLiteral("User 1 will no longer open C-1 (1 key). User 2 will no longer open C-1 (1 key). User 3 "
                              "will no longer open C-1 (1 key). User 4 will no longer open C-1 (1 key). User 5 will no "
                              "longer open C-1 (1 key). 2 more people lose access too (2 keys).");
    }

    void statesWhatStopsWorking()
    {
        QFETCH(Kind, kind);
        QFETCH(QString, subject);
        QFETCH(QList<RevokeItem>, items);
        QFETCH(QString, title);
        QFETCH(QString, summary);

        RevokeDialog dialog({ kind, subject }, items);
        QCOMPARE(dialog.windowTitle(), title);
        QCOMPARE(labelText(dialog, "heading"), title);
        QCOMPARE(labelText(dialog, "summary"), summary);
        QVERIFY(labelText(dialog, "offlineNote").contains(QStringLiteral("end of the facility day at the latest")));
        QCOMPARE(dialog.findChild<QTreeWidget *>(QStringLiteral("keys"))->topLevelItemCount(), items.size());
    }

    void reasonIsRequired_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("enabled");
        QTest::newRow("nothing typed → disabled") << QString() << false;
        QTest::newRow("only spaces → disabled") << QStringLiteral("   ") << false;
        QTest::newRow("a reason → enabled") << QStringLiteral("Contract ended") << true;
    }

    void reasonIsRequired()
    {
        QFETCH(QString, typed);
        QFETCH(bool, enabled);

        RevokeDialog dialog({ Kind::AllOfUser, QStringLiteral("Bob Smith") }, bobsKeys());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *revoke = dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"));
        QVERIFY(!revoke->isEnabled());
        auto *reason = dialog.findChild<QLineEdit *>(QStringLiteral("reason"));
        QTest::keyClicks(reason, typed);
        QCOMPARE(revoke->isEnabled(), enabled);
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("reasonError"));
        QCOMPARE(error->isVisibleTo(&dialog), !typed.isEmpty() && !enabled);
    }

    void revokeReturnsTheReason()
    {
        QList<RevokeItem> items = bobsKeys();
        items << item("k4", "Old", "B-109", "Bob Smith", KeyStatus::Revoked);
        RevokeDialog dialog({ Kind::AllOfUser, QStringLiteral("Bob Smith") }, items);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("reason")), QStringLiteral("  Contract ended "));
        // Enter in the reason field must not confirm (nor cancel) a destructive action.
        QTest::keyClick(dialog.findChild<QLineEdit *>(QStringLiteral("reason")), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"))->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.reason(), QStringLiteral("Contract ended"));
        QCOMPARE(dialog.keyIdsToRevoke(),
                 (QStringList { QStringLiteral("k1"), QStringLiteral("k2"), QStringLiteral("k3") }));
    }

    void nothingToRevokeKeepsRevokeDisabled()
    {
        RevokeDialog dialog({ Kind::OneKey, QString() }, { item("a", "x", "B-1", "Eve", KeyStatus::Revoked) });
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("reason")), QStringLiteral("Again"));
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"))->isEnabled());
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // "--show": the revoke confirmation for every key of a user, for looking at it (tools/shot).
    if (app.arguments().contains(QStringLiteral("--show"))) {
        QList<RevokeItem> items = bobsKeys();
        items << item("k5", "Weekend", "B-110", "Bob Smith", KeyStatus::Upcoming);
        auto *dialog = new RevokeDialog({ Kind::AllOfUser, QStringLiteral("Bob Smith") }, items);
        dialog->show();
        return app.exec();
    }
    TestRevokeDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestRevokeDialog.moc"
