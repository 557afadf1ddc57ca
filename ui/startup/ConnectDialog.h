#pragma once

#include <QDialog>
#include <QString>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Keydesk::Ui {

class FieldErrorLabel;

/// What the Connect dialog asks the app to sign in with.
struct ConnectRequest
{
    QUrl serverUrl; ///< validated: http/https with a host
    QString username;
    QString password;
    QString caFile; ///< PEM file of a CA to trust for a self-signed server; empty: system CAs only
    bool remember = false; ///< keep the password in the system keyring (per server URL + username)
};

/// Sign in to a remote keydesk server. The dialog only collects and validates input; it asks for the sign-in
/// with signInRequested() and the app answers with showError() (the dialog stays open) or accept().
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    explicit ConnectDialog(QWidget *parent = nullptr);
    ~ConnectDialog() override;

    /// Pre-fills the fields (from the command line or the last successful sign-in).
    void setRequest(const ConnectRequest &request);
    /// The current input, as typed (the URL parsed when valid).
    ConnectRequest request() const;

    /// The sign-in failed: says why, re-enables the fields and keeps the dialog open.
    void showError(const QString &message);
    /// Shows a note that is not an error (e.g. "Signing in...") and re-enables the fields.
    void showNote(const QString &message);
    bool isBusy() const { return m_busy; }
    QString errorText() const;
    void setRememberChecked(bool checked);
    /// Validates the input and, when valid, asks for the sign-in (what the Connect button does).
    void submit();

Q_SIGNALS:
    /// The input is valid; the app signs in and answers with accept() or showError().
    void signInRequested(const Keydesk::Ui::ConnectRequest &request);

private:
    void chooseCaFile();
    void setBusy(bool busy);
    void setMessage(const QString &message, bool error);

    QLineEdit *m_url = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_browse = nullptr;
    QCheckBox *m_remember = nullptr;
    FieldErrorLabel *m_error = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_connect = nullptr;
    bool m_busy = false;
};

} // namespace Keydesk::Ui
