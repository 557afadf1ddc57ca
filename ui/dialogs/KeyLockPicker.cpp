#include "ui/dialogs/KeyLockPicker.h"

#include "ui/dialogs/DialogText.h"
#include "ui/dialogs/KeyChoices.h"
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

KeyLockPicker::KeyLockPicker(const KeyChoices &choices, QWidget *parent)
    : QWidget(parent)
    , m_choices(choices)
    , m_groups(choices.lockGroups())
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

    const int lockCount = m_choices.locks()->count();
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
    // Five to nine rows: a long list scrolls, a short one does not leave a white field.
    const int rowHeight = m_list->fontMetrics().height() + 2;
    const int rows = std::clamp(std::min(lockCount, int(kShown)), 5, 9);
    m_list->setMinimumHeight(rowHeight * 5 + 2 * m_list->frameWidth());
    m_list->setMaximumHeight(rowHeight * rows + 2 * m_list->frameWidth() + 4);
    layout->addWidget(m_list);
    m_more = new QLabel(this);
    m_more->setObjectName(QStringLiteral("lockMore"));
    m_more->setWordWrap(true);
    m_more->hide();
    layout->addWidget(m_more);

    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("lockGroup"));
    m_group->setAccessibleName(tr("Lock group"));
    for (const LockGroupChoice &group : std::as_const(m_groups))
        m_group->addItem(group.name.isEmpty() ? group.id : group.name, group.id);
    layout->addWidget(m_group);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("lockEmpty"));
    m_empty->setWordWrap(true);
    if (lockCount == 0 && m_groups.isEmpty()) {
        m_empty->setText(tr("There are no locks to choose from yet. Register a lock in the Locks view first, then "
                            "create the key."));
    } else if (lockCount == 0) {
        m_empty->setText(tr("There are no single locks to choose from; choose a lock group."));
    }
    m_empty->setVisible(!m_empty->text().isEmpty());
    layout->addWidget(m_empty);

    m_error = new FieldErrorLabel(QStringLiteral("lockError"), this);
    layout->addWidget(m_error);
    layout->addStretch(1); // spare height goes below, not between the radio buttons and the list

    m_groupMode->setEnabled(!m_groups.isEmpty());
    if (lockCount == 0 && !m_groups.isEmpty())
        m_groupMode->setChecked(true);

    applyFilter(QString());
    connect(m_filter, &QLineEdit::textChanged, this, &KeyLockPicker::applyFilter);
    connect(m_list, &QListWidget::itemChanged, this, &KeyLockPicker::onItemChanged);
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
    for (const Choice &lock : m_ticked)
        ids.append(lock.id);
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
    for (const Choice &lock : m_ticked)
        names.append(lock.name);
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
    const std::optional<Choice> lock = m_choices.locks()->choice(id);
    tick(lock ? *lock : Choice { id, id, {} }); // gone from the list: named by its id
    applyFilter(m_filter->text());
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

void KeyLockPicker::tick(const Choice &lock)
{
    if (std::any_of(m_ticked.cbegin(), m_ticked.cend(), [&lock](const Choice &c) { return c.id == lock.id; }))
        return;
    const auto at = std::partition_point(m_ticked.begin(), m_ticked.end(), [&lock](const Choice &c) {
        return QString::localeAwareCompare(c.name, lock.name) <= 0;
    });
    m_ticked.insert(at, lock);
}

void KeyLockPicker::onItemChanged(QListWidgetItem *item)
{
    const QString id = item->data(kIdRole).toString();
    if (item->checkState() == Qt::Checked)
        tick({ id, item->text(), {} });
    else
        m_ticked.removeIf([&id](const Choice &c) { return c.id == id; });
    Q_EMIT changed();
}

void KeyLockPicker::applyFilter(const QString &text)
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    auto add = [this](const Choice &lock, bool ticked) {
        auto *item = new QListWidgetItem(lock.name, m_list);
        item->setData(kIdRole, lock.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked ? Qt::Checked : Qt::Unchecked);
        if (ticked && !m_choices.locks()->choice(lock.id))
            item->setToolTip(tr("This lock is not in the list of locks any more."));
    };
    // Ticked locks stay listed (first) so the filter never hides part of what the key will open.
    for (const Choice &lock : std::as_const(m_ticked))
        add(lock, true);
    const QList<Choice> found = m_choices.locks()->search(text, kShown + int(m_ticked.size()));
    int shown = 0;
    for (const Choice &lock : found) {
        if (shown == kShown)
            break;
        if (std::any_of(m_ticked.cbegin(), m_ticked.cend(), [&lock](const Choice &c) { return c.id == lock.id; }))
            continue;
        add(lock, false);
        ++shown;
    }
    const bool cut = found.size() >= kShown + m_ticked.size();
    m_more->setText(
        cut ? tr("Only the first %n locks are listed: type more of a name to find the others.", nullptr, int(kShown))
            : QString());
    m_more->setVisible(cut && m_locksMode->isChecked());
}

void KeyLockPicker::updateMode()
{
    const bool locks = m_locksMode->isChecked();
    const bool any = m_list->count() > 0 || !m_filter->text().isEmpty();
    m_filter->setVisible(locks && any);
    m_list->setVisible(locks && any);
    m_more->setVisible(locks && any && !m_more->text().isEmpty());
    m_group->setVisible(!locks);
    // Explains the empty list only where it applies.
    m_empty->setVisible(!m_empty->text().isEmpty() && (locks || m_groups.isEmpty()) && !any);
}

} // namespace Keydesk::Ui
