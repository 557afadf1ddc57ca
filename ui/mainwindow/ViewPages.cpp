#include "ui/mainwindow/ViewPages.h"

#include "ui/views/activity/ActivityView.h"
#include "ui/views/audit/AuditView.h"
#include "ui/views/dashboard/DashboardView.h"
#include "ui/views/keys/KeysView.h"
#include "ui/views/locks/LocksView.h"
#include "ui/views/quickclicks/QuickClicksView.h"
#include "ui/views/users/ExplainAccessDialog.h" // UsersView.h holds a QPointer to it
#include "ui/views/users/UsersView.h"

namespace Keydesk::Ui {

namespace {

template <typename View> ViewPage makePage(MainWindow::Section section, const ViewContext &context, QWidget *parent)
{
    auto *view = new View(context, parent);
    ViewPage page;
    page.section = section;
    page.widget = view;
    page.search = [view](const QString &text) { view->setSearchText(text); };
    if constexpr (requires { view->actions(); })
        page.actions = view->actions();
    return page;
}

} // namespace

QList<ViewPage> buildViewPages(const ViewContext &context, QWidget *parent)
{
    using Section = MainWindow::Section;
    return {
        makePage<DashboardView>(Section::Dashboard, context, parent),
        makePage<UsersView>(Section::Users, context, parent),
        makePage<LocksView>(Section::Locks, context, parent),
        makePage<KeysView>(Section::Keys, context, parent),
        makePage<ActivityView>(Section::Activity, context, parent),
        makePage<QuickClicksView>(Section::QuickClicks, context, parent),
        makePage<AuditView>(Section::Audit, context, parent),
    };
}

} // namespace Keydesk::Ui
