#pragma once

#include "core/cache/CacheStore.h"
#include "core/domain/Clock.h"
#include "core/models/ModelRoles.h"
#include "core/models/SortJob.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcModels)

namespace Keydesk::Core {

/// Shared base of Keydesk's table models over the cache. Rows live in the subclass's storage, addressed by a
/// stable "slot" number; this class keeps the display order (all live slots sorted by the current column, and
/// the subset the filter accepts), turns per-row changes into precise row signals, and keeps ONE timer armed
/// for the earliest instant at which some row's time-derived state (a key's status, an offline key's expiry)
/// flips. It follows the clock's jumps (Clock::notifier()): forward, the boundaries passed meanwhile flip at once;
/// back, every row's state is derived again (kSweepSlots rows per event-loop turn).
///
/// Data comes either from a CacheStore (reads on its worker thread, results applied here) or, for tests and
/// benchmarks, from a CacheDatabase owned by this thread (reads run synchronously). Both paths run the same
/// code.
class CacheTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheTableModel)

public:
    ~CacheTableModel() override;

    /// Loads everything from the store, then follows its rowsChanged signal. The store must outlive the model.
    void attach(CacheStore *store);
    /// Loads synchronously from a database that lives on this thread; feed changes in with onRowsChanged().
    Result<void> attach(CacheDatabase *database);
    /// True once the first full load has been applied.
    bool isLoaded() const { return m_loaded; }
    /// Sorts of fewer rows run inline even with background sorting (a few ms).
    static constexpr int kInlineSortRows = 20000;
    /// After the clock jumped back, rows are re-derived this many per event-loop turn.
    static constexpr int kSweepSlots = 50000;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    /// The order asked for last (the view's sort indicator). A large model applies it when its background sort
    /// is done (sortPending() until then; sorted() when applied).
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    /// A sort was asked for and the rows still show the previous order.
    bool sortPending() const { return m_appliedColumn != m_sortColumn || m_appliedOrder != m_sortOrder; }
    /// Sorts of more than a few thousand rows run on a worker thread and the result is swapped in with
    /// layoutChanged (the GUI thread only prepares and swaps). On by default when attached to a CacheStore; off
    /// for a CacheDatabase on this thread (tests, benchmarks), where sort() returns sorted.
    /// `fromRows`: smaller models sort inline anyway (a few ms).
    void setBackgroundSort(bool on, int fromRows = kInlineSortRows)
    {
        m_backgroundSort = on;
        m_backgroundFromRows = fromRows;
    }
    bool backgroundSort() const { return m_backgroundSort; }
    /// Filters run on a worker thread when they ask more than `fromRows` rows and the model can make a
    /// FilterJob (filterJob()); the result lands with one model reset (filterPending() until then, filtered()
    /// when applied). On by default when attached to a CacheStore; off for a CacheDatabase on this thread.
    static constexpr int kInlineFilterRows = 50000;
    void setBackgroundFilter(bool on, int fromRows = kInlineFilterRows)
    {
        m_backgroundFilter = on;
        m_backgroundFilterFromRows = fromRows;
    }
    /// A filter was set and the rows still show the previous one.
    bool filterPending() const { return m_filter.inFlight; }
    /// The view row of the entity id, or -1 when it is unknown or filtered out.
    int rowOfId(const QString &id) const;
    /// Rows the model holds before filtering (live rows of the cache).
    int totalCount() const { return int(m_sorted.size()); }

    const Clock &clock() const { return m_clock; }
    /// The one timer armed for the next boundary instant; inactive when no row will change by itself.
    const QTimer &boundaryTimer() const { return m_boundaryTimer; }
    /// The earliest pending boundary (ms UTC), or -1.
    qint64 nextBoundaryMs() const;
    /// Bytes held by the order lists and the boundary heap (the benchmark adds the subclass's storage).
    std::size_t orderBytes() const;
    /// The clock jumped back and not every row has been derived again yet.
    bool sweepPending() const { return m_sweep.active || m_sweep.afterLoad; }

