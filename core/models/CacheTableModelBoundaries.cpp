// CacheTableModel, part two: the time boundaries (one timer for the earliest instant a row's state flips) and the
// clock's jumps (a forward jump flips what passed, a backward one sweeps every row again).
#include "core/models/CacheTableModel.h"

#include <algorithm>
#include <functional>

namespace Keydesk::Core {

namespace {
// A timer never sleeps longer than this: a far boundary is re-checked hourly. Jumps of the clock are announced by
// its notifier; this also catches a wall clock that drifts off by less than the watcher's tolerance per poll.
constexpr qint64 kMaxTimerMs = 3600 * 1000;
} // namespace

// ---- boundaries ----------------------------------------------------------------------------------------

void CacheTableModel::scheduleBoundary(int slot, qint64 atMs)
{
    const bool earlier = m_boundaries.empty() || atMs < m_boundaries.front().first;
    m_boundaries.emplace_back(atMs, slot);
    std::push_heap(m_boundaries.begin(), m_boundaries.end(), std::greater<>());
    if (earlier)
        armTimer();
}

void CacheTableModel::scheduleBoundaries(std::vector<std::pair<qint64, int>> boundaries)
{
    if (m_boundaries.empty()) {
        // A million keys' boundaries arrive heapified from the loading thread: one sequential check here.
        m_boundaries = std::move(boundaries);
        if (!std::is_heap(m_boundaries.cbegin(), m_boundaries.cend(), std::greater<>()))
            heapifyBoundaries(m_boundaries);
    } else {
        m_boundaries.insert(m_boundaries.end(), boundaries.cbegin(), boundaries.cend());
        heapifyBoundaries(m_boundaries);
    }
    armTimer();
}

void CacheTableModel::heapifyBoundaries(std::vector<std::pair<qint64, int>> &boundaries)
{
    std::make_heap(boundaries.begin(), boundaries.end(), std::greater<>());
}

std::size_t CacheTableModel::orderBytes() const
{
    return std::size_t(m_sorted.capacity() + m_rows.capacity()) * sizeof(int)
        + m_boundaries.capacity() * sizeof(Boundary);
}

qint64 CacheTableModel::nextBoundaryMs() const
{
    return m_boundaries.empty() ? -1 : m_boundaries.front().first;
}

void CacheTableModel::armTimer()
{
    if (m_boundaries.empty()) {
        m_boundaryTimer.stop();
        return;
    }
    const qint64 delay = std::clamp<qint64>(m_boundaries.front().first - nowMs(), 0, kMaxTimerMs);
    m_boundaryTimer.start(int(delay));
}

void CacheTableModel::checkBoundaries()
{
    const qint64 now = nowMs();
    std::vector<int> due;
    while (!m_boundaries.empty() && m_boundaries.front().first <= now) {
        std::pop_heap(m_boundaries.begin(), m_boundaries.end(), std::greater<>());
        due.push_back(m_boundaries.back().second);
        m_boundaries.pop_back();
    }
    // A slot may have several entries (an update scheduled a new boundary while an older one was queued):
    // each is re-evaluated once, and schedules only its real next boundary, so duplicates die out here.
    std::sort(due.begin(), due.end());
    due.erase(std::unique(due.begin(), due.end()), due.end());
    const int n = slotCount();
    // Thousands of keys may end at the same midnight: then one batch, not a row move each.
    const bool batch = due.size() >= std::size_t(kBatchSlots) && !m_batch.active;
    if (batch)
        beginSlotBatch();
    for (int slot : due) {
        if (slot < n && slotAlive(slot))
            boundaryReached(slot, now);
    }
    if (batch)
        endSlotBatch();
    armTimer();
}

void CacheTableModel::boundaryReached(int, qint64)
{ }

bool CacheTableModel::slotStaleAt(int, qint64) const
{
    return false;
}

void CacheTableModel::onClockJumped(qint64 byMs)
{
    qCDebug(lcModels) << metaObject()->className() << "the clock jumped by" << byMs << "ms";
    // Forward, every boundary passed meanwhile is in the heap and due now. Back, a row may now be in an earlier
    // state (EXPIRED → ACTIVE) that no boundary leads to, and the heap's next instants may be too late.
    if (byMs > 0)
        checkBoundaries();
    else if (byMs < 0)
        startSweep();
}

void CacheTableModel::startSweep()
{
    if (loading()) {
        m_sweep.afterLoad = true;
        return;
    }
    m_sweep.afterLoad = false;
    m_sweep.active = true;
    m_sweep.next = 0;
    ++m_sweep.serial;
    // Every live slot schedules its next boundary again.
    m_boundaries.clear();
    m_boundaryTimer.stop();
    sweepNext();
}

void CacheTableModel::sweepNext()
{
    if (!m_sweep.active)
        return;
    const qint64 now = nowMs();
    const int n = slotCount();
    const int first = m_sweep.next;
    const int end = int(std::min<qint64>(n, qint64(first) + kSweepSlots));
    // A jump of seconds changes nothing or a few rows (row signals); back over a midnight, thousands (one batch).
    int stale = 0;
    for (int slot = first; slot < end && stale < kBatchSlots; ++slot) {
        if (slotAlive(slot) && slotStaleAt(slot, now))
            ++stale;
    }
    const bool batch = stale >= kBatchSlots && !m_batch.active;
    if (batch)
        beginSlotBatch();
    for (int slot = first; slot < end; ++slot) {
        if (slotAlive(slot))
            boundaryReached(slot, now);
    }
    if (batch)
        endSlotBatch();
    m_sweep.next = end;
    if (end >= n) {
        m_sweep.active = false;
    } else {
        // The rest on the next turns of the event loop: the GUI stays responsive over a million rows.
        QMetaObject::invokeMethod(
            this,
            [this, serial = m_sweep.serial] {
                if (serial == m_sweep.serial)
                    sweepNext();
            },
            Qt::QueuedConnection);
    }
    armTimer();
}

} // namespace Keydesk::Core
