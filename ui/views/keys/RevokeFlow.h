#pragma once

#include "core/cache/CacheDatabase.h"
#include "ui/dialogs/RevokeDialog.h"
#include "ui/dialogs/RevokeText.h"
#include "ui/views/ViewContext.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

namespace Keydesk::Ui {

class FacilityDirectory;

/// The front desk's revocation: gathers the keys of the scope (one key, a selection, every key of a user,
/// every key on a lock) from the cache, confirms with RevokeDialog (what stops working, a reason), then submits
/// one Mutations::revokeKey per key to the sync engine. Offline, the revocations queue and show as "not yet
/// effective" until the server confirms them.
class RevokeFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevokeFlow)

public:
    /// The dialog opens window-modal over `dialogParent`.
    RevokeFlow(const ViewContext &ctx, const FacilityDirectory &directory, QWidget *dialogParent);

    /// One key (one id) or the selected keys.
    void revokeKeys(const QStringList &keyIds);
    void revokeAllOfUser(const QString &userId);
    void revokeAllOnLock(const QString &lockId);

    /// The confirmation currently open, if any (tests drive it).
    RevokeDialog *dialog() const { return m_dialog; }

Q_SIGNALS:
    /// The revocations were written to the outbox (queued; the sync engine sends them).
    void submitted(int count);
    /// Something went wrong before anything was queued.
    void failed(const QString &message);

private:
    struct Gathered
    {
        QList<RevokeItem> items;
    };
    void gather(RevokeScope scope, const QStringList &ids, const QString &userId, const QString &lockId);
    void confirm(const RevokeScope &scope, const QList<RevokeItem> &items);
    void submitAll(const QStringList &keyIds, const QString &reason);
    void submitNext();

    ViewContext m_ctx;
    const FacilityDirectory &m_directory;
    QPointer<QWidget> m_parent;
    QPointer<RevokeDialog> m_dialog;
    QList<Core::OutboxEntry> m_queue; ///< confirmed revocations not yet written to the outbox
    bool m_submitting = false;
    int m_queued = 0;
};

} // namespace Keydesk::Ui
