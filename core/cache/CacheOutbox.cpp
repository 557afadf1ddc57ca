// The outbox half of CacheDatabase: local mutations, their optimistic effects and their rollback.
//
// A row with local changes keeps the server's version in base_rows; the visible row is always recomputed as
// base + the effects of the entries still queued or sent, in seq order. So a rejection (or a confirmation)
// of one entry never disturbs the others, and a feed update under pending changes keeps them on top.
#include "core/cache/CacheDatabase.h"
#include "core/cache/CacheSchema.h"
#include "core/cache/CacheSqlError.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Keydesk::Core {

namespace {

QString effectName(OutboxEntry::Effect e)
{
    switch (e) {
    case OutboxEntry::Effect::Upsert:
        return QStringLiteral("upsert");
    case OutboxEntry::Effect::Merge:
        return QStringLiteral("merge");
    case OutboxEntry::Effect::Delete:
        return QStringLiteral("delete");
    }
    return QStringLiteral("merge");
}

OutboxEntry::Effect effectFromName(const QString &name)
{
    if (name == QLatin1String("upsert"))
        return OutboxEntry::Effect::Upsert;
    if (name == QLatin1String("delete"))
        return OutboxEntry::Effect::Delete;
    return OutboxEntry::Effect::Merge;
}

QString stateName(OutboxEntry::State s)
{
    switch (s) {
    case OutboxEntry::State::Queued:
        return QStringLiteral("queued");
    case OutboxEntry::State::Sent:
        return QStringLiteral("sent");
    case OutboxEntry::State::Rejected:
        return QStringLiteral("rejected");
    }
    return QStringLiteral("queued");
}

OutboxEntry::State stateFromName(const QString &name)
{
    if (name == QLatin1String("sent"))
        return OutboxEntry::State::Sent;
    if (name == QLatin1String("rejected"))
        return OutboxEntry::State::Rejected;
    return OutboxEntry::State::Queued;
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

const QString kColumns = QStringLiteral(
    "seq, idempotency_key, op, method, path, body, entity, entity_id, effect, effect_data, state, attempts, "
    "next_attempt_at, created_at, error_kind, error_code, error_message, error_field");

OutboxEntry readEntry(const QSqlQuery &q)
{
    OutboxEntry e;
    e.seq = q.value(0).toLongLong();
    e.idempotencyKey = q.value(1).toString();
    e.op = q.value(2).toString();
    e.method = q.value(3).toString().toLatin1();
    e.path = q.value(4).toString();
    if (!q.value(5).isNull())
        e.body = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    e.entity = q.value(6).toString();
    e.entityId = q.value(7).toString();
    e.effect = effectFromName(q.value(8).toString());
    e.effectData = QJsonDocument::fromJson(q.value(9).toString().toUtf8()).object();
    e.state = stateFromName(q.value(10).toString());
    e.attempts = q.value(11).toInt();
    e.nextAttemptAtMs = q.value(12).toLongLong();
    e.createdAtMs = q.value(13).toLongLong();
    e.errorKind = q.value(14).toString();
    e.errorCode = q.value(15).toString();
    e.errorMessage = q.value(16).toString();
    e.errorField = q.value(17).toString();
    return e;
}

Result<QList<OutboxEntry>> select(const QSqlDatabase &db, const QString &where, const QVariantList &bindings = {})
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM outbox %2 ORDER BY seq").arg(kColumns, where));
    for (const QVariant &v : bindings)
        q.addBindValue(v);
    if (!q.exec())
        return cacheSqlError(QStringLiteral("read the outbox"), q.lastError());
    QList<OutboxEntry> out;
    while (q.next())
        out.append(readEntry(q));
    return out;
}

} // namespace

