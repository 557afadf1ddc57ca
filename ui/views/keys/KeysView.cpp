#include "ui/views/keys/KeysView.h"

#include "core/models/KeysModel.h"
#include "ui/dialogs/DialogText.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/StatusStyle.h"
#include "ui/views/keys/KeyEditFlow.h"
#include "ui/views/keys/KeyStatusProxy.h"
#include "ui/views/keys/RevokeFlow.h"
#include "ui/widgets/DirectoryPicker.h"
#include "ui/widgets/HeaderMemory.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {
const QString kHeaderKey = QStringLiteral("views/keys/header");
}

KeysView::KeysView(const ViewContext &ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("keysView"));
    m_model = new Core::KeysModel(*m_ctx.clock, this);
    m_model->setFacilityZone(m_ctx.zone);
    if (!m_ctx.directory)
        m_ctx.directory = new FacilityDirectory(m_ctx.cache, this); // a view on its own (tests)
    m_directory = m_ctx.directory;
    m_proxy = new KeyStatusProxy(*m_directory, Core::KeysModel::StatusColumn, this);
    m_proxy->setSourceModel(m_model);
    m_revoke = new RevokeFlow(m_ctx, *m_directory, this);
    m_edit = new KeyEditFlow(m_ctx, *m_directory, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("keysToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    layout->addWidget(toolbar);

    auto makeAction = [this, toolbar](const QString &name, const QString &text, const QString &icon, auto slot) {
        auto *a = new QAction(QIcon(icon), text, this);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, slot);
        toolbar->addAction(a);
        return a;
    };
    m_newAction = makeAction(QStringLiteral("newKeyAction"), tr("New digital key…"),
                             QStringLiteral(":/icons/newkey.svg"), &KeysView::newKey);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setShortcutContext(Qt::WindowShortcut);
    m_editAction = makeAction(QStringLiteral("editKeyAction"), tr("Edit…"), {}, &KeysView::editSelected);
    m_duplicateAction
        = makeAction(QStringLiteral("duplicateKeyAction"), tr("Duplicate…"), {}, &KeysView::duplicateSelected);
    m_revokeAction = makeAction(QStringLiteral("revokeKeyAction"), tr("Revoke…"), QStringLiteral(":/icons/revoke.svg"),
                                &KeysView::revokeSelected);
    m_revokeUserAction = makeAction(QStringLiteral("revokeUserKeysAction"), tr("Revoke every key of the user…"), {},
                                    &KeysView::revokeAllOfSelectedUser);
    m_revokeLockAction = makeAction(QStringLiteral("revokeLockKeysAction"), tr("Revoke every key on the lock…"), {},
                                    &KeysView::revokeAllOnSelectedLock);
    // The role hides what it may not do (the server refuses it anyway).
    m_newAction->setVisible(m_ctx.can(Core::Permission::CreateKeys));
    m_duplicateAction->setVisible(m_ctx.can(Core::Permission::CreateKeys));
    m_editAction->setVisible(m_ctx.can(Core::Permission::EditKeys));
    const bool mayRevoke = m_ctx.can(Core::Permission::RevokeKeys);
    m_revokeAction->setVisible(mayRevoke);
    m_revokeUserAction->setVisible(mayRevoke);
    m_revokeLockAction->setVisible(mayRevoke);
    m_newAction->setEnabled(m_newAction->isVisible());

    auto *filterBar = new QWidget(this);
    buildFilters(filterBar);
    layout->addWidget(filterBar);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("keysTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setItemDelegateForColumn(Core::KeysModel::StatusColumn, new StatusBadgeDelegate(m_table));
    m_table->setColumnWidth(Core::KeysModel::DescriptionColumn, 200);
    m_table->setColumnWidth(Core::KeysModel::StatusColumn, 260);
    m_table->setColumnWidth(Core::KeysModel::ValidFromColumn, 170);
    m_table->setColumnWidth(Core::KeysModel::ValidToColumn, 170);
    m_table->setColumnWidth(Core::KeysModel::LockColumn, 120);
    m_table->setColumnWidth(Core::KeysModel::UserColumn, 140);
    m_table->setColumnWidth(Core::KeysModel::ScheduleColumn, 220);
    // The status is what people look for: next to the description, on screen in a 1,200-pixel window too.
    m_table->horizontalHeader()->moveSection(m_table->horizontalHeader()->visualIndex(Core::KeysModel::StatusColumn),
                                             1);
    m_table->sortByColumn(0, Qt::AscendingOrder); // QHeaderView starts descending; names read A to Z
    (new HeaderMemory(m_table->horizontalHeader(), kHeaderKey))->restore(); // saved as it changes
    layout->addWidget(m_table, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &KeysView::updateActions);
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (m_editAction->isVisible())
            editSelected();
    });

    connect(m_directory, &FacilityDirectory::changed, this, &KeysView::updateActions); // names in the actions
    auto rowsChanged = [this] {
        updateCount();
        updateActions();
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, rowsChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, rowsChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, rowsChanged);
    // A million keys sort and filter on a worker thread (the table stays responsive); say so until it lands.
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &KeysView::updateCount);
    connect(m_model, &Core::KeysModel::sorted, this, rowsChanged);
    connect(m_model, &Core::KeysModel::filtered, this, rowsChanged);
    connect(m_revoke, &RevokeFlow::submitted, this, [this](int n) {
        showMessage(tr("%n revocation(s) queued. Each key shows its state until the lock has it.", nullptr, n), false);
    });
    connect(m_revoke, &RevokeFlow::failed, this, [this](const QString &m) { showMessage(m, true); });
    connect(m_edit, &KeyEditFlow::failed, this, [this](const QString &m) { showMessage(m, true); });
    if (m_ctx.cache)
        m_model->attach(m_ctx.cache);
    updateActions();
}

