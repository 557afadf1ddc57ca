#pragma once

#include "ui/startup/SessionInfo.h"
#include "ui/views/ViewContext.h"

#include <QMainWindow>

#include <functional>

class QAction;
class QLineEdit;
class QListWidget;
class QMenu;
class QStackedWidget;
class QVBoxLayout;

namespace Keydesk::Ui {

class FacilityDirectory;
class OfflineBanner;
class RejectionBanner;
class StatusBarWidget;

/// The application window: navigation on the left, the current view on the right. Views only wire; the
/// work lives in core.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// The sections of the navigation, in display order.
    enum class Section { Dashboard, Users, Locks, Keys, Activity, QuickClicks, Audit };
    Q_ENUM(Section)

    /// `clock` (the app's, injected: a FakeClock in tests) must outlive the window: the status bar's "synced N s
    /// ago" and the new-key dialog use it.
    explicit MainWindow(const Core::Clock &clock = Core::Clock::system(), QWidget *parent = nullptr);
    ~MainWindow() override;

    void showSection(Section section);
    Section currentSection() const;

    /// Signed in: the facility and the staff member in the title and status bar; the role hides what it may not do.
    void setSession(const SessionInfo &session);
    const SessionInfo &session() const { return m_session; }
    /// Puts the session's views (users, locks, keys, activity, quick clicks, audit) in place of the placeholders.
    /// The context's cache, sync engine and client must outlive the views: call detachViews() before they go.
    void attachViews(const ViewContext &given);
    /// Back to placeholders (the session ends or changes server).
    void detachViews();
    bool hasViews() const { return !m_views.isEmpty(); }
    /// The view shown for a section, or nullptr before attachViews().
    QWidget *view(Section section) const;

    StatusBarWidget *connectionStatus() const { return m_status; }
    OfflineBanner *offlineBanner() const { return m_offlineBanner; }
    /// The changes the server refused, over every view (under the offline banner); nullptr before attachViews().
    RejectionBanner *rejectionBanner() const { return m_rejections; }
    /// The session's locks, groups and users, shared by every view; nullptr before attachViews().
    FacilityDirectory *directory() const { return m_directory; }

Q_SIGNALS:
    /// File ▸ Connect to server…: the app opens its Connect dialog.
    void connectToServerRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildNavigation();
    /// The navigation's icons, with a selected state in the palette's highlighted-text colour.
    void applyNavigationIcons();
    void buildMenus();
    /// File ▸ New digital key… (Ctrl+N).
    void newDigitalKey();
    QWidget *makePlaceholder(const QString &title, const QString &text);

    /// Shows or hides the actions the signed-in role may not use (the server refuses them anyway).
    void applyRole();

    void setPage(Section section, QWidget *page);
    void applySearch();

    const Core::Clock &m_clock;
    QListWidget *m_navigation = nullptr;
    QLineEdit *m_search = nullptr;
    QMenu *m_actionsMenu = nullptr;
    QList<QWidget *> m_views; ///< by section index; nullptr where a placeholder is shown
    QList<std::function<void(const QString &)>> m_searchers; ///< by section index
    QStackedWidget *m_pages = nullptr;
    StatusBarWidget *m_status = nullptr;
    OfflineBanner *m_offlineBanner = nullptr;
    RejectionBanner *m_rejections = nullptr; ///< lives while views are attached
    FacilityDirectory *m_directory = nullptr; ///< made for the attached views (unless the context brought one)
    QVBoxLayout *m_bannerArea = nullptr;
    QAction *m_newKey = nullptr;
    QList<QAction *> m_sectionActions; ///< View menu, by section index
    SessionInfo m_session;
    bool m_signedIn = false;
};

} // namespace Keydesk::Ui
