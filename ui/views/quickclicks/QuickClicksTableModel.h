#pragma once

#include <QIdentityProxyModel>

namespace Keydesk::Core {
class QuickClicksModel;
}

namespace Keydesk::Ui {

/// QuickClicksModel as the view shows it: "unlimited" for 255 uses and a State column in words (pending,
/// active, removal pending, removed) coloured by its tone.
class QuickClicksTableModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickClicksTableModel)

public:
    explicit QuickClicksTableModel(Core::QuickClicksModel *source, QObject *parent = nullptr);

    /// The proxy column of the state.
    int stateColumn() const;
    /// "Pending — not on the lock yet", "Active", ... for a QuickClicksModel StatusRole value.
    static QString stateText(const QString &status);

    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
};

} // namespace Keydesk::Ui
