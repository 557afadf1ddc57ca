#include "ui/startup/ServerAddress.h"

#include <QCoreApplication>

namespace Keydesk::Ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ServerAddress", text);
}
Core::Error urlError(const QString &message)
{
    return Core::Error::make(QStringLiteral("invalid_server_url"), message, QStringLiteral("server_url"));
}
} // namespace

Core::Result<QUrl> parseServerUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return urlError(tr("Enter the server's address, e.g. https://keys.example.com."));
    QString candidate = trimmed;
    // "keys.example.com:8443" has no scheme; a person means the secure one. "http:" would be explicit.
    if (!candidate.contains(QStringLiteral("://")))
        candidate.prepend(QStringLiteral("https://"));
    const QUrl url(candidate, QUrl::StrictMode);
    if (!url.isValid())
        return urlError(
            tr("\"%1\" is not a web address (%2). Type it as https://host[:port].").arg(trimmed, url.errorString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return urlError(tr("\"%1\" uses \"%2\"; a Keydesk server is reached over http or https.").arg(trimmed, scheme));
    if (url.host().isEmpty())
        return urlError(tr("\"%1\" has no host name. Type it as https://host[:port].").arg(trimmed));
    if (url.hasQuery() || url.hasFragment())
        return urlError(tr("\"%1\" has a query or fragment; give only the server's address.").arg(trimmed));
    QUrl clean = url;
    clean.setScheme(scheme);
    clean.setHost(url.host().toLower());
    // The API client appends "/v1/..." to the path: drop a trailing slash so it is not doubled.
    QString path = clean.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    clean.setPath(path);
    return clean;
}

} // namespace Keydesk::Ui
