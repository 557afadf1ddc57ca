#include "app/AppController.h"
#include "app/AppOptions.h"
#include "ui/mainwindow/AppStyle.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("keydesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("Keydesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEYDESK_VERSION));
}

/// --help and --version need no display: answer them from a QCoreApplication, so they work over ssh and in CI.
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all" || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication core(argc, argv);
        describeApplication();
        QCommandLineParser parser;
        Keydesk::App::configureParser(parser);
        parser.process(core); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Keydesk"));
    Keydesk::Ui::installTranslations(app);
    Keydesk::Ui::installAppStyle(app);

    QCommandLineParser parser;
    Keydesk::App::configureParser(parser);
    parser.process(app); // unknown options end here with a message
    auto options = Keydesk::App::readOptions(parser);
    if (!options) {
        std::fprintf(stderr, "keydesk: %s\n", qPrintable(options.error().message));
        return 2;
    }

    Keydesk::App::AppController controller(options.value());
    QObject::connect(&controller, &Keydesk::App::AppController::quitRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);
    QObject::connect(&controller, &Keydesk::App::AppController::startFailed, &app, [&controller](const QString &why) {
        QMessageBox::critical(controller.mainWindow(), QApplication::translate("main", "Keydesk cannot start"), why);
        QApplication::exit(1);
    });
    if (auto started = controller.start(); !started) {
        std::fprintf(stderr, "keydesk: %s\n", qPrintable(started.error().message));
        return 1;
    }
    return app.exec();
}
