#include "app/EmbeddedServer.h"

#include "server/DemoFacility.h"
#include "server/Server.h"
#include "server/ServerSetup.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTimeZone>

Q_LOGGING_CATEGORY(lcEmbedded, "keydesk.app.embedded")

namespace Keydesk::App {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EmbeddedServer", text);
}

Core::Error failure(const QString &code, const QString &message)
{
    return Core::Error::make(code, message);
}

/// 32 random bytes as base64url: far past any guessing, and only ever read from the 0600 file.
QString randomPassword()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Core::Result<void> writeCredentials(const QString &path, const EmbeddedCredentials &credentials)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(QStringLiteral("io_error"), tr("Cannot write %1: %2").arg(path, file.errorString()));
    // Owner-only before a single byte of the password is written.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return failure(QStringLiteral("io_error"), tr("Cannot make %1 private to this user.").arg(path));
    const QJsonObject json { { QStringLiteral("username"), credentials.username },
                             { QStringLiteral("password"), credentials.password } };
    file.write(QJsonDocument(json).toJson());
    if (!file.commit())
        return failure(QStringLiteral("io_error"), tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Core::Result<EmbeddedCredentials> readCredentials(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(QStringLiteral("io_error"),
                       tr("Cannot read the built-in server's sign-in file %1 (%2). Move the folder away to start "
                          "afresh.")
                           .arg(path, file.errorString()));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    EmbeddedCredentials credentials { json.value(QStringLiteral("username")).toString(),
                                      json.value(QStringLiteral("password")).toString() };
    if (credentials.username.isEmpty() || credentials.password.isEmpty())
        return failure(
            QStringLiteral("corrupt_credentials"),
            tr("The built-in server's sign-in file %1 is damaged. Move the folder away to start afresh.").arg(path));
    return credentials;
}

QString systemZone()
{
    const QByteArray id = QTimeZone::systemTimeZoneId();
    return QTimeZone(id).isValid() && !id.isEmpty() ? QString::fromUtf8(id) : QStringLiteral("UTC");
}

} // namespace

QString EmbeddedServer::databasePathIn(const QString &folder)
{
    return QDir(folder).filePath(QStringLiteral("keydesk.sqlite"));
}

QString EmbeddedServer::credentialsPathIn(const QString &folder)
{
    return QDir(folder).filePath(QStringLiteral("owner-credentials.json"));
}

Core::Result<void> createEmbeddedFacility(const QString &folder, EmbeddedProfile profile, const Core::Clock &clock)
{
    if (QFileInfo::exists(folder))
        return failure(QStringLiteral("already_exists"), tr("%1 already exists.").arg(folder));
    const QString partial = folder + QStringLiteral(".partial");
    // A first start that died half-way left this behind; it was never used.
    if (QFileInfo::exists(partial) && !QDir(partial).removeRecursively())
        return failure(QStringLiteral("io_error"),
                       tr("Cannot remove the unfinished %1; remove it by hand.").arg(partial));
    if (!QDir().mkpath(partial))
        return failure(QStringLiteral("io_error"), tr("Cannot create %1.").arg(partial));
    auto cleanUp = [&partial](Core::Error error) {
        QDir(partial).removeRecursively();
        return error;
    };

    const EmbeddedCredentials credentials { QStringLiteral("owner"), randomPassword() };
    Server::InitOptions init;
    init.databasePath = EmbeddedServer::databasePathIn(partial);
    init.companyName = profile == EmbeddedProfile::Demo ? QStringLiteral("Demo Self Storage") : tr("My Facility");
    init.timezone = systemZone();
    init.adminUser = credentials.username;
    init.adminPassword = credentials.password;
    auto created = Server::initializeDatabase(init, clock.now().toMSecsSinceEpoch());
    if (!created)
        return cleanUp(created.error());
    if (profile == EmbeddedProfile::Demo) {
        // The server's demo facility, as `keydesk-server demo` makes it; the virtual locks' state files sit next
        // to the database, as the CLI puts them.
        auto db = Server::Database::open(init.databasePath, Server::Database::OpenMode::OpenExisting);
        if (!db)
            return cleanUp(db.error());
        auto kek = Server::KeyEncryptionKey::load(init.databasePath);
        if (!kek)
            return cleanUp(kek.error());
        Server::DemoOptions demo;
        demo.vlockDir = init.databasePath + QStringLiteral("-vlocks");
        auto filled = Server::fillDemo(*db.value(), kek.value(), demo, clock.now().toMSecsSinceEpoch());
        if (!filled)
            return cleanUp(filled.error());
        qCInfo(lcEmbedded) << "demo facility:" << filled.value().locks << "locks," << filled.value().users << "users,"
                           << filled.value().activity << "activity events";
    }
    if (auto written = writeCredentials(EmbeddedServer::credentialsPathIn(partial), credentials); !written)
        return cleanUp(written.error());
    if (!QDir().rename(partial, folder))
        return cleanUp(failure(QStringLiteral("io_error"), tr("Cannot rename %1 to %2.").arg(partial, folder)));
    qCInfo(lcEmbedded) << "created" << (profile == EmbeddedProfile::Demo ? "demo" : "empty") << "facility in" << folder
                       << "time zone" << init.timezone;
    return {};
}

EmbeddedServer::EmbeddedServer(const Core::Clock &clock)
    : m_clock(clock)
{ }

EmbeddedServer::~EmbeddedServer() = default;

Core::Result<std::unique_ptr<EmbeddedServer>> EmbeddedServer::start(const QString &folder, EmbeddedProfile profile,
                                                                    const Core::Clock &clock)
{
    std::unique_ptr<EmbeddedServer> embedded(new EmbeddedServer(clock));
    embedded->m_folder = folder;
    if (!QFileInfo::exists(databasePathIn(folder))) {
        if (QFileInfo::exists(folder))
            return failure(QStringLiteral("incomplete_facility"),
                           tr("%1 holds no database. Move the folder away to start afresh.").arg(folder));
        if (auto made = createEmbeddedFacility(folder, profile, clock); !made)
            return made.error();
        embedded->m_createdNow = true;
    }
    auto credentials = readCredentials(credentialsPathIn(folder));
    if (!credentials)
        return credentials.error();
    embedded->m_credentials = credentials.value();
    if (auto served = embedded->serve(0); !served)
        return served.error();
    return embedded;
}

Core::Result<void> EmbeddedServer::serve(quint16 port)
{
    // The key-encryption key comes from the .kek file next to the database (KeyEncryptionKey::load), as for the
    // init and demo code that made it.
    Server::ServerOptions options;
    options.databasePath = databasePathIn(m_folder);
    options.clock = &m_clock;
    auto server = Server::Server::create(options);
    if (!server)
        return server.error();
    auto bound = server.value()->listen(QHostAddress::LocalHost, port);
    if (!bound)
        return bound.error();
    m_port = bound.value();
    m_server = std::move(server).value();
    qCInfo(lcEmbedded) << "built-in server on" << url().toString() << "over" << options.databasePath;
    return {};
}

void EmbeddedServer::stop()
{
    if (!m_server)
        return;
    qCInfo(lcEmbedded) << "built-in server stopped";
    m_server.reset();
}

Core::Result<void> EmbeddedServer::resume()
{
    if (m_server)
        return {};
    return serve(m_port);
}

QUrl EmbeddedServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QString EmbeddedServer::databasePath() const
{
    return databasePathIn(m_folder);
}

} // namespace Keydesk::App