public Q_SLOTS:
    /// Re-evaluates the rows whose boundary has passed (by the injected clock) and re-arms the timer. The
    /// timer calls it, and so does a forward jump of the clock.
    void checkBoundaries();
    /// The cache's rowsChanged: re-reads those rows and updates them in place; no ids (a whole table changed):
    /// loads everything again.
    void onRowsChanged(const QString &entity, const QStringList &ids);

Q_SIGNALS:
    /// The first rows are available (the first chunk of a large table).
    void firstRowsAvailable();
    /// The full load is applied; filtering and sorting now see every row.
    void loaded();
    void loadFailed(const QString &message);
    /// The order asked for by sort() is applied (at once, or when its background sort is done).
    void sorted();
    /// The rows show the filter set last (at once, or when its background run is done).
    void filtered();

protected:
    CacheTableModel(const Clock &clock, QObject *parent);

    // ---- to implement ------------------------------------------------------------------------------------
    /// Entities whose changes affect this model; the first is the one the rows come from.
    virtual QStringList entities() const = 0;
    /// Starts (or restarts) a full load; calls finishLoad() at the end. Uses runOnCache().
    virtual void startLoad() = 0;
    /// Applies changes of `entity` rows (ids as announced); uses runOnCache() and the slot-change protocol.
    virtual void applyChanges(const QString &entity, const QStringList &ids) = 0;
    virtual int slotCount() const = 0;
    virtual bool slotAlive(int slot) const = 0;
    /// Whether the current filter shows the slot (only asked for live slots).
    virtual bool acceptsSlot(int slot) const = 0;
    /// Whether any filter is set (when not, every live slot is shown without a second list).
    virtual bool hasFilter() const = 0;
    /// Three-way comparison of two slots by the column's sort key (0 when equal; ties are broken by slot).
    virtual int compareSlots(int column, int a, int b) const = 0;
    /// The column's sort as a job that may run on another thread, for large models; nullopt (the default):
    /// sorts here with compareSlots().
    virtual std::optional<SortJob> sortJob(int column) const;
    /// The current filter as a job that may run on another thread, for large models; nullopt (the default):
    /// filters here with acceptsSlot().
    virtual std::optional<FilterJob> filterJob() const;
    virtual QVariant slotData(int slot, int column, int role) const = 0;
    virtual int slotOfId(const QString &id) const = 0;
    /// A slot's boundary passed, or the clock jumped back (then every live slot in turn, with the boundaries
    /// cleared): re-evaluate it (with beginSlotChange/endSlotChange if something shows differently) and
    /// scheduleBoundary() its next one, whether or not it changed.
    virtual void boundaryReached(int slot, qint64 nowMs);
    /// Whether boundaryReached(slot, nowMs) would change what the slot shows (cheap, no side effects). Asked
    /// after a backward jump: many changes go through one slot batch, and a jump that changes nothing emits
    /// nothing. False by default: models with time-derived state override it along with boundaryReached().
    virtual bool slotStaleAt(int slot, qint64 nowMs) const;

    // ---- for subclasses ----------------------------------------------------------------------------------
    /// Runs `read(CacheDatabase &)` (returns a Result<...>) on the cache's thread and `then(result)` here.
    /// Results of a previous generation (before a reload) are dropped.
    template <typename Read, typename Then> void runOnCache(Read read, Then then)
    {
        if (m_database) {
            then(read(*m_database));
            return;
        }
        if (!m_store)
            return;
        using R = std::invoke_result_t<Read, CacheDatabase &>;
        const quint64 generation = m_generation;
        ++m_inFlight;
        // A watcher owned by the model, not QFuture::then(this, ...): Qt 6.4 asserts in then() when its context
        // object is destroyed before the future finishes (a view closed while its model loads).
        auto *watcher = new QFutureWatcher<R>(this);
        connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher, then = std::move(then), generation]() mutable {
                    watcher->deleteLater();
                    --m_inFlight;
                    if (generation == m_generation && watcher->future().resultCount() > 0)
                        then(watcher->future().takeResult());
                    drainQueuedChanges();
                });
        watcher->setFuture(m_store->run(std::move(read)));
    }

    /// Full reload: throws away the order and the boundaries (model reset); the subclass refills its storage
    /// between beginReload() and endReload().
    void beginReload();
    /// `presorted`: the live slots already sorted on the loading thread, used when its order is still the one
    /// asked for (else the rows come in storage order and the sort follows).
    void endReload(SortedSlots presorted = {});
    /// Slots [first, last] were added at the end of the storage while loading (natural order: one insert).
    void slotsAppended(int first, int last);
    /// Marks the first rows as available (emits firstRowsAvailable once per load).
    void announceFirstRows();
    /// The full load is done (or failed: message not empty).
    void finishLoad(const QString &error = {});

    /// Around every change of one existing slot's data (including its death): the base finds the row with the
    /// old sort key before, and emits dataChanged, a move (remove + insert) or an insert/remove after.
    void beginSlotChange(int slot);
    void endSlotChange();
    /// A new live slot (appended to the storage).
    void slotAdded(int slot);
    /// Around many slot changes at once (a large page from sync, thousands of keys expiring at midnight): the
    /// slot-change calls in between only note their slot, and the end places them all with one merge and
    /// ONE layoutChanged (persistent indexes follow their rows), instead of a row move per slot.
    void beginSlotBatch();
    void endSlotBatch();
    bool inSlotBatch() const { return m_batch.active; }
    /// Data of these columns changed without affecting sort keys or the filter (e.g. a lock's name changed
    /// for the keys model, emitted for every row): one dataChanged over the visible range.
    void allRowsChanged(int firstColumn, int lastColumn);
    /// Re-applies the filter after the subclass changed its parameters (model reset; sync never does this).
    void refilter();
    /// Like refilter(), when the new filter only drops rows (typing on in a search field): asks only the rows
    /// shown now.
    void narrowFilter();

    /// The slot's state changes by itself at `atMs` (UTC): the single timer wakes then.
    void scheduleBoundary(int slot, qint64 atMs);
    /// Many at once (after a full load): (atMs, slot) pairs; one heapify, none when they arrive as a heap
    /// (heapifyBoundaries() on the loading thread) and the model has no boundaries yet: then this only moves them in.
    void scheduleBoundaries(std::vector<std::pair<qint64, int>> boundaries);
    /// Orders boundaries as scheduleBoundaries() keeps them; any thread (a loader runs it off the GUI thread).
    static void heapifyBoundaries(std::vector<std::pair<qint64, int>> &boundaries);
    /// Sorts again by the current column (a sort key of many rows changed, e.g. a lock was renamed).
    void resort();
    qint64 nowMs() const { return m_clock.now().toMSecsSinceEpoch(); }

    int slotAtRow(int row) const { return rows().at(row); }
    bool loading() const { return !m_loaded; }
    /// The column the rows are ordered by now (sortColumn() once the pending sort is applied).
    int appliedSortColumn() const { return m_appliedColumn; }
    /// Changed slots at or above this count go through one slot batch.
    static constexpr int kBatchSlots = 64;

