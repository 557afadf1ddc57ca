#pragma once

#include "ui/startup/SessionInfo.h"

#include <QMainWindow>

class QAction;
class QListWidget;
class QStackedWidget;

namespace Keydesk::Ui {

class OfflineBanner;
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

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void showSection(Section section);
    Section currentSection() const;

    /// Signed in: the facility and the staff member in the title and status bar; the role hides what it may not do.
    void setSession(const SessionInfo &session);
    const SessionInfo &session() const { return m_session; }
    StatusBarWidget *connectionStatus() const { return m_status; }
    OfflineBanner *offlineBanner() const { return m_offlineBanner; }

Q_SIGNALS:
    /// File ▸ Connect to server…: the app opens its Connect dialog.
    void connectToServerRequested();

private:
    void buildNavigation();
    void buildMenus();
    /// File ▸ New digital key… (Ctrl+N).
    void newDigitalKey();
    QWidget *makePlaceholder(const QString &title, const QString &text);

    /// Shows or hides the actions the signed-in role may not use (the server refuses them anyway).
    void applyRole();

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    StatusBarWidget *m_status = nullptr;
    OfflineBanner *m_offlineBanner = nullptr;
    QAction *m_newKey = nullptr;
    SessionInfo m_session;
    bool m_signedIn = false;
};

} // namespace Keydesk::Ui
