#include "ui/views/locks/LockDetails.h"

#include "core/domain/DigitalKey.h"
#include "core/models/FacilityModels.h"
#include "core/models/KeysModel.h"
#include "core/sync/Mutations.h"
#include "core/sync/SyncEngine.h"
#include "ui/dialogs/RevokeDialog.h"
#include "ui/views/locks/TableSetup.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {

QTableView *makeTable(const QString &name, QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    setUpTable(table, {});
    return table;
}

} // namespace

LockDetails::LockDetails(const ViewContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("lockDetails"));
    const Core::Clock &clock = *context.clock;
    m_keys = new Core::KeysModel(clock, this);
    m_quickClicks = new Core::QuickClicksModel(clock, this);
    m_activity = new Core::ActivityModel(clock, this);
    m_keys->setFacilityZone(context.zone);
    m_quickClicks->setFacilityZone(context.zone);
    m_activity->setFacilityZone(context.zone);
    // Nothing shows until a lock is chosen.
    m_keys->setLockFilter(QStringLiteral("-"));
    m_quickClicks->setFieldFilter(QStringLiteral("lock_id"), QStringLiteral("-"));
    m_activity->setFieldFilter(QStringLiteral("lock_id"), QStringLiteral("-"));
    if (context.cache) {
        m_keys->attach(context.cache);
        m_quickClicks->attach(context.cache);
        m_activity->attach(context.cache);
    }

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("lockDetailsTitle"));
    QFont font = m_title->font();
    font.setBold(true);
    m_title->setFont(font);

    m_revokeAll = new QPushButton(tr("Revoke every key on this lock…"), this);
    m_revokeAll->setObjectName(QStringLiteral("revokeAllOnLockButton"));
    m_revokeAll->setVisible(context.can(Core::Permission::RevokeKeys));
    m_revokeAll->setEnabled(false);
    connect(m_revokeAll, &QPushButton::clicked, this, &LockDetails::revokeAll);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("lockDetailsTabs"));
    // One lock at a time: its name would repeat on every row.
    m_tabs->addTab(makeTable(QStringLiteral("lockKeysTable"), m_keys, this), tr("Digital keys"));
    m_tabs->addTab(makeTable(QStringLiteral("lockQuickClicksTable"), m_quickClicks, this), tr("Quick clicks"));
    m_tabs->addTab(makeTable(QStringLiteral("lockActivityTable"), m_activity, this), tr("Activity"));
    findChild<QTableView *>(QStringLiteral("lockKeysTable"))->setColumnHidden(Core::KeysModel::LockColumn, true);
    findChild<QTableView *>(QStringLiteral("lockQuickClicksTable"))
        ->setColumnHidden(Core::QuickClicksModel::LockColumn, true);
    findChild<QTableView *>(QStringLiteral("lockActivityTable"))
        ->setColumnHidden(Core::ActivityModel::LockColumn, true);
    m_tabs->setTabVisible(2, context.can(Core::Permission::ViewActivity));

    auto *head = new QHBoxLayout;
    head->addWidget(m_title, 1);
    head->addWidget(m_revokeAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(head);
    layout->addWidget(m_tabs, 1);
    setLock({}, {});
}

LockDetails::~LockDetails() = default;

void LockDetails::setLock(const QString &lockId, const QString &title)
{
    m_lockId = lockId;
    const QString filter = lockId.isEmpty() ? QStringLiteral("-") : lockId;
    m_keys->setLockFilter(filter);
    m_quickClicks->setFieldFilter(QStringLiteral("lock_id"), filter);
    m_activity->setFieldFilter(QStringLiteral("lock_id"), filter);
    m_title->setText(lockId.isEmpty() ? tr("Select a lock to see its keys, quick clicks and activity.") : title);
    m_revokeAll->setEnabled(!lockId.isEmpty());
}

void LockDetails::revokeAll()
{
    if (m_lockId.isEmpty() || !m_context.can(Core::Permission::RevokeKeys) || !m_context.sync)
        return;
    QList<RevokeItem> items;
    for (int row = 0; row < m_keys->rowCount(); ++row) {
        RevokeItem item;
        item.keyId = m_keys->index(row, 0).data(Core::IdRole).toString();
        item.description = m_keys->index(row, Core::KeysModel::DescriptionColumn).data().toString();
        item.lockName = m_keys->index(row, Core::KeysModel::LockColumn).data().toString();
        item.userName = m_keys->index(row, Core::KeysModel::UserColumn).data().toString();
        auto status = Core::keyStatusFromString(m_keys->index(row, 0).data(Core::StatusRole).toString());
        item.status = status ? *status : Core::KeyStatus::Active;
        items.append(item);
    }
    RevokeScope scope;
    scope.kind = RevokeScope::Kind::AllOnLock;
    scope.subject = m_title->text();
    auto *dialog = new RevokeDialog(scope, items, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { submitRevocations(dialog->keyIdsToRevoke(), dialog->reason()); });
    dialog->open();
}

void LockDetails::submitRevocations(const QStringList &keyIds, const QString &reason)
{
    if (keyIds.isEmpty())
        return;
    m_pendingRevocations = keyIds;
    m_revocationReason = reason;
    m_submitted = 0;
    submitNextRevocation(int(keyIds.size()));
}

void LockDetails::submitNextRevocation(int total)
{
    if (m_pendingRevocations.isEmpty()) {
        Q_EMIT revocationsSubmitted(total);
        return;
    }
    // One at a time: each lands in the outbox (in order) before the next is written.
    const QString id = m_pendingRevocations.takeFirst();
    auto task = m_context.sync->submit(
        Core::Mutations::revokeKey(id, m_revocationReason, m_context.staffId, m_context.clock->now()));
    QCoro::connect(std::move(task), this, [this, total](Core::Result<qint64> &&result) {
        if (!result) {
            m_pendingRevocations.clear();
            Q_EMIT submitFailed(result.error().message);
            return;
        }
        ++m_submitted;
        submitNextRevocation(total);
    });
}

} // namespace Keydesk::Ui
