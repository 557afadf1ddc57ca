#pragma once

#include "ui/widgets/HeaderMemory.h"

#include <QEvent>
#include <QHeaderView>
#include <QTableView>

#include <functional>
#include <memory>

namespace Keydesk::Ui {

/// Calls `fn` each time the widget is shown (an event filter, a child of the widget).
class CallOnShow final : public QObject
{
public:
    CallOnShow(QWidget *widget, std::function<void()> fn)
        : QObject(widget)
        , m_fn(std::move(fn))
    {
        widget->installEventFilter(this);
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Show)
            m_fn();
        return false;
    }

private:
    std::function<void()> m_fn;
};

/// Fits the columns to their contents the first time the table has rows and is on screen (then leaves the widths
/// to the user). A table on a page not shown fits when it is first shown: 50,000 rows arriving at the end of a
/// sync do not cost the GUI thread a fit nobody sees, over a geometry that is not final yet.
inline void fitColumnsOnce(QTableView *table)
{
    // The fit measures kFitRows rows (about a screenful), not Qt's default of 1,000 rows of every column (0 would
    // mean every row of a hidden table).
    constexpr int kFitRows = 40;
    table->verticalHeader()->setResizeContentsPrecision(kFitRows);
    auto done = std::make_shared<bool>(false);
    auto fit = [table, done] {
        if (*done || !table->isVisible() || table->model()->rowCount() == 0)
            return;
        *done = true;
        table->resizeColumnsToContents();
    };
    QObject::connect(table->model(), &QAbstractItemModel::modelReset, table, fit);
    QObject::connect(table->model(), &QAbstractItemModel::rowsInserted, table, fit);
    new CallOnShow(table, fit);
}

/// The common look of the V2 views' tables (read-only rows, no wrapping) and their remembered header: column
/// widths and sort order in QSettings under `settingsKey` ("views/<name>/header"; empty: not remembered). Without
/// a saved state the columns fit their contents when the first rows arrive.
inline void setUpTable(QTableView *table, const QString &settingsKey)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSortingEnabled(true);
    // The remembered state is saved off the GUI thread, coalesced (a column fit resizes every section).
    auto *memory = settingsKey.isEmpty() ? nullptr : new HeaderMemory(table->horizontalHeader(), settingsKey);
    if (!memory || !memory->restore())
        fitColumnsOnce(table);
}

} // namespace Keydesk::Ui
