#pragma once

#include "core/client/ApiClient.h"
#include "core/client/ApiError.h"
#include "core/domain/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcCache)

struct sqlite3;

namespace Keydesk::Core {

/// One local mutation in the outbox: the request to send (with its idempotency key) and the effect applied
/// optimistically to the cached row until the server confirms or rejects it.
struct OutboxEntry
{
    enum class Effect { Upsert, Merge, Delete };
    enum class State { Queued, Sent, Rejected };

    qint64 seq = 0; ///< assigned by the outbox; the order of sending
    QString idempotencyKey; ///< assigned by the outbox when empty
    QString op; ///< "key.revoke", "staff.create", ...: what the person did
    QByteArray method = QByteArrayLiteral("POST");
    QString path;
    std::optional<QJsonObject> body;
    QString entity; ///< the feed entity the change touches
    QString entityId;
    Effect effect = Effect::Merge;
    QJsonObject effectData; ///< Upsert: the whole row; Merge: the fields that change; Delete: empty
    State state = State::Queued;
    int attempts = 0;
    qint64 nextAttemptAtMs = 0;
    qint64 createdAtMs = 0;
    QString errorKind; ///< rejected or last failure: ApiError::kindName
    QString errorCode;
    QString errorMessage;
    QString errorField;
};

/// A cached entity row as the views see it: the server's data with pending local changes applied.
struct CachedRow
{
    QString id;
    qint64 revision = 0;
    QJsonObject data;
    int pending = 0; ///< local changes not yet confirmed by the server
    QString pendingOp; ///< the latest pending change's op ("key.revoke": a revocation not yet effective)
};

/// What opening the cache found.
struct CacheOpenReport
{
    bool created = false; ///< a new, empty cache: a full sync follows
    bool recovered = false; ///< the file was corrupt: moved aside and rebuilt
    QString movedAsidePath; ///< where the corrupt file went (never deleted)
    int salvagedOutbox = 0; ///< outbox entries carried over from the corrupt file
    QString reason; ///< why it was considered corrupt
    /// The file was closed cleanly by Keydesk and not touched since, so opening skipped the full quick_check
    /// (seconds on a large cache); CacheStore runs it in the background instead. After a crash, or when anything
    /// else wrote the file, the check runs before the cache is used.
    bool quickCheckDeferred = false;
};

/// What applying a change page did.
struct ApplyStats
{
    int applied = 0;
    int skipped = 0; ///< rows of entities this version does not mirror
    qint64 lastRevision = 0;
    QHash<QString, QStringList> changed; ///< entity → ids whose visible row changed
};

/// The head of a GET /v1/changes body: enough to ask for the next page before this one is applied.
struct FeedPageHead
{
    qint64 nextRevision = 0;
    bool hasMore = false;
};

/// The desktop's SQLite cache of one server + facility: WAL, synchronous=NORMAL, busy_timeout, numbered
/// one-way migrations, quick_check on open (a corrupt file is moved aside and rebuilt, keeping its outbox).
/// A connection belongs to one thread: CacheStore runs it on a worker thread.
class CacheDatabase final
{
public:
    static constexpr int kBusyTimeoutMs = 5000;

    ~CacheDatabase();
    CacheDatabase(const CacheDatabase &) = delete;
    CacheDatabase &operator=(const CacheDatabase &) = delete;

    /// Opens or creates the file at `path` (its folder is created). `report` says what happened.
    static Result<std::unique_ptr<CacheDatabase>> open(const QString &path, CacheOpenReport *report = nullptr);
    /// "<data dir>/cache/<host>_<port>-<facility>.sqlite": one file per server and facility.
    static QString defaultPath(const QString &dataDirectory, const QUrl &server, const QString &facilityId);

    QString path() const { return m_path; }
    QSqlDatabase connection() const;
    /// A background check found damage: no clean-close stamp is written, so the next open checks the file
    /// first (and moves it aside and rebuilds it).
    void markSuspect() { m_suspect = true; }
    /// PRAGMA quick_check on its own read-only connection (any thread). `interrupt`, when set, receives a
    /// function that stops the check from another thread.
    static Result<void> quickCheckFile(const QString &path, std::function<void(std::function<void()>)> interrupt = {});
    int schemaVersion() const;

