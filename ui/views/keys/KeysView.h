#pragma once

#include "ui/views/ViewContext.h"

#include <QList>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTableView;

namespace Keydesk::Core {
class KeysModel;
}

namespace Keydesk::Ui {

class DirectoryPicker;
class FacilityDirectory;
class KeyEditFlow;
class KeyStatusProxy;
class RevokeFlow;

/// Every digital key of the facility: description, lock, user, role, validity, schedule, and a status badge
/// (ACTIVE / UPCOMING / EXPIRED / REVOKED, in words and colour) that flips by itself at its boundary. Filters by
/// status, lock and user; New (Ctrl+N), Edit and Duplicate through KeyDialog; revocation of one key, the
/// selection, every key of a user or every key on a lock through RevokeDialog, with the state of each
/// revocation (not yet effective / pending delivery to lock). The role hides what it may not do.
class KeysView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeysView)

public:
    KeysView(const ViewContext &ctx, QWidget *parent = nullptr);
    ~KeysView() override;

    /// For the main window's menus: New digital key (Ctrl+N), Edit, Duplicate, Revoke... (only those the role may use).
    QList<QAction *> actions() const;

    Core::KeysModel *model() const { return m_model; }
    /// The model as the table shows it (status column with the revocation state).
    KeyStatusProxy *displayModel() const { return m_proxy; }
    /// The session's directory (the context's, or this view's own when the context had none).
    FacilityDirectory *directory() const { return m_directory; }
    RevokeFlow *revokeFlow() const { return m_revoke; }
    KeyEditFlow *editFlow() const { return m_edit; }
    QTableView *table() const { return m_table; }
    /// Ids of the selected keys, in view order.
    QStringList selectedKeyIds() const;

public Q_SLOTS:
    /// The main window's search field: description, lock or user name contains the text.
    void setSearchText(const QString &text);
    void newKey();
    void editSelected();
    void duplicateSelected();
    void revokeSelected();
    void revokeAllOfSelectedUser();
    void revokeAllOnSelectedLock();

private:
    void buildFilters(QWidget *bar);
    void applyFilters();
    /// "N keys", or that a sort or a filter of a large table is on its way.
    void updateCount();
    void updateActions();
    void showMessage(const QString &text, bool error);
    QString currentId(int role) const;

    ViewContext m_ctx;
    Core::KeysModel *m_model = nullptr;
    FacilityDirectory *m_directory = nullptr;
    KeyStatusProxy *m_proxy = nullptr;
    RevokeFlow *m_revoke = nullptr;
    KeyEditFlow *m_edit = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_statusFilter = nullptr;
    DirectoryPicker *m_lockFilter = nullptr; ///< a lock or a lock group
    DirectoryPicker *m_userFilter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_revokeAction = nullptr;
    QAction *m_revokeUserAction = nullptr;
    QAction *m_revokeLockAction = nullptr;
};

} // namespace Keydesk::Ui
