#pragma once

#include "ui/views/ViewContext.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace Keydesk::Core {
class ActivityModel;
} // namespace Keydesk::Core

namespace Keydesk::Ui {

class ActivityChart;
class DirectoryPicker;

/// The locks' activity log: filters (lock and user typed and searched in the session's FacilityDirectory, action,
/// date range in the facility's zone), events whose time is uncertain shown as a range, a chart of unlocks per hour/day
/// over the filtered rows, and export of the filtered rows to CSV.
class ActivityView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityView)

public:
    ActivityView(const ViewContext &context, QWidget *parent = nullptr);
    ~ActivityView() override;

    Core::ActivityModel *model() const { return m_activity; }
    ActivityChart *chart() const { return m_chart; }

    /// Filters; an empty value clears that filter. Dates are facility days, `to` inclusive. A lock or tracking key
    /// the directory does not know (yet) filters all the same.
    void setLockFilter(const QString &lockId);
    void setActionFilter(const QString &action);
    void setTrackingKeyFilter(const QString &trackingKey);
    void setDateFilter(const QDate &from, const QDate &to);
    void clearDateFilter();

    /// Writes the filtered rows to `path` as CSV. False with `error` set when the file cannot be written.
    bool exportCsv(const QString &path, QString *error = nullptr);

public Q_SLOTS:
    void setSearchText(const QString &text);

private:
    void applyFilters();
    void chooseExportFile();

    ViewContext m_context;
    Core::ActivityModel *m_activity = nullptr;
    DirectoryPicker *m_lock = nullptr;
    QComboBox *m_action = nullptr;
    DirectoryPicker *m_user = nullptr; ///< chooses a tracking key (activity is filed under it)
    QCheckBox *m_dated = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
    ActivityChart *m_chart = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace Keydesk::Ui
