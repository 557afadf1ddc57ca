#include "core/models/CacheTableModel.h"


#include <QThreadPool>

#include <algorithm>
#include <functional>

Q_LOGGING_CATEGORY(lcModels, "keydesk.models")

namespace Keydesk::Core {

QList<int> SortJob::run(Qt::SortOrder order)
{
    if (prepare)
        prepare(entries);
    auto less = [this](const SortEntry &a, const SortEntry &b) {
        if (a.key != b.key)
            return a.key < b.key;
        if (tie) {
            const int c = tie(a, b);
            if (c != 0)
                return c < 0;
        }
        return a.slot < b.slot;
    };
    std::sort(entries.begin(), entries.end(), less);
    QList<int> slots;
    slots.reserve(qsizetype(entries.size()));
    // Descending is the exact reverse (ties by slot too), as CacheTableModel::less() defines it.
    if (order == Qt::AscendingOrder) {
        for (const SortEntry &e : entries)
            slots.append(e.slot);
    } else {
        for (auto it = entries.crbegin(); it != entries.crend(); ++it)
            slots.append(it->slot);
    }
    entries = {};
    return slots;
}

CacheTableModel::CacheTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
    // A child, so findChildren<QTimer *>() shows there is exactly one (destroyed before ~QObject runs).
    m_boundaryTimer.setParent(this);
    m_boundaryTimer.setSingleShot(true);
    m_boundaryTimer.setTimerType(Qt::PreciseTimer);
    m_boundaryTimer.setObjectName(QStringLiteral("boundaryTimer"));
    connect(&m_boundaryTimer, &QTimer::timeout, this, &CacheTableModel::checkBoundaries);
    // Queued: the model never runs inside whoever moved the clock, whichever thread that is.
    connect(m_clock.notifier(), &ClockNotifier::jumped, this, &CacheTableModel::onClockJumped, Qt::QueuedConnection);
    connect(this, &CacheTableModel::loaded, this, [this] {
        if (m_sweep.afterLoad)
            startSweep();
    });
}

CacheTableModel::~CacheTableModel() = default;

void CacheTableModel::attach(CacheStore *store)
{
    m_database = nullptr;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    m_firstRowsAnnounced = false;
    m_backgroundSort = true;
    m_backgroundFilter = true;
    connect(store, &CacheStore::rowsChanged, this, &CacheTableModel::onRowsChanged);
    startLoad();
}

Result<void> CacheTableModel::attach(CacheDatabase *database)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = nullptr;
    m_database = database;
    m_firstRowsAnnounced = false;
    QString failure;
    const QMetaObject::Connection c
        = connect(this, &CacheTableModel::loadFailed, this, [&failure](const QString &message) { failure = message; });
    startLoad();
    disconnect(c);
    if (!failure.isEmpty())
        return Error::make(QStringLiteral("model_load"), failure);
    return {};
}

int CacheTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows().size());
}

QVariant CacheTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return slotData(rows().at(index.row()), index.column(), role);
}

Qt::ItemFlags CacheTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

int CacheTableModel::rowOfId(const QString &id) const
{
    const int slot = slotOfId(id);
    if (slot < 0 || !slotAlive(slot))
        return -1;
    return int(find(rows(), slot));
}

bool CacheTableModel::less(int a, int b) const
{
    if (m_appliedColumn < 0)
        return a < b;
    int c = compareSlots(m_appliedColumn, a, b);
    if (c == 0)
        c = a < b ? -1 : (a > b ? 1 : 0);
    return m_appliedOrder == Qt::AscendingOrder ? c < 0 : c > 0;
}

qsizetype CacheTableModel::lowerBound(const QList<int> &list, int slot) const
{
    return std::lower_bound(list.cbegin(), list.cend(), slot, [this](int x, int s) { return less(x, s); })
        - list.cbegin();
}

qsizetype CacheTableModel::find(const QList<int> &list, int slot) const
{
    const qsizetype pos = lowerBound(list, slot);
    return pos < list.size() && list.at(pos) == slot ? pos : -1;
}

