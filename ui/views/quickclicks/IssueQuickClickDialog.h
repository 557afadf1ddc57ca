#pragma once

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Keydesk::Ui {

class FieldErrorLabel;

/// Issues a quick-click code on one lock: the code (3–24 presses of 0/1, unique on the lock) with a button that
/// generates a strong one, the number of uses (1–254 or unlimited). Every rule's error shows next to its field
/// as it is typed; Issue stays disabled until all pass, and when the lock is full.
class IssueQuickClickDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IssueQuickClickDialog)

public:
    /// `heldCodes`: the codes the lock holds (or whose removal has not reached it yet).
    IssueQuickClickDialog(const QString &lockName, const QStringList &heldCodes, QWidget *parent = nullptr);

    /// A long random code from the system's CSPRNG: 24 presses, not one of `avoid`.
    static QString generateCode(const QStringList &avoid = {});

    QString code() const;
    /// 1–254, or 255 for unlimited.
    int uses() const;
    bool isValid() const { return m_valid; }

private:
    void validate();

    QStringList m_heldCodes;
    QLineEdit *m_code = nullptr;
    FieldErrorLabel *m_codeError = nullptr;
    QPushButton *m_generate = nullptr;
    QSpinBox *m_uses = nullptr;
    QCheckBox *m_unlimited = nullptr;
    FieldErrorLabel *m_usesError = nullptr;
    FieldErrorLabel *m_limitError = nullptr;
    QPushButton *m_issue = nullptr;
    bool m_valid = false;
    bool m_codeTouched = false;
};

} // namespace Keydesk::Ui
