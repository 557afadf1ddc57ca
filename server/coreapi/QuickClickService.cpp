#include "server/coreapi/QuickClickService.h"

#include "core/domain/QuickClick.h"
#include "server/store/Companies.h"

#include <QSqlQuery>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

namespace {

const QString kColumns
    = QStringLiteral("id, lock_id, code, uses, start_uses, pending, revoked, removal_delivered, synced");

QuickClickRecord fromQuery(const QSqlQuery &q)
{
    QuickClickRecord r;
    r.id = q.value(0).toString();
    r.lockId = q.value(1).toString();
    r.code = q.value(2).toString();
    r.uses = q.value(3).toInt();
    r.startUses = q.value(4).toInt();
    r.pending = q.value(5).toBool();
    r.revoked = q.value(6).toBool();
    r.removalDelivered = q.value(7).toBool();
    r.synced = q.value(8).toBool();
    return r;
}

} // namespace

QJsonObject QuickClickRecord::toCoreJson() const
{
    return QJsonObject { { QStringLiteral("code"), code },
                         { QStringLiteral("pending"), pending },
                         { QStringLiteral("revoked"), revoked },
                         { QStringLiteral("uses"), uses },
                         { QStringLiteral("start_uses"), startUses } };
}

QList<QuickClickRecord> QuickClickService::onLock(const QString &lockId) const
{
    QList<QuickClickRecord> list;
    auto r = m_db.exec(QStringLiteral("SELECT %1 FROM quick_clicks WHERE lock_id = ? AND removal_delivered = 0 "
                                      "ORDER BY created_at, rowid")
                           .arg(kColumns),
                       { lockId });
    if (r) {
        while (r.value().next())
            list.append(fromQuery(r.value()));
    }
    return list;
}

Result<QuickClickRecord> QuickClickService::issue(const LockRecord &lock, const QString &rawCode, qint64 rawUses)
{
    auto code = Core::validateQuickClickCode(rawCode);
    if (!code)
        return code.error();
    // Clamp before narrowing so a huge JSON number cannot wrap into the valid range.
    const int uses = rawUses < -1 ? -1 : rawUses > 100000 ? 100000 : int(rawUses);
    if (auto valid = Core::validateQuickClickUses(uses); !valid)
        return valid.error();

    const QList<QuickClickRecord> held = onLock(lock.id);
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    for (const QuickClickRecord &existing : held) {
        if (existing.code != code.value())
            continue;
        if (existing.revoked)
            return Error::make(QStringLiteral("qc_code_pending_removal"),
                               QStringLiteral("Quick click %1 is being removed from lock %2; it can be issued again "
                                              "once an online unlock has synced the removal.")
                                   .arg(existing.code, lock.mac.toString()),
                               QStringLiteral("code"));
        // Issuing an existing code updates its uses; the lock learns the new count at the next online unlock.
        auto r = m_db.exec(QStringLiteral("UPDATE quick_clicks SET uses = ?, start_uses = ?, pending = 1 WHERE id = ?"),
                           { uses, uses, existing.id });
        if (!r)
            return r.error();
        if (auto c = tx.commit(); !c)
            return c.error();
        QuickClickRecord updated = existing;
        updated.uses = updated.startUses = uses;
        updated.pending = true;
        return updated;
    }
    QStringList codes;
    for (const QuickClickRecord &existing : held)
        codes.append(existing.code);
    if (auto valid = Core::validateQuickClickIssue(codes, code.value(), uses); !valid)
        return valid.error();
    QuickClickRecord record;
    record.id = newId();
    record.lockId = lock.id;
    record.code = code.value();
    record.uses = record.startUses = uses;
    record.pending = true;
    auto r = m_db.exec(QStringLiteral("INSERT INTO quick_clicks(id, lock_id, code, uses, start_uses, pending, revoked, "
                                      "removal_delivered, created_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0, ?)"),
                       { record.id, lock.id, record.code, uses, uses, m_clock.now().toMSecsSinceEpoch() });
    if (!r)
        return r.error();
    if (auto c = tx.commit(); !c)
        return c.error();
    return record;
}

