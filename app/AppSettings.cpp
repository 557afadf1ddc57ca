#include "app/AppSettings.h"

namespace Keydesk::App {

namespace {
const QString kStartMode = QStringLiteral("startup/mode");
const QString kUrl = QStringLiteral("remote/url");
const QString kUser = QStringLiteral("remote/username");
const QString kCa = QStringLiteral("remote/ca_file");
const QString kRemembered = QStringLiteral("remote/remembered");
} // namespace

AppSettings::AppSettings(const QString &iniPath)
    : m_settings(iniPath, QSettings::IniFormat)
{ }

AppSettings::StartMode AppSettings::startMode() const
{
    const QString mode = m_settings.value(kStartMode).toString();
    if (mode == QLatin1String("demo"))
        return StartMode::Demo;
    if (mode == QLatin1String("facility"))
        return StartMode::Facility;
    if (mode == QLatin1String("remote"))
        return StartMode::Remote;
    return StartMode::Unset;
}

void AppSettings::setStartMode(StartMode mode)
{
    switch (mode) {
    case StartMode::Unset:
        m_settings.remove(kStartMode);
        break;
    case StartMode::Demo:
        m_settings.setValue(kStartMode, QStringLiteral("demo"));
        break;
    case StartMode::Facility:
        m_settings.setValue(kStartMode, QStringLiteral("facility"));
        break;
    case StartMode::Remote:
        m_settings.setValue(kStartMode, QStringLiteral("remote"));
        break;
    }
    m_settings.sync();
}

QUrl AppSettings::remoteUrl() const
{
    return QUrl(m_settings.value(kUrl).toString());
}

QString AppSettings::remoteUsername() const
{
    return m_settings.value(kUser).toString();
}

QString AppSettings::remoteCaFile() const
{
    return m_settings.value(kCa).toString();
}

bool AppSettings::remoteRemembered() const
{
    return m_settings.value(kRemembered, false).toBool();
}

void AppSettings::setRemote(const QUrl &url, const QString &username, const QString &caFile, bool remembered)
{
    m_settings.setValue(kUrl, url.toString());
    m_settings.setValue(kUser, username);
    m_settings.setValue(kCa, caFile);
    m_settings.setValue(kRemembered, remembered);
    m_settings.sync();
}

} // namespace Keydesk::App
