#include "ui/views/locks/LocksTableModel.h"

#include "core/domain/Battery.h"
#include "core/models/FacilityModels.h"
#include "core/models/ModelText.h"
#include "ui/views/StatusStyle.h"

#include <QGuiApplication>

namespace Keydesk::Ui {

using Core::LocksModel;

LocksTableModel::LocksTableModel(LocksModel *source, QObject *parent)
    : QIdentityProxyModel(parent)
{
    setSourceModel(source);
}

void LocksTableModel::setFacts(QHash<QString, LockFacts> facts)
{
    m_facts = std::move(facts);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, sourceColumns()), index(rowCount() - 1, columnCount() - 1));
}

void LocksTableModel::setFacilityZone(const Core::FacilityZone &zone)
{
    m_zone = zone;
}

const LockFacts &LocksTableModel::factsOf(const QString &lockId) const
{
    static const LockFacts none;
    auto it = m_facts.constFind(lockId);
    return it == m_facts.constEnd() ? none : *it;
}

int LocksTableModel::extraColumn(ExtraColumn column) const
{
    return sourceColumns() + int(column);
}

int LocksTableModel::sourceColumns() const
{
    return sourceModel() ? sourceModel()->columnCount() : 0;
}

QString LocksTableModel::lockIdAt(int row) const
{
    return sourceModel()->index(row, 0).data(Core::IdRole).toString();
}

int LocksTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : sourceColumns() + ExtraColumnCount;
}

QModelIndex LocksTableModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    if (column >= sourceColumns())
        return createIndex(row, column);
    return QIdentityProxyModel::index(row, column, parent);
}

QModelIndex LocksTableModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex LocksTableModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

QModelIndex LocksTableModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (proxyIndex.isValid() && proxyIndex.column() >= sourceColumns())
        return {};
    return QIdentityProxyModel::mapToSource(proxyIndex);
}

QVariant LocksTableModel::data(const QModelIndex &idx, int role) const
{
    if (!idx.isValid())
        return {};
    const int column = idx.column();
    if (column < sourceColumns() && column != LocksModel::BatteryColumn && column != LocksModel::StatusColumn)
        return QIdentityProxyModel::data(idx, role);

    if (column == LocksModel::StatusColumn) {
        if (role == Qt::ForegroundRole)
            return StatusStyle::foreground(QIdentityProxyModel::data(idx, Core::StatusColorRole).toString(),
                                           QGuiApplication::palette());
        return QIdentityProxyModel::data(idx, role);
    }
    if (column == LocksModel::BatteryColumn) {
        const int mv = QIdentityProxyModel::data(idx, Qt::DisplayRole).toInt();
        const Core::BatteryLevel level = Core::Battery::level(mv);
        switch (role) {
        case Qt::DisplayRole:
            return Core::Battery::text(mv);
        case Core::StatusColorRole:
            return Core::Battery::tone(level);
        case Qt::ForegroundRole:
            return StatusStyle::foreground(Core::Battery::tone(level), QGuiApplication::palette());
        case Qt::TextAlignmentRole:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QIdentityProxyModel::data(idx, role);
        }
    }

    // Extra columns.
    const LockFacts &f = factsOf(lockIdAt(idx.row()));
    const int extra = column - sourceColumns();
    if (role == Core::IdRole)
        return lockIdAt(idx.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Core::SortRole) {
        switch (extra) {
        case UnitColumn:
            return f.unitName;
        case FlagsColumn:
            return LockText::flagsText(f);
        case LastActivityColumn:
            if (role == Core::SortRole)
                return f.lastActivityMs;
            return f.lastActivityMs < 0 ? QString() : Core::ModelText::instant(m_zone, f.lastActivityMs);
        default:
            break;
        }
    }
    if (role == Core::StatusColorRole && extra == FlagsColumn)
        return LockText::flagsText(f).isEmpty() ? QString() : QStringLiteral("warning");
    if (role == Qt::ForegroundRole && extra == FlagsColumn)
        return StatusStyle::foreground(QStringLiteral("warning"), QGuiApplication::palette());
    return {};
}

QVariant LocksTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == LocksModel::BatteryColumn && role == Qt::DisplayRole)
        return tr("Battery"); // shown in volts with its state, not the model's millivolts
    if (orientation != Qt::Horizontal || section < sourceColumns())
        return QIdentityProxyModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (section - sourceColumns()) {
    case UnitColumn:
        return tr("Unit");
    case FlagsColumn:
        //: Column of things waiting to reach the lock
        return tr("Flags");
    case LastActivityColumn:
        return tr("Last activity");
    default:
        return {};
    }
}

Qt::ItemFlags LocksTableModel::flags(const QModelIndex &idx) const
{
    if (idx.isValid() && idx.column() >= sourceColumns())
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return QIdentityProxyModel::flags(idx);
}

void LocksTableModel::sort(int column, Qt::SortOrder order)
{
    // The extra columns come from other entities; the source sorts only its own.
    if (column < sourceColumns())
        sourceModel()->sort(column, order);
}

} // namespace Keydesk::Ui
