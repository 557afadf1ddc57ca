#pragma once

#include "core/cache/CacheDatabase.h"
#include "core/domain/Result.h"
#include "ui/status/ConnectionStatus.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Keydesk::Core {
class CacheStore;
class Clock;
} // namespace Keydesk::Core

namespace Keydesk::App {

/// The status bar's figures counted in the cache (no request to the server): locks, users, keys, keys ACTIVE at
/// `nowMs` (the domain's keyStatus() rule: not revoked, not a used one-time key, inside its validity) and locks
/// whose internal battery is below the low threshold. One SQL pass per figure; runs on the cache's thread.
Core::Result<Ui::FacilityCounts> countFacility(Core::CacheDatabase &db, qint64 nowMs);

/// Keeps the counts current from the cache: once when attached, again shortly after the cache announces changed
/// locks, users or keys (a sync applied a page, a change was queued, confirmed or rolled back), every minute,
/// because keys become ACTIVE or EXPIRED with time alone, and when the clock jumps. Right offline too: it only
/// reads the local copy.
class CacheCounts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheCounts)

public:
    /// Changes arriving within this delay are counted once (a sync applies many pages in a row).
    static constexpr std::chrono::milliseconds kSettle { 200 };
    static constexpr std::chrono::seconds kTimeRefresh { 60 };

    /// `cache` (open) and `clock` must outlive this object.
    CacheCounts(Core::CacheStore &cache, const Core::Clock &clock, QObject *parent = nullptr);
    ~CacheCounts() override;

    /// Counts now (or right after the count in progress, when one runs).
    void refreshNow();
    Ui::FacilityCounts counts() const { return m_counts; }

Q_SIGNALS:
    void countsChanged(const Keydesk::Ui::FacilityCounts &counts);

private:
    void onRowsChanged(const QString &entity);
    void finished(const Core::Result<Ui::FacilityCounts> &counted);

    QPointer<Core::CacheStore> m_cache;
    const Core::Clock &m_clock;
    QTimer m_settle;
    QTimer m_periodic;
    Ui::FacilityCounts m_counts;
    bool m_running = false;
    bool m_again = false; ///< a change arrived while counting: count once more
};

} // namespace Keydesk::App
