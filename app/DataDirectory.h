#pragma once

#include "core/domain/Result.h"

#include <QString>

namespace Keydesk::App {

/// The embedded default's two facilities: the demo and the person's own. Each has its own database.
enum class EmbeddedProfile { Demo, Facility };

/// Where the desktop keeps its files: settings (keydesk.ini), and per embedded facility its database, key file,
/// virtual locks, owner credentials and cache. --data-dir replaces the whole tree, so nothing else is touched.
class DataDirectory final
{
public:
    /// `given` empty: the user's data directory (QStandardPaths::AppDataLocation). Creates the directory.
    static Core::Result<DataDirectory> open(const QString &given);

    QString path() const { return m_path; }
    QString settingsPath() const; ///< keydesk.ini
    /// The folder of the views' remembered layouts (QSettings' user scope: <folder>/Keydesk/keydesk.ini).
    QString viewSettingsPath() const;
    QString profilePath(EmbeddedProfile profile) const; ///< demo/ or facility/ (created on demand)
    QString cachePath() const; ///< cache/ for the desktop's SQLite cache

private:
    explicit DataDirectory(QString path)
        : m_path(std::move(path))
    { }
    QString m_path;
};

} // namespace Keydesk::App
