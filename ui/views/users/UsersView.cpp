#include "ui/views/users/UsersView.h"

#include "core/models/UsersModel.h"
#include "core/sync/Mutations.h"
#include "core/sync/SyncEngine.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/StatusStyle.h"
#include "ui/views/keys/RevokeFlow.h"
#include "ui/views/users/ExplainAccessDialog.h"
#include "ui/views/users/UserDetailsPanel.h"
#include "ui/widgets/HeaderMemory.h"

#include <QAction>
#include <QComboBox>
#include <QCoroTask>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {
const QString kHeaderKey = QStringLiteral("views/users/header");
}

UsersView::UsersView(const ViewContext &ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("usersView"));
    m_model = new Core::UsersModel(*m_ctx.clock, this);
    m_model->setFacilityZone(m_ctx.zone);
    if (!m_ctx.directory)
        m_ctx.directory = new FacilityDirectory(m_ctx.cache, this); // a view on its own (tests)
    m_directory = m_ctx.directory;
    m_revoke = new RevokeFlow(m_ctx, *m_directory, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("usersToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    layout->addWidget(toolbar);

    m_statusFilter = new QComboBox(toolbar);
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    m_statusFilter->addItem(tr("All users"), QString());
    m_statusFilter->addItem(tr("Active"), QStringLiteral("active"));
    m_statusFilter->addItem(tr("Delinquent"), QStringLiteral("delinquent"));
    m_statusFilter->addItem(tr("Suspended"), QStringLiteral("suspended"));
    toolbar->addWidget(m_statusFilter);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &UsersView::applyFilters);

    //: Quick filter: users whose offline keys have all expired
    m_expiredAction = new QAction(tr("Expired offline keys"), this);
    m_expiredAction->setObjectName(QStringLiteral("expiredOfflineFilter"));
    m_expiredAction->setCheckable(true);
    m_expiredAction->setToolTip(tr("Show only users whose offline keys have expired"));
    connect(m_expiredAction, &QAction::toggled, this, &UsersView::setExpiredOfflineFilter);
    toolbar->addAction(m_expiredAction);
    toolbar->addSeparator();

    m_forceCheckAction = new QAction(tr("Force new security check"), this);
    m_forceCheckAction->setObjectName(QStringLiteral("forceSecurityCheckAction"));
    m_forceCheckAction->setToolTip(tr("Invalidate the user's offline keys: their phone must pass a fresh access "
                                      "check online before it opens a lock again"));
    connect(m_forceCheckAction, &QAction::triggered, this, &UsersView::forceSecurityCheck);
    m_explainAction = new QAction(tr("Why can't they get in?"), this);
    m_explainAction->setObjectName(QStringLiteral("explainAccessAction"));
    connect(m_explainAction, &QAction::triggered, this, &UsersView::explainAccess);
    m_revokeAction
        = new QAction(QIcon(QStringLiteral(":/icons/revoke.svg")), tr("Revoke every key of this user…"), this);
    m_revokeAction->setObjectName(QStringLiteral("revokeUserKeysAction"));
    connect(m_revokeAction, &QAction::triggered, this, &UsersView::revokeAllKeys);
    for (QAction *a : { m_forceCheckAction, m_explainAction, m_revokeAction })
        toolbar->addAction(a);
    m_forceCheckAction->setVisible(m_ctx.can(Core::Permission::ManageOfflineKeys));
    m_explainAction->setVisible(m_ctx.can(Core::Permission::ExplainAccess));
    m_revokeAction->setVisible(m_ctx.can(Core::Permission::RevokeKeys));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableView(left);
    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *badges = new StatusBadgeDelegate(m_table);
    m_table->setItemDelegateForColumn(Core::UsersModel::StatusColumn, badges);
    m_table->setItemDelegateForColumn(Core::UsersModel::OfflineKeyColumn, badges);
    m_table->setColumnWidth(Core::UsersModel::NameColumn, 180);
    m_table->setColumnWidth(Core::UsersModel::EmailColumn, 150);
    m_table->setColumnWidth(Core::UsersModel::KindColumn, 80);
    m_table->setColumnWidth(Core::UsersModel::TrackingKeyColumn, 110);
    m_table->setColumnWidth(Core::UsersModel::OfflineKeyColumn, 190);
    m_table->sortByColumn(0, Qt::AscendingOrder); // QHeaderView starts descending; names read A to Z
    (new HeaderMemory(m_table->horizontalHeader(), kHeaderKey))->restore(); // saved as it changes
    leftLayout->addWidget(m_table, 1);
    m_count = new QLabel(left);
    m_count->setObjectName(QStringLiteral("countLabel"));
    leftLayout->addWidget(m_count);
    m_details = new UserDetailsPanel(m_ctx, *m_directory, splitter);
    splitter->addWidget(left);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 800, 480 });
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_details->setUserId(selectedUserId());
        updateActions();
    });
    auto updateCount = [this] { m_count->setText(tr("%n user(s)", nullptr, m_model->rowCount())); };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateCount);
    connect(m_revoke, &RevokeFlow::submitted, this, [this](int n) {
        showMessage(
            tr("%n revocation(s) queued. The keys view shows each one's state until the lock has it.", nullptr, n),
            false);
    });
    connect(m_revoke, &RevokeFlow::failed, this, [this](const QString &m) { showMessage(m, true); });
    if (m_ctx.cache)
        m_model->attach(m_ctx.cache);
    updateActions();
}

