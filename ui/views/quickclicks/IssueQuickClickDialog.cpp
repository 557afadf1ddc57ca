#include "ui/views/quickclicks/IssueQuickClickDialog.h"

#include "core/domain/QuickClick.h"
#include "ui/widgets/FieldErrorLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Keydesk::Ui {

using namespace Keydesk::Core;

IssueQuickClickDialog::IssueQuickClickDialog(const QString &lockName, const QStringList &heldCodes, QWidget *parent)
    : QDialog(parent)
    , m_heldCodes(heldCodes)
{
    setObjectName(QStringLiteral("issueQuickClickDialog"));
    setWindowTitle(tr("Issue a quick-click code"));

    auto *intro = new QLabel(tr("A quick-click code opens %1 with short (0) and long (1) presses of its button. "
                                "It is pending until the next online unlock brings it to the lock.")
                                 .arg(lockName),
                             this);
    intro->setWordWrap(true);

    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("codeEdit"));
    m_code->setPlaceholderText(tr("e.g. 0110100111"));
    m_generate = new QPushButton(tr("Generate a strong code"), this);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_codeError = new FieldErrorLabel(QStringLiteral("codeError"), this);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_generate);

    m_uses = new QSpinBox(this);
    m_uses->setObjectName(QStringLiteral("usesSpin"));
    // Wider than the rule so a wrong number gets a message instead of being silently clamped.
    m_uses->setRange(0, 999);
    m_uses->setValue(1);
    m_unlimited = new QCheckBox(tr("Unlimited"), this);
    m_unlimited->setObjectName(QStringLiteral("unlimitedCheck"));
    m_usesError = new FieldErrorLabel(QStringLiteral("usesError"), this);
    auto *usesRow = new QHBoxLayout;
    usesRow->addWidget(m_uses);
    usesRow->addWidget(m_unlimited);
    usesRow->addStretch(1);

    m_limitError = new FieldErrorLabel(QStringLiteral("limitError"), this);

    auto *form = new QFormLayout;
    form->addRow(tr("Code:", "quick-click code"), codeRow);
    form->addRow(QString(), m_codeError);
    form->addRow(tr("Uses:"), usesRow);
    form->addRow(QString(), m_usesError);

    auto *buttons = new QDialogButtonBox(this);
    m_issue = buttons->addButton(tr("Issue"), QDialogButtonBox::AcceptRole);
    m_issue->setObjectName(QStringLiteral("issueButton"));
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_valid)
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_limitError);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_code, &QLineEdit::textEdited, this, [this] {
        m_codeTouched = true;
        validate();
    });
    connect(m_generate, &QPushButton::clicked, this, [this] {
        m_code->setText(generateCode(m_heldCodes));
        m_codeTouched = true;
        validate();
    });
    connect(m_uses, &QSpinBox::valueChanged, this, &IssueQuickClickDialog::validate);
    connect(m_unlimited, &QCheckBox::toggled, this, [this](bool on) {
        m_uses->setEnabled(!on);
        validate();
    });
    validate();
}

QString IssueQuickClickDialog::generateCode(const QStringList &avoid)
{
    QString code;
    do {
        // 24 presses from the OS's CSPRNG: 2^24 codes, far beyond guessing at the lock's back-off rate.
        const quint32 bits = QRandomGenerator::system()->generate();
        code.clear();
        for (int i = 0; i < QuickClick::kMaxCodeLength; ++i)
            code.append((bits >> i) & 1U ? QLatin1Char('1') : QLatin1Char('0'));
    } while (avoid.contains(code));
    return code;
}

QString IssueQuickClickDialog::code() const
{
    return m_code->text().trimmed();
}

int IssueQuickClickDialog::uses() const
{
    return m_unlimited->isChecked() ? QuickClick::kUnlimitedUses : m_uses->value();
}

void IssueQuickClickDialog::validate()
{
    // Each field's rule on its own, so both messages show at once; then the lock-wide rules.
    QString codeMessage;
    const auto code = validateQuickClickCode(m_code->text());
    if (!code)
        codeMessage = code.error().message;
    const auto uses = validateQuickClickUses(this->uses());
    bool full = false;
    QString limitMessage;
    if (code && uses) {
        const auto issue = validateQuickClickIssue(m_heldCodes, m_code->text(), this->uses());
        if (!issue) {
            full = issue.error().code == QLatin1String("qc_lock_full");
            (full ? limitMessage : codeMessage) = issue.error().message;
        }
    } else if (m_heldCodes.size() >= QuickClick::kMaxQuickClicksPerLock) {
        full = true;
        limitMessage = validateQuickClickIssue(m_heldCodes, generateCode(m_heldCodes), 1).errorMessage();
    }
    m_codeError->setMessage(m_codeTouched || !m_code->text().isEmpty() ? codeMessage : QString());
    m_usesError->setMessage(uses ? QString() : uses.error().message);
    m_limitError->setMessage(limitMessage);
    m_valid = code && uses && codeMessage.isEmpty() && !full;
    m_issue->setEnabled(m_valid);
    m_generate->setEnabled(!full);
}

} // namespace Keydesk::Ui
