#pragma once

#include "ui/views/ViewContext.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTableView;

namespace Keydesk::Core {
class UsersModel;
}

namespace Keydesk::Ui {

class ExplainAccessDialog;
class FacilityDirectory;
class RevokeFlow;
class UserDetailsPanel;

/// Tenants, shared users and contractors with the manager's "Offline Key Expiration" column (Expired,
/// highlighted; Never issued; or the expiry in the facility's zone) and its quick filter "Expired offline
/// keys"; a details panel for the selected user; "Force new security check", "Why can't they get in?" and
/// "Revoke every key of this user". The role hides what it may not do.
class UsersView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersView)

public:
    UsersView(const ViewContext &ctx, QWidget *parent = nullptr);
    ~UsersView() override;

    /// For the main window's menus (only those the role may use).
    QList<QAction *> actions() const;

    Core::UsersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    UserDetailsPanel *details() const { return m_details; }
    /// The session's directory (the context's, or this view's own when the context had none).
    FacilityDirectory *directory() const { return m_directory; }
    RevokeFlow *revokeFlow() const { return m_revoke; }
    /// The "Why can't they get in?" dialog while it is open.
    ExplainAccessDialog *explainDialog() const { return m_explainDialog; }
    /// Selects the user's row (clearing filters that hide it is the caller's business); false when not shown.
    bool selectUser(const QString &userId);
    QString selectedUserId() const;

public Q_SLOTS:
    void setSearchText(const QString &text);
    void setExpiredOfflineFilter(bool on);
    void forceSecurityCheck();
    void explainAccess();
    void revokeAllKeys();

private:
    void applyFilters();
    void updateActions();
    void showMessage(const QString &text, bool error);

    ViewContext m_ctx;
    Core::UsersModel *m_model = nullptr;
    FacilityDirectory *m_directory = nullptr;
    RevokeFlow *m_revoke = nullptr;
    UserDetailsPanel *m_details = nullptr;
    QPointer<ExplainAccessDialog> m_explainDialog;
    QTableView *m_table = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
    QAction *m_expiredAction = nullptr;
    QAction *m_forceCheckAction = nullptr;
    QAction *m_explainAction = nullptr;
    QAction *m_revokeAction = nullptr;
};

} // namespace Keydesk::Ui
