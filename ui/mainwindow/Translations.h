#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace Keydesk::Ui {

/// What installTranslations() loaded: the .qm files (resource paths or files), empty when the locale has none.
struct InstalledTranslations
{
    QString keydesk; ///< ":/i18n/keydesk_de.qm", or empty (English, or a language without a translation)
    QString qt; ///< Qt's own qtbase_<lang>.qm (standard buttons, dialogs), or empty when not installed
};

/// Installs the translation of Keydesk for `locale` (embedded in the program as :/i18n/keydesk_<lang>.qm) and Qt's
/// own qtbase_<lang>.qm from Qt's translations folder when present. The translators are children of `app`. Call
/// before the first window is built: strings already shown do not change.
InstalledTranslations installTranslations(QCoreApplication &app, const QLocale &locale = QLocale::system());

/// The languages Keydesk is translated into ("de", ...), from the embedded .qm files.
QStringList availableTranslations();

} // namespace Keydesk::Ui
