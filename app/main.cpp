#include "ui/mainwindow/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("keydesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Keydesk"));
    QApplication::setOrganizationName(QStringLiteral("Keydesk"));
    QApplication::setApplicationVersion(QStringLiteral(KEYDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Keydesk — digital keys for smart-lock facilities."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    Keydesk::Ui::MainWindow window;
    window.show();
    return app.exec();
}