QList<int> CacheTableModel::liveSlots() const
{
    QList<int> live;
    const int n = slotCount();
    live.reserve(n);
    for (int slot = 0; slot < n; ++slot) {
        if (slotAlive(slot))
            live.append(slot);
    }
    return live;
}

QList<int> CacheTableModel::sortedNow(int column, Qt::SortOrder order)
{
    if (column < 0)
        return liveSlots();
    if (std::optional<SortJob> job = sortJob(column))
        return job->run(order);
    QList<int> list = liveSlots();
    std::sort(list.begin(), list.end(), [this, column, order](int a, int b) {
        int c = compareSlots(column, a, b);
        if (c == 0)
            c = a < b ? -1 : (a > b ? 1 : 0);
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    });
    return list;
}

void CacheTableModel::rebuildRows()
{
    m_rows.clear();
    m_unfiltered = !hasFilter();
    if (m_unfiltered) {
        m_rows.squeeze();
        return;
    }
    // The verdicts in storage order (one sequential pass over the rows' storage), then the sorted list picks
    // them up: far fewer cache misses than asking in display order.
    const int n = slotCount();
    std::vector<bool> accepted(std::size_t(n), false);
    qsizetype count = 0;
    for (int slot = 0; slot < n; ++slot) {
        if (slotAlive(slot) && acceptsSlot(slot)) {
            accepted[std::size_t(slot)] = true;
            ++count;
        }
    }
    m_rows.reserve(count);
    for (int slot : std::as_const(m_sorted)) {
        if (accepted[std::size_t(slot)])
            m_rows.append(slot);
    }
}

void CacheTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= columnCount())
        return;
    if (column < 0)
        order = Qt::AscendingOrder;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    startSort();
}

void CacheTableModel::resort()
{
    installOrder(m_appliedColumn, m_appliedOrder, sortedNow(m_appliedColumn, m_appliedOrder));
}

std::optional<SortJob> CacheTableModel::sortJob(int) const
{
    return std::nullopt;
}

std::optional<FilterJob> CacheTableModel::filterJob() const
{
    return std::nullopt;
}

void CacheTableModel::installOrder(int column, Qt::SortOrder order, QList<int> inOrder, std::vector<int> missing)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QList<int> persistentSlots;
    persistentSlots.reserve(persistent.size());
    for (const QModelIndex &index : persistent)
        persistentSlots.append(rows().at(index.row()));
    std::vector<bool> shown;
    if (!m_unfiltered) {
        shown.assign(std::size_t(slotCount()), false);
        for (int slot : std::as_const(m_rows))
            shown[std::size_t(slot)] = true;
    }

    m_appliedColumn = column;
    m_appliedOrder = order;
    m_sorted = std::move(inOrder);
    std::erase_if(missing, [this](int slot) { return !slotAlive(slot); });
    mergeIn(m_sorted, std::move(missing));
    if (!m_unfiltered) {
        m_rows.clear();
        m_rows.reserve(qsizetype(std::count(shown.cbegin(), shown.cend(), true)));
        for (int slot : std::as_const(m_sorted)) {
            if (shown[std::size_t(slot)])
                m_rows.append(slot);
        }
    }
    movePersistent(persistent, persistentSlots);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (!sortPending())
        Q_EMIT sorted();
}

void CacheTableModel::movePersistent(const QModelIndexList &from, const QList<int> &slots)
{
    if (from.isEmpty())
        return;
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i) {
        const int slot = slots.at(i);
        const qsizetype row = slot < slotCount() && slotAlive(slot) ? find(rows(), slot) : -1;
        to.append(row < 0 ? QModelIndex() : index(int(row), from.at(i).column()));
    }
    changePersistentIndexList(from, to);
}

