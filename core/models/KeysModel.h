#pragma once

#include "core/domain/FacilityZone.h"
#include "core/models/CacheTableModel.h"
#include "core/models/KeyTable.h"

#include <QDateTime>

#include <deque>
#include <memory>
#include <vector>

namespace Keydesk::Core {

/// Every digital key of the cache, for a million of them: a compact in-memory index (KeyTable, ~64 bytes a key
/// plus its description), filters that run as one tight loop over it, statuses that flip live at their
/// boundary instants, precise row signals for every synced change (one layout change for a large page), and
/// sorts of any column on a worker thread (the GUI thread prepares and swaps, see CacheTableModel).
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
        /// The schedule summary: "24/7", "One time (used …)", "Mon–Fri 08:00–17:00" (ModelText::scheduleSummary).
        ScheduleColumn,
        RestrictionColumn = ScheduleColumn, ///< its former name
        ValidFromColumn,
        ValidToColumn,
        StatusColumn,
        ColumnCount
    };
    /// Keys read before the first rows are shown; the full index follows.
    static constexpr int kFirstRows = 200;
    /// A synced page is applied at most this many keys per event-loop turn (with a CacheStore).
    static constexpr int kChunkRows = 1000;

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

    /// Bytes of the index and the order lists: for the memory benchmark.
    std::size_t memoryBytes() const;
    /// The status the model holds for a key (by id); nullopt when unknown.
    std::optional<KeyStatus> statusOf(const QString &id) const;
    /// A scheduled key's weekly windows (by id); empty for other and unknown keys. Also WindowsRole.
    QList<AccessWindow> windowsOf(const QString &id) const;
    /// The interned window sets of all keys (most keys share a few).
    const WindowSets &windowSets() const { return m_table->windowSets(); }
    /// Parts of a large synced page are still waiting for their turn (changesApplied() when done).
    bool changesPending() const { return !m_keyChunks.empty() || m_chunkPosted; }

Q_SIGNALS:
    /// The last chunk of the synced pages received so far is applied.
    void changesApplied();

public:
protected:
    QStringList entities() const override;
    void startLoad() override;
    void applyChanges(const QString &entity, const QStringList &ids) override;
    int slotCount() const override { return m_table->size(); }
    bool slotAlive(int slot) const override { return m_table->at(slot).alive(); }
    bool acceptsSlot(int slot) const override;
    bool hasFilter() const override;
    int compareSlots(int column, int a, int b) const override;
    std::optional<SortJob> sortJob(int column) const override;
    /// Filters over a snapshot of the records on a worker thread (a text typed over a million keys).
    std::optional<FilterJob> filterJob() const override;
    QVariant slotData(int slot, int column, int role) const override;
    int slotOfId(const QString &id) const override { return m_table->slotOf(id); }
    void boundaryReached(int slot, qint64 nowMs) override;
    bool slotStaleAt(int slot, qint64 nowMs) const override;

private:
    /// The order of the schedule column: ranks of the summary texts (TextOrder), used one-time keys after
    /// "One time (used" by when they were used.
    struct ScheduleRanks
    {
        std::vector<QString> summaries; ///< per window set, as shown
        std::vector<quint32> sets; ///< per window set
        quint32 none = 0, oneTime = 0, used = 0, unreadable = 0;

        static ScheduleRanks of(const WindowSets &sets);
        quint64 keyOf(const KeyRecord &r) const;
    };
    struct Loaded
    {
        std::shared_ptr<KeyTable> table;
        ScheduleRanks ranks;
        SortedSlots order;
    };
    /// Loads the table (and sorts it by `column` there: the table is not shared yet) on the cache's thread.
    static Result<Loaded> load(CacheDatabase &db, qint64 nowMs, int limit, int column, Qt::SortOrder order);
    static quint64 numericKey(const ScheduleRanks &ranks, int column, const KeyRecord &r);
    static std::optional<SortJob> makeSortJob(const KeyTable &table, const ScheduleRanks &ranks, int column);

    void install(Loaded loaded);
    void enqueueKeyRows(const QStringList &ids, const QList<KeyRow> &rows);
    void applyNextChunk();
    void applyKeyRows(const QStringList &ids, const QList<KeyRow> &rows);
    void applyPartyRows(bool lockSide, const QList<PartyRow> &rows);
    void computePartyMatches();
    QString partyText(bool lockSide, int index) const;
    QString scheduleText(const KeyRecord &r) const;

    std::shared_ptr<KeyTable> m_table;
    ScheduleRanks m_ranks;
    struct KeyChunk
    {
        QStringList ids;
        QList<KeyRow> rows;
    };
    std::deque<KeyChunk> m_keyChunks;
    bool m_chunkPosted = false;
    FacilityZone m_zone;

    /// What the filters ask of a key: one value, so a filter job on another thread gets a copy of it.
    struct Filter
    {
        static constexpr int kAnyParty = -2;
        TextNeedle needle;
        std::vector<bool> lockMatches; ///< per lock: its name contains the needle
        std::vector<bool> userMatches;
        quint8 statusMask = 0; ///< bit per KeyStatus; 0 = all
        int lock = kAnyParty; ///< lock index, -1 for an unknown lock (matches nothing), kAnyParty: no lock filter
        int user = kAnyParty;
        qint64 from = std::numeric_limits<qint64>::min();
        qint64 to = std::numeric_limits<qint64>::max();

        bool isEmpty() const;
        /// Whether the live key at `slot` of `keys` (a KeyTable or a KeySnapshot) passes; `nameMatches(lockSide,
        /// index)` answers for parties beyond the match lists.
        template <typename Keys, typename NameMatches>
        bool accepts(const Keys &keys, int slot, const NameMatches &nameMatches) const
        {
            const KeyRecord &r = keys.at(slot);
            if (statusMask != 0 && !(statusMask & (1u << r.status)))
                return false;
            if (lock != kAnyParty && (lock < 0 || r.lock != lock))
                return false;
            if (user != kAnyParty && (user < 0 || r.user != user))
                return false;
            if (!(r.validFrom < to && from < r.validTo))
                return false;
            if (needle.isEmpty())
                return true;
            return party(lockMatches, r.lock, true, nameMatches) || party(userMatches, r.user, false, nameMatches)
                || needle.matches(keys.descriptionBytes(slot));
        }
        template <typename NameMatches>
        static bool party(const std::vector<bool> &matches, int index, bool lockSide, const NameMatches &nameMatches)
        {
            if (index < 0)
                return false;
            return std::size_t(index) < matches.size() ? bool(matches[std::size_t(index)])
                                                       : nameMatches(lockSide, index);
        }
    };
    void resolvePartyFilters();

    Filter m_filter;
    QString m_lockFilterId;
    QString m_userFilterId;
};

} // namespace Keydesk::Core
