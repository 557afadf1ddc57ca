#pragma once

#include <QSettings>
#include <QString>
#include <QUrl>

namespace Keydesk::App {

/// The desktop's settings, in an INI file inside the data directory (never the platform's registry or the
/// user's config tree, so --data-dir keeps a trial or a test self-contained).
class AppSettings final
{
public:
    /// What the first-run question chose (remembered so it is asked once).
    enum class StartMode { Unset, Demo, Facility, Remote };

    explicit AppSettings(const QString &iniPath);

    StartMode startMode() const;
    void setStartMode(StartMode mode);

    QUrl remoteUrl() const;
    QString remoteUsername() const;
    QString remoteCaFile() const;
    bool remoteRemembered() const; ///< the password is in the keyring
    void setRemote(const QUrl &url, const QString &username, const QString &caFile, bool remembered);

    void sync() { m_settings.sync(); }
    QString fileName() const { return m_settings.fileName(); }

private:
    QSettings m_settings;
};

} // namespace Keydesk::App
