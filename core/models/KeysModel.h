#pragma once

#include "core/domain/FacilityZone.h"
#include "core/models/CacheTableModel.h"
#include "core/models/KeyTable.h"

#include <QDateTime>

#include <memory>
#include <vector>

namespace Keydesk::Core {

/// Every digital key of the cache, for a million of them: a compact in-memory index (KeyTable, ~64 bytes a key
/// plus its description), filters that run as one tight loop over it, statuses that flip live at their
/// boundary instants, and precise row signals for every synced change.
class KeysModel final : public CacheTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeysModel)

public:
    enum Column {
        DescriptionColumn,
        LockColumn,
        UserColumn,
        RoleColumn,
        RestrictionColumn,
        ValidFromColumn,
        ValidToColumn,
        StatusColumn,
        ColumnCount
    };
    /// Keys read before the first rows are shown; the full index follows.
    static constexpr int kFirstRows = 200;

    explicit KeysModel(const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~KeysModel() override;

    /// Times are shown in the facility's zone (UTC until set).
    void setFacilityZone(const FacilityZone &zone);

    // ---- filters (all combine; empty / invalid = no restriction) -----------------------------------------
    /// Case-insensitive substring of the description, the lock's or the user's name.
    void setTextFilter(const QString &text);
    void setStatusFilter(const QList<KeyStatus> &statuses);
    /// A lock or lock-group id.
    void setLockFilter(const QString &lockId);
    /// A user or user-group id.
    void setUserFilter(const QString &userId);
    /// Keys whose validity overlaps [from, to).
    void setDateRange(const QDateTime &from, const QDateTime &to);
    void clearFilters();

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// Bytes of the index and the order lists: for the memory benchmark.
    std::size_t memoryBytes() const;
    /// The status the model holds for a key (by id); nullopt when unknown.
    std::optional<KeyStatus> statusOf(const QString &id) const;

protected:
    QStringList entities() const override;
    void startLoad() override;
    void applyChanges(const QString &entity, const QStringList &ids) override;
    int slotCount() const override { return m_table->size(); }
    bool slotAlive(int slot) const override { return m_table->at(slot).alive(); }
    bool acceptsSlot(int slot) const override;
    bool hasFilter() const override;
    int compareSlots(int column, int a, int b) const override;
    QVariant slotData(int slot, int column, int role) const override;
    int slotOfId(const QString &id) const override { return m_table->slotOf(id); }
    void boundaryReached(int slot, qint64 nowMs) override;

private:
    void install(std::shared_ptr<KeyTable> table);
    void applyKeyRows(const QStringList &ids, const QList<KeyRow> &rows);
    void applyPartyRows(bool lockSide, const QList<PartyRow> &rows);
    void computePartyMatches();
    bool partyMatches(const std::vector<bool> &matches, int index, bool lockSide) const;
    bool sortsByParty() const;
    QString partyText(bool lockSide, int index) const;

    std::shared_ptr<KeyTable> m_table;
    FacilityZone m_zone;

    TextNeedle m_needle;
    std::vector<bool> m_lockMatches; ///< per lock: its name contains the needle
    std::vector<bool> m_userMatches;
    quint8 m_statusMask = 0; ///< bit per KeyStatus; 0 = all
    QString m_lockFilterId;
    QString m_userFilterId;
    int m_lockFilter = -1; ///< lock index when m_lockFilterId is set (-1: unknown lock, matches nothing)
    int m_userFilter = -1;
    qint64 m_rangeFrom = std::numeric_limits<qint64>::min();
    qint64 m_rangeTo = std::numeric_limits<qint64>::max();
};

} // namespace Keydesk::Core