Result<void> CacheDatabase::recordBase(const QString &entity, const QString &id)
{
    // The first change to a row records the server's version under it (kept if one is there already).
    return exec(
        QStringLiteral("INSERT OR IGNORE INTO base_rows(entity, id, revision, data) SELECT ?, ?, "
                       "COALESCE((SELECT revision FROM %1 WHERE id = ?), 0), (SELECT data FROM %1 WHERE id = ?)")
            .arg(entity),
        { entity, id, id, id });
}

Result<void> CacheDatabase::insertOutbox(const OutboxEntry &e, qint64 *seq)
{
    if (auto r = recordBase(e.entity, e.entityId); !r)
        return r;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("INSERT INTO outbox(idempotency_key, op, method, path, body, entity, entity_id, effect, "
                             "effect_data, state, attempts, next_attempt_at, created_at, error_kind, error_code, "
                             "error_message, error_field) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v :
         QVariantList { e.idempotencyKey, e.op, QString::fromLatin1(e.method), e.path,
                        e.body ? QVariant(compact(*e.body)) : QVariant(), e.entity, e.entityId, effectName(e.effect),
                        compact(e.effectData), stateName(e.state), e.attempts, e.nextAttemptAtMs, e.createdAtMs,
                        e.errorKind, e.errorCode, e.errorMessage, e.errorField })
        q.addBindValue(v);
    if (!q.exec())
        return cacheSqlError(QStringLiteral("write to the outbox"), q.lastError());
    *seq = q.lastInsertId().toLongLong();
    return {};
}

Result<qint64> CacheDatabase::enqueue(OutboxEntry entry, qint64 nowMs)
{
    if (!CacheSchema::findEntity(entry.entity))
        return Error::make(QStringLiteral("cache_entity"),
                           QObject::tr("Cannot queue a change to \"%1\": the cache does not hold that kind of "
                                       "object.")
                               .arg(entry.entity),
                           QStringLiteral("entity"));
    if (entry.entityId.isEmpty() || entry.path.isEmpty())
        return Error::make(QStringLiteral("cache_outbox"),
                           QObject::tr("A queued change needs an object id and a path."));
    if (entry.idempotencyKey.isEmpty())
        entry.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.state = OutboxEntry::State::Queued;
    entry.createdAtMs = nowMs;
    entry.attempts = 0;
    entry.nextAttemptAtMs = 0;
    if (auto b = begin(); !b)
        return b.error();
    qint64 seq = 0;
    if (auto r = insertOutbox(entry, &seq); !r) {
        rollback();
        return r.error();
    }
    if (auto r = recompute(entry.entity, entry.entityId); !r) {
        rollback();
        return r.error();
    }
    if (auto c = commit(); !c) {
        rollback();
        return c.error();
    }
    return seq;
}

Result<void> CacheDatabase::recompute(const QString &entity, const QString &id)
{
    QSqlQuery base(connection());
    base.prepare(QStringLiteral("SELECT revision, data FROM base_rows WHERE entity = ? AND id = ?"));
    base.addBindValue(entity);
    base.addBindValue(id);
    if (!base.exec())
        return cacheSqlError(QStringLiteral("read base rows"), base.lastError());
    if (!base.next())
        return {}; // no local change on this row
    const qint64 revision = base.value(0).toLongLong();
    std::optional<QJsonObject> data;
    if (!base.value(1).isNull())
        data = QJsonDocument::fromJson(base.value(1).toString().toUtf8()).object();
    base.finish();

    auto pending = select(connection(),
                          QStringLiteral("WHERE entity = ? AND entity_id = ? AND state IN ('queued', "
                                         "'sent')"),
                          { entity, id });
    if (!pending)
        return pending.error();
    QString lastOp;
    for (const OutboxEntry &e : *pending) {
        lastOp = e.op;
        switch (e.effect) {
        case OutboxEntry::Effect::Upsert:
            data = e.effectData;
            break;
        case OutboxEntry::Effect::Merge:
            if (data) {
                for (auto it = e.effectData.constBegin(); it != e.effectData.constEnd(); ++it)
                    data->insert(it.key(), it.value());
            }
            break;
        case OutboxEntry::Effect::Delete:
            data.reset();
            break;
        }
    }
    const int count = int(pending->size());
    if (auto r = writeRow(entity, id, revision, data, count, lastOp); !r)
        return r;
    if (count == 0)
        return exec(QStringLiteral("DELETE FROM base_rows WHERE entity = ? AND id = ?"), { entity, id });
    return {};
}

