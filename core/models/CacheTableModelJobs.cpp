// CacheTableModel, part three: sorts and filters of large tables as jobs on the thread pool, over snapshots;
// what changes meanwhile is noted and placed when the result is swapped in.
#include "core/cache/BackgroundPriority.h"
#include "core/models/CacheTableModel.h"

#include <QPromise>
#include <QThreadPool>

#include <algorithm>

namespace Keydesk::Core {

template <typename R, typename Work, typename Done> void CacheTableModel::runOnPool(Work work, Done done)
{
    const quint64 generation = m_generation;
    auto promise = std::make_shared<QPromise<R>>();
    auto *watcher = new QFutureWatcher<R>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, done = std::move(done)] {
        watcher->deleteLater();
        if (generation == m_generation && watcher->future().resultCount() > 0)
            done(watcher->future().takeResult());
    });
    watcher->setFuture(promise->future());
    promise->start();
    // What the work captured (a snapshot of the rows) is released on the pool's thread with it.
    QThreadPool::globalInstance()->start([promise, work = std::move(work)]() mutable {
        lowerThisThreadPriority(); // a sort or filter of a million rows yields to the GUI thread
        promise->addResult(work());
        promise->finish();
    });
}

void CacheTableModel::startSort()
{
    ++m_sortSerial;
    m_sortInFlight = false;
    m_dirty.clear();
    if (!sortPending()) {
        Q_EMIT sorted();
        return;
    }
    const int column = m_sortColumn;
    const Qt::SortOrder order = m_sortOrder;
    std::optional<SortJob> job
        = m_backgroundSort && column >= 0 && m_sorted.size() >= m_backgroundFromRows ? sortJob(column) : std::nullopt;
    if (!job) {
        installOrder(column, order, sortedNow(column, order));
        return;
    }
    // The job owns copies of what it reads, so the rows may change meanwhile: those changes are noted
    // (m_dirty) and re-placed when the order lands.
    m_sortInFlight = true;
    const quint64 serial = m_sortSerial;
    runOnPool<QList<int>>(
        [job = std::move(*job), order]() mutable { return job.run(order); },
        [this, serial, column, order](QList<int> inOrder) { finishSort(serial, column, order, std::move(inOrder)); });
}

void CacheTableModel::finishSort(quint64 serial, int column, Qt::SortOrder order, QList<int> inOrder)
{
    if (serial != m_sortSerial || column != m_sortColumn || order != m_sortOrder)
        return; // another sort was asked for since
    m_sortInFlight = false;
    std::vector<int> dirty = std::exchange(m_dirty, {});
    if (!dirty.empty()) {
        std::vector<bool> mark(std::size_t(slotCount()), false);
        for (int slot : dirty)
            mark[std::size_t(slot)] = true;
        inOrder.removeIf([&mark](int slot) { return std::size_t(slot) < mark.size() && mark[std::size_t(slot)]; });
    }
    installOrder(column, order, std::move(inOrder), std::move(dirty));
}

std::optional<FilterJob> CacheTableModel::backgroundFilterJob(qsizetype rows) const
{
    if (!m_backgroundFilter || rows < m_backgroundFilterFromRows)
        return std::nullopt;
    return filterJob();
}

void CacheTableModel::cancelFilter()
{
    ++m_filter.serial;
    if (m_filter.cancelled)
        m_filter.cancelled->store(true, std::memory_order_relaxed);
    m_filter.cancelled.reset();
    m_filter.inFlight = false;
    m_filter.dirty.clear();
}

void CacheTableModel::startFilter(FilterJob job, bool narrowing)
{
    cancelFilter();
    // Until it lands the rows stay as they are; rows that change meanwhile are placed by the new filter and
    // noted (m_filter.dirty), to be asked again then.
    m_filter.inFlight = true;
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_filter.cancelled = cancelled;
    const quint64 serial = m_filter.serial;
    std::optional<QList<int>> candidates; // implicitly shared: a change here meanwhile detaches this side
    if (narrowing)
        candidates = m_rows;
    runOnPool<std::vector<bool>>(
        [job = std::move(job), candidates = std::move(candidates), cancelled] {
            return job.run(candidates ? &*candidates : nullptr, *cancelled);
        },
        [this, serial](std::vector<bool> accepted) { finishFilter(serial, std::move(accepted)); });
}

void CacheTableModel::finishFilter(quint64 serial, std::vector<bool> accepted)
{
    if (serial != m_filter.serial)
        return; // another filter (or none) was set since
    const std::vector<int> dirty = std::exchange(m_filter.dirty, {});
    m_filter.inFlight = false;
    m_filter.cancelled.reset();
    accepted.resize(std::size_t(slotCount()), false);
    for (int slot : dirty)
        accepted[std::size_t(slot)] = slotAlive(slot) && acceptsSlot(slot);
    beginResetModel();
    m_unfiltered = false;
    m_rows.clear();
    m_rows.reserve(qsizetype(std::count(accepted.cbegin(), accepted.cend(), true)));
    for (int slot : std::as_const(m_sorted)) {
        if (accepted[std::size_t(slot)])
            m_rows.append(slot);
    }
    endResetModel();
    Q_EMIT filtered();
}

} // namespace Keydesk::Core
