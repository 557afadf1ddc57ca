#include "ui/dialogs/KeyDialog.h"

#include "ui/dialogs/KeyChoices.h"
#include "ui/dialogs/KeyLockPicker.h"
#include "ui/dialogs/KeyText.h"
#include "ui/dialogs/KeyUserPicker.h"
#include "ui/widgets/FieldErrorLabel.h"
#include "ui/widgets/ValidityEditor.h"
#include "ui/widgets/WindowsEditor.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollArea>
#include <QStyle>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {

// Field names as Core::validateKey() reports them (Error::field), plus the dialog's own.
const QString kLock = QStringLiteral("lock");
const QString kUser = QStringLiteral("user");
const QString kValidFrom = QStringLiteral("valid_from");
const QString kValidTo = QStringLiteral("valid_to");
const QString kWindows = QStringLiteral("windows");
const QString kUsedAt = QStringLiteral("used_at");
const QString kNewUser = QStringLiteral("new_user");
const QString kNotify = QStringLiteral("notify");

QString newKeyId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A key starting "now" would already be ACTIVE while the admin is still typing; the next full hour reads
// better and is what people usually mean.
QDateTime nextFullHour(const Core::FacilityZone &zone, const QDateTime &now)
{
    const QDateTime local = zone.toLocal(now);
    const QDate date = local.time().hour() == 23 ? local.date().addDays(1) : local.date();
    const QTime time = QTime((local.time().hour() + 1) % 24, 0);
    return zone.toUtc(date, time);
}

} // namespace

