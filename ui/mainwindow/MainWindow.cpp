#include "ui/mainwindow/MainWindow.h"

#include "core/domain/Clock.h"
#include "ui/dialogs/KeyDialog.h"
#include "ui/mainwindow/ViewPages.h"
#include "ui/status/OfflineBanner.h"
#include "ui/status/StatusBarWidget.h"
#include "ui/views/FacilityDirectory.h"
#include "ui/views/keys/RejectionBanner.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPainter>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimeZone>
#include <QToolBar>
#include <QVBoxLayout>

namespace Keydesk::Ui {

namespace {

struct SectionInfo
{
    MainWindow::Section section;
    const char *title;
    const char *icon;
    const char *blurb;
};

/// The navigation item's SVG (":/icons/users.svg").
constexpr int kIconPathRole = Qt::UserRole + 1;

// Titles are marked for translation here and translated where they are shown (MainWindow::tr: the context is the
// class's full name, Keydesk::Ui::MainWindow).
const SectionInfo kSections[] = {
    { MainWindow::Section::Dashboard, QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Dashboard"),
      ":/icons/dashboard.svg", QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "What needs attention today.") },
    { MainWindow::Section::Users, QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Users"), ":/icons/users.svg",
      QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow",
                        "Tenants, shared users and contractors, with their offline key expiration.") },
    { MainWindow::Section::Locks, QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Locks"), ":/icons/locks.svg",
      QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow",
                        "Padlocks and door controllers, their battery and what is pending for them.") },
    { MainWindow::Section::Keys, QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Digital keys"), ":/icons/keys.svg",
      QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Every digital key: ACTIVE, UPCOMING, EXPIRED or REVOKED.") },
    { MainWindow::Section::Activity, QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Activity"), ":/icons/activity.svg",
      QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "What the locks reported.") },
    { MainWindow::Section::QuickClicks, QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Quick clicks"),
      ":/icons/quickclicks.svg", QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Button codes per lock.") },
    { MainWindow::Section::Audit, QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Audit"), ":/icons/audit.svg",
      QT_TRANSLATE_NOOP("Keydesk::Ui::MainWindow", "Every staff action: who, what, when.") },
};

} // namespace

MainWindow::MainWindow(const Core::Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Keydesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/keydesk.svg")));
    resize(1200, 760);

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_offlineBanner = new OfflineBanner(central);
    outer->addWidget(m_offlineBanner);
    // The session's rejection banner goes here, under the offline banner and over every view.
    m_bannerArea = new QVBoxLayout;
    m_bannerArea->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_bannerArea);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    outer->addLayout(layout, 1);

    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(200);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setFrameShape(QFrame::NoFrame);

    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(QStringLiteral("pages"));

    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    buildNavigation();
    buildMenus();

    // One search field for every view: it filters the view on screen as you type (Ctrl+F).
    auto *searchBar = new QToolBar(tr("Search"), this);
    searchBar->setObjectName(QStringLiteral("searchBar"));
    searchBar->setMovable(false);
    auto *spacer = new QWidget(searchBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    searchBar->addWidget(spacer);
    m_search = new QLineEdit(searchBar);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search (Ctrl+F)"));
    m_search->setMinimumWidth(280);
    searchBar->addWidget(m_search);
    addToolBar(Qt::TopToolBarArea, searchBar);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_search, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::applySearch);
    connect(m_pages, &QStackedWidget::currentChanged, this, &MainWindow::applySearch);
    m_status = new StatusBarWidget(m_clock, this);
    statusBar()->addPermanentWidget(m_status);
    statusBar()->showMessage(tr("Not connected"));
    showSection(Section::Dashboard);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildNavigation()
{
    for (const SectionInfo &info : kSections) {
        auto *item = new QListWidgetItem(tr(info.title), m_navigation);
        item->setData(Qt::UserRole, static_cast<int>(info.section));
        item->setData(kIconPathRole, QString::fromLatin1(info.icon));
        m_pages->addWidget(makePlaceholder(tr(info.title), tr(info.blurb)));
    }
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    applyNavigationIcons();
}