KeysView::~KeysView() = default;

void KeysView::buildFilters(QWidget *bar)
{
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 2, 6, 2);
    m_statusFilter = new QComboBox(bar);
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    m_statusFilter->addItem(tr("All statuses"), -1);
    m_statusFilter->addItem(tr("Active"), int(Core::KeyStatus::Active));
    m_statusFilter->addItem(tr("Upcoming"), int(Core::KeyStatus::Upcoming));
    m_statusFilter->addItem(tr("Expired"), int(Core::KeyStatus::Expired));
    m_statusFilter->addItem(tr("Revoked"), int(Core::KeyStatus::Revoked));
    // A facility has up to 50,000 locks and 200,000 users: typed and searched, never listed whole.
    m_lockFilter = new DirectoryPicker(bar);
    m_lockFilter->setObjectName(QStringLiteral("lockFilter"));
    m_lockFilter->setSource(m_directory->choices(FacilityDirectory::Kind::LocksAndGroups));
    //: Placeholder of the lock filter: no lock chosen shows the keys of every lock
    m_lockFilter->setPlaceholderText(tr("All locks"));
    m_lockFilter->setAccessibleName(tr("Lock or lock group"));
    m_lockFilter->setToolTip(tr("Type a lock's or a lock group's name to show only its keys"));
    m_userFilter = new DirectoryPicker(bar);
    m_userFilter->setObjectName(QStringLiteral("userFilter"));
    m_userFilter->setSource(m_directory->choices(FacilityDirectory::Kind::Users));
    //: Placeholder of the user filter: no user chosen shows the keys of every user
    m_userFilter->setPlaceholderText(tr("All users"));
    m_userFilter->setAccessibleName(tr("User"));
    m_userFilter->setToolTip(tr("Type a user's name, e-mail address or phone number to show only their keys"));
    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("countLabel"));
    auto *label = new QLabel(tr("Show:"), bar);
    row->addWidget(label);
    row->addWidget(m_statusFilter);
    row->addWidget(m_lockFilter);
    row->addWidget(m_userFilter);
    row->addStretch(1);
    row->addWidget(m_count);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &KeysView::applyFilters);
    connect(m_lockFilter, &DirectoryPicker::currentIdChanged, this, &KeysView::applyFilters);
    connect(m_userFilter, &DirectoryPicker::currentIdChanged, this, &KeysView::applyFilters);
}