void CacheTableModel::mergeIn(QList<int> &list, std::vector<int> adds) const
{
    if (adds.empty())
        return;
    std::sort(adds.begin(), adds.end(), [this](int a, int b) { return less(a, b); });
    adds.erase(std::unique(adds.begin(), adds.end()), adds.end());
    // Each insertion point by binary search (k log n comparisons), then one pass of block copies: a merge
    // would compare every row.
    QList<int> merged(list.size() + qsizetype(adds.size()));
    auto out = merged.begin();
    auto from = list.cbegin();
    for (int slot : adds) {
        const auto at = std::lower_bound(from, list.cend(), slot, [this](int x, int s) { return less(x, s); });
        out = std::copy(from, at, out);
        *out++ = slot;
        from = at;
    }
    std::copy(from, list.cend(), out);
    list = std::move(merged);
}

void CacheTableModel::replaceSlots(std::vector<int> slots)
{
    if (slots.empty())
        return;
    std::vector<bool> mark(std::size_t(slotCount()), false);
    for (int slot : slots)
        mark[std::size_t(slot)] = true;
    auto marked = [&mark](int slot) { return mark[std::size_t(slot)]; };
    m_sorted.removeIf(marked);
    std::erase_if(slots, [this](int slot) { return !slotAlive(slot); });
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    if (!m_unfiltered) {
        m_rows.removeIf(marked);
        std::vector<int> accepted;
        for (int slot : slots) {
            if (acceptsSlot(slot))
                accepted.push_back(slot);
        }
        mergeIn(m_rows, std::move(accepted));
    }
    mergeIn(m_sorted, std::move(slots));
}

void CacheTableModel::noteDirty(int slot)
{
    if (m_sortInFlight)
        m_dirty.push_back(slot);
    if (m_filter.inFlight)
        m_filter.dirty.push_back(slot);
}

void CacheTableModel::beginSlotBatch()
{
    Q_ASSERT(!m_batch.active);
    Q_EMIT layoutAboutToBeChanged();
    m_batch.persistent = persistentIndexList();
    m_batch.persistentSlots.clear();
    for (const QModelIndex &index : std::as_const(m_batch.persistent))
        m_batch.persistentSlots.append(rows().at(index.row()));
    m_batch.slots.clear();
    m_batch.active = true;
}

void CacheTableModel::endSlotBatch()
{
    Q_ASSERT(m_batch.active);
    m_batch.active = false;
    replaceSlots(std::exchange(m_batch.slots, {}));
    movePersistent(std::exchange(m_batch.persistent, {}), std::exchange(m_batch.persistentSlots, {}));
    Q_EMIT layoutChanged();
}

void CacheTableModel::beginReload()
{
    beginResetModel();
    ++m_generation;
    m_loaded = false;
    m_sorted.clear();
    m_rows.clear();
    m_unfiltered = true;
    m_boundaries.clear();
    m_boundaryTimer.stop();
    if (m_sweep.active) {
        // The rows it was re-deriving go; the new ones may have been read before the jump.
        m_sweep.active = false;
        m_sweep.afterLoad = true;
    }
    ++m_sortSerial;
    m_sortInFlight = false;
    m_dirty.clear();
    cancelFilter();
}

void CacheTableModel::endReload(SortedSlots presorted)
{
    if (presorted.valid && presorted.column == m_sortColumn && presorted.order == m_sortOrder) {
        m_appliedColumn = presorted.column;
        m_appliedOrder = presorted.order;
        m_sorted = std::move(presorted.slots);
    } else if (m_sortColumn < 0 || !m_backgroundSort || slotCount() < m_backgroundFromRows) {
        m_sorted = sortedNow(m_sortColumn, m_sortOrder);
        m_appliedColumn = m_sortColumn;
        m_appliedOrder = m_sortOrder;
    } else {
        // Storage order now; the asked-for order follows from a background sort.
        m_appliedColumn = -1;
        m_appliedOrder = Qt::AscendingOrder;
        m_sorted = liveSlots();
    }
    // A large filtered model shows no rows until its filter job lands, rather than rows the filter may not pass.
    std::optional<FilterJob> job = hasFilter() ? backgroundFilterJob(m_sorted.size()) : std::nullopt;
    if (job) {
        m_unfiltered = false;
        m_rows.clear();
    } else {
        rebuildRows();
    }
    endResetModel();
    if (job)
        startFilter(std::move(*job), false);
    if (sortPending())
        startSort();
}

