#include "ui/views/quickclicks/QuickClicksView.h"

#include "core/domain/QuickClick.h"
#include "core/models/FacilityModels.h"
#include "core/sync/Mutations.h"
#include "core/sync/SyncEngine.h"
#include "ui/views/locks/TableSetup.h"
#include "ui/views/quickclicks/IssueQuickClickDialog.h"
#include "ui/views/quickclicks/QuickClicksTableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {
const QString kHeaderKey = QStringLiteral("views/quickclicks/header");
}

QuickClicksView::QuickClicksView(const ViewContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("quickClicksView"));
    m_locks = new Core::LocksModel(*context.clock, this);
    m_locks->sort(Core::LocksModel::NameColumn);
    m_codes = new Core::QuickClicksModel(*context.clock, this);
    m_codes->setFacilityZone(context.zone);
    m_codes->setFieldFilter(QStringLiteral("lock_id"), QStringLiteral("-"));
    m_table = new QuickClicksTableModel(m_codes, this);

    m_lock = new QComboBox(this);
    m_lock->setObjectName(QStringLiteral("lockCombo"));
    m_lock->setModel(m_locks);
    m_lock->setModelColumn(Core::LocksModel::NameColumn);
    m_lock->setMinimumContentsLength(20);
    m_limit = new QLabel(this);
    m_limit->setObjectName(QStringLiteral("quickClickLimit"));

    m_issue = new QPushButton(tr("Issue a code…"), this);
    m_issue->setObjectName(QStringLiteral("issueQuickClickButton"));
    m_revoke = new QPushButton(tr("Revoke"), this);
    m_revoke->setObjectName(QStringLiteral("revokeQuickClickButton"));
    const bool manage = context.can(Core::Permission::ManageQuickClicks);
    m_issue->setVisible(manage);
    m_revoke->setVisible(manage);
    connect(m_issue, &QPushButton::clicked, this, &QuickClicksView::issue);
    connect(m_revoke, &QPushButton::clicked, this, &QuickClicksView::revokeSelected);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("quickClicksTable"));
    m_view->setModel(m_table);
    m_view->sortByColumn(Core::QuickClicksModel::CreatedColumn, Qt::DescendingOrder); // newest first unless saved
    setUpTable(m_view, kHeaderKey);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setColumnHidden(Core::QuickClicksModel::LockColumn, true); // one lock at a time

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Lock:"), this));
    top->addWidget(m_lock);
    top->addWidget(m_limit, 1);
    top->addWidget(m_issue);
    top->addWidget(m_revoke);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_lock, &QComboBox::currentIndexChanged, this, &QuickClicksView::lockChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QuickClicksView::updateState);
    connect(m_table, &QAbstractItemModel::modelReset, this, &QuickClicksView::updateState);
    connect(m_table, &QAbstractItemModel::layoutChanged, this, &QuickClicksView::updateState);
    connect(m_table, &QAbstractItemModel::rowsInserted, this, &QuickClicksView::updateState);
    connect(m_table, &QAbstractItemModel::rowsRemoved, this, &QuickClicksView::updateState);
    connect(m_table, &QAbstractItemModel::dataChanged, this, &QuickClicksView::updateState);
    connect(m_locks, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_wantedLock.isEmpty())
            setLock(m_wantedLock);
    });
    if (context.cache) {
        m_locks->attach(context.cache);
        m_codes->attach(context.cache);
    }
    lockChanged();
}

QuickClicksView::~QuickClicksView() = default;

void QuickClicksView::setLock(const QString &lockId)
{
    m_wantedLock = lockId;
    const int row = m_locks->rowOfId(lockId);
    if (row >= 0)
        m_lock->setCurrentIndex(row);
}

QString QuickClicksView::currentLockId() const
{
    return m_lock->currentIndex() < 0 ? QString() : m_lock->currentData(Core::IdRole).toString();
}

QStringList QuickClicksView::heldCodes() const
{
    QStringList codes;
    for (int row = 0; row < m_codes->rowCount(); ++row) {
        const QModelIndex idx = m_codes->index(row, Core::QuickClicksModel::CodeColumn);
        if (idx.data(Core::StatusRole).toString() != QLatin1String("removed"))
            codes << idx.data().toString();
    }
    return codes;
}

void QuickClicksView::setSearchText(const QString &text)
{
    m_codes->setTextFilter(text);
}

void QuickClicksView::lockChanged()
{
    const QString id = currentLockId();
    if (id == m_wantedLock)
        m_wantedLock.clear();
    m_codes->setFieldFilter(QStringLiteral("lock_id"), id.isEmpty() ? QStringLiteral("-") : id);
    updateState();
}

void QuickClicksView::updateState()
{
    const bool haveLock = !currentLockId().isEmpty();
    const qsizetype held = heldCodes().size();
    m_limit->setText(haveLock ? tr("%1 of %2 codes").arg(held).arg(Core::QuickClick::kMaxQuickClicksPerLock)
                              : tr("No lock selected"));
    m_issue->setEnabled(haveLock && m_context.sync);
    m_issue->setToolTip(held >= Core::QuickClick::kMaxQuickClicksPerLock
                            ? tr("This lock holds the most codes it can store; revoke one first.")
                            : QString());
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    const QString status = selected.isEmpty() ? QString() : selected.first().data(Core::StatusRole).toString();
    m_revoke->setEnabled(m_context.sync && (status == QLatin1String("pending") || status == QLatin1String("active")));
}

void QuickClicksView::issue()
{
    const QString lockId = currentLockId();
    if (lockId.isEmpty() || !m_context.sync || !m_context.can(Core::Permission::ManageQuickClicks))
        return;
    auto *dialog = new IssueQuickClickDialog(m_lock->currentText(), heldCodes(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, lockId] {
        submit(Core::Mutations::issueQuickClick(lockId, dialog->code(), dialog->uses(), m_context.clock->now()));
    });
    dialog->open();
}

void QuickClicksView::revokeSelected()
{
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    if (selected.isEmpty() || !m_context.sync || !m_context.can(Core::Permission::ManageQuickClicks))
        return;
    const int row = selected.first().row();
    const QString id = m_table->index(row, 0).data(Core::IdRole).toString();
    const QString code = m_table->index(row, Core::QuickClicksModel::CodeColumn).data().toString();
    const QString lockId = currentLockId();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Revoke quick-click code"),
                                tr("Revoke code %1 on %2? It keeps opening the lock until the next online unlock "
                                   "brings the removal to the lock.")
                                    .arg(code, m_lock->currentText()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("revokeQuickClickConfirm"));
    box->addButton(tr("Revoke"), QMessageBox::AcceptRole)->setObjectName(QStringLiteral("confirmRevokeButton"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this,
            [this, id, lockId, code] { submit(Core::Mutations::revokeQuickClick(id, lockId, code)); });
    box->open();
}

void QuickClicksView::submit(Core::OutboxEntry entry)
{
    const QString op = entry.op;
    QCoro::connect(m_context.sync->submit(std::move(entry)), this, [this, op](Core::Result<qint64> &&result) {
        if (result)
            Q_EMIT submitted(op);
        else
            Q_EMIT submitFailed(result.error().message);
    });
}

} // namespace Keydesk::Ui