Result<QuickClickRecord> QuickClickService::revoke(const LockRecord &lock, const QString &rawCode)
{
    auto code = Core::validateQuickClickCode(rawCode);
    if (!code)
        return code.error();
    const QList<QuickClickRecord> held = onLock(lock.id);
    for (const QuickClickRecord &existing : held) {
        if (existing.code != code.value())
            continue;
        if (existing.revoked)
            return Error::make(
                QStringLiteral("qc_already_revoked"),
                QStringLiteral("Quick click %1 on lock %2 is already revoked.").arg(existing.code, lock.mac.toString()),
                QStringLiteral("code"));
        QuickClickRecord revoked = existing;
        revoked.revoked = true;
        // Never synced: the lock never had it, so there is nothing to remove; the code is free at once.
        const bool neverSynced = !existing.synced;
        auto r = neverSynced
            ? m_db.exec(QStringLiteral("DELETE FROM quick_clicks WHERE id = ?"), { existing.id })
            : m_db.exec(QStringLiteral("UPDATE quick_clicks SET revoked = 1, pending = 0 WHERE id = ?"),
                        { existing.id });
        if (!r)
            return r.error();
        if (neverSynced) {
            revoked.pending = false;
            revoked.removalDelivered = true;
        } else {
            revoked.pending = false;
        }
        return revoked;
    }
    return Error::make(QStringLiteral("qc_not_found"),
                       QStringLiteral("Lock %1 has no quick click %2.").arg(lock.mac.toString(), code.value()),
                       QStringLiteral("code"));
}

QList<QPair<QuickClickRecord, Core::QuickClickChange>> QuickClickService::pendingChanges(const QString &lockId,
                                                                                         int limit) const
{
    QList<QPair<QuickClickRecord, Core::QuickClickChange>> removals;
    QList<QPair<QuickClickRecord, Core::QuickClickChange>> adds;
    const QList<QuickClickRecord> held = onLock(lockId);
    for (const QuickClickRecord &record : held) {
        if (record.revoked)
            removals.append({ record, Core::QuickClickChange::remove(record.code) });
        else if (record.pending)
            adds.append({ record, Core::QuickClickChange::add(record.code, record.uses) });
    }
    // Removals first: they free room on a full lock for the adds.
    QList<QPair<QuickClickRecord, Core::QuickClickChange>> changes = removals + adds;
    if (changes.size() > limit)
        changes.resize(limit);
    return changes;
}

bool QuickClickService::hasPending(const QString &lockId) const
{
    auto r = m_db.scalar(QStringLiteral("SELECT EXISTS(SELECT 1 FROM quick_clicks WHERE lock_id = ? AND "
                                        "removal_delivered = 0 AND (pending = 1 OR revoked = 1))"),
                         { lockId });
    return r && r.value().toBool();
}

Result<void> QuickClickService::markSynced(const QList<QuickClickRecord> &records)
{
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    for (const QuickClickRecord &record : records) {
        auto r = record.revoked
            ? m_db.exec(QStringLiteral("UPDATE quick_clicks SET removal_delivered = 1, synced = 1 WHERE id = ?"),
                        { record.id })
            : m_db.exec(QStringLiteral("UPDATE quick_clicks SET pending = 0, synced = 1 WHERE id = ?"), { record.id });
        if (!r)
            return r.error();
    }
    return tx.commit();
}

Result<void> QuickClickService::countDownUse(const LockRecord &lock, const Core::LockKeys &keys,
                                             const QByteArray &quickClickId)
{
    const QList<QuickClickRecord> held = onLock(lock.id);
    for (const QuickClickRecord &record : held) {
        if (Core::quickClickId(keys, record.code) != quickClickId)
            continue;
        if (record.uses == Core::kUnlimitedUses || record.uses <= 0)
            return {};
        auto r = m_db.exec(QStringLiteral("UPDATE quick_clicks SET uses = uses - 1 WHERE id = ? AND uses > 0"),
                           { record.id });
        if (!r)
            return r.error();
        return {};
    }
    return {};
}

} // namespace Keydesk::Server