UsersView::~UsersView() = default;

QList<QAction *> UsersView::actions() const
{
    QList<QAction *> out { m_expiredAction };
    for (QAction *a : { m_forceCheckAction, m_explainAction, m_revokeAction }) {
        if (a->isVisible())
            out.append(a);
    }
    return out;
}

QString UsersView::selectedUserId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(Core::IdRole).toString();
}

bool UsersView::selectUser(const QString &userId)
{
    const int row = m_model->rowOfId(userId);
    if (row < 0)
        return false;
    m_table->selectionModel()->select(m_model->index(row, 0),
                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(m_model->index(row, 0));
    return true;
}

void UsersView::setSearchText(const QString &text)
{
    m_model->setTextFilter(text);
    m_count->setText(tr("%n user(s)", nullptr, m_model->rowCount()));
}

void UsersView::setExpiredOfflineFilter(bool on)
{
    if (m_expiredAction->isChecked() != on)
        m_expiredAction->setChecked(on); // comes back here through toggled
    else
        applyFilters();
}

void UsersView::applyFilters()
{
    m_model->setFieldFilter(QStringLiteral("status"), m_statusFilter->currentData().toString());
    m_model->setOfflineKeyFilter(m_expiredAction->isChecked() ? Core::UsersModel::OfflineKeyFilter::Expired
                                                              : Core::UsersModel::OfflineKeyFilter::Any);
    m_count->setText(tr("%n user(s)", nullptr, m_model->rowCount()));
    updateActions();
}

void UsersView::updateActions()
{
    const bool one = !selectedUserId().isEmpty();
    m_forceCheckAction->setEnabled(one);
    m_explainAction->setEnabled(one);
    m_revokeAction->setEnabled(one);
}

void UsersView::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText,
               error ? StatusStyle::foreground(StatusStyle::Tone::Danger, palette())
                     : palette().color(QPalette::WindowText));
    m_message->setPalette(p);
    m_message->setVisible(!text.isEmpty());
}

void UsersView::forceSecurityCheck()
{
    const QString userId = selectedUserId();
    if (userId.isEmpty() || !m_ctx.can(Core::Permission::ManageOfflineKeys) || !m_ctx.sync)
        return;
    const QString name = m_directory->userName(userId);
    QCoro::connect(m_ctx.sync->submit(Core::Mutations::invalidateOfflineKeys(userId)), this,
                   [this, name](const Core::Result<qint64> &result) {
                       if (!result) {
                           showMessage(result.error().message, true);
                           return;
                       }
                       showMessage(tr("New security check forced for %1: their offline keys stop working and "
                                      "their phone must pass an access check online to get new ones.")
                                       .arg(name),
                                   false);
                   });
}

void UsersView::explainAccess()
{
    const QString userId = selectedUserId();
    if (userId.isEmpty() || !m_ctx.can(Core::Permission::ExplainAccess))
        return;
    if (m_explainDialog)
        m_explainDialog->close();
    m_explainDialog = new ExplainAccessDialog(m_ctx, *m_directory, userId, this);
    m_explainDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_explainDialog->open();
}

void UsersView::revokeAllKeys()
{
    const QString userId = selectedUserId();
    if (!userId.isEmpty() && m_ctx.can(Core::Permission::RevokeKeys))
        m_revoke->revokeAllOfUser(userId);
}

} // namespace Keydesk::Ui