    // ---- change feed -------------------------------------------------------------------------------------
    qint64 lastRevision() const;
    Result<QString> meta(const QString &key) const;
    Result<void> setMeta(const QString &key, const QString &value);
    /// Applies one GET /v1/changes response body, as received, in one transaction together with
    /// meta.last_revision = its next_revision (CacheFeed.cpp). A body not in the feed's format changes nothing.
    Result<ApplyStats> applyFeedBody(const QByteArray &body);
    /// Checks a body's shape and reads next_revision / has_more without applying it (a full parse).
    Result<FeedPageHead> readFeedHead(const QByteArray &body);
    /// The head of a body in the server's own layout (`{"changes":[...], ..., "next_revision":N,
    /// "has_more":B}`) read from its ends in microseconds, without parsing the rows; nothing for any other
    /// layout (then readFeedHead parses). Applying the body still checks the whole of it.
    static std::optional<FeedPageHead> peekFeedHead(const QByteArray &body);
    /// The same for a page built in memory (tests, fixtures): serialised to the feed's format and applied.
    Result<ApplyStats> applyPage(const ChangePage &page);
    /// Before a full sync: drops the secondary indexes so the bulk load does not maintain them row by row.
    Result<void> beginBulkLoad();
    /// After it: builds them again.
    Result<void> endBulkLoad();
    /// Forgets every synced row and the revision (the outbox stays, and its effects are re-applied on top of
    /// what the next full sync brings).
    Result<void> resetSyncedData();

    // ---- reads -------------------------------------------------------------------------------------------
    Result<std::optional<CachedRow>> row(const QString &entity, const QString &id) const;
    Result<QList<CachedRow>> rows(const QString &entity) const;
    Result<int> count(const QString &entity) const;

    // ---- outbox (CacheOutbox.cpp) ------------------------------------------------------------------------
    /// Writes the entry and applies its effect with a pending mark, in one transaction. Returns the seq.
    Result<qint64> enqueue(OutboxEntry entry, qint64 nowMs);
    /// Queued entries, in order (those waiting for a retry included; the caller checks nextAttemptAtMs).
    Result<QList<OutboxEntry>> queued() const;
    Result<QList<OutboxEntry>> rejected() const;
    Result<QList<OutboxEntry>> allOutbox() const;
    /// The server accepted it; it stays pending until a later feed read shows its result.
    Result<void> markSent(qint64 seq, qint64 nowMs);
    /// A transient failure: stays queued with the attempt count and the time of the next try.
    Result<void> markRetry(qint64 seq, int attempts, qint64 nextAttemptAtMs, const ApiError &error);
    /// The server refused it: the effect is rolled back, the entry stays (with the reason) until dismissed.
    Result<QStringList> reject(qint64 seq, const ApiError &error);
    /// Sent entries whose result a complete feed read has brought: removed, their rows no longer pending.
    Result<QHash<QString, QStringList>> confirm(const QList<qint64> &seqs);
    /// The user has seen a rejection.
    Result<void> dismiss(qint64 seq);
    /// A row created here got its id from the server (`localId` → `serverId`): every entry still queued that
    /// names the local id (its path, body, effect or row) names the server's from now on, and the rows those
    /// entries touch are recomputed. So "a new user and keys for them" made offline are sent in order and
    /// survive a restart. Returns entity → ids whose visible row changed.
    Result<QHash<QString, QStringList>> remapLocalId(const QString &localId, const QString &serverId);
    /// The entry that creates `localId` was refused: every queued entry that needs that row is refused with it
    /// (the server would refuse them as naming an unknown row, less clearly). Returns them, as refused.
    Result<QList<OutboxEntry>> rejectDependents(const QString &localId, const ApiError &cause);
    Result<QList<qint64>> sentSeqs() const;

private:
    CacheDatabase(QString path, QString connectionName);
    Result<void> configure();
    Result<void> migrate();
    Result<void> quickCheck();
    /// The sqlite3 handle under a QSQLITE connection (the feed's bulk writes, interrupting a check); null if not.
    static sqlite3 *sqliteHandle(const QSqlDatabase &db);
    Result<void> exec(const QString &sql, const QVariantList &bindings = {});
    Result<void> begin();
    Result<void> commit();
    void rollback();
    /// Writes the visible row (or deletes it when `data` is absent).
    Result<void> writeRow(const QString &entity, const QString &id, qint64 revision,
                          const std::optional<QJsonObject> &data, int pending, const QString &pendingOp);
    /// Visible row = base_rows + effects of the entries still queued or sent, in order.
    Result<void> recompute(const QString &entity, const QString &id);
    Result<void> insertOutbox(const OutboxEntry &entry, qint64 *seq);
    /// Keeps the server's current version of a row under the local changes about to be made to it.
    Result<void> recordBase(const QString &entity, const QString &id);
    static Result<std::unique_ptr<CacheDatabase>> openFile(const QString &path, bool *created, bool *deferred);
    /// "<path>.clean": written after a clean close (the file's size and modification time), removed on open.
    static QString cleanStampPath(const QString &path) { return path + QStringLiteral(".clean"); }
    static QByteArray fileStamp(const QString &path);
    /// Reads what it can of a corrupt file's outbox.
    static QList<OutboxEntry> salvageOutbox(const QString &path);

    QString m_path;
    QString m_connectionName;
    bool m_suspect = false;
};

} // namespace Keydesk::Core