KeyDialog::KeyDialog(KeyDialogContext context, const Core::Clock &clock, Mode mode, const Core::DigitalKey &source,
                     QWidget *parent)
    : QDialog(parent)
    , m_context(std::move(context))
    , m_clock(clock)
    , m_mode(mode)
    , m_source(source)
{
    if (!m_context.choices)
        m_context.choices = std::make_shared<ListKeyChoices>(m_context.locks, m_context.lockGroups, m_context.users);
    setObjectName(QStringLiteral("keyDialog"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/newkey.svg")));
    switch (m_mode) {
    case Mode::New:
        setWindowTitle(tr("New digital key"));
        break;
    case Mode::Edit:
        setWindowTitle(tr("Edit digital key \u2014 %1").arg(source.displayName()));
        break;
    case Mode::Duplicate:
        setWindowTitle(tr("Duplicate digital key"));
        break;
    }
    buildUi();

    if (m_mode == Mode::New) {
        const QDateTime start = nextFullHour(m_context.zone, m_clock.now());
        m_validity->setRange(start, start.addDays(7));
    } else {
        prefill(source);
    }

    // The status in the preview depends on "now": an UPCOMING key becomes ACTIVE while the dialog is open.
    m_tick = new QTimer(this);
    m_tick->setInterval(30 * 1000);
    connect(m_tick, &QTimer::timeout, this, &KeyDialog::refresh);
    m_tick->start();
    connect(m_clock.notifier(), &Core::ClockNotifier::jumped, this, &KeyDialog::refresh);

    refresh();
    fitToContent();
    m_description->setFocus();
}

KeyDialog::~KeyDialog() = default;

void KeyDialog::fitToContent()
{
    // A scroll area asks for little room; size the dialog for all of its fields (with the error labels shown
    // now), within the screen.
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    QWidget *content = m_scroll->widget();
    int others = 0;
    for (int i = 1; i < layout->count(); ++i)
        others += layout->itemAt(i)->sizeHint().height() + layout->spacing();
    const QMargins margins = layout->contentsMargins();
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    QSize want(content->sizeHint().width() + scrollBar + margins.left() + margins.right(),
               content->sizeHint().height() + others + margins.top() + margins.bottom());
    if (const QScreen *current = screen())
        want = want.boundedTo(current->availableGeometry().size() * 0.95);
    resize(want);
}

void KeyDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    // The fields scroll when the screen is too small for them (200 % scaling on a small laptop); the preview
    // and the buttons stay in view.
    auto *content = new QWidget(this);
    auto *columns = new QHBoxLayout(content);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->addWidget(buildWhoColumn(), 1);
    columns->addWidget(buildWhenColumn(), 1);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("fields"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::NoFocus); // not a stop of its own in the tab order
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(content);
    layout->addWidget(m_scroll, 1);

    auto *previewFrame = new QFrame(this);
    previewFrame->setFrameShape(QFrame::StyledPanel);
    auto *previewLayout = new QHBoxLayout(previewFrame);
    m_preview = new QLabel(previewFrame);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setAccessibleName(tr("Preview"));
    QFont bold = m_preview->font();
    bold.setBold(true);
    m_preview->setFont(bold);
    previewLayout->addWidget(m_preview);
    layout->addWidget(previewFrame);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_submit = buttons->button(QDialogButtonBox::Ok);
    m_submit->setObjectName(QStringLiteral("submit"));
    switch (m_mode) {
    case Mode::New:
        m_submit->setText(tr("&Create key"));
        break;
    case Mode::Edit:
        m_submit->setText(tr("&Save changes"));
        break;
    case Mode::Duplicate:
        m_submit->setText(tr("&Create copy"));
        break;
    }
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        // Enter can reach accept() through a default button even while it is disabled on some styles.
        if (m_valid)
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QWidget *KeyDialog::buildWhoColumn()
{
    auto *box = new QGroupBox(tr("Key"), this);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_description = new QLineEdit(box);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setPlaceholderText(tr("e.g. Plumber, kitchen refit"));
    m_description->setMaxLength(200);
    form->addRow(tr("&Description:"), m_description);

    m_locks = new KeyLockPicker(*m_context.choices, box);
    auto *opensLabel = new QLabel(tr("&Opens:"), box);
    opensLabel->setBuddy(m_locks->buddy());
    form->addRow(opensLabel, m_locks);

    m_user = new KeyUserPicker(*m_context.choices, box);
    auto *userLabel = new QLabel(tr("&User:"), box);
    userLabel->setBuddy(m_user->buddy());
    form->addRow(userLabel, m_user);

    m_role = new QComboBox(box);
    m_role->setObjectName(QStringLiteral("role"));
    m_role->addItem(tr("User \u2014 opens the lock"), int(Core::KeyRole::User));
    m_role->addItem(tr("Admin \u2014 opens and manages the lock"), int(Core::KeyRole::Admin));
    form->addRow(tr("&Role:"), m_role);

    m_notify = new QComboBox(box);
    m_notify->setObjectName(QStringLiteral("notify"));
    m_notify->addItem(tr("Don't notify"), int(NotifyChannel::None));
    m_notify->addItem(tr("By email"), int(NotifyChannel::Email));
    m_notify->addItem(tr("By SMS"), int(NotifyChannel::Sms));
    m_notifyError = new FieldErrorLabel(QStringLiteral("notifyError"), box);
    form->addRow(tr("No&tify user:"), m_notify);
    form->addRow(QString(), m_notifyError);

    connect(m_description, &QLineEdit::textChanged, this, &KeyDialog::refresh);
    connect(m_locks, &KeyLockPicker::changed, this, &KeyDialog::refresh);
    connect(m_user, &KeyUserPicker::changed, this, &KeyDialog::onUserChanged);
    connect(m_role, &QComboBox::currentIndexChanged, this, &KeyDialog::refresh);
    connect(m_notify, &QComboBox::activated, this, [this] { m_notifyTouched = true; });
    connect(m_notify, &QComboBox::currentIndexChanged, this, &KeyDialog::refresh);
    return box;
}

QWidget *KeyDialog::buildWhenColumn()
{
    auto *box = new QGroupBox(tr("When"), this);
    auto *layout = new QVBoxLayout(box);

    m_validity = new ValidityEditor(m_context.zone, box);
    layout->addWidget(m_validity);

    auto *restrictionRow = new QHBoxLayout;
    restrictionRow->addWidget(new QLabel(tr("Access:"), box));
    m_none = new QRadioButton(tr("At any time (&24/7)"), box);
    m_none->setObjectName(QStringLiteral("restrictionNone"));
    m_oneTime = new QRadioButton(tr("One t&ime"), box);
    m_oneTime->setObjectName(QStringLiteral("restrictionOneTime"));
    m_scheduled = new QRadioButton(tr("On a weekly sc&hedule"), box);
    m_scheduled->setObjectName(QStringLiteral("restrictionScheduled"));
    m_restriction = new QButtonGroup(box);
    m_restriction->addButton(m_none, int(Core::Restriction::None));
    m_restriction->addButton(m_oneTime, int(Core::Restriction::OneTime));
    m_restriction->addButton(m_scheduled, int(Core::Restriction::Scheduled));
    m_none->setChecked(true);
    restrictionRow->addWidget(m_none);
    restrictionRow->addWidget(m_oneTime);
    restrictionRow->addWidget(m_scheduled);
    restrictionRow->addStretch(1);
    layout->addLayout(restrictionRow);
    m_restrictionError = new FieldErrorLabel(QStringLiteral("restrictionError"), box);
    layout->addWidget(m_restrictionError);

    m_windows = new WindowsEditor(box);
    m_windows->setObjectName(QStringLiteral("windows"));
    layout->addWidget(m_windows);
    m_windowsError = new FieldErrorLabel(QStringLiteral("windowsError"), box);
    layout->addWidget(m_windowsError);
    m_windowsDstNote = new QLabel(box);
    m_windowsDstNote->setObjectName(QStringLiteral("windowsDstNote"));
    m_windowsDstNote->setWordWrap(true);
    m_windowsDstNote->setVisible(false);
    layout->addWidget(m_windowsDstNote);
    layout->addStretch(1);

    connect(m_validity, &ValidityEditor::changed, this, &KeyDialog::refresh);
    connect(m_windows, &WindowsEditor::windowsChanged, this, &KeyDialog::refresh);
    connect(m_restriction, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (!checked)
            return;
        // Choosing "scheduled" with no window yet starts from the usual working week rather than an error.
        if (id == int(Core::Restriction::Scheduled) && m_windows->rowCount() == 0)
            m_windows->addWindow();
        refresh();
    });
    return box;
}

void KeyDialog::prefill(const Core::DigitalKey &source)
{
    m_description->setText(m_mode == Mode::Duplicate && !source.description.isEmpty()
                               ? tr("Copy of %1").arg(source.description)
                               : source.description);
    const QList<LockGroupChoice> groups = m_context.choices->lockGroups();
    const bool onGroup
        = std::any_of(groups.cbegin(), groups.cend(), [&](const LockGroupChoice &g) { return g.id == source.lockId; });
    // An existing key stays on one lock (or its group); a duplicate may be spread over more locks.
    if (m_mode == Mode::Edit)
        m_locks->setGroupsAllowed(onGroup);
    if (!source.lockId.isEmpty())
        m_locks->select(source.lockId);
    m_user->select(source.userId);
    m_role->setCurrentIndex(m_role->findData(int(source.role)));
    m_validity->setRange(source.validFrom, source.validTo);
    m_windows->setWindows(source.windows);
    m_restriction->button(int(source.restriction))->setChecked(true);
    if (m_mode == Mode::Edit) {
        // The user already has the key; telling them again is a choice, not the default.
        m_notify->setCurrentIndex(m_notify->findData(int(NotifyChannel::None)));
        m_notifyTouched = true;
    }
}

Core::DigitalKey KeyDialog::baseKey() const
{
    Core::DigitalKey key;
    if (m_mode == Mode::Edit) {
        // What the dialog does not edit is kept as it was.
        key = m_source;
    }
    key.description = m_description->text().trimmed();
    key.userId = m_user->selectedUserId();
    key.role = Core::KeyRole(m_role->currentData().toInt());
    key.validFrom = m_validity->validFrom();
    key.validTo = m_validity->validTo();
    key.restriction = Core::Restriction(m_restriction->checkedId());
    key.windows = key.restriction == Core::Restriction::Scheduled ? m_windows->windows() : QList<Core::AccessWindow>();
    if (m_mode == Mode::Edit && key.restriction != Core::Restriction::OneTime)
        key.usedAt = {}; // only one-time keys are ever "used"
    return key;
}

QString KeyDialog::keyIdFor(const QString &lockId) const
{
    if (m_mode == Mode::Edit)
        return m_source.id;
    // Stable while the dialog lives, so asking twice gives the same draft (and the same idempotent request).
    auto it = m_newIds.find(lockId);
    if (it == m_newIds.end())
        it = m_newIds.insert(lockId, newKeyId());
    return it.value();
}

KeyDraft KeyDialog::draft() const
{
    KeyDraft draft;
    draft.newUser = m_user->newUser();
    draft.notify = NotifyChannel(m_notify->currentData().toInt());
    const Core::DigitalKey base = baseKey();
    const QString groupId = m_locks->selectedGroupId();
    if (!groupId.isEmpty()) {
        draft.lockGroupId = groupId;
        Core::DigitalKey key = base;
        key.lockId = groupId;
        key.id = keyIdFor(groupId);
        draft.keys.append(key);
        return draft;
    }
    for (const QString &lockId : m_locks->selectedLockIds()) {
        Core::DigitalKey key = base;
        key.lockId = lockId;
        key.id = keyIdFor(lockId);
        draft.keys.append(key);
    }
    return draft;
}

QString KeyDialog::previewText() const
{
    return m_preview->text();
}

void KeyDialog::onUserChanged()
{
    if (!m_notifyTouched) {
        // Reach the user where they can be reached, until the admin picks a channel themselves.
        const NotifyChannel channel = !m_user->email().isEmpty() ? NotifyChannel::Email
            : !m_user->phone().isEmpty()                         ? NotifyChannel::Sms
                                                                 : NotifyChannel::None;
        m_notify->setCurrentIndex(m_notify->findData(int(channel)));
    }
    refresh();
}

QHash<QString, QString> KeyDialog::validate() const
{
    QHash<QString, QString> errors;
    Core::DigitalKey key = baseKey();
    const QStringList lockIds = m_locks->selectedLockIds();
    const QString groupId = m_locks->selectedGroupId();
    key.lockId = groupId.isEmpty() ? lockIds.value(0) : groupId;

    // validateKey() reports the first problem only. To show every field's problem at once, make the reported
    // field valid with a stand-in and ask again; the messages stay the domain's own.
    for (int round = 0; round < 8; ++round) {
        const Core::Result<void> result = Core::validateKey(key);
        if (result)
            break;
        const Core::Error &error = result.error();
        const bool windowsField = error.field.startsWith(kWindows);
        const QString field = windowsField ? kWindows : error.field;
        // Problems of single windows are shown by the windows editor's own status line, next to the rows.
        const bool shownByEditor = windowsField && error.code.startsWith(QLatin1String("window_"));
        errors.insert(field, shownByEditor ? QString() : error.message);
        if (field == kLock)
            key.lockId = QStringLiteral("-");
        else if (field == kUser)
            key.userId = QStringLiteral("-");
        else if (field == kValidFrom)
            key.validFrom = key.validTo.isValid() ? key.validTo.addSecs(-60) : m_clock.now();
        else if (field == kValidTo)
            key.validTo = {};
        else if (field == kUsedAt)
            key.usedAt = {};
        else
            break; // windows are the last rule
    }

    if (m_mode == Mode::Edit && lockIds.size() > 1) {
        errors.insert(kLock,
                      tr("An existing key opens one lock. Keep one lock ticked, or duplicate the key for the "
                         "other locks."));
    }
    const auto channel = NotifyChannel(m_notify->currentData().toInt());
    if (channel == NotifyChannel::Email && m_user->email().isEmpty() && !m_user->selectedUserId().isEmpty()) {
        errors.insert(kNotify, tr("This user has no email address. Notify by SMS, or choose not to notify."));
    } else if (channel == NotifyChannel::Sms && m_user->phone().isEmpty() && !m_user->selectedUserId().isEmpty()) {
        errors.insert(kNotify, tr("This user has no phone number. Notify by email, or choose not to notify."));
    }
    return errors;
}

void KeyDialog::showErrors(const QHash<QString, QString> &errors)
{
    m_locks->setError(errors.value(kLock));
    m_user->setUserError(errors.value(kUser));
    m_validity->setFromError(errors.value(kValidFrom));
    m_validity->setToError(errors.value(kValidTo));
    m_restrictionError->setMessage(errors.value(kUsedAt));
    m_windowsError->setMessage(errors.value(kWindows));
    m_notifyError->setMessage(errors.value(kNotify));
}

void KeyDialog::refresh()
{
    m_windows->setEnabled(m_scheduled->isChecked());
    QHash<QString, QString> errors = validate();
    // The new-user fields have their own labels; their check also covers malformed addresses.
    if (!m_user->validateNewUser())
        errors.insert(kNewUser, QString());
    showErrors(errors);
    m_valid = errors.isEmpty();
    m_submit->setEnabled(m_valid);

    Core::DigitalKey key = baseKey();
    const QString groupId = m_locks->selectedGroupId();
    key.lockId = groupId.isEmpty() ? m_locks->selectedLockIds().value(0) : groupId;
    m_preview->setText(KeyText::preview(key, m_locks->targetText(), m_context.zone, m_clock.now()));
    const QString dst = key.restriction == Core::Restriction::Scheduled
        ? KeyText::windowsDstNote(key.windows, m_context.zone, std::max(key.validFrom, m_clock.now()), key.validTo,
                                  m_clock.now())
        : QString();
    m_windowsDstNote->setText(dst);
    m_windowsDstNote->setVisible(!dst.isEmpty());
}

} // namespace Keydesk::Ui
