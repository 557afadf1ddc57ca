// AuditView: who did what and when, and the selected entry's before/after as the fields it changed — from a
// filled cache and from a staff action on the real server.
#include "core/models/FacilityModels.h"
#include "tests/ui/TestLocksViewFixture.h"
#include "ui/views/audit/AuditDiff.h"
#include "ui/views/audit/AuditView.h"

#include <QJsonDocument>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>

using namespace Keydesk;
using namespace Keydesk::Test;
using Core::AuditModel;
using Ui::FieldChange;

namespace {

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

/// The diff tree as "field: before → after" lines.
QStringList diffLines(QTreeWidget &tree)
{
    QStringList out;
    for (int i = 0; i < tree.topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree.topLevelItem(i);
        out << QStringLiteral("%1: %2 → %3").arg(item->text(0), item->text(1), item->text(2));
    }
    return out;
}

} // namespace

class TestAuditView final : public QObject
{
    Q_OBJECT

private:
    Core::FakeClock m_clock { QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC) };

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void diff_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QStringList>("lines"); // field|kind|before|after
        QTest::newRow("changed field; unchanged ones left out")
            << R"({"name":"Old","mac":"AA"})"
            << R"({"name":"New","mac":"AA"})" << QStringList { QStringLiteral("name|changed|Old|New") };
        QTest::newRow("created → every field added")
            << ""
            << R"({"name":"Gate","uses":3})"
            << QStringList { QStringLiteral("name|added||Gate"), QStringLiteral("uses|added||3") };
        QTest::newRow("deleted → every field removed")
            << R"({"name":"Gate"})"
            << "null" << QStringList { QStringLiteral("name|removed|Gate|") };
        QTest::newRow("instants in the facility zone, null as a dash")
            << R"({"revoked_at":null})"
            << R"({"revoked_at":1764072000000})"
            << QStringList { QStringLiteral("revoked_at|changed|—|2025-11-25 12:00") };
        QTest::newRow("nested values as compact JSON")
            << R"({"windows":[]})"
            << R"({"windows":[{"days":[1],"start":"09:00"}]})"
            << QStringList { QStringLiteral(R"(windows|changed|[]|[{"days":[1],"start":"09:00"}])") };
        QTest::newRow("nothing changed → empty") << R"({"a":1})"
                                                 << R"({"a":1})" << QStringList {};
        QTest::newRow("invalid JSON text is treated as empty")
            << "{oops"
            << R"({"a":true})" << QStringList { QStringLiteral("a|added||true") };
    }

    void diff()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(QStringList, lines);
        auto zone = Core::FacilityZone::fromIanaId(QStringLiteral("UTC"));
        QVERIFY(zone);
        QStringList got;
        for (const FieldChange &c :
             Ui::AuditDiff::diff(Ui::AuditDiff::parse(before), Ui::AuditDiff::parse(after), *zone)) {
            const char *kind = c.kind == FieldChange::Kind::Added ? "added"
                : c.kind == FieldChange::Kind::Removed            ? "removed"
                                                                  : "changed";
            got << QStringLiteral("%1|%2|%3|%4").arg(c.field, QLatin1String(kind), c.before, c.after);
        }
        QCOMPARE(got, lines);
    }

    void detailsShowWhoWhatWhenAndTheChangedFields()
    {
        FeedDesk desk;
        QVERIFY(desk.feed.ok());
        FeedCache &f = desk.feed;
        const QString staffId = newId();
        const QString entryId = newId();
        const QString keyId = newId();
        QList<Core::ChangeRow> rows {
            f.row(QStringLiteral("staff"), staffId,
                  { { QStringLiteral("username"), QStringLiteral("frank.desk") },
                    { QStringLiteral("role"), QStringLiteral("front_desk") } }),
            f.row(QStringLiteral("audit_log"), entryId,
                  { { QStringLiteral("at"), ms("2026-11-25T09:15:00Z") },
                    { QStringLiteral("staff_id"), staffId },
                    { QStringLiteral("action"), QStringLiteral("key.revoke") },
                    { QStringLiteral("entity"), QStringLiteral("keys") },
                    { QStringLiteral("entity_id"), keyId },
                    { QStringLiteral("before_json"),
                      json({ { QStringLiteral("description"), QStringLiteral("Plumber") },
                             { QStringLiteral("revoked_at"), QJsonValue() },
                             { QStringLiteral("revoked_reason"), QJsonValue() } }) },
                    { QStringLiteral("after_json"),
                      json({ { QStringLiteral("description"), QStringLiteral("Plumber") },
                             { QStringLiteral("revoked_at"), ms("2026-11-25T09:15:00Z") },
                             { QStringLiteral("revoked_reason"), QStringLiteral("Job done") } }) } }),
            f.row(QStringLiteral("audit_log"), newId(),
                  { { QStringLiteral("at"), ms("2026-11-25T08:00:00Z") },
                    { QStringLiteral("staff_id"), QJsonValue() },
                    { QStringLiteral("action"), QStringLiteral("login") },
                    { QStringLiteral("entity"), QStringLiteral("staff") },
                    { QStringLiteral("entity_id"), staffId } }),
        };
        QVERIFY(!f.apply(rows).isEmpty());
        QVERIFY(desk.open());

        Ui::AuditView view(desk.context(m_clock, Core::StaffRole::Auditor));
        auto *table = child<QTableView>(view, "auditTable");
        QTRY_COMPARE(table->model()->rowCount(), 2);
        // Newest first; staff by name, the server's own entries as "system".
        QTRY_COMPARE(table->model()->index(0, AuditModel::StaffColumn).data().toString(), QStringLiteral("frank.desk"));
        QCOMPARE(table->model()->index(1, AuditModel::StaffColumn).data().toString(), QStringLiteral("system"));

        QSignalSpy shown(&view, &Ui::AuditView::entryShown);
        table->selectRow(0);
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(shown.first().first().toString(), entryId);
        const QString summary = child<QLabel>(view, "auditSummary")->text();
        QVERIFY2(summary.contains(QStringLiteral("frank.desk")) && summary.contains(QStringLiteral("key.revoke"))
                     && summary.contains(keyId) && summary.contains(QStringLiteral("2026-11-25 09:15")),
                 qPrintable(summary));
        QCOMPARE(diffLines(*child<QTreeWidget>(view, "auditDiff")),
                 (QStringList { QStringLiteral("revoked_at: — → 2026-11-25 09:15"),
                                QStringLiteral("revoked_reason: — → Job done") }));

        // An entry without before/after says so instead of showing an empty pane.
        table->selectRow(1);
        QTRY_COMPARE(shown.count(), 2);
        QCOMPARE(diffLines(*child<QTreeWidget>(view, "auditDiff")),
                 QStringList { QStringLiteral("No field changed:  → ") });
        QVERIFY(settle(view, desk.store()));
    }

    void staffActionOnTheServerShowsBeforeAndAfter()
    {
        LiveDesk desk;
        QVERIFY2(desk.ok(), qPrintable(desk.error()));
        const QString lockId = desk.addLock(QStringLiteral("Old name"), QStringLiteral("AA:BB:CC:DD:EE:31"));
        QVERIFY(!lockId.isEmpty());
        QVERIFY(!desk.send("PATCH", QStringLiteral("/v1/locks/") + lockId,
                           { { QStringLiteral("name"), QStringLiteral("New name") } })
                     .isEmpty());

        Ui::AuditView view(desk.context(Core::StaffRole::Auditor));
        view.setSearchText(lockId);
        auto *table = child<QTableView>(view, "auditTable");
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 5000); // registered, then renamed
        QCOMPARE(table->model()->index(0, AuditModel::StaffColumn).data().toString(), LiveServer::kOwner);
        QSignalSpy shown(&view, &Ui::AuditView::entryShown);
        table->selectRow(0); // newest: the rename
        QTRY_COMPARE(shown.count(), 1);
        const QStringList lines = diffLines(*child<QTreeWidget>(view, "auditDiff"));
        QVERIFY2(lines.contains(QStringLiteral("name: Old name → New name")),
                 qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY(settle(view, desk));
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (app.arguments().contains(QStringLiteral("--show"))) {
        // The audit view over one revocation entry, selected (for tools/shot).
        isolateSettings();
        static FeedDesk desk;
        static Core::FakeClock clock(QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC));
        FeedCache &f = desk.feed;
        const QString staffId = newId();
        desk.feed.apply(
            { f.row(QStringLiteral("staff"), staffId, { { QStringLiteral("username"), QStringLiteral("frank.desk") } }),
              f.row(QStringLiteral("audit_log"), newId(),
                    { { QStringLiteral("at"), ms("2026-11-25T09:15:00Z") },
                      { QStringLiteral("staff_id"), staffId },
                      { QStringLiteral("action"), QStringLiteral("key.revoke") },
                      { QStringLiteral("entity"), QStringLiteral("keys") },
                      { QStringLiteral("entity_id"), QStringLiteral("5d1c0b7e") },
                      { QStringLiteral("before_json"),
                        json({ { QStringLiteral("description"), QStringLiteral("Plumber") },
                               { QStringLiteral("revoked_at"), QJsonValue() },
                               { QStringLiteral("revoked_reason"), QJsonValue() } }) },
                      { QStringLiteral("after_json"),
                        json({ { QStringLiteral("description"), QStringLiteral("Plumber") },
                               { QStringLiteral("revoked_at"), ms("2026-11-25T09:15:00Z") },
                               { QStringLiteral("revoked_reason"), QStringLiteral("Job done") } }) } }),
              f.row(QStringLiteral("audit_log"), newId(),
                    { { QStringLiteral("at"), ms("2026-11-25T08:00:00Z") },
                      { QStringLiteral("staff_id"), staffId },
                      { QStringLiteral("action"), QStringLiteral("login") },
                      { QStringLiteral("entity"), QStringLiteral("staff") },
                      { QStringLiteral("entity_id"), staffId } }) });
        if (!desk.open())
            return 1;
        auto *view = new Ui::AuditView(desk.context(clock, Core::StaffRole::Auditor));
        view->resize(1100, 650);
        QTimer::singleShot(500, view,
                           [view] { view->findChild<QTableView *>(QStringLiteral("auditTable"))->selectRow(0); });
        view->show();
        return app.exec();
    }
    TestAuditView test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestAuditView.moc"
