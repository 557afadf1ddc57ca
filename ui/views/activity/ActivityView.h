#pragma once

#include "ui/views/ViewContext.h"

#include <QHash>
#include <QModelIndex>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QTimer;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace Keydesk::Core {
class ActivityModel;
class LocksModel;
class UsersModel;
} // namespace Keydesk::Core

namespace Keydesk::Ui {

class ActivityChart;

/// The locks' activity log: filters (lock, action, user by tracking key, date range in the facility's zone),
/// events whose time is uncertain shown as a range, a chart of unlocks per hour/day over the filtered rows, and
/// export of the filtered rows to CSV.
class ActivityView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityView)

public:
    ActivityView(const ViewContext &context, QWidget *parent = nullptr);
    ~ActivityView() override;

    Core::ActivityModel *model() const { return m_activity; }
    ActivityChart *chart() const { return m_chart; }

    /// Filters; an empty value clears that filter. Dates are facility days, `to` inclusive.
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
    void refillLocks();
    void refillUsers();
    /// Rows added or removed: both lists are rebuilt once, a moment later (a sync brings thousands at a time).
    void scheduleRefill();
    /// Rows changed: only their entries are renamed (a facility has up to 250,000 locks and users, and a sync
    /// edits a few of them many times a second — rebuilding the lists each time froze the window).
    void renameChanged(QComboBox *combo, const QHash<QString, int> &at, const QModelIndex &topLeft,
                       const QModelIndex &bottomRight);
    void chooseExportFile();

    ViewContext m_context;
    Core::ActivityModel *m_activity = nullptr;
    Core::LocksModel *m_locks = nullptr;
    Core::UsersModel *m_users = nullptr;
    QComboBox *m_lock = nullptr;
    QComboBox *m_action = nullptr;
    QComboBox *m_user = nullptr;
    QCheckBox *m_dated = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
    ActivityChart *m_chart = nullptr;
    QPushButton *m_export = nullptr;
    QTimer *m_refill = nullptr;
    QHash<QString, int> m_lockAt; ///< lock id → its entry in m_lock
    QHash<QString, int> m_userAt; ///< tracking key → its entry in m_user
};

} // namespace Keydesk::Ui
