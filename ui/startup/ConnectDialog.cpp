#include "ui/startup/ConnectDialog.h"

#include "ui/startup/ServerAddress.h"
#include "ui/widgets/FieldErrorLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keydesk::Ui {

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a Keydesk server"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/keydesk.svg")));

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("connectUrl"));
    m_url->setPlaceholderText(tr("https://keys.example.com"));
    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("connectUsername"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("connectPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("connectCaFile"));
    m_caFile->setPlaceholderText(tr("Only for a server with its own (self-signed) certificate"));
    m_browse = new QPushButton(tr("&Browse\u2026"), this);
    m_browse->setObjectName(QStringLiteral("connectBrowseCa"));
    connect(m_browse, &QPushButton::clicked, this, &ConnectDialog::chooseCaFile);
    m_remember = new QCheckBox(tr("&Remember me on this computer (system keyring)"), this);
    m_remember->setObjectName(QStringLiteral("connectRemember"));

    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Server &address:"), m_url);
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    // A row holding a layout gets no buddy from addRow(QString, ...): an explicit label keeps the mnemonic.
    auto *caLabel = new QLabel(tr("CA cer&tificate:"), this);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    form->addRow(QString(), m_remember);

    m_error = new FieldErrorLabel(QStringLiteral("connectError"), this);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("connectNote"));
    m_note->setWordWrap(true);
    m_note->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_connect = buttons->button(QDialogButtonBox::Ok);
    m_connect->setText(tr("&Connect"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::setRequest(const ConnectRequest &request)
{
    m_url->setText(request.serverUrl.toString());
    m_username->setText(request.username);
    m_password->setText(request.password);
    m_caFile->setText(request.caFile);
    m_remember->setChecked(request.remember);
    // The cursor goes where typing is still needed.
    if (m_url->text().isEmpty())
        m_url->setFocus();
    else if (m_username->text().isEmpty())
        m_username->setFocus();
    else
        m_password->setFocus();
}

ConnectRequest ConnectDialog::request() const
{
    ConnectRequest request;
    const Core::Result<QUrl> url = parseServerUrl(m_url->text());
    if (url)
        request.serverUrl = url.value();
    request.username = m_username->text().trimmed();
    request.password = m_password->text();
    request.caFile = m_caFile->text().trimmed();
    request.remember = m_remember->isChecked();
    return request;
}

void ConnectDialog::submit()
{
    if (m_busy)
        return;
    const Core::Result<QUrl> url = parseServerUrl(m_url->text());
    if (!url) {
        setMessage(url.error().message, true);
        m_url->setFocus();
        return;
    }
    if (m_username->text().trimmed().isEmpty()) {
        setMessage(tr("Enter your staff user name."), true);
        m_username->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        setMessage(tr("Enter your password."), true);
        m_password->setFocus();
        return;
    }
    const QString ca = m_caFile->text().trimmed();
    if (!ca.isEmpty() && !QFileInfo(ca).isFile()) {
        setMessage(tr("The CA certificate file %1 does not exist; choose the server's CA file (PEM) or leave the "
                      "field empty.")
                       .arg(ca),
                   true);
        m_caFile->setFocus();
        return;
    }
    setBusy(true);
    setMessage(tr("Signing in to %1\u2026").arg(url.value().toString()), false);
    Q_EMIT signInRequested(request());
}

void ConnectDialog::showError(const QString &message)
{
    setBusy(false);
    setMessage(message, true);
    m_password->setFocus();
    m_password->selectAll();
}

void ConnectDialog::showNote(const QString &message)
{
    setBusy(false);
    setMessage(message, false);
}

QString ConnectDialog::errorText() const
{
    return m_error->message();
}

void ConnectDialog::setRememberChecked(bool checked)
{
    m_remember->setChecked(checked);
}

void ConnectDialog::chooseCaFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("CA certificate of the server"), m_caFile->text(),
                                                      tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(file);
}

void ConnectDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w :
         { static_cast<QWidget *>(m_url), static_cast<QWidget *>(m_username), static_cast<QWidget *>(m_password),
           static_cast<QWidget *>(m_caFile), static_cast<QWidget *>(m_browse), static_cast<QWidget *>(m_remember),
           static_cast<QWidget *>(m_connect) })
        w->setEnabled(!busy);
}

void ConnectDialog::setMessage(const QString &message, bool error)
{
    m_error->setMessage(error ? message : QString());
    m_note->setText(error ? QString() : message);
    m_note->setVisible(!error && !message.isEmpty());
}

} // namespace Keydesk::Ui
