#pragma once

#include "core/models/CacheTableModel.h"

#include <QHeaderView>
#include <QSettings>
#include <QTableView>

namespace Keydesk::Ui {

/// The common look of the V2 views' tables (read-only rows, no wrapping) and their remembered header: column
/// widths and sort order in QSettings under `settingsKey` ("views/<name>/header"). Without a saved state the
/// columns fit their contents once the model has loaded.
inline void setUpTable(QTableView *table, const QString &settingsKey, Core::CacheTableModel *model)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSortingEnabled(true);
    if (settingsKey.isEmpty()) {
        QObject::connect(model, &Core::CacheTableModel::loaded, table, [table] { table->resizeColumnsToContents(); });
        return;
    }
    const QByteArray state = QSettings().value(settingsKey).toByteArray();
    if (!state.isEmpty())
        table->horizontalHeader()->restoreState(state);
    else
        QObject::connect(model, &Core::CacheTableModel::loaded, table, [table] { table->resizeColumnsToContents(); });
    auto save = [table, settingsKey] { QSettings().setValue(settingsKey, table->horizontalHeader()->saveState()); };
    QObject::connect(table->horizontalHeader(), &QHeaderView::sectionResized, table, save);
    QObject::connect(table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, table, save);
}

} // namespace Keydesk::Ui
