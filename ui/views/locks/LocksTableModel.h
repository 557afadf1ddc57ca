#pragma once

#include "core/domain/FacilityZone.h"
#include "ui/views/locks/LockFacts.h"

#include <QIdentityProxyModel>

namespace Keydesk::Core {
class LocksModel;
} // namespace Keydesk::Core

namespace Keydesk::Ui {

/// The locks table as the view shows it: LocksModel's columns (battery in volts with its warning state) plus
/// the unit, the pending flags and the last activity, which come from other entities (setFacts()).
class LocksTableModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocksTableModel)

public:
    enum ExtraColumn { UnitColumn, FlagsColumn, LastActivityColumn, ExtraColumnCount };

    explicit LocksTableModel(Core::LocksModel *source, QObject *parent = nullptr);

    void setFacts(QHash<QString, LockFacts> facts);
    void setFacilityZone(const Core::FacilityZone &zone);
    const LockFacts &factsOf(const QString &lockId) const;
    /// The proxy column of an extra column.
    int extraColumn(ExtraColumn column) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    int sourceColumns() const;
    QString lockIdAt(int row) const;

    QHash<QString, LockFacts> m_facts;
    Core::FacilityZone m_zone;
};

} // namespace Keydesk::Ui
