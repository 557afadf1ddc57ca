#include "ui/dialogs/KeyUserPicker.h"

#include "ui/dialogs/KeyChoices.h"
#include "ui/widgets/DirectoryPicker.h"
#include "ui/widgets/FieldErrorLabel.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QUuid>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {

bool looksLikeEmail(const QString &text)
{
    // Deliberately loose: one @, something before it, a dot in the domain, no spaces. The server sends the
    // mail and reports what bounces; this only catches typing slips.
    static const QRegularExpression re(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return re.match(text).hasMatch();
}

bool looksLikePhone(const QString &text)
{
    static const QRegularExpression allowed(QStringLiteral("^\\+?[0-9 ()./-]+$"));
    qsizetype digits = 0;
    for (const QChar c : text)
        digits += c.isDigit() ? 1 : 0;
    return allowed.match(text).hasMatch() && digits >= 6 && digits <= 15; // E.164 has at most 15 digits
}

} // namespace

KeyUserPicker::KeyUserPicker(const KeyChoices &choices, QWidget *parent)
    : QWidget(parent)
    , m_choices(choices)
    , m_newUserId(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *modes = new QHBoxLayout;
    m_existingMode = new QRadioButton(tr("E&xisting user"), this);
    m_existingMode->setObjectName(QStringLiteral("userModeExisting"));
    m_newMode = new QRadioButton(tr("Ne&w user"), this);
    m_newMode->setObjectName(QStringLiteral("userModeNew"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_existingMode);
    group->addButton(m_newMode);
    modes->addWidget(m_existingMode);
    modes->addWidget(m_newMode);
    modes->addStretch(1);
    layout->addLayout(modes);

    m_user = new DirectoryPicker(this);
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setAccessibleName(tr("User"));
    //: Placeholder of the key dialog's user field
    m_user->setPlaceholderText(tr("Type a name, e-mail address or phone number"));
    m_user->setSource(choices.users());
    layout->addWidget(m_user);

    m_newBox = new QWidget(this);
    auto *form = new QFormLayout(m_newBox);
    form->setContentsMargins(0, 0, 0, 0);
    m_name = new QLineEdit(m_newBox);
    m_name->setObjectName(QStringLiteral("newUserName"));
    m_email = new QLineEdit(m_newBox);
    m_email->setObjectName(QStringLiteral("newUserEmail"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_phone = new QLineEdit(m_newBox);
    m_phone->setObjectName(QStringLiteral("newUserPhone"));
    m_phone->setPlaceholderText(tr("+49 30 1234567"));
    m_nameError = new FieldErrorLabel(QStringLiteral("newUserNameError"), m_newBox);
    m_contactError = new FieldErrorLabel(QStringLiteral("newUserContactError"), m_newBox);
    form->addRow(tr("&Full name:"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("E&mail:"), m_email);
    form->addRow(tr("&Phone:"), m_phone);
    form->addRow(QString(), m_contactError);
    layout->addWidget(m_newBox);

    m_userError = new FieldErrorLabel(QStringLiteral("userError"), this);
    layout->addWidget(m_userError);

    // With nobody to pick, the only way forward is a new user.
    const bool nobody = choices.users()->isReady() && choices.users()->count() == 0;
    m_existingMode->setEnabled(!nobody);
    (nobody ? m_newMode : m_existingMode)->setChecked(true);

    connect(m_existingMode, &QRadioButton::toggled, this, [this] {
        updateMode();
        Q_EMIT changed();
    });
    connect(m_user, &DirectoryPicker::currentIdChanged, this, &KeyUserPicker::changed);
    for (QLineEdit *edit : { m_name, m_email, m_phone })
        connect(edit, &QLineEdit::textChanged, this, &KeyUserPicker::changed);
    updateMode();
}

bool KeyUserPicker::isNewUser() const
{
    return m_newMode->isChecked();
}

QString KeyUserPicker::selectedUserId() const
{
    if (isNewUser())
        return m_newUserId;
    return m_user->currentId();
}

std::optional<NewUser> KeyUserPicker::newUser() const
{
    if (!isNewUser())
        return std::nullopt;
    return NewUser { m_newUserId, m_name->text().trimmed(), m_email->text().trimmed(), m_phone->text().trimmed() };
}

QString KeyUserPicker::email() const
{
    if (isNewUser())
        return m_email->text().trimmed();
    const auto user = m_choices.user(selectedUserId());
    return user ? user->email : QString();
}

QString KeyUserPicker::phone() const
{
    if (isNewUser())
        return m_phone->text().trimmed();
    const auto user = m_choices.user(selectedUserId());
    return user ? user->phone : QString();
}

void KeyUserPicker::select(const QString &userId)
{
    if (userId.isEmpty())
        return;
    m_existingMode->setEnabled(true);
    m_existingMode->setChecked(true);
    m_user->setCurrentId(userId);
}

QWidget *KeyUserPicker::buddy() const
{
    return m_existingMode->isEnabled() ? m_existingMode : m_newMode;
}

void KeyUserPicker::setUserError(const QString &message)
{
    m_userError->setMessage(message);
}

bool KeyUserPicker::validateNewUser()
{
    if (!isNewUser()) {
        m_nameError->setMessage({});
        m_contactError->setMessage({});
        return true;
    }
    const NewUser user = *newUser();
    m_nameError->setMessage(user.name.isEmpty() ? tr("Enter the new user's name.") : QString());

    QString contact;
    if (user.email.isEmpty() && user.phone.isEmpty())
        contact = tr("Enter an email address or a phone number, so the user can receive the key.");
    else if (!user.email.isEmpty() && !looksLikeEmail(user.email))
        contact = tr("\u201c%1\u201d is not an email address. Use the form name@example.com.").arg(user.email);
    else if (!user.phone.isEmpty() && !looksLikePhone(user.phone))
        contact = tr("\u201c%1\u201d is not a phone number. Use digits, optionally starting with + and the country "
                     "code, such as +49 30 1234567.")
                      .arg(user.phone);
    m_contactError->setMessage(contact);
    return !user.name.isEmpty() && contact.isEmpty();
}

void KeyUserPicker::updateMode()
{
    const bool existing = m_existingMode->isChecked();
    m_user->setVisible(existing);
    m_newBox->setVisible(!existing);
}

} // namespace Keydesk::Ui
