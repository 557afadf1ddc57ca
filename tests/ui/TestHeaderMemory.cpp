// A table header remembered in QSettings: restored, saved once after a burst of changes (a column fit resizes
// every section), saved off the GUI thread, and saved when the view goes with a change still waiting. And the
// first column fit: not while the table is hidden (another page), at its first show.
#include "ui/views/locks/TableSetup.h"
#include "ui/widgets/HeaderMemory.h"
#include "ui/widgets/SettingsWriter.h"

#include <QApplication>
#include <QHeaderView>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Keydesk::Ui;

namespace {

const QString kKey = QStringLiteral("views/test/header");

std::unique_ptr<QTableView> table(QStandardItemModel &model)
{
    auto view = std::make_unique<QTableView>();
    view->setModel(&model);
    view->setSortingEnabled(true);
    return view;
}

} // namespace

class TestHeaderMemory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
        m_model.setColumnCount(5);
        m_model.setRowCount(3);
    }

    void init() { QSettings().remove(kKey); }

    void burstOfChangesIsOneWriteOffTheGuiThread()
    {
        auto view = table(m_model);
        auto *memory = new HeaderMemory(view->horizontalHeader(), kKey);
        QVERIFY(!memory->restore()); // nothing saved yet
        const int before = SettingsWriter::batchesWritten();
        for (int i = 0; i < 20; ++i)
            view->horizontalHeader()->resizeSection(i % 5, 60 + i);
        view->sortByColumn(3, Qt::DescendingOrder);
        QVERIFY(!QSettings().contains(kKey)); // not written at each change
        QTest::qWait(HeaderMemory::kSaveDelayMs + 100);
        SettingsWriter::flush();
        QCOMPARE(SettingsWriter::batchesWritten(), before + 1);
        QCOMPARE(QSettings().value(kKey).toByteArray(), view->horizontalHeader()->saveState());
    }

    void restoredStateIsTheSavedOneAndNotSavedAgain()
    {
        {
            auto view = table(m_model);
            new HeaderMemory(view->horizontalHeader(), kKey);
            view->horizontalHeader()->resizeSection(1, 217);
            view->sortByColumn(2, Qt::AscendingOrder);
            // The view goes before the save is due: what changed is saved anyway.
        }
        auto again = table(m_model);
        auto *memory = new HeaderMemory(again->horizontalHeader(), kKey);
        QVERIFY(memory->restore()); // after the write of the view that went
        const int before = SettingsWriter::batchesWritten();
        QCOMPARE(again->horizontalHeader()->sectionSize(1), 217);
        QCOMPARE(again->horizontalHeader()->sortIndicatorSection(), 2);
        QCOMPARE(again->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
        QTest::qWait(HeaderMemory::kSaveDelayMs + 100);
        SettingsWriter::flush();
        QCOMPARE(SettingsWriter::batchesWritten(), before); // restoring is not a change
    }

    void writesKeepTheLastValueOfEachKey()
    {
        for (int i = 0; i < 50; ++i) {
            SettingsWriter::write(kKey, QByteArray::number(i));
            SettingsWriter::write(QStringLiteral("views/test/other"), i);
        }
        SettingsWriter::flush();
        QCOMPARE(QSettings().value(kKey).toByteArray(), QByteArray("49"));
        QCOMPARE(QSettings().value(QStringLiteral("views/test/other")).toInt(), 49);
    }

    void columnsFitWhenFirstShownNotWhileHidden()
    {
        QStandardItemModel model(0, 2);
        QWidget page;
        auto *view = new QTableView(&page);
        view->setModel(&model);
        fitColumnsOnce(view);
        const int before = view->horizontalHeader()->sectionSize(0);
        const QString wide = QStringLiteral("A description far wider than a default column of any table");
        model.appendRow({ new QStandardItem(wide), new QStandardItem(QStringLiteral("x")) });
        QCOMPARE(view->horizontalHeader()->sectionSize(0), before); // hidden: nothing measured yet
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(view->horizontalHeader()->sectionSize(0) > view->fontMetrics().horizontalAdvance(wide));
        // Once fitted, the widths are the user's: more rows change nothing.
        view->horizontalHeader()->resizeSection(0, 90);
        model.appendRow({ new QStandardItem(wide + wide), new QStandardItem(QStringLiteral("y")) });
        QCOMPARE(view->horizontalHeader()->sectionSize(0), 90);
    }

private:
    QTemporaryDir m_dir;
    QStandardItemModel m_model;
};

QTEST_MAIN(TestHeaderMemory)
#include "TestHeaderMemory.moc"