void CacheTableModel::slotsAppended(int first, int last)
{
    if (last < first)
        return;
    QList<int> added;
    added.reserve(last - first + 1);
    for (int slot = first; slot <= last; ++slot) {
        if (slotAlive(slot)) {
            added.append(slot);
            noteDirty(slot);
        }
    }
    if (added.isEmpty())
        return;
    if (m_appliedColumn < 0) {
        // Natural order: new slots come after every existing one, so this is one insert at the end.
        if (m_unfiltered) {
            beginInsertRows({}, int(m_sorted.size()), int(m_sorted.size() + added.size() - 1));
            m_sorted.append(added);
            endInsertRows();
            return;
        }
        m_sorted.append(added);
        QList<int> shown;
        for (int slot : std::as_const(added)) {
            if (acceptsSlot(slot))
                shown.append(slot);
        }
        if (shown.isEmpty())
            return;
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + shown.size() - 1));
        m_rows.append(shown);
        endInsertRows();
        return;
    }
    if (added.size() < 64) {
        for (int slot : std::as_const(added))
            slotAdded(slot);
        return;
    }
    // A large sorted batch: merge, then one reset (cheaper for the views than thousands of inserts).
    beginResetModel();
    const qsizetype middle = m_sorted.size();
    std::sort(added.begin(), added.end(), [this](int a, int b) { return less(a, b); });
    m_sorted.append(added);
    std::inplace_merge(m_sorted.begin(), m_sorted.begin() + middle, m_sorted.end(),
                       [this](int a, int b) { return less(a, b); });
    rebuildRows();
    endResetModel();
}

void CacheTableModel::announceFirstRows()
{
    if (m_firstRowsAnnounced)
        return;
    m_firstRowsAnnounced = true;
    Q_EMIT firstRowsAvailable();
}

void CacheTableModel::finishLoad(const QString &error)
{
    m_loaded = true;
    if (!error.isEmpty()) {
        qCWarning(lcModels) << metaObject()->className() << "load failed:" << error;
        m_queuedChanges.clear();
        Q_EMIT loadFailed(error);
        return;
    }
    announceFirstRows();
    Q_EMIT loaded();
    drainQueuedChanges();
}

void CacheTableModel::drainQueuedChanges()
{
    if (!m_loaded || m_queuedChanges.isEmpty())
        return;
    const QHash<QString, QSet<QString>> queued = std::exchange(m_queuedChanges, {});
    // The row entity first: rows must exist before changes of what they refer to are looked up.
    const QStringList order = entities();
    for (const QString &entity : order) {
        auto it = queued.constFind(entity);
        if (it != queued.constEnd())
            applyChanges(entity, QStringList(it->cbegin(), it->cend()));
    }
}

void CacheTableModel::onRowsChanged(const QString &entity, const QStringList &ids)
{
    if (!entities().contains(entity))
        return;
    if (ids.isEmpty()) {
        // The whole table changed (the end of a full sync): one full load for the burst of entities, which reads
        // everything announced so far.
        if (m_reloadQueued)
            return;
        m_reloadQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_reloadQueued = false;
            m_queuedChanges.clear();
            startLoad();
        });
        return;
    }
    if (!m_loaded) {
        QSet<QString> &queued = m_queuedChanges[entity];
        for (const QString &id : ids)
            queued.insert(id);
        return;
    }
    applyChanges(entity, ids);
}

void CacheTableModel::beginSlotChange(int slot)
{
    Q_ASSERT(m_changing.slot < 0);
    noteDirty(slot);
    if (m_batch.active) {
        m_batch.slots.push_back(slot);
        return;
    }
    m_changing.slot = slot;
    m_changing.sortedPos = slotAlive(slot) ? find(m_sorted, slot) : -1;
    if (m_changing.sortedPos < 0)
        m_changing.row = -1;
    else
        m_changing.row = m_unfiltered ? m_changing.sortedPos : find(m_rows, slot);
}

