#pragma once

#include "ui/views/ViewContext.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>

class QTimer;
class QTreeWidget;

namespace Keydesk::Ui {

/// Today at a glance, in the facility's day: users whose offline keys expire today, keys that become ACTIVE or
/// EXPIRED today, locks with a low battery, and revocations not yet effective or not yet delivered to the lock.
/// Read from the cache off the GUI thread and refreshed when it changes, at the facility's midnight and when the
/// clock jumps.
class DashboardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)

public:
    DashboardView(const ViewContext &ctx, QWidget *parent = nullptr);

    /// The dashboard has nothing to add to the main window's menus.
    QList<QAction *> actions() const { return {}; }
    /// Rows whose text contains `text` stay visible.
    void setSearchText(const QString &text);
    /// Re-reads the cache now (the midnight timer calls it; the cache's changes and the clock's jumps queue it).
    void reload();
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void refreshed();

private:
    struct Today;
    /// A reload soon (bursts of changes: one read, and at most one read per kMinReadGapMs); behind another page
    /// of a shown window, only a note to read when shown.
    void queueReload();
    void present(const Today &today);
    void applySearch();
    /// Status colours from the current palette (called again when it changes: light ↔ dark).
    void applyColors();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    ViewContext m_ctx;
    bool m_loaded = false;
    bool m_reloadQueued = false;
    /// Each read goes through every key of the facility on the cache's thread, which the sync needs too: while a
    /// sync changes rows many times a second, the dashboard reads at most this often.
    static constexpr qint64 kMinReadGapMs = 2000;
    QElapsedTimer m_lastRead;
    bool m_stale = false; ///< changed while behind another page: read when shown
    /// Longest wait for midnight (a facility day is at most 25 h; QTimer takes an int of ms).
    static constexpr qint64 kMaxMidnightWaitMs = 26 * 3600 * 1000;
    QTimer *m_midnight = nullptr;
    quint64 m_generation = 0;
    QString m_search;
    QTreeWidget *m_offline = nullptr;
    QTreeWidget *m_keys = nullptr;
    QTreeWidget *m_batteries = nullptr;
    QTreeWidget *m_revocations = nullptr;
    /// Read while another page of the shown window was on screen: laid out when the dashboard is shown (a sync
    /// of a large facility re-read it many times a second, and each time filled and coloured its lists, bench_gui).
    std::shared_ptr<Today> m_pending;
};

} // namespace Keydesk::Ui
