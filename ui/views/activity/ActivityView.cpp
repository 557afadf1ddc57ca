#include "ui/views/activity/ActivityView.h"

#include "core/models/FacilityModels.h"
#include "core/models/UsersModel.h"
#include "ui/views/activity/ActivityChart.h"
#include "ui/views/activity/ActivityCsv.h"
#include "ui/views/locks/TableSetup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {

const QString kHeaderKey = QStringLiteral("views/activity/header");

const QStringList kActions { QStringLiteral("alarm_triggered"),
                             QStringLiteral("button_touched"),
                             QStringLiteral("failed_unlock"),
                             QStringLiteral("locked"),
                             QStringLiteral("proximity_stats"),
                             QStringLiteral("setup_unlocked"),
                             QStringLiteral("start_up"),
                             QStringLiteral("unknown"),
                             QStringLiteral("unlock_via_access_code"),
                             QStringLiteral("unlocked"),
                             QStringLiteral("unlocked_via_quick_click"),
                             QStringLiteral("wake_stats") };

/// Refills a filter combo from (text, value) pairs, keeping the chosen value (or the one asked for before the
/// list had it: a filter set while the models are still loading).
void refill(QComboBox *combo, const QString &allText, const QList<QPair<QString, QString>> &items)
{
    const QString wanted = combo->property("wanted").toString();
    const QString current = wanted.isEmpty() ? combo->currentData().toString() : wanted;
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(allText, QString());
    for (const auto &[text, value] : items)
        combo->addItem(text, value);
    const int at = combo->findData(current);
    combo->setCurrentIndex(at < 0 ? 0 : at);
    if (at >= 0)
        combo->setProperty("wanted", QString());
}

void selectData(QComboBox *combo, const QString &value)
{
    const int at = combo->findData(value);
    combo->setProperty("wanted", at < 0 ? value : QString());
    combo->setCurrentIndex(at < 0 ? 0 : at);
}

} // namespace

ActivityView::ActivityView(const ViewContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("activityView"));
    m_activity = new Core::ActivityModel(*context.clock, this);
    m_activity->setFacilityZone(context.zone);
    m_locks = new Core::LocksModel(*context.clock, this);
    m_locks->sort(Core::LocksModel::NameColumn);
    m_users = new Core::UsersModel(*context.clock, this);
    m_users->sort(Core::UsersModel::NameColumn);

    m_lock = new QComboBox(this);
    m_lock->setObjectName(QStringLiteral("activityLockFilter"));
    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("activityActionFilter"));
    m_action->addItem(tr("All actions"), QString());
    for (const QString &a : kActions)
        m_action->addItem(a, a); // the Core API's action names: what integrators and support know
    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("activityUserFilter"));
    m_dated = new QCheckBox(tr("From"), this);
    m_dated->setObjectName(QStringLiteral("activityDateRangeCheck"));
    const QDate today = context.zone.localDate(context.clock->now());
    m_from = new QDateEdit(today.addDays(-7), this);
    m_from->setObjectName(QStringLiteral("activityFromDate"));
    m_to = new QDateEdit(today, this);
    m_to->setObjectName(QStringLiteral("activityToDate"));
    for (QDateEdit *e : { m_from, m_to }) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        e->setMinimumWidth(e->fontMetrics().horizontalAdvance(QStringLiteral("2026-12-31")) + 48);
        e->setEnabled(false);
    }
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setObjectName(QStringLiteral("exportCsvButton"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("activityCount"));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("activityTable"));
    m_view->setModel(m_activity);
    m_view->sortByColumn(Core::ActivityModel::TimeColumn, Qt::DescendingOrder); // newest first unless saved
    setUpTable(m_view, kHeaderKey);

    m_chart = new ActivityChart(context.zone, this);
    m_chart->setModel(m_activity);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_lock);
    filters->addWidget(m_action);
    filters->addWidget(m_user);
    filters->addWidget(m_dated);
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to", "date range"), this));
    filters->addWidget(m_to);
    filters->addStretch(1);
    filters->addWidget(m_count);
    filters->addWidget(m_export);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    refillLocks();
    refillUsers();
    for (QComboBox *c : { m_lock, m_action, m_user })
        connect(c, &QComboBox::currentIndexChanged, this, &ActivityView::applyFilters);
    connect(m_dated, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilters();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &ActivityView::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &ActivityView::applyFilters);
    connect(m_export, &QPushButton::clicked, this, &ActivityView::chooseExportFile);

    m_refill = new QTimer(this);
    m_refill->setSingleShot(true);
    m_refill->setInterval(250);
    connect(m_refill, &QTimer::timeout, this, [this] {
        refillLocks();
        refillUsers();
    });
    for (QAbstractItemModel *m :
         { static_cast<QAbstractItemModel *>(m_locks), static_cast<QAbstractItemModel *>(m_users) }) {
        connect(m, &QAbstractItemModel::rowsInserted, this, &ActivityView::scheduleRefill);
        connect(m, &QAbstractItemModel::rowsRemoved, this, &ActivityView::scheduleRefill);
        connect(m, &QAbstractItemModel::modelReset, this, &ActivityView::scheduleRefill);
        connect(m, &QAbstractItemModel::layoutChanged, this, &ActivityView::scheduleRefill);
    }
    connect(m_locks, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br) { renameChanged(m_lock, m_lockAt, tl, br); });
    connect(m_users, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br) { renameChanged(m_user, m_userAt, tl, br); });
    auto count = [this] {
        const int n = m_activity->rowCount();
        m_count->setText(n == 1 ? tr("1 event") : tr("%1 events").arg(n));
        m_export->setEnabled(m_activity->rowCount() > 0);
    };
    connect(m_activity, &QAbstractItemModel::rowsInserted, this, count);
    connect(m_activity, &QAbstractItemModel::rowsRemoved, this, count);
    connect(m_activity, &QAbstractItemModel::modelReset, this, count);
    count();

    if (context.cache) {
        m_activity->attach(context.cache);
        m_locks->attach(context.cache);
        m_users->attach(context.cache);
    }
}

