#include "core/sync/SyncEngine.h"

#include "core/sync/Mutations.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimer>
#include <qcoro/qcorosignal.h>

#include <algorithm>
#include <coroutine>
#include <memory>
#include <optional>

Q_LOGGING_CATEGORY(lcSync, "keydesk.sync")

namespace Keydesk::Core {

using namespace std::chrono_literals;

namespace {

// While nothing is due the loops sleep until woken (submit, retryNow, stop); this only bounds a lost wake-up.
constexpr std::chrono::milliseconds kIdleSleep = 60s;

/// Ends the store's quiet catch-up on every way out of a pull pass, also when the engine is gone by then.
class QuietCatchUp final
{
public:
    explicit QuietCatchUp(CacheStore &cache)
        : m_cache(&cache)
    { }
    ~QuietCatchUp() { end(); }
    Q_DISABLE_COPY_MOVE(QuietCatchUp)

    void start()
    {
        if (m_started || !m_cache || m_cache->isQuiet())
            return;
        m_started = true;
        m_cache->beginQuiet();
    }

    void end()
    {
        if (m_started && m_cache)
            m_cache->endQuiet();
        m_started = false;
    }

private:
    QPointer<CacheStore> m_cache;
    bool m_started = false;
};

ApiError cacheFailure(const Error &error)
{
    ApiError e;
    e.kind = ApiErrorKind::Server;
    e.code = error.code;
    e.message = QObject::tr("The local cache failed: %1").arg(error.message);
    return e;
}

/// The id of the row a create answered with: `{"user": {"id": ...}}` (the /v1 shape) or `{"id": ...}`.
QString createdId(const QJsonObject &answer)
{
    if (answer.value(QStringLiteral("id")).isString())
        return answer.value(QStringLiteral("id")).toString();
    for (auto it = answer.constBegin(); it != answer.constEnd(); ++it) {
        if (it->isObject() && it->toObject().value(QStringLiteral("id")).isString())
            return it->toObject().value(QStringLiteral("id")).toString();
    }
    return {};
}

/// A page the cache could not apply: the server's fault when its format was wrong, else the cache's.
ApiError pageFailure(const Error &error)
{
    if (error.code != QLatin1String("bad_response"))
        return cacheFailure(error);
    ApiError e;
    e.kind = ApiErrorKind::Server;
    e.code = error.code;
    e.message = error.message;
    return e;
}

} // namespace

SyncEngine::SyncEngine(ApiClient &client, CacheStore &cache, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_cache(cache)
{ }

SyncEngine::~SyncEngine()
{
    // Suspended loops resume later (a reply, a cache result, a timer) and must find out they are orphaned.
    *m_alive = false;
    m_running = false;
    wakeLoops(); // queued to the waker, which the sleeping loops keep alive: they wake up and end
    m_client.abortPending();
}

void SyncEngine::wakeLoops()
{
    Q_EMIT m_waker->wake();
}

void SyncEngine::start()
{
    if (m_running)
        return;
    m_running = true;
    m_needsLogin = false;
    // Loops of an earlier start() that have not woken up since stop() must end when they do, not run beside
    // these (a stop() and start() in quick succession ran two pull loops).
    ++m_loopGeneration;
    pullLoop();
    pushLoop();
}

void SyncEngine::stop()
{
    m_running = false;
    wakeLoops();
    m_client.abortPending();
}

void SyncEngine::retryNow()
{
    m_needsLogin = false;
    wakeLoops();
}

std::chrono::milliseconds SyncEngine::backoffDelay(int attempt) const
{
    const qint64 min = std::max<qint64>(1, m_options.backoffMin.count());
    const qint64 max = std::max<qint64>(min, m_options.backoffMax.count());
    const qint64 base = std::min<qint64>(max, min << std::clamp(attempt, 0, 20));
    const double jitter = 0.5 + 0.5 * QRandomGenerator::global()->generateDouble();
    return std::chrono::milliseconds(std::max<qint64>(1, qint64(double(base) * jitter)));
}

void SyncEngine::setState(State state, const QString &error)
{
    m_lastError = error;
    if (state == m_state)
        return;
    qCInfo(lcSync) << "state" << state << error.left(120);
    m_state = state;
    Q_EMIT stateChanged(state);
}

std::chrono::milliseconds SyncEngine::failed(const ApiError &error)
{
    ++m_failures;
    if (error.kind == ApiErrorKind::Unauthorized) {
        // Retrying cannot help: the app asks for the password, logs in again and calls retryNow().
        m_needsLogin = true;
        setState(State::Error, error.message);
        return kIdleSleep;
    }
    setState(error.isTransient() ? State::Offline : State::Error, error.message);
    auto delay = backoffDelay(m_failures - 1);
    if (error.retryAfterSeconds > 0)
        delay = std::max<std::chrono::milliseconds>(delay, std::chrono::seconds(error.retryAfterSeconds));
    return delay;
}

void SyncEngine::recovered()
{
    if (m_failures == 0)
        return;
    m_failures = 0;
    // The server is back: whichever loop noticed first wakes the other one instead of letting it sleep out.
    wakeLoops();
}

namespace {

/// Suspends until the waker fires or the timeout passes, whichever comes first, and resumes exactly once.
/// QCoro 0.8's qCoro(signal, timeout) could resume an already-finished sleep from a queued wake-up when both
/// loops were woken in quick succession (a use-after-free seen under load); here every sleep has its own timer
/// as the receiver, a late wake-up finds the flag set or the timer gone, and nothing else is resumed.
class WakeOrTimeout final
{
public:
    WakeOrTimeout(SyncWaker *waker, std::chrono::milliseconds timeout)
        : m_waker(waker)
        , m_timeout(timeout)
    { }

    bool await_ready() const noexcept { return false; }

    void await_suspend(std::coroutine_handle<> handle) const
    {
        struct State
        {
            std::coroutine_handle<> handle;
            bool done = false;
        };
        auto state = std::make_shared<State>(State { handle });
        auto *timer = new QTimer; // no parent: deleted once it has resumed the sleeper
        timer->setSingleShot(true);
        auto resume = [state, timer] {
            if (state->done)
                return;
            state->done = true;
            timer->stop();
            timer->deleteLater();
            state->handle.resume();
        };
        // Queued: a wake emitted while the other loop runs never re-enters it.
        QObject::connect(m_waker, &SyncWaker::wake, timer, resume, Qt::QueuedConnection);
        QObject::connect(timer, &QTimer::timeout, timer, resume);
        timer->start(m_timeout);
    }

    void await_resume() const noexcept { }

private:
    SyncWaker *m_waker;
    std::chrono::milliseconds m_timeout;
};

} // namespace

QCoro::Task<void> SyncEngine::sleep(std::shared_ptr<SyncWaker> waker, std::chrono::milliseconds timeout)
{
    co_await WakeOrTimeout(waker.get(), timeout);
}

QCoro::Task<Result<qint64>> SyncEngine::submit(OutboxEntry entry)
{
    QPointer<SyncEngine> self(this);
    Result<qint64> seq = co_await m_cache.enqueue(std::move(entry));
    if (seq && self)
        self->wakeLoops();
    co_return seq;
}

QCoro::Task<Result<void>> SyncEngine::dismissRejection(qint64 seq)
{
    co_return co_await m_cache.dismiss(seq);
}

QCoro::Task<void> SyncEngine::pullLoop()
{
    const std::shared_ptr<bool> alive = m_alive;
    bool caughtUp = false;
    const quint64 loop = m_loopGeneration;
    while (*alive && m_running && loop == m_loopGeneration) {
        if (m_needsLogin) {
            co_await sleep(m_waker, kIdleSleep);
            continue;
        }
        // Sent entries the server accepted before this read starts are in what it returns: confirm them after.
        const quint64 generation = m_sentGeneration;
        Result<QList<qint64>> sentBefore = co_await m_cache.sentSeqs();
        if (!*alive)
            co_return;
        Result<qint64> last = co_await m_cache.lastRevision();
        if (!*alive)
            co_return;
        if (!sentBefore || !last) {
            const auto delay = failed(cacheFailure(!last ? last.error() : sentBefore.error()));
            co_await sleep(m_waker, delay);
            continue;
        }
        qint64 since = *last;
        const bool initial = since == 0;
        // While offline the state stays Offline until a page actually arrives (no flapping on every retry).
        if ((!caughtUp || initial) && m_state != State::Offline && m_state != State::Error)
            setState(State::Syncing);
        if (initial) {
            if (auto r = co_await m_cache.beginBulkLoad(); !r)
                qCWarning(lcSync) << "could not drop indexes for the bulk load:" << r.error().message;
            if (!*alive)
                co_return;
        }

        std::optional<ApiError> failure;
        // Long-poll only when caught up and no sent change waits for confirmation (a read without wait confirms
        // it at once), and nothing was sent since the list above was read.
        const bool mayWait = caughtUp && !initial && sentBefore->isEmpty() && generation == m_sentGeneration;
        const int wait = mayWait ? m_options.longPollSeconds : 0;
        // Pages are parsed and applied on the cache's worker thread (the GUI thread only moves bytes), and the
        // next page is asked for as soon as this one's head is read: the server writes page N+1 while the
        // worker applies page N.
        std::optional<QCoro::Task<ApiResult<QByteArray>>> fetch;
        fetch.emplace(m_client.changesBody(since, m_options.pageSize, wait));
        QuietCatchUp quiet(m_cache);
        qint64 passRows = 0;
        while (fetch) {
            ApiResult<QByteArray> body = co_await *fetch;
            fetch.reset();
            if (!*alive)
                co_return;
            if (!body) {
                failure = body.error();
                break;
            }
            Result<FeedPageHead> head = FeedPageHead {};
            if (std::optional<FeedPageHead> peeked = CacheDatabase::peekFeedHead(*body))
                head = *peeked;
            else
                head = co_await m_cache.readFeedHead(*body);
            if (!*alive)
                co_return;
            if (!head) {
                failure = pageFailure(head.error());
                break;
            }
            if (head->hasMore)
                fetch.emplace(m_client.changesBody(head->nextRevision, m_options.pageSize, 0));
            Result<ApplyStats> stats = co_await m_cache.applyFeedBody(*body);
            if (!*alive)
                co_return;
            if (!stats) {
                failure = pageFailure(stats.error());
                break;
            }
            since = stats->lastRevision;
            m_revision = since;
            m_rowsApplied += stats->applied;
            passRows += stats->applied;
            if (fetch && passRows >= m_options.quietCatchUpRows)
                quiet.start();
            Q_EMIT progress(m_rowsApplied, m_revision, initial);
            if (fetch)
                setState(State::Syncing);
        }
        quiet.end(); // before a back-off sleep: what arrived is shown now
        if (initial) {
            if (auto r = co_await m_cache.endBulkLoad(); !r)
                qCWarning(lcSync) << "could not build the indexes after the bulk load:" << r.error().message;
            if (!*alive)
                co_return;
        }
        if (failure) {
            caughtUp = false;
            if (ApiClient::isAborted(*failure))
                continue; // the push loop sent something: read again now, and confirm it
            const auto delay = failed(*failure);
            qCDebug(lcSync) << "pull failed:" << failure->message << "; next try in" << delay.count() << "ms";
            co_await sleep(m_waker, delay);
            continue;
        }
        if (!sentBefore->isEmpty()) {
            if (auto r = co_await m_cache.confirm(*sentBefore); !r)
                qCWarning(lcSync) << "could not confirm sent changes:" << r.error().message;
            if (!*alive)
                co_return;
        }
        recovered();
        setState(State::Idle);
        if (!caughtUp || initial)
            Q_EMIT synced(m_revision);
        caughtUp = true;
    }
}

QCoro::Task<void> SyncEngine::pushLoop()
{
    const std::shared_ptr<bool> alive = m_alive;
    const quint64 loop = m_loopGeneration;
    while (*alive && m_running && loop == m_loopGeneration) {
        if (m_needsLogin) {
            co_await sleep(m_waker, kIdleSleep);
            continue;
        }
        Result<QList<OutboxEntry>> queued = co_await m_cache.queued();
        if (!*alive)
            co_return;
        if (!queued) {
            co_await sleep(m_waker, m_options.backoffMax);
            continue;
        }
        std::chrono::milliseconds pause = kIdleSleep;
        for (const OutboxEntry &entry : *queued) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (entry.nextAttemptAtMs > now) {
                // Strict order: a later change may depend on this one, so nothing overtakes it.
                pause = std::chrono::milliseconds(entry.nextAttemptAtMs - now);
                break;
            }
            ApiRequest request;
            request.method = entry.method;
            request.path = entry.path;
            request.body = entry.body;
            request.idempotencyKey = entry.idempotencyKey;
            ApiResult<ApiResponse> answer = co_await m_client.send(request);
            if (!*alive)
                co_return;
            if (answer) {
                const qint64 seq = entry.seq;
                if (auto r = co_await m_cache.markSent(seq); !r)
                    qCWarning(lcSync) << "could not mark change" << seq << "sent:" << r.error().message;
                if (!*alive)
                    co_return;
                ++m_sentGeneration;
                recovered();
                m_client.abortPending(); // end the long-poll: the pull loop re-reads now and confirms
                const QString serverId = createdId(answer->json);
                if (Mutations::isLocalId(entry.entityId) && !serverId.isEmpty()) {
                    // Later entries may name the row this one created: they name the server's id from now on,
                    // so read the queue again before sending them.
                    if (auto r = co_await m_cache.remapLocalId(entry.entityId, serverId); !r)
                        qCWarning(lcSync) << "could not pass on the new id of" << entry.op << r.error().message;
                    if (!*alive)
                        co_return;
                    pause = std::chrono::milliseconds(0);
                    break;
                }
                continue;
            }
            const ApiError error = answer.error();
            if (error.isTransient() || error.kind == ApiErrorKind::Unauthorized) {
                const std::chrono::milliseconds delay = failed(error);
                const qint64 seq = entry.seq;
                const int attempts = entry.attempts + 1;
                const qint64 nextAt = QDateTime::currentMSecsSinceEpoch() + delay.count();
                if (auto r = co_await m_cache.markRetry(seq, attempts, nextAt, error); !r)
                    qCWarning(lcSync) << "could not record the retry of change" << seq << r.error().message;
                if (!*alive)
                    co_return;
                pause = delay;
                break;
            }
            // The server refused it for good: roll it back in the cache and tell the user why.
            const qint64 seq = entry.seq;
            qCInfo(lcSync) << "change" << seq << entry.op << "rejected:" << error.code << error.message;
            if (auto r = co_await m_cache.reject(seq, error); !r)
                qCWarning(lcSync) << "could not roll back change" << seq << r.error().message;
            if (!*alive)
                co_return;
            Q_EMIT rejected(seq, entry.op, error.message, error.field);
            if (Mutations::isLocalId(entry.entityId)) {
                // What was to be sent for the row that now never exists is refused with it.
                Result<QList<OutboxEntry>> dependents = co_await m_cache.rejectDependents(entry.entityId, error);
                if (!*alive)
                    co_return;
                if (dependents) {
                    for (const OutboxEntry &d : *dependents)
                        Q_EMIT rejected(d.seq, d.op, d.errorMessage, d.errorField);
                }
                pause = std::chrono::milliseconds(0);
                break;
            }
        }
        if (!*alive || !m_running)
            co_return;
        if (pause.count() == 0)
            continue; // the queue changed under the list being sent: read it again now
        if (pause == kIdleSleep) {
            // Everything was sent (or nothing was queued): look again at once if more came in meanwhile.
            Result<QList<OutboxEntry>> again = co_await m_cache.queued();
            if (!*alive)
                co_return;
            if (again && !again->isEmpty() && again->first().nextAttemptAtMs <= QDateTime::currentMSecsSinceEpoch())
                continue;
        }
        co_await sleep(m_waker, pause);
    }
}

} // namespace Keydesk::Core
