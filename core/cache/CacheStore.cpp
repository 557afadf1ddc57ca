#include "core/cache/CacheStore.h"

#include "core/cache/BackgroundPriority.h"

#include <QDateTime>
#include <QMutex>
#include <QMutexLocker>

#include <algorithm>
#include <utility>

namespace Keydesk::Core {

CacheWorker::CacheWorker(QString path)
    : m_path(std::move(path))
{ }

CacheWorker::~CacheWorker() = default;

Result<CacheOpenReport> CacheWorker::open()
{
    if (m_db)
        return CacheOpenReport {};
    CacheOpenReport report;
    auto db = CacheDatabase::open(m_path, &report);
    if (!db)
        return db.error();
    m_db = std::move(db).value();
    return report;
}

/// The quick_check of a deferred open, on a thread and connection of its own: it reads the whole file (seconds
/// for a large cache) while the views already read and the sync engine writes (WAL).
struct CacheStore::BackgroundCheck
{
    QMutex mutex;
    std::function<void()> interrupt;
    bool cancelled = false;
    std::unique_ptr<QThread> thread;

    void cancel()
    {
        QMutexLocker lock(&mutex);
        cancelled = true;
        if (interrupt)
            interrupt();
    }
};

CacheStore::CacheStore(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_worker(new CacheWorker(m_path))
{
    m_thread.setObjectName(QStringLiteral("keydesk-cache"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    // The sync's writes and the models' reads yield to the GUI thread on a busy machine.
    QMetaObject::invokeMethod(m_worker, &lowerThisThreadPriority, Qt::QueuedConnection);
}

CacheStore::~CacheStore()
{
    if (m_check) {
        m_check->cancel();
        m_check->thread->wait();
    }
    // The connection must be closed on the thread that opened it.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void CacheStore::announce(const QHash<QString, QStringList> &changed)
{
    if (m_quiet) {
        for (auto it = changed.constBegin(); it != changed.constEnd(); ++it)
            m_quietChanged.insert(it.key());
        return;
    }
    for (auto it = changed.constBegin(); it != changed.constEnd(); ++it)
        Q_EMIT rowsChanged(it.key(), it.value());
}

// Every job below is a named local before it is co_awaited: GCC 12 destroys a capturing lambda (or any
// aggregate) temporary that is created inside a co_await expression twice.

QCoro::Task<Result<CacheOpenReport>> CacheStore::open()
{
    auto promise = std::make_shared<QPromise<Result<CacheOpenReport>>>();
    QFuture<Result<CacheOpenReport>> future = promise->future();
    promise->start();
    QMetaObject::invokeMethod(
        m_worker,
        [promise, worker = m_worker] {
            promise->addResult(worker->open());
            promise->finish();
        },
        Qt::QueuedConnection);
    QPointer<CacheStore> self(this);
    Result<CacheOpenReport> report = co_await future;
    if (self && report && report->quickCheckDeferred)
        self->startBackgroundCheck();
    co_return report;
}

void CacheStore::startBackgroundCheck()
{
    if (m_check)
        return;
    auto check = std::make_shared<BackgroundCheck>();
    m_check = check;
    QPointer<CacheStore> self(this);
    check->thread.reset(QThread::create([check, self, path = m_path] {
        Result<void> result = CacheDatabase::quickCheckFile(path, [check](std::function<void()> stop) {
            QMutexLocker lock(&check->mutex);
            check->interrupt = std::move(stop);
            if (check->cancelled && check->interrupt)
                check->interrupt();
        });
        QMutexLocker lock(&check->mutex);
        if (check->cancelled)
            return;
        // Queued to the store's thread; dropped if the store is gone by then.
        QMetaObject::invokeMethod(
            self.data(),
            [self, result] {
                if (self)
                    self->finishBackgroundCheck(result);
            },
            Qt::QueuedConnection);
    }));
    check->thread->setObjectName(QStringLiteral("keydesk-cache-check"));
    check->thread->start(QThread::LowPriority);
}

void CacheStore::finishBackgroundCheck(const Result<void> &result)
{
    if (result) {
        Q_EMIT integrityChecked(true, QString());
        return;
    }
    qCWarning(lcCache) << "the background check of" << m_path << "found damage:" << result.error().message;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker] {
            if (CacheDatabase *db = worker->database())
                db->markSuspect();
        },
        Qt::QueuedConnection);
    Q_EMIT integrityChecked(false, result.error().message);
}

QCoro::Task<Result<ApplyStats>> CacheStore::applyPage(const ChangePage &page)
{
    QPointer<CacheStore> self(this);
    auto job = [page](CacheDatabase &db) { return db.applyPage(page); };
    Result<ApplyStats> stats = co_await run(std::move(job));
    if (stats && self)
        self->announce(stats->changed);
    co_return stats;
}

QCoro::Task<Result<ApplyStats>> CacheStore::applyFeedBody(const QByteArray &body)
{
    QPointer<CacheStore> self(this);
    auto job = [body](CacheDatabase &db) { return db.applyFeedBody(body); };
    Result<ApplyStats> stats = co_await run(std::move(job));
    if (stats && self)
        self->announce(stats->changed);
    co_return stats;
}

QCoro::Task<Result<FeedPageHead>> CacheStore::readFeedHead(const QByteArray &body)
{
    auto job = [body](CacheDatabase &db) { return db.readFeedHead(body); };
    co_return co_await run(std::move(job));
}

void CacheStore::beginQuiet()
{
    m_quiet = true;
}

void CacheStore::endQuiet()
{
    if (!m_quiet)
        return;
    m_quiet = false;
    QStringList changed(m_quietChanged.cbegin(), m_quietChanged.cend());
    m_quietChanged.clear();
    std::sort(changed.begin(), changed.end());
    for (const QString &entity : std::as_const(changed))
        Q_EMIT rowsChanged(entity, {});
}

QCoro::Task<Result<void>> CacheStore::beginBulkLoad()
{
    // Quiet from now on, whether or not the indexes could be dropped: the pages follow either way.
    beginQuiet();
    auto job = [](CacheDatabase &db) { return db.beginBulkLoad(); };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<void>> CacheStore::endBulkLoad()
{
    QPointer<CacheStore> self(this);
    auto job = [](CacheDatabase &db) { return db.endBulkLoad(); };
    Result<void> r = co_await run(std::move(job));
    // Announced after the indexes are back, so the readers' full reads use them; also when that failed (the
    // rows are there all the same).
    if (self)
        self->endQuiet();
    co_return r;
}

QCoro::Task<Result<qint64>> CacheStore::lastRevision()
{
    auto job = [](CacheDatabase &db) { return Result<qint64>(db.lastRevision()); };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<std::optional<CachedRow>>> CacheStore::row(QString entity, QString id)
{
    auto job = [entity, id](CacheDatabase &db) { return db.row(entity, id); };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<QList<CachedRow>>> CacheStore::rows(QString entity)
{
    auto job = [entity](CacheDatabase &db) { return db.rows(entity); };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<qint64>> CacheStore::enqueue(OutboxEntry entry)
{
    QPointer<CacheStore> self(this);
    const QString entity = entry.entity;
    const QString id = entry.entityId;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto job = [entry = std::move(entry), now](CacheDatabase &db) { return db.enqueue(entry, now); };
    Result<qint64> seq = co_await run(std::move(job));
    if (seq && self) {
        Q_EMIT self->rowsChanged(entity, { id });
        Q_EMIT self->outboxChanged();
    }
    co_return seq;
}

QCoro::Task<Result<QList<OutboxEntry>>> CacheStore::queued()
{
    auto job = [](CacheDatabase &db) { return db.queued(); };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<QList<OutboxEntry>>> CacheStore::rejected()
{
    auto job = [](CacheDatabase &db) { return db.rejected(); };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<QList<OutboxEntry>>> CacheStore::allOutbox()
{
    auto job = [](CacheDatabase &db) { return db.allOutbox(); };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<QList<qint64>>> CacheStore::sentSeqs()
{
    auto job = [](CacheDatabase &db) { return db.sentSeqs(); };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<void>> CacheStore::markSent(qint64 seq)
{
    QPointer<CacheStore> self(this);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto job = [seq, now](CacheDatabase &db) { return db.markSent(seq, now); };
    Result<void> r = co_await run(std::move(job));
    if (r && self)
        Q_EMIT self->outboxChanged();
    co_return r;
}

QCoro::Task<Result<void>> CacheStore::markRetry(qint64 seq, int attempts, qint64 nextAttemptAtMs, ApiError error)
{
    auto job = [seq, attempts, nextAttemptAtMs, error](CacheDatabase &db) {
        return db.markRetry(seq, attempts, nextAttemptAtMs, error);
    };
    co_return co_await run(std::move(job));
}

QCoro::Task<Result<void>> CacheStore::reject(qint64 seq, ApiError error)
{
    QPointer<CacheStore> self(this);
    auto job = [seq, error](CacheDatabase &db) { return db.reject(seq, error); };
    Result<QStringList> r = co_await run(std::move(job));
    if (!r)
        co_return r.error();
    if (self) {
        Q_EMIT self->rowsChanged(r->value(0), { r->value(1) });
        Q_EMIT self->outboxChanged();
    }
    co_return Result<void>();
}

QCoro::Task<Result<void>> CacheStore::remapLocalId(const QString &localId, const QString &serverId)
{
    QPointer<CacheStore> self(this);
    auto job = [localId, serverId](CacheDatabase &db) { return db.remapLocalId(localId, serverId); };
    Result<QHash<QString, QStringList>> changed = co_await run(std::move(job));
    if (!changed)
        co_return changed.error();
    if (self) {
        self->announce(*changed);
        Q_EMIT self->outboxChanged();
    }
    co_return Result<void>();
}

QCoro::Task<Result<QList<OutboxEntry>>> CacheStore::rejectDependents(const QString &localId, const ApiError &cause)
{
    QPointer<CacheStore> self(this);
    auto job = [localId, cause](CacheDatabase &db) { return db.rejectDependents(localId, cause); };
    Result<QList<OutboxEntry>> refused = co_await run(std::move(job));
    if (refused && self && !refused->isEmpty()) {
        for (const OutboxEntry &e : *refused)
            Q_EMIT self->rowsChanged(e.entity, { e.entityId });
        Q_EMIT self->outboxChanged();
    }
    co_return refused;
}

QCoro::Task<Result<void>> CacheStore::confirm(QList<qint64> seqs)
{
    QPointer<CacheStore> self(this);
    auto job = [seqs](CacheDatabase &db) { return db.confirm(seqs); };
    Result<QHash<QString, QStringList>> r = co_await run(std::move(job));
    if (!r)
        co_return r.error();
    if (self && !r->isEmpty()) {
        self->announce(*r);
        Q_EMIT self->outboxChanged();
    }
    co_return Result<void>();
}

QCoro::Task<Result<void>> CacheStore::dismiss(qint64 seq)
{
    QPointer<CacheStore> self(this);
    auto job = [seq](CacheDatabase &db) { return db.dismiss(seq); };
    Result<void> r = co_await run(std::move(job));
    if (r && self)
        Q_EMIT self->outboxChanged();
    co_return r;
}

} // namespace Keydesk::Core