ActivityView::~ActivityView() = default;

void ActivityView::scheduleRefill()
{
    if (!m_refill->isActive())
        m_refill->start();
}

void ActivityView::renameChanged(QComboBox *combo, const QHash<QString, int> &at, const QModelIndex &topLeft,
                                 const QModelIndex &bottomRight)
{
    const bool users = combo == m_user;
    for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
        const QString value = users ? m_users->index(r, Core::UsersModel::TrackingKeyColumn).data().toString()
                                    : m_locks->index(r, 0).data(Core::IdRole).toString();
        const QString name = users ? m_users->index(r, Core::UsersModel::NameColumn).data().toString()
                                   : m_locks->index(r, Core::LocksModel::NameColumn).data().toString();
        const int entry = at.value(value, -1);
        if (entry < 0) {
            if (!value.isEmpty())
                scheduleRefill(); // a user got a tracking key, or an entry is not listed yet
            continue;
        }
        if (combo->itemText(entry) != name)
            combo->setItemText(entry, name);
    }
}

void ActivityView::refillLocks()
{
    const QString before = m_lock->currentData().toString();
    QList<QPair<QString, QString>> items;
    m_lockAt.clear();
    for (int r = 0; r < m_locks->rowCount(); ++r) {
        items.append({ m_locks->index(r, Core::LocksModel::NameColumn).data().toString(),
                       m_locks->index(r, 0).data(Core::IdRole).toString() });
        m_lockAt.insert(items.constLast().second, int(items.size())); // entry 0 is "All locks"
    }
    refill(m_lock, tr("All locks"), items);
    if (m_lock->currentData().toString() != before)
        applyFilters(); // a filter asked for before the lock was known now applies
}

void ActivityView::refillUsers()
{
    const QString before = m_user->currentData().toString();
    QList<QPair<QString, QString>> items;
    m_userAt.clear();
    for (int r = 0; r < m_users->rowCount(); ++r) {
        const QString key = m_users->index(r, Core::UsersModel::TrackingKeyColumn).data().toString();
        if (key.isEmpty())
            continue;
        items.append({ m_users->index(r, Core::UsersModel::NameColumn).data().toString(), key });
        m_userAt.insert(key, int(items.size())); // entry 0 is "All users"
    }
    refill(m_user, tr("All users"), items);
    if (m_user->currentData().toString() != before)
        applyFilters();
}

void ActivityView::setLockFilter(const QString &lockId)
{
    selectData(m_lock, lockId);
}

void ActivityView::setActionFilter(const QString &action)
{
    selectData(m_action, action);
}

void ActivityView::setTrackingKeyFilter(const QString &trackingKey)
{
    selectData(m_user, trackingKey);
}

void ActivityView::setDateFilter(const QDate &from, const QDate &to)
{
    const QSignalBlocker a(m_from), b(m_to);
    m_from->setDate(from);
    m_to->setDate(to);
    if (m_dated->isChecked())
        applyFilters();
    else
        m_dated->setChecked(true);
}

void ActivityView::clearDateFilter()
{
    m_dated->setChecked(false);
}

void ActivityView::setSearchText(const QString &text)
{
    m_activity->setTextFilter(text);
}

void ActivityView::applyFilters()
{
    m_activity->setFieldFilter(QStringLiteral("lock_id"), m_lock->currentData().toString());
    m_activity->setFieldFilter(QStringLiteral("action"), m_action->currentData().toString());
    m_activity->setFieldFilter(QStringLiteral("tracking_key"), m_user->currentData().toString());
    if (m_dated->isChecked()) {
        // Whole facility days, the end day included.
        m_activity->setDateRange(m_context.zone.startOfDay(m_from->date()),
                                 m_context.zone.startOfDay(m_to->date().addDays(1)));
    } else {
        m_activity->setDateRange({}, {});
    }
}

bool ActivityView::exportCsv(const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Could not open %1 for writing (%2). Choose another place.").arg(path, file.errorString());
        return false;
    }
    if (!ActivityCsv::write(file, *m_activity, error)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Could not save %1 (%2). Choose another place.").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ActivityView::chooseExportFile()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export activity"), tr("activity.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export activity"), error);
}

} // namespace Keydesk::Ui
