#include "ui/views/keys/RevokeFlow.h"

#include "core/cache/CacheStore.h"
#include "core/sync/Mutations.h"
#include "core/sync/SyncEngine.h"
#include "ui/dialogs/RevokeDialog.h"
#include "ui/views/CacheRead.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/keys/KeyRowJson.h"

#include <QCoroTask>

#include <utility>

namespace Keydesk::Ui {

RevokeFlow::RevokeFlow(const ViewContext &ctx, const FacilityDirectory &directory, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_ctx(ctx)
    , m_directory(directory)
    , m_parent(dialogParent)
{ }

void RevokeFlow::revokeKeys(const QStringList &keyIds)
{
    if (keyIds.isEmpty())
        return;
    RevokeScope scope;
    scope.kind = keyIds.size() == 1 ? RevokeScope::Kind::OneKey : RevokeScope::Kind::SelectedKeys;
    gather(scope, keyIds, {}, {});
}

void RevokeFlow::revokeAllOfUser(const QString &userId)
{
    RevokeScope scope { RevokeScope::Kind::AllOfUser, m_directory.userName(userId) };
    gather(scope, {}, userId, {});
}

void RevokeFlow::revokeAllOnLock(const QString &lockId)
{
    RevokeScope scope { RevokeScope::Kind::AllOnLock, m_directory.lockName(lockId) };
    gather(scope, {}, {}, lockId);
}

void RevokeFlow::gather(RevokeScope scope, const QStringList &ids, const QString &userId, const QString &lockId)
{
    if (!m_ctx.cache)
        return;
    // The whole scope, not only the rows the keys view's filter shows: "every key of Bob" means every key.
    auto read = [ids, userId, lockId](Core::CacheDatabase &db) -> Core::Result<QList<Core::DigitalKey>> {
        QList<Core::DigitalKey> keys;
        if (!ids.isEmpty()) {
            for (const QString &id : ids) {
                auto row = db.row(QStringLiteral("keys"), id);
                if (!row)
                    return row.error();
                if (*row)
                    keys.append(KeyRowJson::fromFeedRow(id, (*row)->data));
            }
            return keys;
        }
        auto rows = db.rows(QStringLiteral("keys"));
        if (!rows)
            return rows.error();
        for (const Core::CachedRow &row : *rows) {
            const QString field = userId.isEmpty() ? QStringLiteral("lock_id") : QStringLiteral("user_id");
            if (row.data.value(field).toString() == (userId.isEmpty() ? lockId : userId))
                keys.append(KeyRowJson::fromFeedRow(row.id, row.data));
        }
        return keys;
    };
    whenRead(this, m_ctx.cache->run(std::move(read)), [this, scope](Core::Result<QList<Core::DigitalKey>> keys) {
        if (!keys) {
            Q_EMIT failed(keys.error().message);
            return;
        }
        const QDateTime now = m_ctx.clock->now();
        QList<RevokeItem> items;
        for (const Core::DigitalKey &k : *keys)
            items.append({ k.id, k.description, m_directory.lockName(k.lockId), m_directory.userName(k.userId),
                           Core::keyStatus(k, now) });
        if (items.isEmpty()) {
            Q_EMIT failed(tr("There are no keys to revoke."));
            return;
        }
        confirm(scope, items);
    });
}

void RevokeFlow::confirm(const RevokeScope &scope, const QList<RevokeItem> &items)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = new RevokeDialog(scope, items, m_parent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        if (dialog)
            submitAll(dialog->keyIdsToRevoke(), dialog->reason());
    });
    m_dialog->open();
}

void RevokeFlow::submitAll(const QStringList &keyIds, const QString &reason)
{
    if (!m_ctx.sync || keyIds.isEmpty())
        return;
    // Each revocation is its own outbox entry: one the server refuses (already revoked elsewhere) does not hold
    // back the others, and each shows its own state. They are written one after the other, in the order shown.
    const QDateTime now = m_ctx.clock->now();
    for (const QString &id : keyIds)
        m_queue.append(Core::Mutations::revokeKey(id, reason, m_ctx.staffId, now));
    if (!m_submitting)
        submitNext();
}

void RevokeFlow::submitNext()
{
    if (m_queue.isEmpty()) {
        m_submitting = false;
        if (m_queued > 0)
            Q_EMIT submitted(std::exchange(m_queued, 0));
        return;
    }
    m_submitting = true;
    QCoro::connect(m_ctx.sync->submit(m_queue.takeFirst()), this, [this](const Core::Result<qint64> &result) {
        if (result)
            ++m_queued;
        else
            Q_EMIT failed(result.error().message);
        submitNext();
    });
}

} // namespace Keydesk::Ui
