#include "ui/mainwindow/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcI18n, "keydesk.ui.i18n")

namespace Keydesk::Ui {

namespace {

/// Loads `name`_<lang>.qm from `folder` for the first of the locale's UI languages that has one.
QString install(QCoreApplication &app, const QLocale &locale, const QString &name, const QString &folder)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(locale, name, QStringLiteral("_"), folder)) {
        delete translator;
        return {};
    }
    if (!QCoreApplication::installTranslator(translator)) {
        qCWarning(lcI18n) << "could not install" << translator->filePath();
        delete translator;
        return {};
    }
    qCInfo(lcI18n) << "translation" << translator->filePath() << "for" << locale.name();
    return translator->filePath();
}

} // namespace

InstalledTranslations installTranslations(QCoreApplication &app, const QLocale &locale)
{
    InstalledTranslations installed;
    installed.keydesk = install(app, locale, QStringLiteral("keydesk"), QStringLiteral(":/i18n"));
    // Qt's own words (Yes/No/Cancel, file dialogs) only where Keydesk itself speaks the language: a German Keydesk
    // with English buttons reads odd, English Keydesk with German buttons worse.
    if (!installed.keydesk.isEmpty())
        installed.qt
            = install(app, locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return installed;
}

QStringList availableTranslations()
{
    QStringList languages;
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({ QStringLiteral("keydesk_*.qm") }, QDir::Files);
    for (const QString &file : files)
        languages.append(file.mid(8, file.size() - 8 - 3)); // keydesk_<lang>.qm
    return languages;
}

} // namespace Keydesk::Ui
