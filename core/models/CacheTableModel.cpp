#include "core/models/CacheTableModel.h"

#include <algorithm>
#include <functional>

Q_LOGGING_CATEGORY(lcModels, "keydesk.models")

namespace Keydesk::Core {

namespace {
// A timer never sleeps longer than this: a far boundary is re-checked hourly, which also absorbs wall-clock
// jumps (suspend/resume) without per-second polling.
constexpr qint64 kMaxTimerMs = 3600 * 1000;
} // namespace

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
}

CacheTableModel::~CacheTableModel() = default;

void CacheTableModel::attach(CacheStore *store)
{
    m_database = nullptr;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    m_firstRowsAnnounced = false;
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
    if (m_sortColumn < 0)
        return a < b;
    int c = compareSlots(m_sortColumn, a, b);
    if (c == 0)
        c = a < b ? -1 : (a > b ? 1 : 0);
    return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
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

void CacheTableModel::rebuildOrder()
{
    m_sorted.clear();
    const int n = slotCount();
    m_sorted.reserve(n);
    for (int slot = 0; slot < n; ++slot) {
        if (slotAlive(slot))
            m_sorted.append(slot);
    }
    if (m_sortColumn >= 0)
        std::sort(m_sorted.begin(), m_sorted.end(), [this](int a, int b) { return less(a, b); });
    rebuildRows();
}

void CacheTableModel::rebuildRows()
{
    m_rows.clear();
    m_unfiltered = !hasFilter();
    if (m_unfiltered) {
        m_rows.squeeze();
        return;
    }
    for (int slot : std::as_const(m_sorted)) {
        if (acceptsSlot(slot))
            m_rows.append(slot);
    }
    m_rows.squeeze();
}

void CacheTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= columnCount())
        return;
    if (column < 0)
        order = Qt::AscendingOrder;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    applySort(column, order);
}

void CacheTableModel::resort()
{
    applySort(m_sortColumn, m_sortOrder);
}

void CacheTableModel::applySort(int column, Qt::SortOrder order)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QHash<int, int> rowOfSlot; // persistent slots only
    QList<int> persistentSlots;
    persistentSlots.reserve(persistent.size());
    for (const QModelIndex &index : persistent) {
        const int slot = rows().at(index.row());
        persistentSlots.append(slot);
        rowOfSlot.insert(slot, -1);
    }
    m_sortColumn = column;
    m_sortOrder = order;
    if (m_sortColumn >= 0)
        std::sort(m_sorted.begin(), m_sorted.end(), [this](int a, int b) { return less(a, b); });
    else
        std::sort(m_sorted.begin(), m_sorted.end());
    if (!m_unfiltered)
        rebuildRows();
    if (!rowOfSlot.isEmpty()) {
        const QList<int> &list = rows();
        for (qsizetype row = 0; row < list.size(); ++row) {
            auto it = rowOfSlot.find(list.at(row));
            if (it != rowOfSlot.end())
                it.value() = int(row);
        }
        QModelIndexList to;
        to.reserve(persistent.size());
        for (qsizetype i = 0; i < persistent.size(); ++i)
            to.append(index(rowOfSlot.value(persistentSlots.at(i)), persistent.at(i).column()));
        changePersistentIndexList(persistent, to);
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
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
}

void CacheTableModel::endReload()
{
    rebuildOrder();
    endResetModel();
}

void CacheTableModel::slotsAppended(int first, int last)
{
    if (last < first)
        return;
    QList<int> added;
    added.reserve(last - first + 1);
    for (int slot = first; slot <= last; ++slot) {
        if (slotAlive(slot))
            added.append(slot);
    }
    if (added.isEmpty())
        return;
    if (m_sortColumn < 0) {
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
    if (!entities().contains(entity) || ids.isEmpty())
        return;
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
    m_changing.slot = slot;
    m_changing.sortedPos = slotAlive(slot) ? find(m_sorted, slot) : -1;
    if (m_changing.sortedPos < 0)
        m_changing.row = -1;
    else
        m_changing.row = m_unfiltered ? m_changing.sortedPos : find(m_rows, slot);
}

void CacheTableModel::endSlotChange()
{
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

void CacheTableModel::refilter()
{
    beginResetModel();
    rebuildRows();
    endResetModel();
}

// ---- boundaries ----------------------------------------------------------------------------------------

void CacheTableModel::scheduleBoundary(int slot, qint64 atMs)
{
    const bool earlier = m_boundaries.empty() || atMs < m_boundaries.front().atMs;
    m_boundaries.push_back({ atMs, slot });
    std::push_heap(m_boundaries.begin(), m_boundaries.end(), std::greater<>());
    if (earlier)
        armTimer();
}

void CacheTableModel::scheduleBoundaries(std::vector<std::pair<qint64, int>> boundaries)
{
    m_boundaries.reserve(m_boundaries.size() + boundaries.size());
    for (const auto &[at, slot] : boundaries)
        m_boundaries.push_back({ at, slot });
    std::make_heap(m_boundaries.begin(), m_boundaries.end(), std::greater<>());
    armTimer();
}

std::size_t CacheTableModel::orderBytes() const
{
    return std::size_t(m_sorted.capacity() + m_rows.capacity()) * sizeof(int)
        + m_boundaries.capacity() * sizeof(Boundary);
}

qint64 CacheTableModel::nextBoundaryMs() const
{
    return m_boundaries.empty() ? -1 : m_boundaries.front().atMs;
}

void CacheTableModel::armTimer()
{
    if (m_boundaries.empty()) {
        m_boundaryTimer.stop();
        return;
    }
    const qint64 delay = std::clamp<qint64>(m_boundaries.front().atMs - nowMs(), 0, kMaxTimerMs);
    m_boundaryTimer.start(int(delay));
}

void CacheTableModel::checkBoundaries()
{
    const qint64 now = nowMs();
    std::vector<int> due;
    while (!m_boundaries.empty() && m_boundaries.front().atMs <= now) {
        std::pop_heap(m_boundaries.begin(), m_boundaries.end(), std::greater<>());
        due.push_back(m_boundaries.back().slot);
        m_boundaries.pop_back();
    }
    // A slot may have several entries (an update scheduled a new boundary while an older one was queued):
    // each is re-evaluated once, and schedules only its real next boundary, so duplicates die out here.
    std::sort(due.begin(), due.end());
    due.erase(std::unique(due.begin(), due.end()), due.end());
    const int n = slotCount();
    for (int slot : due) {
        if (slot < n && slotAlive(slot))
            boundaryReached(slot, now);
    }
    armTimer();
}

void CacheTableModel::boundaryReached(int, qint64)
{ }

} // namespace Keydesk::Core