void CacheTableModel::endSlotChange()
{
    if (m_batch.active)
        return;
    const Changing c = std::exchange(m_changing, Changing {});
    const int slot = c.slot;
    if (c.sortedPos < 0) {
        slotAdded(slot);
        return;
    }
    const bool alive = slotAlive(slot);
    const bool accepts = alive && (m_unfiltered || acceptsSlot(slot));
    const qsizetype pos = c.sortedPos;
    const bool samePlace = alive && (pos == 0 || less(m_sorted.at(pos - 1), slot))
        && (pos + 1 >= m_sorted.size() || less(slot, m_sorted.at(pos + 1)));
    const int lastColumn = columnCount() - 1;
    if (samePlace) {
        if (c.row >= 0 && accepts) {
            Q_EMIT dataChanged(index(int(c.row), 0), index(int(c.row), lastColumn));
        } else if (c.row >= 0) {
            beginRemoveRows({}, int(c.row), int(c.row));
            m_rows.remove(c.row);
            endRemoveRows();
        } else if (accepts) {
            const qsizetype r = lowerBound(m_rows, slot);
            beginInsertRows({}, int(r), int(r));
            m_rows.insert(r, slot);
            endInsertRows();
        }
        return;
    }
    if (m_unfiltered) {
        beginRemoveRows({}, int(pos), int(pos));
        m_sorted.remove(pos);
        endRemoveRows();
        if (alive) {
            const qsizetype p = lowerBound(m_sorted, slot);
            beginInsertRows({}, int(p), int(p));
            m_sorted.insert(p, slot);
            endInsertRows();
        }
        return;
    }
    m_sorted.remove(pos);
    if (c.row >= 0) {
        beginRemoveRows({}, int(c.row), int(c.row));
        m_rows.remove(c.row);
        endRemoveRows();
    }
    if (alive) {
        m_sorted.insert(lowerBound(m_sorted, slot), slot);
        if (accepts) {
            const qsizetype r = lowerBound(m_rows, slot);
            beginInsertRows({}, int(r), int(r));
            m_rows.insert(r, slot);
            endInsertRows();
        }
    }
}

void CacheTableModel::slotAdded(int slot)
{
    if (!slotAlive(slot))
        return;
    noteDirty(slot);
    if (m_batch.active) {
        m_batch.slots.push_back(slot);
        return;
    }
    const qsizetype p = lowerBound(m_sorted, slot);
    if (m_unfiltered) {
        beginInsertRows({}, int(p), int(p));
        m_sorted.insert(p, slot);
        endInsertRows();
        return;
    }
    m_sorted.insert(p, slot);
    if (acceptsSlot(slot)) {
        const qsizetype r = lowerBound(m_rows, slot);
        beginInsertRows({}, int(r), int(r));
        m_rows.insert(r, slot);
        endInsertRows();
    }
}

void CacheTableModel::allRowsChanged(int firstColumn, int lastColumn)
{
    const int n = rowCount();
    if (n > 0)
        Q_EMIT dataChanged(index(0, firstColumn), index(n - 1, lastColumn));
}

void CacheTableModel::narrowFilter()
{
    // The rows shown must be the old filter's: not while another filter job is still on its way.
    if (m_unfiltered || !hasFilter() || m_filter.inFlight) {
        refilter();
        return;
    }
    if (std::optional<FilterJob> job = backgroundFilterJob(m_rows.size())) {
        startFilter(std::move(*job), true);
        return;
    }
    beginResetModel();
    m_rows.removeIf([this](int slot) { return !acceptsSlot(slot); });
    endResetModel();
    Q_EMIT filtered();
}

void CacheTableModel::refilter()
{
    cancelFilter();
    if (std::optional<FilterJob> job = hasFilter() ? backgroundFilterJob(m_sorted.size()) : std::nullopt) {
        startFilter(std::move(*job), false);
        return;
    }
    beginResetModel();
    rebuildRows();
    endResetModel();
    Q_EMIT filtered();
}

} // namespace Keydesk::Core
