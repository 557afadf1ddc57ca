#pragma once

#include "ui/dialogs/KeyDraft.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QRadioButton;

namespace Keydesk::Ui {

class FieldErrorLabel;

/// The key dialog's lock choice: several locks (checkable list with a filter) or one lock group. Says so
/// when there is nothing to choose from. Error label "lockError".
class KeyLockPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyLockPicker)

public:
    KeyLockPicker(const QList<LockChoice> &locks, const QList<LockGroupChoice> &groups, QWidget *parent = nullptr);

    /// Ticked lock ids, in list order; empty when a group is chosen.
    QStringList selectedLockIds() const;
    /// The chosen group id; empty when locks are chosen.
    QString selectedGroupId() const;
    /// For the preview: "B-104 and B-105", "every lock in Floor 1"; empty when nothing is chosen.
    QString targetText() const;

    /// Ticks the lock, or chooses the group, with this id. An id in neither list (a lock no longer offered)
    /// is added as a lock named by its id, so editing never silently moves a key to another lock.
    void select(const QString &id);
    /// Editing an existing key: it stays on one lock, so groups are not offered.
    void setGroupsAllowed(bool allowed);

    void setError(const QString &message);
    /// Where the form label's mnemonic sends the focus: the first choice (a picker is not focusable itself,
    /// and a focus proxy would take its children out of the tab order).
    QWidget *buddy() const;

Q_SIGNALS:
    void changed();

private:
    void applyFilter(const QString &text);
    void updateMode();

    QList<LockGroupChoice> m_groups;
    QRadioButton *m_locksMode = nullptr;
    QRadioButton *m_groupMode = nullptr;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QComboBox *m_group = nullptr;
    QLabel *m_empty = nullptr;
    FieldErrorLabel *m_error = nullptr;
};

} // namespace Keydesk::Ui
