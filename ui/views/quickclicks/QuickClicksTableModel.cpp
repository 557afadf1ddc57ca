#include "ui/views/quickclicks/QuickClicksTableModel.h"

#include "core/domain/QuickClick.h"
#include "core/models/FacilityModels.h"
#include "ui/views/StatusStyle.h"

#include <QGuiApplication>

namespace Keydesk::Ui {

using Core::QuickClicksModel;

QuickClicksTableModel::QuickClicksTableModel(QuickClicksModel *source, QObject *parent)
    : QIdentityProxyModel(parent)
{
    setSourceModel(source);
}

int QuickClicksTableModel::stateColumn() const
{
    return sourceModel()->columnCount();
}

QString QuickClicksTableModel::stateText(const QString &status)
{
    if (status == QLatin1String("pending"))
        //: Quick-click state: issued, waiting for the next online unlock
        return tr("Pending — not on the lock yet");
    if (status == QLatin1String("active"))
        //: Quick-click state
        return tr("Active");
    if (status == QLatin1String("removal_pending"))
        //: Quick-click state: revoked, waiting for the next online unlock
        return tr("Revoked — removal pending");
    if (status == QLatin1String("removed"))
        //: Quick-click state
        return tr("Revoked");
    return status;
}

int QuickClicksTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : stateColumn() + 1;
}

QModelIndex QuickClicksTableModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    if (column == stateColumn())
        return createIndex(row, column);
    return QIdentityProxyModel::index(row, column, parent);
}

QModelIndex QuickClicksTableModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex QuickClicksTableModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

QModelIndex QuickClicksTableModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (proxyIndex.isValid() && proxyIndex.column() == stateColumn())
        return {};
    return QIdentityProxyModel::mapToSource(proxyIndex);
}

QVariant QuickClicksTableModel::data(const QModelIndex &idx, int role) const
{
    if (!idx.isValid())
        return {};
    if (idx.column() != stateColumn()) {
        const bool usesColumn
            = idx.column() == QuickClicksModel::UsesColumn || idx.column() == QuickClicksModel::StartUsesColumn;
        if (usesColumn && role == Qt::DisplayRole
            && QIdentityProxyModel::data(idx, role).toInt() == Core::QuickClick::kUnlimitedUses)
            //: Quick-click uses
            return tr("unlimited");
        return QIdentityProxyModel::data(idx, role);
    }
    const QModelIndex first = sourceModel()->index(idx.row(), 0);
    const QString status = first.data(Core::StatusRole).toString();
    switch (role) {
    case Qt::DisplayRole:
        return stateText(status);
    case Qt::ForegroundRole:
        return StatusStyle::foreground(first.data(Core::StatusColorRole).toString(), QGuiApplication::palette());
    case Core::StatusRole:
    case Core::StatusColorRole:
    case Core::IdRole:
    case Core::LockIdRole:
    case Core::PendingRole:
        return first.data(role);
    default:
        return {};
    }
}

QVariant QuickClicksTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == stateColumn())
        return role == Qt::DisplayRole ? QVariant(tr("State", "quick-click sync state")) : QVariant();
    return QIdentityProxyModel::headerData(section, orientation, role);
}

Qt::ItemFlags QuickClicksTableModel::flags(const QModelIndex &idx) const
{
    if (idx.isValid() && idx.column() == stateColumn())
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return QIdentityProxyModel::flags(idx);
}

void QuickClicksTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < stateColumn())
        sourceModel()->sort(column, order);
}

} // namespace Keydesk::Ui
