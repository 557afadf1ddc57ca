#include "ui/dialogs/RevokeDialog.h"

#include "ui/dialogs/KeyText.h"
#include "ui/widgets/FieldErrorLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Keydesk::Ui {

RevokeDialog::RevokeDialog(const RevokeScope &scope, const QList<RevokeItem> &items, QWidget *parent)
    : QDialog(parent)
    , m_items(items)
{
    setObjectName(QStringLiteral("revokeDialog"));
    setWindowTitle(RevokeText::title(scope, items));
    setWindowIcon(QIcon(QStringLiteral(":/icons/revoke.svg")));

    auto *layout = new QVBoxLayout(this);

    auto *heading = new QLabel(RevokeText::title(scope, items), this);
    heading->setObjectName(QStringLiteral("heading"));
    QFont font = heading->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    heading->setFont(font);
    heading->setWordWrap(true);
    layout->addWidget(heading);

    m_summary = new QLabel(RevokeText::summary(scope, items), this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("keys"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setHeaderLabels({ tr("Key"), tr("Lock"), tr("User"), tr("Status") });
    m_list->setAccessibleName(tr("Keys to revoke"));
    for (const RevokeItem &item : items) {
        auto *row = new QTreeWidgetItem(m_list);
        row->setText(0, item.description.isEmpty() ? item.keyId : item.description);
        row->setText(1, item.lockName);
        row->setText(2, item.userName);
        row->setText(3, KeyText::statusLabel(item.status));
    }
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    // As tall as its rows, up to ten; a long list scrolls.
    const int rowHeight = m_list->fontMetrics().height() + 6;
    const qsizetype shownRows = std::min<qsizetype>(items.size(), 10);
    m_list->setMaximumHeight(int(shownRows + 1) * rowHeight + 2 * m_list->frameWidth() + 4);
    // A single key is already named in the sentence; a list of one adds nothing.
    m_list->setVisible(items.size() > 1);
    layout->addWidget(m_list);

    auto *offline = new QLabel(RevokeText::offlineNote(), this);
    offline->setObjectName(QStringLiteral("offlineNote"));
    offline->setWordWrap(true);
    layout->addWidget(offline);

    auto *form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("e.g. contract ended, phone lost, tenant moved out"));
    m_reason->setMaxLength(500);
    m_reason->setAccessibleName(tr("Reason for the revocation"));
    form->addRow(tr("&Reason (required):"), m_reason);
    m_reasonError = new FieldErrorLabel(QStringLiteral("reasonError"), this);
    form->addRow(QString(), m_reasonError);
    layout->addLayout(form);
    layout->addStretch(1); // spare height goes above the buttons, not between the sentences

    auto *buttons = new QDialogButtonBox(this);
    m_revoke = buttons->addButton(tr("Re&voke"), QDialogButtonBox::AcceptRole);
    m_revoke->setObjectName(QStringLiteral("revokeButton"));
    m_revoke->setIcon(QIcon(QStringLiteral(":/icons/revoke.svg")));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    // A destructive action is never the Enter default, and Enter in the reason field must not cancel what was
    // typed either: no default button; Revoke is Alt+V or Tab, Space.
    m_revoke->setAutoDefault(false);
    cancel->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_reason, &QLineEdit::textEdited, this, [this] {
        m_reasonTouched = true;
        updateButton();
    });
    m_reason->setFocus();
    updateButton();
    // Wide enough to read the sentences in a few lines, and exactly as tall as they wrap at that width.
    const int width = std::max(sizeHint().width(), fontMetrics().averageCharWidth() * 90);
    resize(width, layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : sizeHint().height());
}

QString RevokeDialog::reason() const
{
    return m_reason->text().trimmed();
}

QStringList RevokeDialog::keyIdsToRevoke() const
{
    QStringList ids;
    for (const RevokeItem &item : m_items) {
        if (item.status != Core::KeyStatus::Revoked)
            ids.append(item.keyId);
    }
    return ids;
}

void RevokeDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // QDialogButtonBox makes its first accept button the default when it is shown; Revoke must never be
    // what Enter presses.
    m_revoke->setDefault(false);
}

void RevokeDialog::updateButton()
{
    const bool hasReason = !reason().isEmpty();
    const bool anything = RevokeText::revocableCount(m_items) > 0;
    // Only complain about the reason once the person has typed and cleared it; before, the label says it.
    m_reasonError->setMessage(m_reasonTouched && !hasReason
                                  ? tr("Give a reason: it is stored with the revocation and shown in the audit log.")
                                  : QString());
    m_revoke->setEnabled(hasReason && anything);
    m_reason->setEnabled(anything);
}

} // namespace Keydesk::Ui
