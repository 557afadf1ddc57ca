#include "ui/views/activity/ActivityView.h"

#include "core/models/FacilityModels.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/activity/ActivityChart.h"
#include "ui/views/activity/ActivityCsv.h"
#include "ui/views/locks/TableSetup.h"
#include "ui/widgets/DirectoryPicker.h"

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
#include <QSplitter>
#include <QTableView>
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

} // namespace

ActivityView::ActivityView(const ViewContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("activityView"));
    m_activity = new Core::ActivityModel(*context.clock, this);
    m_activity->setFacilityZone(context.zone);
    if (!m_context.directory)
        m_context.directory = new FacilityDirectory(context.cache, this); // a view on its own (tests)

    // Up to 50,000 locks and 200,000 users: typed and searched in the session's directory, never listed whole.
    m_lock = new DirectoryPicker(this);
    m_lock->setObjectName(QStringLiteral("activityLockFilter"));
    m_lock->setSource(m_context.directory->choices(FacilityDirectory::Kind::Locks));
    //: Placeholder of the activity view's lock filter
    m_lock->setPlaceholderText(tr("All locks"));
    m_lock->setAccessibleName(tr("Lock"));
    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("activityActionFilter"));
    m_action->addItem(tr("All actions"), QString());
    for (const QString &a : kActions)
        m_action->addItem(a, a); // the Core API's action names: what integrators and support know
    m_user = new DirectoryPicker(this);
    m_user->setObjectName(QStringLiteral("activityUserFilter"));
    m_user->setSource(m_context.directory->choices(FacilityDirectory::Kind::TrackingKeys));
    //: Placeholder of the activity view's user filter
    m_user->setPlaceholderText(tr("All users"));
    m_user->setAccessibleName(tr("User"));
    m_user->setToolTip(tr("Type a user's name or tracking key to show only the activity of their phone"));
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

    connect(m_lock, &DirectoryPicker::currentIdChanged, this, &ActivityView::applyFilters);
    connect(m_action, &QComboBox::currentIndexChanged, this, &ActivityView::applyFilters);
    connect(m_user, &DirectoryPicker::currentIdChanged, this, &ActivityView::applyFilters);
    connect(m_dated, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilters();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &ActivityView::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &ActivityView::applyFilters);
    connect(m_export, &QPushButton::clicked, this, &ActivityView::chooseExportFile);

    auto count = [this] {
        const int n = m_activity->rowCount();
        m_count->setText(n == 1 ? tr("1 event") : tr("%1 events").arg(n));
        m_export->setEnabled(m_activity->rowCount() > 0);
    };
    connect(m_activity, &QAbstractItemModel::rowsInserted, this, count);
    connect(m_activity, &QAbstractItemModel::rowsRemoved, this, count);
    connect(m_activity, &QAbstractItemModel::modelReset, this, count);
    count();

    if (context.cache)
        m_activity->attach(context.cache);
}

ActivityView::~ActivityView() = default;

void ActivityView::setLockFilter(const QString &lockId)
{
    m_lock->setCurrentId(lockId);
}

void ActivityView::setActionFilter(const QString &action)
{
    m_action->setCurrentIndex(std::max(0, m_action->findData(action)));
}

void ActivityView::setTrackingKeyFilter(const QString &trackingKey)
{
    m_user->setCurrentId(trackingKey);
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
    m_activity->setFieldFilter(QStringLiteral("lock_id"), m_lock->currentId());
    m_activity->setFieldFilter(QStringLiteral("action"), m_action->currentData().toString());
    m_activity->setFieldFilter(QStringLiteral("tracking_key"), m_user->currentId());
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
