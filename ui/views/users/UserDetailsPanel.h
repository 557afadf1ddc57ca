#pragma once

#include "ui/views/ViewContext.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace Keydesk::Ui {

class FacilityDirectory;

/// One user at a glance, for the users view: profile, account status (active / delinquent / suspended, in
/// words), their digital keys with statuses, their offline keys per lock with expiry, and recent activity at
/// the locks. Read from the cache off the GUI thread; refreshed when any of it changes.
class UserDetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserDetailsPanel)

public:
    static constexpr int kRecentActivity = 20;

    UserDetailsPanel(const ViewContext &ctx, const FacilityDirectory &directory, QWidget *parent = nullptr);

    /// Shows the user (empty: nothing selected).
    void setUserId(const QString &userId);
    QString userId() const { return m_userId; }
    /// True once the current user's data has been read.
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    /// The panel shows fresh data for userId().
    void refreshed();

private:
    struct Details
    {
        QJsonObject user;
        QList<QJsonObject> keys; ///< the user's keys (feed rows, with "id")
        QList<QJsonObject> offlineKeys;
        QList<QJsonObject> activity; ///< newest first
    };
    void reload();
    void show(const Details &details);
    QString instant(const QJsonValue &ms) const;

    ViewContext m_ctx;
    const FacilityDirectory &m_directory;
    QString m_userId;
    quint64 m_generation = 0;
    bool m_loaded = false;
    bool m_reloadQueued = false;
    Details m_details; ///< what is shown, shown again when the directory learns lock names
    QLabel *m_name = nullptr;
    QLabel *m_profile = nullptr;
    QLabel *m_status = nullptr;
    QTreeWidget *m_keys = nullptr;
    QTreeWidget *m_offline = nullptr;
    QTreeWidget *m_activity = nullptr;
};

} // namespace Keydesk::Ui
