#include "ui/startup/FirstRunDialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Keydesk::Ui {

FirstRunDialog::FirstRunDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("firstRunDialog"));
    setWindowTitle(tr("Welcome to Keydesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/keydesk.svg")));

    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(tr("How would you like to start?"), this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    heading->setFont(font);
    layout->addWidget(heading);

    m_choices = new QButtonGroup(this);
    struct Option
    {
        Choice choice;
        const char *objectName;
        QString title;
        QString sentence;
    };
    const Option options[] = {
        { Choice::Demo, "choiceDemo", tr("&Explore a demo facility"),
          tr("A self-storage site with units, tenants, contractors, keys in every state and recent activity, kept "
             "on this computer. Nothing you do there reaches a real lock.") },
        { Choice::Empty, "choiceEmpty", tr("Start an empty &facility"),
          tr("Your own facility on this computer, in this computer's time zone; add locks, users and keys "
             "yourself.") },
        { Choice::Connect, "choiceConnect", tr("&Connect to a Keydesk server"),
          tr("Sign in with your staff account to the server your company runs.") },
    };
    for (const Option &option : options) {
        auto *button = new QRadioButton(option.title, this);
        button->setObjectName(QString::fromLatin1(option.objectName));
        auto *sentence = new QLabel(option.sentence, this);
        sentence->setWordWrap(true);
        sentence->setIndent(button->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) + 8);
        sentence->setBuddy(button);
        sentence->setForegroundRole(QPalette::PlaceholderText);
        m_choices->addButton(button, static_cast<int>(option.choice));
        layout->addWidget(button);
        layout->addWidget(sentence);
        layout->addSpacing(6);
    }
    setChoice(Choice::Demo);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("firstRunStart"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Quit"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

FirstRunDialog::~FirstRunDialog() = default;

FirstRunDialog::Choice FirstRunDialog::choice() const
{
    return static_cast<Choice>(m_choices->checkedId());
}

void FirstRunDialog::setChoice(Choice choice)
{
    if (QAbstractButton *button = m_choices->button(static_cast<int>(choice)))
        button->setChecked(true);
}

} // namespace Keydesk::Ui
