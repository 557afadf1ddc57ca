#include "app/DataDirectory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Keydesk::App {

Core::Result<DataDirectory> DataDirectory::open(const QString &given)
{
    QString path = given.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : given;
    if (path.isEmpty())
        return Core::Error::make(QStringLiteral("no_data_dir"),
                                 QCoreApplication::translate("DataDirectory",
                                                             "This system has no data directory for Keydesk; start "
                                                             "it with --data-dir DIR."));
    path = QFileInfo(path).absoluteFilePath();
    if (!QDir().mkpath(path) || !QFileInfo(path).isWritable())
        return Core::Error::make(QStringLiteral("data_dir_not_writable"),
                                 QCoreApplication::translate("DataDirectory",
                                                             "Keydesk cannot write to %1; choose another directory "
                                                             "with --data-dir DIR.")
                                     .arg(path),
                                 QStringLiteral("data-dir"));
    return DataDirectory(path);
}

QString DataDirectory::settingsPath() const
{
    return QDir(m_path).filePath(QStringLiteral("keydesk.ini"));
}

QString DataDirectory::viewSettingsPath() const
{
    return QDir(m_path).filePath(QStringLiteral("views"));
}

QString DataDirectory::profilePath(EmbeddedProfile profile) const
{
    return QDir(m_path).filePath(profile == EmbeddedProfile::Demo ? QStringLiteral("demo")
                                                                  : QStringLiteral("facility"));
}

QString DataDirectory::cachePath() const
{
    return QDir(m_path).filePath(QStringLiteral("cache"));
}

} // namespace Keydesk::App
