#include "ui/views/activity/ActivityChart.h"

#include "core/models/ModelRoles.h"
#include "ui/views/StatusStyle.h"

#include <QAbstractItemModel>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace Keydesk::Ui {

bool ActivityChart::isUnlock(const QString &action)
{
    return action == QLatin1String("unlocked") || action == QLatin1String("unlocked_via_quick_click")
        || action == QLatin1String("unlock_via_access_code") || action == QLatin1String("setup_unlocked");
}

ActivityChart::Bucket ActivityChart::bucketFor(const QList<qint64> &times)
{
    if (times.isEmpty())
        return Bucket::Hour;
    const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    return *hi - *lo <= 2LL * 24 * 3600 * 1000 ? Bucket::Hour : Bucket::Day;
}

QList<ActivityChart::Bar> ActivityChart::bucketize(const QList<qint64> &times, Bucket bucket,
                                                   const Core::FacilityZone &zone)
{
    // Buckets are facility wall-clock hours or days (a DST day has 23 or 25 hours), so keys are local starts.
    auto startOf = [&](qint64 ms) -> QDateTime {
        const QDateTime local = zone.toLocal(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
        if (bucket == Bucket::Day)
            return zone.startOfDay(local.date());
        // Hours by the offset in force at that instant: correct for half-hour zones and both DST-overlap hours.
        const qint64 localSeconds = ms / 1000 + local.offsetFromUtc();
        const qint64 intoHour = ((localSeconds % 3600) + 3600) % 3600;
        return QDateTime::fromMSecsSinceEpoch((ms / 1000 - intoHour) * 1000, Qt::UTC);
    };
    auto next = [&](const QDateTime &start) -> QDateTime {
        const QDateTime local = zone.toLocal(start);
        if (bucket == Bucket::Day)
            return zone.startOfDay(local.date().addDays(1));
        return start.addSecs(3600);
    };
    if (times.isEmpty())
        return {};
    QMap<qint64, int> counts;
    for (qint64 t : times)
        ++counts[startOf(t).toMSecsSinceEpoch()];
    QList<Bar> bars;
    const qint64 last = counts.lastKey();
    for (QDateTime at = QDateTime::fromMSecsSinceEpoch(counts.firstKey(), Qt::UTC); at.toMSecsSinceEpoch() <= last;
         at = next(at)) {
        bars.append({ at.toMSecsSinceEpoch(), counts.value(at.toMSecsSinceEpoch()) });
        if (bars.size() > 10000) // a filter that spans years: never hang the GUI
            break;
    }
    return bars;
}

ActivityChart::ActivityChart(const Core::FacilityZone &zone, QWidget *parent)
    : QWidget(parent)
    , m_zone(zone)
{
    setObjectName(QStringLiteral("activityChart"));
    m_view = new QChartView(this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(160);
    m_view->chart()->legend()->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(150);
    connect(m_timer, &QTimer::timeout, this, &ActivityChart::refresh);
    followPalette();
}

ActivityChart::~ActivityChart() = default;

void ActivityChart::followPalette()
{
    QChart *chart = m_view->chart();
    chart->setTheme(StatusStyle::isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette().color(QPalette::Base));
    chart->legend()->hide();
    const QColor text = palette().color(QPalette::Text);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setGridLineColor(palette().color(QPalette::Mid));
    }
    m_view->setBackgroundBrush(palette().color(QPalette::Window));
}

QColor ActivityChart::chartBackground() const
{
    return m_view->chart()->backgroundBrush().color();
}

void ActivityChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        followPalette();
}

void ActivityChart::setModel(QAbstractItemModel *model)
{
    m_model = model;
    auto later = [this] { m_timer->start(); };
    connect(model, &QAbstractItemModel::modelReset, this, later);
    connect(model, &QAbstractItemModel::rowsInserted, this, later);
    connect(model, &QAbstractItemModel::rowsRemoved, this, later);
    connect(model, &QAbstractItemModel::dataChanged, this, later);
    connect(model, &QAbstractItemModel::layoutChanged, this, later);
    refresh();
}

void ActivityChart::refresh()
{
    QList<qint64> times;
    if (m_model) {
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const QModelIndex idx = m_model->index(r, 0);
            if (isUnlock(idx.data(Core::StatusRole).toString()))
                times.append(idx.data(Core::RangeStartRole).toLongLong());
        }
    }
    m_bucket = bucketFor(times);
    m_bars = bucketize(times, m_bucket, m_zone);

    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    auto *set = new QBarSet(tr("Unlocks"));
    QStringList categories;
    int most = 0;
    for (const Bar &bar : std::as_const(m_bars)) {
        *set << bar.count;
        most = std::max(most, bar.count);
        const QDateTime local = m_zone.toLocal(QDateTime::fromMSecsSinceEpoch(bar.startMs, Qt::UTC));
        // Short labels (the axis elides long ones); unique, as categories must be: hours span at most two days.
        categories << local.toString(
            m_bucket == Bucket::Hour ? QStringLiteral("ddd HH'h'")
                                     : (m_bars.size() > 365 ? QStringLiteral("yyyy-MM-dd") : QStringLiteral("MM-dd")));
    }
    auto *series = new QBarSeries(chart);
    series->append(set);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis(chart);
    x->append(categories);
    x->setLabelsAngle(categories.size() > 8 ? -90 : 0); // upright labels are elided once crowded
    auto *y = new QValueAxis(chart);
    y->setRange(0, most <= 4 ? std::max(1, most) : most + (4 - most % 4) % 4); // whole-number ticks
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTickCount(most <= 4 ? std::max(1, most) + 1 : 5);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    followPalette(); // the new axes take the theme's colours; the palette's win
    series->attachAxis(x);
    series->attachAxis(y);
    chart->setTitle(m_bars.isEmpty() ? tr("No unlocks in the shown activity")
                                     : (m_bucket == Bucket::Hour ? tr("Unlocks per hour") : tr("Unlocks per day")));
}

} // namespace Keydesk::Ui
