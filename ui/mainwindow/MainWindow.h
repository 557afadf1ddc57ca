#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace Keydesk::Ui {

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

private:
    void buildNavigation();
    void buildMenus();
    /// File ▸ New digital key… (Ctrl+N).
    void newDigitalKey();
    QWidget *makePlaceholder(const QString &title, const QString &text);

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
};

} // namespace Keydesk::Ui