private:
    using Boundary = std::pair<qint64, int>; ///< (instant ms, slot); a min-heap with std::greater<>
    struct Changing
    {
        int slot = -1;
        qsizetype sortedPos = -1;
        qsizetype row = -1; ///< -1: not visible
    };

    const QList<int> &rows() const { return m_unfiltered ? m_sorted : m_rows; }
    bool less(int a, int b) const;
    qsizetype lowerBound(const QList<int> &list, int slot) const;
    /// Position of a slot that is in the list (its sort key unchanged since it was placed), or -1.
    qsizetype find(const QList<int> &list, int slot) const;
    QList<int> liveSlots() const; ///< storage order
    /// Every live slot in the order of (column, order), computed here (the job inline, or compareSlots()).
    QList<int> sortedNow(int column, Qt::SortOrder order);
    void startSort();
    /// Runs `work()` (returns R) on the thread pool and `done(result)` here, unless a reload came between.
    template <typename R, typename Work, typename Done> void runOnPool(Work work, Done done);
    /// Starts `job` (narrowing: over the rows shown now); the rows stay as they are until it lands.
    void startFilter(FilterJob job, bool narrowing);
    void finishFilter(quint64 serial, std::vector<bool> accepted);
    /// A filter job of this size is worth starting (and the model can make one).
    std::optional<FilterJob> backgroundFilterJob(qsizetype rows) const;
    void cancelFilter();
    void finishSort(quint64 serial, int column, Qt::SortOrder order, QList<int> inOrder);
    /// Swaps in `inOrder` (live slots in the new order) as the order of (column, order), with `missing` (slots
    /// changed since `inOrder` was made) placed by their current data: layoutChanged, persistent indexes moved,
    /// the filtered list kept.
    void installOrder(int column, Qt::SortOrder order, QList<int> inOrder, std::vector<int> missing = {});
    void movePersistent(const QModelIndexList &from, const QList<int> &slots);
    /// Inserts `adds` (not in `list`) into the sorted `list`.
    void mergeIn(QList<int> &list, std::vector<int> adds) const;
    /// Re-places these slots in both lists (removes them, inserts the live and accepted ones).
    void replaceSlots(std::vector<int> slots);
    void noteDirty(int slot);
    void rebuildRows();
    void armTimer();
    /// The clock's jumped(): forward, checkBoundaries(); back, a sweep.
    void onClockJumped(qint64 byMs);
    /// Derives every live slot's state again (boundaryReached) from a cleared boundary heap, kSweepSlots per
    /// event-loop turn; a sweep asked for while loading runs once loaded.
    void startSweep();
    void sweepNext();
    void drainQueuedChanges();

    const Clock &m_clock;
    QPointer<CacheStore> m_store;
    CacheDatabase *m_database = nullptr;
    quint64 m_generation = 0;
    int m_inFlight = 0;
    bool m_loaded = false;
    bool m_firstRowsAnnounced = false;
    QHash<QString, QSet<QString>> m_queuedChanges; ///< changes announced while loading
    bool m_reloadQueued = false; ///< a whole-table change is about to reload

    QList<int> m_sorted; ///< live slots in display order
    QList<int> m_rows; ///< the filtered subset (unused while m_unfiltered)
    bool m_unfiltered = true;
    int m_sortColumn = -1; ///< asked for; -1: natural (storage) order
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_appliedColumn = -1; ///< what m_sorted is ordered by (less() uses it)
    Qt::SortOrder m_appliedOrder = Qt::AscendingOrder;
    bool m_backgroundSort = false;
    int m_backgroundFromRows = kInlineSortRows;
    quint64 m_sortSerial = 0; ///< the sort in flight (results of older ones are dropped)
    bool m_sortInFlight = false;
    std::vector<int> m_dirty; ///< slots changed while a background sort runs: re-placed when it lands
    bool m_backgroundFilter = false;
    int m_backgroundFilterFromRows = kInlineFilterRows;
    struct FilterRun
    {
        bool inFlight = false;
        quint64 serial = 0; ///< the filter job in flight (results of older ones are dropped)
        std::shared_ptr<std::atomic_bool> cancelled;
        std::vector<int> dirty; ///< slots changed while it runs: asked again when it lands
    } m_filter;
    Changing m_changing;
    struct Batch
    {
        bool active = false;
        std::vector<int> slots;
        QModelIndexList persistent;
        QList<int> persistentSlots;
    } m_batch;

    std::vector<Boundary> m_boundaries; ///< min-heap by atMs (stale entries tolerated, see checkBoundaries)
    QTimer m_boundaryTimer;
    struct Sweep
    {
        bool active = false;
        quint64 serial = 0; ///< the sweep a queued sweepNext() belongs to
        bool afterLoad = false; ///< asked for while loading
        int next = 0; ///< the first slot not re-derived yet
    } m_sweep;
};

} // namespace Keydesk::Core
