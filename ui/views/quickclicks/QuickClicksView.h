#pragma once

#include "ui/views/ViewContext.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace Keydesk::Core {
class LocksModel;
class QuickClicksModel;
struct OutboxEntry;
} // namespace Keydesk::Core

namespace Keydesk::Ui {

class QuickClicksTableModel;

/// Quick-click codes per lock: code, state (pending until the next online unlock reaches the lock), uses left
/// and start uses; issue (IssueQuickClickDialog) and revoke through the sync engine; "37 of 100 codes".
class QuickClicksView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickClicksView)

public:
    QuickClicksView(const ViewContext &context, QWidget *parent = nullptr);
    ~QuickClicksView() override;

    /// Shows the codes of this lock (when the locks are loaded).
    void setLock(const QString &lockId);
    QString currentLockId() const;
    /// Codes the lock holds, or whose removal has not reached it yet (what counts against the limit).
    QStringList heldCodes() const;

    /// Opens the issue dialog (a non-modal child named "issueQuickClickDialog").
    void issue();
    /// Asks to revoke the selected code (a non-modal child message box named "revokeQuickClickConfirm").
    void revokeSelected();

public Q_SLOTS:
    void setSearchText(const QString &text);

Q_SIGNALS:
    void submitted(const QString &op);
    void submitFailed(const QString &message);

private:
    void lockChanged();
    void updateState();
    void submit(Core::OutboxEntry entry);

    ViewContext m_context;
    Core::LocksModel *m_locks = nullptr;
    Core::QuickClicksModel *m_codes = nullptr;
    QuickClicksTableModel *m_table = nullptr;
    QComboBox *m_lock = nullptr;
    QLabel *m_limit = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_issue = nullptr;
    QPushButton *m_revoke = nullptr;
    QString m_wantedLock;
};

} // namespace Keydesk::Ui