void MainWindow::applyNavigationIcons()
{
    // The SVGs are drawn in one accent colour, which disappears on the selection's highlight: the selected item
    // shows the same drawing in the palette's highlighted-text colour (again after a light/dark switch).
    const QColor selected = palette().color(QPalette::HighlightedText);
    const QSize size = m_navigation->iconSize();
    for (int i = 0; i < m_navigation->count(); ++i) {
        QListWidgetItem *item = m_navigation->item(i);
        const QIcon source(item->data(kIconPathRole).toString());
        // Rendered from the SVG at each common scale (crisp), as pixmaps: an SVG icon would ignore a Selected pixmap.
        QIcon icon;
        for (const qreal ratio : { 1.0, 1.25, 1.5, 2.0, 3.0 }) {
            icon.addPixmap(source.pixmap(size, ratio), QIcon::Normal);
            QPixmap pixmap = source.pixmap(size, ratio);
            QPainter painter(&pixmap);
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
            painter.fillRect(QRect(QPoint(0, 0), size), selected);
            painter.end();
            icon.addPixmap(pixmap, QIcon::Selected);
        }
        item->setIcon(icon);
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_navigation)
        applyNavigationIcons();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_newKey = file->addAction(QIcon(QStringLiteral(":/icons/newkey.svg")), tr("&New digital key\u2026"), this,
                               &MainWindow::newDigitalKey);
    m_newKey->setObjectName(QStringLiteral("actionNewKey"));
    m_newKey->setShortcut(QKeySequence::New);
    file->addSeparator();
    QAction *connectAction
        = file->addAction(tr("&Connect to server\u2026"), this, &MainWindow::connectToServerRequested);
    connectAction->setObjectName(QStringLiteral("actionConnect"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    int index = 0;
    for (const SectionInfo &info : kSections) {
        QAction *action = view->addAction(tr(info.title));
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
        const Section section = info.section;
        connect(action, &QAction::triggered, this, [this, section] { showSection(section); });
        m_sectionActions.append(action);
        ++index;
    }

    m_actionsMenu = menuBar()->addMenu(tr("&Actions"));
    m_actionsMenu->setObjectName(QStringLiteral("actionsMenu"));
    m_actionsMenu->menuAction()->setVisible(false);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::setSession(const SessionInfo &session)
{
    m_session = session;
    m_signedIn = true;
    const QString where = session.facilityName.isEmpty() ? session.serverUrl.host() : session.facilityName;
    const QString who = tr("%1 (%2)").arg(session.username, Core::describe(session.role));
    //: Window title: facility — staff member (role) — application
    setWindowTitle(tr("%1 \u2014 %2 \u2014 Keydesk").arg(where, who));
    m_status->setIdentity(session.embedded ? tr("%1 \u00b7 %2 (on this computer)").arg(who, where)
                                           : tr("%1 \u00b7 %2 (%3)").arg(who, where, session.serverUrl.host()));
    statusBar()->clearMessage();
    applyRole();
}

void MainWindow::applyRole()
{
    // Before sign-in nothing can be saved anyway; after it, the role decides.
    m_newKey->setVisible(!m_signedIn || Core::hasPermission(m_session.role, Core::Permission::CreateKeys));
    m_newKey->setEnabled(m_newKey->isVisible());
    // Sections the role may not read leave the navigation (front desk has no audit log).
    const auto mayRead = [this](Section section) {
        if (!m_signedIn)
            return true;
        switch (section) {
        case Section::Audit:
            return Core::hasPermission(m_session.role, Core::Permission::ViewAudit);
        case Section::Activity:
            return Core::hasPermission(m_session.role, Core::Permission::ViewActivity);
        default:
            return true;
        }
    };
    for (const SectionInfo &info : kSections) {
        const int index = static_cast<int>(info.section);
        m_navigation->item(index)->setHidden(!mayRead(info.section));
        m_sectionActions.at(index)->setVisible(mayRead(info.section));
    }
    if (!mayRead(currentSection()))
        showSection(Section::Dashboard);
}

void MainWindow::newDigitalKey()
{
    // Signed in, the keys view does it with the facility's locks and users, through the outbox.
    if (QWidget *keys = view(Section::Keys)) {
        if (auto *action = keys->findChild<QAction *>(QStringLiteral("newKeyAction"))) {
            showSection(Section::Keys);
            action->trigger();
            return;
        }
    }
    // Until the window is connected to a facility (API client, cache and models are on their way), there are no
    // locks, groups or users to offer and the zone is this computer's; the dialog says that there are no locks.
    Ui::KeyDialogContext context;
    const QString zoneId = m_signedIn ? m_session.facilityTimeZone : QString::fromUtf8(QTimeZone::systemTimeZoneId());
    const Core::Result<Core::FacilityZone> zone = Core::FacilityZone::fromIanaId(zoneId);
    if (zone)
        context.zone = zone.value();
    KeyDialog dialog(context, m_clock, KeyDialog::Mode::New, {}, this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("The key was not saved: Keydesk is not connected to a facility server."));
}

void MainWindow::attachViews(const ViewContext &given)
{
    detachViews();
    // One directory of locks, groups and users for every view of the session: one read of the cache, one index.
    ViewContext context = given;
    if (!context.directory) {
        m_directory = new FacilityDirectory(context.cache, this);
        context.directory = m_directory;
    }
    m_views = QList<QWidget *>(m_pages->count(), nullptr);
    m_searchers = QList<std::function<void(const QString &)>>(m_pages->count());
    // Refused changes are shown whichever view made them (keys, users, quick clicks, locks): one list for all.
    m_rejections = new RejectionBanner(context, {}, centralWidget());
    m_rejections->setObjectName(QStringLiteral("mainRejections"));
    m_bannerArea->addWidget(m_rejections);
    const QList<ViewPage> pages = buildViewPages(context, m_pages);
    for (const ViewPage &page : pages) {
        const int index = static_cast<int>(page.section);
        m_views[index] = page.widget;
        m_searchers[index] = page.search;
        setPage(page.section, page.widget);
        bool separator = false;
        for (QAction *action : page.actions) {
            if (action->objectName() == QLatin1String("newKeyAction")) {
                // File ▸ New digital key… (Ctrl+N) reaches it; one shortcut, not two.
                action->setShortcut({});
                continue;
            }
            if (!separator && !m_actionsMenu->isEmpty())
                m_actionsMenu->addSeparator();
            separator = true;
            m_actionsMenu->addAction(action);
        }
    }
    m_actionsMenu->menuAction()->setVisible(!m_actionsMenu->isEmpty());
    applySearch();
}

void MainWindow::detachViews()
{
    delete m_rejections;
    m_rejections = nullptr;
    if (m_views.isEmpty()) {
        delete m_directory;
        m_directory = nullptr;
        return;
    }
    m_actionsMenu->clear();
    m_actionsMenu->menuAction()->setVisible(false);
    for (const SectionInfo &info : kSections) {
        const int index = static_cast<int>(info.section);
        if (QWidget *old = m_views.value(index)) {
            setPage(info.section, makePlaceholder(tr(info.title), tr(info.blurb)));
            delete old;
        }
    }
    m_views.clear();
    m_searchers.clear();
    delete m_directory; // after the views that use it
    m_directory = nullptr;
}

QWidget *MainWindow::view(Section section) const
{
    return m_views.value(static_cast<int>(section), nullptr);
}

void MainWindow::setPage(Section section, QWidget *page)
{
    const int index = static_cast<int>(section);
    const bool current = m_pages->currentIndex() == index;
    QWidget *old = m_pages->widget(index);
    m_pages->insertWidget(index, page);
    m_pages->removeWidget(old);
    if (!m_views.contains(old))
        old->deleteLater(); // a placeholder; views are deleted by detachViews()
    if (current)
        m_pages->setCurrentIndex(index);
}

void MainWindow::applySearch()
{
    const int index = m_pages->currentIndex();
    if (index >= 0 && index < m_searchers.size() && m_searchers.at(index))
        m_searchers.at(index)(m_search->text());
}

QWidget *MainWindow::makePlaceholder(const QString &title, const QString &text)
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    auto *heading = new QLabel(title, page);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    auto *body = new QLabel(text, page);
    body->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(body);
    layout->addStretch(1);
    return page;
}

void MainWindow::showSection(Section section)
{
    m_navigation->setCurrentRow(static_cast<int>(section));
}

MainWindow::Section MainWindow::currentSection() const
{
    return static_cast<Section>(m_navigation->currentRow());
}

} // namespace Keydesk::Ui
