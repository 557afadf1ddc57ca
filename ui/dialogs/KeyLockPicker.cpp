#include "ui/dialogs/KeyLockPicker.h"

#include "ui/dialogs/DialogText.h"
#include "ui/widgets/FieldErrorLabel.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Keydesk::Ui {

namespace {
constexpr int kIdRole = Qt::UserRole;
} // namespace

KeyLockPicker::KeyLockPicker(const QList<LockChoice> &locks, const QList<LockGroupChoice> &groups, QWidget *parent)
    : QWidget(parent)
    , m_groups(groups)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *modes = new QHBoxLayout;
    m_locksMode = new QRadioButton(tr("Loc&ks"), this);
    m_locksMode->setObjectName(QStringLiteral("lockModeLocks"));
    m_groupMode = new QRadioButton(tr("Lock &group"), this);
    m_groupMode->setObjectName(QStringLiteral("lockModeGroup"));
    auto *modeGroup = new QButtonGroup(this);
    modeGroup->addButton(m_locksMode);
    modeGroup->addButton(m_groupMode);
    m_locksMode->setChecked(true);
    modes->addWidget(m_locksMode);
    modes->addWidget(m_groupMode);
    modes->addStretch(1);
    layout->addLayout(modes);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("lockFilter"));
    m_filter->setPlaceholderText(tr("Filter locks"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter locks"));
    layout->addWidget(m_filter);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("locks"));
    m_list->setAccessibleName(tr("Locks the key opens"));
    m_list->setUniformItemSizes(true);
    for (const LockChoice &lock : locks) {
        auto *item = new QListWidgetItem(lock.name.isEmpty() ? lock.id : lock.name, m_list);
        item->setData(kIdRole, lock.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    // Five to nine rows: a long list scrolls, a short one does not leave a white field.
    const int rowHeight = m_list->fontMetrics().height() + 2;
    const int rows = std::clamp(int(locks.size()), 5, 9);
    m_list->setMinimumHeight(rowHeight * 5 + 2 * m_list->frameWidth());
    m_list->setMaximumHeight(rowHeight * rows + 2 * m_list->frameWidth() + 4);
    layout->addWidget(m_list);

    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("lockGroup"));
    m_group->setAccessibleName(tr("Lock group"));
    for (const LockGroupChoice &group : groups)
        m_group->addItem(group.name.isEmpty() ? group.id : group.name, group.id);
    layout->addWidget(m_group);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("lockEmpty"));
    m_empty->setWordWrap(true);
    if (locks.isEmpty() && groups.isEmpty()) {
        m_empty->setText(tr("There are no locks to choose from yet. Register a lock in the Locks view first, then "
                            "create the key."));
    } else if (locks.isEmpty()) {
        m_empty->setText(tr("There are no single locks to choose from; choose a lock group."));
    }
    m_empty->setVisible(!m_empty->text().isEmpty());
    layout->addWidget(m_empty);

    m_error = new FieldErrorLabel(QStringLiteral("lockError"), this);
    layout->addWidget(m_error);
    layout->addStretch(1); // spare height goes below, not between the radio buttons and the list

    m_groupMode->setEnabled(!groups.isEmpty());
    if (locks.isEmpty() && !groups.isEmpty())
        m_groupMode->setChecked(true);

    connect(m_filter, &QLineEdit::textChanged, this, &KeyLockPicker::applyFilter);
    connect(m_list, &QListWidget::itemChanged, this, &KeyLockPicker::changed);
    connect(m_group, &QComboBox::currentIndexChanged, this, &KeyLockPicker::changed);
    connect(m_locksMode, &QRadioButton::toggled, this, [this] {
        updateMode();
        Q_EMIT changed();
    });
    updateMode();
}

QStringList KeyLockPicker::selectedLockIds() const
{
    QStringList ids;
    if (!m_locksMode->isChecked())
        return ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            ids.append(m_list->item(i)->data(kIdRole).toString());
    }
    return ids;
}

QString KeyLockPicker::selectedGroupId() const
{
    return m_groupMode->isChecked() ? m_group->currentData().toString() : QString();
}

QString KeyLockPicker::targetText() const
{
    if (m_groupMode->isChecked()) {
        return m_group->currentIndex() < 0 ? QString() : tr("every lock in group %1").arg(m_group->currentText());
    }
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            names.append(m_list->item(i)->text());
    }
    return DialogText::joinNames(names);
}

void KeyLockPicker::select(const QString &id)
{
    const int groupIndex = m_group->findData(id);
    if (groupIndex >= 0 && m_groupMode->isEnabled()) {
        m_group->setCurrentIndex(groupIndex);
        m_groupMode->setChecked(true);
        return;
    }
    m_locksMode->setChecked(true);
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kIdRole).toString() == id) {
            m_list->item(i)->setCheckState(Qt::Checked);
            m_list->scrollToItem(m_list->item(i));
            return;
        }
    }
    auto *item = new QListWidgetItem(id, m_list);
    item->setData(kIdRole, id);
    item->setToolTip(tr("This lock is not in the list of locks any more."));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
    m_empty->setVisible(false);
    updateMode();
}

void KeyLockPicker::setGroupsAllowed(bool allowed)
{
    if (!allowed && m_groupMode->isChecked())
        m_locksMode->setChecked(true);
    m_groupMode->setEnabled(allowed && !m_groups.isEmpty());
    m_groupMode->setVisible(allowed);
    m_group->setVisible(allowed && m_groupMode->isChecked());
}

QWidget *KeyLockPicker::buddy() const
{
    return m_locksMode;
}

void KeyLockPicker::setError(const QString &message)
{
    m_error->setMessage(message);
}

void KeyLockPicker::applyFilter(const QString &text)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        // Ticked locks stay visible so the filter never hides part of what the key will open.
        const bool match
            = text.isEmpty() || item->text().contains(text, Qt::CaseInsensitive) || item->checkState() == Qt::Checked;
        item->setHidden(!match);
    }
}

void KeyLockPicker::updateMode()
{
    const bool locks = m_locksMode->isChecked();
    const bool any = m_list->count() > 0;
    m_filter->setVisible(locks && any);
    m_list->setVisible(locks && any);
    m_group->setVisible(!locks);
    // Explains the empty list only where it applies.
    m_empty->setVisible(!m_empty->text().isEmpty() && (locks || m_groups.isEmpty()) && !any);
}

} // namespace Keydesk::Ui
