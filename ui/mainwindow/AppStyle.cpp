#include "ui/mainwindow/AppStyle.h"

#include <QApplication>
#include <QStyleFactory>

namespace Keydesk::Ui {

AppStyle::AppStyle(QStyle *base)
    : QProxyStyle(base)
{ }

QIcon AppStyle::standardIcon(StandardPixmap icon, const QStyleOption *option, const QWidget *widget) const
{
    if (icon == SP_LineEditClearButton) {
        static const QIcon clear(QStringLiteral(":/icons/clear.svg"));
        return clear;
    }
    return QProxyStyle::standardIcon(icon, option, widget);
}

void installAppStyle(QApplication &)
{
    if (qobject_cast<AppStyle *>(QApplication::style()))
        return;
    // The style in use now (the platform's, or the one given with -style), not the platform default.
    QApplication::setStyle(new AppStyle(QStyleFactory::create(QApplication::style()->name())));
}

} // namespace Keydesk::Ui
