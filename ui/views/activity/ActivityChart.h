#pragma once

#include "core/domain/FacilityZone.h"

#include <QColor>
#include <QList>
#include <QWidget>

class QAbstractItemModel;
class QTimer;

QT_BEGIN_NAMESPACE
class QChartView;
class QBarSeries;
QT_END_NAMESPACE

namespace Keydesk::Ui {

/// Unlocks per hour (spans up to two days) or per day, over the rows a table model shows (the activity view's
/// filtered rows). An event whose time is uncertain counts in the bucket where its range starts.
class ActivityChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityChart)

public:
    enum class Bucket { Hour, Day };
    /// One bar: the bucket's start (facility wall time, as UTC ms) and how many unlocks fell in it.
    struct Bar
    {
        qint64 startMs = 0;
        int count = 0;
        bool operator==(const Bar &) const = default;
    };
    /// One unlock event's time (ms UTC).
    static bool isUnlock(const QString &action);
    /// Empty buckets between the first and last event are included (a gap is information).
    static QList<Bar> bucketize(const QList<qint64> &times, Bucket bucket, const Core::FacilityZone &zone);
    /// Hour when the events span at most two days, else Day.
    static Bucket bucketFor(const QList<qint64> &times);

    ActivityChart(const Core::FacilityZone &zone, QWidget *parent = nullptr);
    ~ActivityChart() override;

    /// Follows the model (action in StatusRole, time in RangeStartRole); redraws shortly after it changes.
    void setModel(QAbstractItemModel *model);
    /// Recomputes now.
    void refresh();

    Bucket bucket() const { return m_bucket; }
    const QList<Bar> &bars() const { return m_bars; }
    /// The chart's own background (follows the palette: light or dark).
    QColor chartBackground() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    /// Qt Charts draws in its own theme, not the palette: pick the light or dark one and the palette's colours.
    void followPalette();

    Core::FacilityZone m_zone;
    QAbstractItemModel *m_model = nullptr;
    QChartView *m_view = nullptr;
    QTimer *m_timer = nullptr;
    Bucket m_bucket = Bucket::Hour;
    QList<Bar> m_bars;
};

} // namespace Keydesk::Ui
