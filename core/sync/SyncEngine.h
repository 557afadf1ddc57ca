#pragma once

#include "core/cache/CacheStore.h"
#include "core/client/ApiClient.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <qcoro/qcorotask.h>

#include <chrono>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace Keydesk::Core {

/// Wakes the engine's sleeping loops. Shared by the loops' frames, so it outlives a destroyed engine until its
/// loops have woken up and ended (a waker owned by the engine would leave them suspended forever).
class SyncWaker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWaker)

public:
    SyncWaker() = default;
    ~SyncWaker() override = default;

Q_SIGNALS:
    void wake();
};

/// Keeps a CacheStore in step with a keydesk server: initial full sync in pages (indexes built after the bulk
/// load), incremental sync from the change feed, a long-poll for live updates, back-off with jitter while the
/// server is unreachable, and the outbox: local mutations sent in order with their Idempotency-Key, confirmed
/// once the feed shows them, rolled back when the server rejects them.
///
/// Two loops run while started: the pull loop (feed → cache) and the push loop (outbox → server). Both are
/// member coroutines that check `m_alive` after every suspension, so destroying the engine mid-request is safe.
class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    enum class State {
        Idle, ///< caught up; live updates on
        Syncing, ///< reading pages (progress() says how far)
        Offline, ///< the server is unreachable; retrying with back-off, local changes queue up
        Error, ///< needs a person: the session ended, or the server refuses the feed (lastError())
    };
    Q_ENUM(State)

    struct Options
    {
        int pageSize = 500;
        int longPollSeconds = 20; ///< the server holds at most 25
        std::chrono::milliseconds backoffMin { 500 };
        std::chrono::milliseconds backoffMax { 30000 };
        /// A catch-up that goes on past this many rows in one pass (a full sync cut short and resumed, a desktop
        /// offline for weeks) goes on quietly (CacheStore::beginQuiet): the readers load the changed tables once
        /// at its end instead of reading every row back while it runs.
        qint64 quietCatchUpRows = 20000;
    };

    /// Both must outlive the engine.
    SyncEngine(ApiClient &client, CacheStore &cache, QObject *parent = nullptr);
    ~SyncEngine() override;

    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }

    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }
    qint64 revision() const { return m_revision; }
    qint64 rowsApplied() const { return m_rowsApplied; }

    /// Starts both loops (the cache must be open and the client logged in).
    void start();
    /// Stops after the current step; an open long-poll is ended.
    void stop();
    bool isRunning() const { return m_running; }

    /// Writes a local mutation to the outbox (applied to the cache at once, marked pending) and wakes the sender.
    QCoro::Task<Result<qint64>> submit(OutboxEntry entry);
    /// The user has read a rejection: it leaves the outbox.
    QCoro::Task<Result<void>> dismissRejection(qint64 seq);

    /// The network (or the session) is back: skip the back-off wait and try now.
    void retryNow();

    /// The delay before retry number `attempt` (0-based): exponential from backoffMin to backoffMax, with
    /// jitter in [50 %, 100 %] so many desktops do not come back in lockstep.
    std::chrono::milliseconds backoffDelay(int attempt) const;

Q_SIGNALS:
    void stateChanged(Keydesk::Core::SyncEngine::State state);
    /// Rows applied since start and the revision reached; `initial` during the first full sync.
    void progress(qint64 rowsApplied, qint64 revision, bool initial);
    /// Caught up with the server at `revision`.
    void synced(qint64 revision);
    /// The server refused a queued change; the cache rolled it back. It stays in the outbox until dismissed.
    void rejected(qint64 seq, const QString &op, const QString &message, const QString &field);

private:
    QCoro::Task<void> pullLoop();
    QCoro::Task<void> pushLoop();
    /// Waits for the waker or the timeout. Static: it must not touch the engine, which may be gone meanwhile.
    static QCoro::Task<void> sleep(std::shared_ptr<SyncWaker> waker, std::chrono::milliseconds timeout);
    void wakeLoops();
    void setState(State state, const QString &error = {});
    /// Records a failure of either loop and returns how long to wait before the next try.
    std::chrono::milliseconds failed(const ApiError &error);
    void recovered();

    ApiClient &m_client;
    CacheStore &m_cache;
    Options m_options;
    State m_state = State::Idle;
    QString m_lastError;
    qint64 m_revision = 0;
    qint64 m_rowsApplied = 0;
    quint64 m_sentGeneration = 0; ///< bumped whenever the push loop marks an entry sent
    int m_failures = 0; ///< consecutive transport failures: the back-off step
    bool m_running = false;
    quint64 m_loopGeneration = 0; ///< bumped by start(): loops of an earlier start end
    bool m_needsLogin = false;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    std::shared_ptr<SyncWaker> m_waker { new SyncWaker, [](SyncWaker *w) { w->deleteLater(); } };
};

} // namespace Keydesk::Core
