#pragma once

#include "ui/views/ViewContext.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace Keydesk::Core {
class KeysModel;
class QuickClicksModel;
class ActivityModel;
} // namespace Keydesk::Core

namespace Keydesk::Ui {

class RevokeDialog;

/// One lock in detail: the digital keys on it, its quick-click codes and its activity, and "Revoke every key
/// on this lock" (confirmed in the revoke dialog, then one revokeKey per key through the sync engine).
class LockDetails final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LockDetails)

public:
    LockDetails(const ViewContext &context, QWidget *parent = nullptr);
    ~LockDetails() override;

    /// Shows the lock (an empty id shows nothing).
    void setLock(const QString &lockId, const QString &title);
    QString lockId() const { return m_lockId; }

    /// Opens the revoke dialog for every key on the lock (non-modal; the dialog is a child named
    /// "revokeDialog"). Does nothing without a lock or the RevokeKeys permission.
    void revokeAll();

Q_SIGNALS:
    /// The revocations were queued in the outbox (count keys).
    void revocationsSubmitted(int count);
    /// The outbox refused to store one (the message says why).
    void submitFailed(const QString &message);

private:
    void submitRevocations(const QStringList &keyIds, const QString &reason);
    void submitNextRevocation(int total);

    ViewContext m_context;
    QString m_lockId;
    QLabel *m_title = nullptr;
    QPushButton *m_revokeAll = nullptr;
    QTabWidget *m_tabs = nullptr;
    Core::KeysModel *m_keys = nullptr;
    Core::QuickClicksModel *m_quickClicks = nullptr;
    Core::ActivityModel *m_activity = nullptr;
    int m_submitted = 0;
    QStringList m_pendingRevocations;
    QString m_revocationReason;
};

} // namespace Keydesk::Ui
