#include "app/CredentialStore.h"

#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcCredentials, "keydesk.app.credentials")

namespace Keydesk::App {

namespace {

const QString kService = QStringLiteral("Keydesk");

Core::Error keychainError(const QKeychain::Job &job)
{
    if (job.error() == QKeychain::EntryNotFound)
        return Core::Error::make(QStringLiteral("not_found"), CredentialStore::tr("No password is stored."));
    if (job.error() == QKeychain::NoBackendAvailable || job.error() == QKeychain::NotImplemented
        || job.error() == QKeychain::AccessDeniedByUser || job.error() == QKeychain::AccessDenied)
        return Core::Error::make(QStringLiteral("keyring_unavailable"),
                                 CredentialStore::tr("The system keyring is not available (%1), so the password "
                                                     "cannot be remembered.")
                                     .arg(job.errorString()));
    return Core::Error::make(QStringLiteral("keyring_error"),
                             CredentialStore::tr("The system keyring failed: %1.").arg(job.errorString()));
}

} // namespace

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{ }

CredentialStore::~CredentialStore() = default;

QString CredentialStore::entryKey(const QUrl &serverUrl, const QString &username)
{
    // "https://h" and "https://h/" are the same server: one entry.
    QUrl url = serverUrl.adjusted(QUrl::NormalizePathSegments | QUrl::RemoveUserInfo | QUrl::RemoveQuery
                                  | QUrl::RemoveFragment);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path);
    return QStringLiteral("keydesk:%1@%2").arg(username, url.toString());
}

void CredentialStore::save(const QUrl &serverUrl, const QString &username, const QString &password,
                           std::function<void(Core::Result<void>)> done)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(entryKey(serverUrl, username));
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            qCWarning(lcCredentials) << "save failed:" << finished->errorString();
            done(keychainError(*finished));
            return;
        }
        done({});
    });
    job->start();
}

void CredentialStore::load(const QUrl &serverUrl, const QString &username,
                           std::function<void(Core::Result<QString>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(entryKey(serverUrl, username));
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            done(keychainError(*finished));
            return;
        }
        done(static_cast<QKeychain::ReadPasswordJob *>(finished)->textData());
    });
    job->start();
}

void CredentialStore::remove(const QUrl &serverUrl, const QString &username,
                             std::function<void(Core::Result<void>)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(entryKey(serverUrl, username));
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound) {
            done(keychainError(*finished));
            return;
        }
        done({});
    });
    job->start();
}

} // namespace Keydesk::App
