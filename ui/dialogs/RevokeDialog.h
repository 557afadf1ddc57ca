#pragma once

#include "ui/dialogs/RevokeText.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace Keydesk::Ui {

class FieldErrorLabel;

/// Confirms a revocation: says exactly what stops working, lists the keys, explains when offline keys on
/// phones stop, and asks for the reason (Revoke stays disabled until one is given). Output: reason().
class RevokeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevokeDialog)

public:
    RevokeDialog(const RevokeScope &scope, const QList<RevokeItem> &items, QWidget *parent = nullptr);

    /// The reason typed in, trimmed. Only meaningful after the dialog was accepted.
    QString reason() const;
    /// The keys the revocation changes: the items that are not already revoked.
    QStringList keyIdsToRevoke() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateButton();

    QList<RevokeItem> m_items;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_list = nullptr;
    QLineEdit *m_reason = nullptr;
    FieldErrorLabel *m_reasonError = nullptr;
    QPushButton *m_revoke = nullptr;
    bool m_reasonTouched = false;
};

} // namespace Keydesk::Ui