Result<QList<OutboxEntry>> CacheDatabase::queued() const
{
    return select(connection(), QStringLiteral("WHERE state = 'queued'"));
}

Result<QList<OutboxEntry>> CacheDatabase::rejected() const
{
    return select(connection(), QStringLiteral("WHERE state = 'rejected'"));
}

Result<QList<OutboxEntry>> CacheDatabase::allOutbox() const
{
    return select(connection(), QString());
}

Result<QList<qint64>> CacheDatabase::sentSeqs() const
{
    auto sent = select(connection(), QStringLiteral("WHERE state = 'sent'"));
    if (!sent)
        return sent.error();
    QList<qint64> out;
    for (const OutboxEntry &e : *sent)
        out.append(e.seq);
    return out;
}

Result<void> CacheDatabase::markSent(qint64 seq, qint64 nowMs)
{
    return exec(QStringLiteral("UPDATE outbox SET state = 'sent', sent_at = ?, error_kind = NULL, error_code = NULL, "
                               "error_message = NULL, error_field = NULL WHERE seq = ? AND state = 'queued'"),
                { nowMs, seq });
}

Result<void> CacheDatabase::markRetry(qint64 seq, int attempts, qint64 nextAttemptAtMs, const ApiError &error)
{
    return exec(
        QStringLiteral("UPDATE outbox SET attempts = ?, next_attempt_at = ?, error_kind = ?, error_code = ?, "
                       "error_message = ?, error_field = ? WHERE seq = ? AND state = 'queued'"),
        { attempts, nextAttemptAtMs, ApiError::kindName(error.kind), error.code, error.message, error.field, seq });
}

Result<QStringList> CacheDatabase::reject(qint64 seq, const ApiError &error)
{
    auto entry = select(connection(), QStringLiteral("WHERE seq = ?"), { seq });
    if (!entry)
        return entry.error();
    if (entry->isEmpty())
        return Error::make(QStringLiteral("not_found"), QObject::tr("No queued change %1.").arg(seq));
    const OutboxEntry &e = entry->first();
    if (auto b = begin(); !b)
        return b.error();
    if (auto r = exec(QStringLiteral("UPDATE outbox SET state = 'rejected', error_kind = ?, error_code = ?, "
                                     "error_message = ?, error_field = ? WHERE seq = ?"),
                      { ApiError::kindName(error.kind), error.code, error.message, error.field, seq });
        !r) {
        rollback();
        return r.error();
    }
    if (auto r = recompute(e.entity, e.entityId); !r) {
        rollback();
        return r.error();
    }
    if (auto c = commit(); !c) {
        rollback();
        return c.error();
    }
    return QStringList { e.entity, e.entityId };
}

Result<QHash<QString, QStringList>> CacheDatabase::confirm(const QList<qint64> &seqs)
{
    QHash<QString, QStringList> changed;
    if (seqs.isEmpty())
        return changed;
    if (auto b = begin(); !b)
        return b.error();
    for (qint64 seq : seqs) {
        auto entry = select(connection(), QStringLiteral("WHERE seq = ? AND state = 'sent'"), { seq });
        if (!entry) {
            rollback();
            return entry.error();
        }
        if (entry->isEmpty())
            continue;
        const OutboxEntry &e = entry->first();
        if (auto r = exec(QStringLiteral("DELETE FROM outbox WHERE seq = ?"), { seq }); !r) {
            rollback();
            return r.error();
        }
        if (auto r = recompute(e.entity, e.entityId); !r) {
            rollback();
            return r.error();
        }
        changed[e.entity].append(e.entityId);
    }
    if (auto c = commit(); !c) {
        rollback();
        return c.error();
    }
    return changed;
}