void KeysView::applyFilters()
{
    const int status = m_statusFilter->currentData().toInt();
    m_model->setStatusFilter(status < 0 ? QList<Core::KeyStatus>()
                                        : QList<Core::KeyStatus> { Core::KeyStatus(status) });
    m_model->setLockFilter(m_lockFilter->currentId());
    m_model->setUserFilter(m_userFilter->currentId());
    updateCount();
    updateActions();
}

void KeysView::setSearchText(const QString &text)
{
    m_model->setTextFilter(text);
    updateCount();
}

void KeysView::updateCount()
{
    const QString count = DialogText::keyCount(m_model->rowCount());
    if (m_model->filterPending())
        //: Shown while a large keys table is being filtered in the background; %1: the keys shown until then
        m_count->setText(tr("Filtering %1…").arg(count));
    else if (m_model->sortPending())
        //: Shown while a large keys table is being sorted in the background
        m_count->setText(tr("Sorting %1…").arg(count));
    else
        m_count->setText(count);
}

QList<QAction *> KeysView::actions() const
{
    QList<QAction *> out;
    for (QAction *a :
         { m_newAction, m_editAction, m_duplicateAction, m_revokeAction, m_revokeUserAction, m_revokeLockAction }) {
        if (a->isVisible())
            out.append(a);
    }
    return out;
}

QStringList KeysView::selectedKeyIds() const
{
    QStringList ids;
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : rows)
        ids.append(index.data(Core::IdRole).toString());
    return ids;
}

QString KeysView::currentId(int role) const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(role).toString();
}

void KeysView::updateActions()
{
    const int selected = int(m_table->selectionModel()->selectedRows().size());
    m_editAction->setEnabled(selected == 1);
    m_duplicateAction->setEnabled(selected == 1);
    m_revokeAction->setEnabled(selected >= 1);
    //: Revoke action for the selected keys
    m_revokeAction->setText(selected > 1 ? tr("Revoke %n keys…", nullptr, selected) : tr("Revoke…"));
    const QString userId = currentId(Core::UserIdRole);
    const QString lockId = currentId(Core::LockIdRole);
    m_revokeUserAction->setEnabled(!userId.isEmpty());
    m_revokeLockAction->setEnabled(!lockId.isEmpty());
    if (!userId.isEmpty())
        m_revokeUserAction->setText(tr("Revoke every key of %1…").arg(m_directory->userName(userId)));
    if (!lockId.isEmpty())
        m_revokeLockAction->setText(tr("Revoke every key on %1…").arg(m_directory->lockName(lockId)));
}

void KeysView::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText,
               error ? StatusStyle::foreground(StatusStyle::Tone::Danger, palette())
                     : palette().color(QPalette::WindowText));
    m_message->setPalette(p);
    m_message->setVisible(!text.isEmpty());
}

void KeysView::newKey()
{
    if (m_ctx.can(Core::Permission::CreateKeys))
        m_edit->newKey();
}

void KeysView::editSelected()
{
    if (m_ctx.can(Core::Permission::EditKeys))
        m_edit->editKey(currentId(Core::IdRole));
}

void KeysView::duplicateSelected()
{
    if (m_ctx.can(Core::Permission::CreateKeys))
        m_edit->duplicateKey(currentId(Core::IdRole));
}

void KeysView::revokeSelected()
{
    if (m_ctx.can(Core::Permission::RevokeKeys))
        m_revoke->revokeKeys(selectedKeyIds());
}

void KeysView::revokeAllOfSelectedUser()
{
    if (m_ctx.can(Core::Permission::RevokeKeys) && !currentId(Core::UserIdRole).isEmpty())
        m_revoke->revokeAllOfUser(currentId(Core::UserIdRole));
}

void KeysView::revokeAllOnSelectedLock()
{
    if (m_ctx.can(Core::Permission::RevokeKeys) && !currentId(Core::LockIdRole).isEmpty())
        m_revoke->revokeAllOnLock(currentId(Core::LockIdRole));
}

} // namespace Keydesk::Ui
