#pragma once

#include "ui/dialogs/KeyDraft.h"
#include "ui/widgets/ChoiceSource.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QRadioButton;

namespace Keydesk::Ui {

class FieldErrorLabel;
class KeyChoices;

/// The key dialog's lock choice: several locks or one lock group. The locks are a checkable list of the ticked
/// ones and at most kShown matches of the filter above it (a facility has 50,000 locks: searched, never listed
/// whole). Says so when there is nothing to choose from. Error label "lockError".
class KeyLockPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyLockPicker)

public:
    static constexpr int kShown = 50;

    /// `choices` must outlive the picker.
    explicit KeyLockPicker(const KeyChoices &choices, QWidget *parent = nullptr);

    /// Ticked lock ids, by name; empty when a group is chosen.
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
    /// The ticked locks, then the filter's matches.
    void applyFilter(const QString &text);
    void onItemChanged(QListWidgetItem *item);
    void tick(const Choice &lock);
    void updateMode();

    const KeyChoices &m_choices;
    QList<LockGroupChoice> m_groups;
    QList<Choice> m_ticked; ///< by name
    QRadioButton *m_locksMode = nullptr;
    QRadioButton *m_groupMode = nullptr;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QComboBox *m_group = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_more = nullptr; ///< "Type to find the others" when the list shows only some
    FieldErrorLabel *m_error = nullptr;
};

} // namespace Keydesk::Ui