Result<void> CacheDatabase::dismiss(qint64 seq)
{
    return exec(QStringLiteral("DELETE FROM outbox WHERE seq = ? AND state = 'rejected'"), { seq });
}

QList<OutboxEntry> CacheDatabase::salvageOutbox(const QString &path)
{
    QList<OutboxEntry> out;
    const QString name = QStringLiteral("keydesk-cache-salvage-%1").arg(quintptr(&out));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            // Row by row: a damaged page ends the scan, and what came before it is kept.
            if (q.exec(QStringLiteral("SELECT %1 FROM outbox ORDER BY seq").arg(kColumns))) {
                while (q.next())
                    out.append(readEntry(q));
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

} // namespace Keydesk::Core

namespace Keydesk::Core {

namespace {

QString replaced(QString text, const QString &from, const QString &to)
{
    return text.replace(from, to);
}

const QString kNamesLocalId = QStringLiteral(
    "WHERE state = 'queued' AND (entity_id = ? OR instr(path, ?) > 0 OR instr(coalesce(body, ''), ?) > 0 OR "
    "instr(coalesce(effect_data, ''), ?) > 0)");

} // namespace

Result<QHash<QString, QStringList>> CacheDatabase::remapLocalId(const QString &localId, const QString &serverId)
{
    QHash<QString, QStringList> changed;
    if (localId.isEmpty() || serverId.isEmpty() || localId == serverId)
        return changed;
    if (auto b = begin(); !b)
        return b.error();
    auto fail = [this](const Error &e) {
        rollback();
        return e;
    };
    auto entries = select(connection(), kNamesLocalId, { localId, localId, localId, localId });
    if (!entries)
        return fail(entries.error());
    QList<QPair<QString, QString>> touched;
    for (const OutboxEntry &e : *entries) {
        // Local ids are "local-<uuid>": a whole token that cannot occur by chance in JSON text or a path.
        const QString entityId = e.entityId == localId ? serverId : e.entityId;
        if (auto r = exec(QStringLiteral("UPDATE outbox SET path = ?, body = ?, effect_data = ?, entity_id = ? WHERE "
                                         "seq = ?"),
                          { replaced(e.path, localId, serverId),
                            e.body ? QVariant(replaced(compact(*e.body), localId, serverId)) : QVariant(),
                            replaced(compact(e.effectData), localId, serverId), entityId, e.seq });
            !r)
            return fail(r.error());
        if (entityId != e.entityId) {
            // The entry now changes the server's row: record that row's version under it, as enqueue does.
            if (auto r = recordBase(e.entity, entityId); !r)
                return fail(r.error());
            touched.append({ e.entity, e.entityId });
        }
        touched.append({ e.entity, entityId });
    }
    for (const auto &[entity, id] : touched) {
        if (auto r = recompute(entity, id); !r)
            return fail(r.error());
        if (!changed[entity].contains(id))
            changed[entity].append(id);
    }
    if (auto c = commit(); !c)
        return fail(c.error());
    return changed;
}

Result<QList<OutboxEntry>> CacheDatabase::rejectDependents(const QString &localId, const ApiError &cause)
{
    auto entries = select(connection(), kNamesLocalId, { localId, localId, localId, localId });
    if (!entries)
        return entries.error();
    QList<OutboxEntry> refused;
    for (OutboxEntry e : *entries) {
        ApiError error = cause;
        error.message = QObject::tr("Not sent: it needed a change the server refused (%1)").arg(cause.message);
        if (auto r = reject(e.seq, error); !r)
            return r.error();
        e.state = OutboxEntry::State::Rejected;
        e.errorMessage = error.message;
        e.errorField = error.field;
        refused.append(e);
    }
    return refused;
}

} // namespace Keydesk::Core
