#pragma once

#include "core/cache/CacheDatabase.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QSet>
#include <QThread>
#include <qcoro/qcorofuture.h>
#include <qcoro/qcorotask.h>

#include <functional>
#include <memory>
#include <type_traits>

namespace Keydesk::Core {

/// Owns the worker thread's CacheDatabase. Lives on that thread.
class CacheWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheWorker)

public:
    explicit CacheWorker(QString path);
    ~CacheWorker() override;
    QString path() const { return m_path; }
    CacheDatabase *database() { return m_db.get(); }
    Result<CacheOpenReport> open();
    void close() { m_db.reset(); }

private:
    QString m_path;
    std::unique_ptr<CacheDatabase> m_db;
};

/// The cache as the GUI thread uses it: every read and write runs on a worker thread that owns the SQLite
/// connection; callers co_await the result. Changes are announced with rowsChanged / outboxChanged.
class CacheStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CacheStore)

public:
    explicit CacheStore(QString path, QObject *parent = nullptr);
    /// Waits for the operation in progress, closes the database and stops the thread.
    ~CacheStore() override;

    QString path() const { return m_path; }

    QCoro::Task<Result<CacheOpenReport>> open();
    // The arguments are copied into the worker's job before the first suspension (QCoro tasks start at once),
    // so a caller's temporary may end with its full expression.
    /// CacheDatabase::applyFeedBody on the worker: a GET /v1/changes body, parsed and applied there.
    QCoro::Task<Result<ApplyStats>> applyFeedBody(const QByteArray &body);
    /// CacheDatabase::readFeedHead on the worker.
    QCoro::Task<Result<FeedPageHead>> readFeedHead(const QByteArray &body);
    QCoro::Task<Result<ApplyStats>> applyPage(const ChangePage &page);
    /// Before the initial full sync: drops the secondary indexes and turns quiet (beginQuiet()).
    QCoro::Task<Result<void>> beginBulkLoad();
    /// Builds the indexes again, then ends the quiet (endQuiet()).
    QCoro::Task<Result<void>> endBulkLoad();

    /// From now on changes are not announced row by row, only noted per entity: while a sync writes hundreds of
    /// thousands of rows, readers that followed each one would read every row back and starve it.
    void beginQuiet();
    /// Announces each entity changed while quiet once, as a whole-table change (rowsChanged with no ids).
    void endQuiet();
    bool isQuiet() const { return m_quiet; }
    QCoro::Task<Result<qint64>> lastRevision();
    QCoro::Task<Result<std::optional<CachedRow>>> row(QString entity, QString id);
    QCoro::Task<Result<QList<CachedRow>>> rows(QString entity);

    QCoro::Task<Result<qint64>> enqueue(OutboxEntry entry);
    QCoro::Task<Result<QList<OutboxEntry>>> queued();
    QCoro::Task<Result<QList<OutboxEntry>>> rejected();
    QCoro::Task<Result<QList<OutboxEntry>>> allOutbox();
    QCoro::Task<Result<QList<qint64>>> sentSeqs();
    QCoro::Task<Result<void>> markSent(qint64 seq);
    QCoro::Task<Result<void>> markRetry(qint64 seq, int attempts, qint64 nextAttemptAtMs, ApiError error);
    QCoro::Task<Result<void>> reject(qint64 seq, ApiError error);
    QCoro::Task<Result<void>> confirm(QList<qint64> seqs);
    QCoro::Task<Result<void>> dismiss(qint64 seq);
    QCoro::Task<Result<void>> remapLocalId(const QString &localId, const QString &serverId);
    QCoro::Task<Result<QList<OutboxEntry>>> rejectDependents(const QString &localId, const ApiError &cause);

    /// Runs `fn(CacheDatabase &)` on the worker thread; `fn` returns a Result<...>. For reads the typed
    /// methods above do not cover (models, tests).
    template <typename Fn> auto run(Fn fn) -> QFuture<std::invoke_result_t<Fn, CacheDatabase &>>
    {
        using R = std::invoke_result_t<Fn, CacheDatabase &>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        QMetaObject::invokeMethod(
            m_worker,
            [promise, fn = std::move(fn), worker = m_worker]() mutable {
                CacheDatabase *db = worker->database();
                if (!db)
                    promise->addResult(
                        R(Error::make(QStringLiteral("cache_closed"), QObject::tr("The local cache is not open."))));
                else
                    promise->addResult(fn(*db));
                promise->finish();
            },
            Qt::QueuedConnection);
        return future;
    }

Q_SIGNALS:
    /// Visible rows changed (feed applied, local change queued, confirmed or rolled back). `ids` empty: any row
    /// of the entity may have changed (after a bulk load): re-read the whole table.
    void rowsChanged(const QString &entity, const QStringList &ids);
    /// Entries were added to, sent from, rejected in or removed from the outbox.
    void outboxChanged();
    /// The background quick_check after a deferred open (CacheOpenReport::quickCheckDeferred) ended: `ok`, or the
    /// damage it found. A damaged cache is checked, moved aside and rebuilt from the server at the next start.
    void integrityChecked(bool ok, const QString &problem);

private:
    struct BackgroundCheck;
    void announce(const QHash<QString, QStringList> &changed);
    void startBackgroundCheck();
    void finishBackgroundCheck(const Result<void> &result);

    QString m_path;
    QThread m_thread;
    CacheWorker *m_worker; ///< lives on m_thread; deleted there when it finishes
    std::shared_ptr<BackgroundCheck> m_check;
    bool m_quiet = false;
    QSet<QString> m_quietChanged; ///< entities changed while quiet, announced at its end
};

} // namespace Keydesk::Core
