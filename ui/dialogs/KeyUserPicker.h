#pragma once

#include "ui/dialogs/KeyDraft.h"

#include <QWidget>

#include <optional>

class QLineEdit;
class QRadioButton;
class QWidget;

namespace Keydesk::Ui {

class DirectoryPicker;
class FieldErrorLabel;
class KeyChoices;

/// The key dialog's user choice: an existing user, typed and searched (DirectoryPicker "user": a facility has
/// 200,000 of them), or a new one typed in by name and email and/or phone. Error labels: "userError" (from the key's
/// validation), "newUserNameError", "newUserContactError".
class KeyUserPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyUserPicker)

public:
    /// `choices` must outlive the picker.
    explicit KeyUserPicker(const KeyChoices &choices, QWidget *parent = nullptr);

    bool isNewUser() const;
    /// The chosen user's id; for a new user the id the dialog made for it; empty when none is chosen.
    QString selectedUserId() const;
    /// The new user as typed (trimmed), when "New user" is chosen.
    std::optional<NewUser> newUser() const;
    /// Contacts of the chosen or typed user, for the notification choice.
    QString email() const;
    QString phone() const;

    /// Chooses the existing user with this id; an unknown one is shown by its id.
    void select(const QString &userId);

    void setUserError(const QString &message);
    /// Where the form label's mnemonic sends the focus: the first choice that can take it.
    QWidget *buddy() const;
    /// Checks the new-user fields and shows their errors; true when they are fine (or an existing user is
    /// chosen). Name required; an email address or a phone number (or both), each well-formed.
    bool validateNewUser();

Q_SIGNALS:
    void changed();

private:
    void updateMode();

    const KeyChoices &m_choices;
    QString m_newUserId;
    QRadioButton *m_existingMode = nullptr;
    QRadioButton *m_newMode = nullptr;
    DirectoryPicker *m_user = nullptr;
    QWidget *m_newBox = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_phone = nullptr;
    FieldErrorLabel *m_userError = nullptr;
    FieldErrorLabel *m_nameError = nullptr;
    FieldErrorLabel *m_contactError = nullptr;
};

} // namespace Keydesk::Ui
