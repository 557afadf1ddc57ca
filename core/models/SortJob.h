#pragma once

#include <QList>
#include <Qt>

#include <algorithm>
#include <atomic>
#include <functional>
#include <vector>

namespace Keydesk::Core {

/// One live slot in a sort: its key (unsigned order), and a second word the job may use (a text span, a
/// party index).
struct SortEntry
{
    quint64 key = 0;
    quint64 aux = 0;
    qint32 slot = -1;
};

/// A sort of every live slot by one column, prepared on the model's thread in one cheap pass (it copies or
/// shares — implicitly, copy-on-write — whatever it reads) and run on any thread. The order is: key, then
/// `tie` when keys are equal, then slot; it must equal the model's compareSlots() (tests compare both).
struct SortJob
{
    std::vector<SortEntry> entries;
    /// Runs first, on the sorting thread: fills in keys that take long to compute (text prefixes, ranks of
    /// names). Optional.
    std::function<void(std::vector<SortEntry> &)> prepare;
    /// Three-way comparison of two entries with equal keys. Optional.
    std::function<int(const SortEntry &, const SortEntry &)> tie;

    /// Sorts; the slots in `order`.
    QList<int> run(Qt::SortOrder order);
};

/// A filter of every live slot, prepared on the model's thread in microseconds (a snapshot of what it reads) and
/// run on any thread.
struct FilterJob
{
    /// Per slot of the snapshot: does the filter accept it (dead slots: false). `candidates`: only these slots
    /// can be accepted (null: every slot). Returns early, with anything, once `cancelled` is set.
    std::function<std::vector<bool>(const QList<int> *candidates, const std::atomic_bool &cancelled)> run;
};

/// The loop of a filter job: `accepts(slot)` for each candidate (null: every slot below `slots`), giving up
/// (an empty result) once `cancelled` is set.
template <typename Accepts>
std::vector<bool> filterSlots(int slots, const QList<int> *candidates, const std::atomic_bool &cancelled,
                              const Accepts &accepts)
{
    constexpr int kCheckEvery = 16384;
    std::vector<bool> accepted(std::size_t(std::max(slots, 0)), false);
    const qsizetype n = candidates ? candidates->size() : qsizetype(slots);
    for (qsizetype i = 0; i < n; ++i) {
        if (i % kCheckEvery == 0 && cancelled.load(std::memory_order_relaxed))
            return {};
        const int slot = candidates ? candidates->at(i) : int(i);
        if (slot >= 0 && slot < slots && accepts(slot))
            accepted[std::size_t(slot)] = true;
    }
    return accepted;
}

/// Live slots in the order of one column.
struct SortedSlots
{
    int column = -1;
    Qt::SortOrder order = Qt::AscendingOrder;
    QList<int> slots;
    bool valid = false;
};

} // namespace Keydesk::Core
