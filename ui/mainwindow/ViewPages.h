#pragma once

#include "ui/mainwindow/MainWindow.h"
#include "ui/views/ViewContext.h"

#include <QList>
#include <QString>

#include <functional>

class QAction;
class QWidget;

namespace Keydesk::Ui {

/// One section's view as the main window uses it: the widget, how the search field reaches it, and the actions it
/// offers for the menus.
struct ViewPage
{
    MainWindow::Section section = MainWindow::Section::Dashboard;
    QWidget *widget = nullptr;
    std::function<void(const QString &)> search;
    QList<QAction *> actions;
};

/// Builds the views of a signed-in session. The main window owns the widgets (they are parented to `parent`).
QList<ViewPage> buildViewPages(const ViewContext &context, QWidget *parent);

} // namespace Keydesk::Ui
