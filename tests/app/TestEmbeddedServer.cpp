#include "app/EmbeddedServer.h"
#include "app/SessionBootstrap.h"
#include "server/Server.h"
#include "server/store/Database.h"
#include "tests/client/AwaitTask.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace Keydesk;

/// The embedded default: created once, reused, private credentials, HTTP sign-in, independent instances.
class TestEmbeddedServer final : public QObject
{
    Q_OBJECT

    static Ui::SessionInfo signIn(App::EmbeddedServer &embedded, QNetworkAccessManager &network)
    {
        Core::ApiClient client(network, embedded.url());
        auto session = Test::awaitTask(App::SessionBootstrap::signIn(&client, embedded.credentials().username,
                                                                     embedded.credentials().password, true));
        if (!session || !session->ok()) {
            qWarning() << (session ? session->error().message : QStringLiteral("timed out"));
            return {};
        }
        return session->value();
    }

private Q_SLOTS:
    void firstStartCreatesSecondReuses()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("facility"));
        QNetworkAccessManager network;
        QString password;
        QDateTime created;
        {
            auto first = App::EmbeddedServer::start(folder, App::EmbeddedProfile::Facility);
            QVERIFY2(first, first ? "" : qPrintable(first.error().message));
            QVERIFY(first.value()->createdNow());
            QCOMPARE(first.value()->url().host(), QStringLiteral("127.0.0.1"));
            QVERIFY(first.value()->url().port() > 0);
            password = first.value()->credentials().password;
            QVERIFY(password.size() >= 32);
            created = QFileInfo(first.value()->databasePath()).birthTime();
            const Ui::SessionInfo session = signIn(*first.value(), network);
            QVERIFY(session.role == Core::StaffRole::Owner);
            QCOMPARE(session.facilityName, QStringLiteral("My Facility"));
            const QString zone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
            QCOMPARE(session.facilityTimeZone, zone.isEmpty() ? QStringLiteral("UTC") : zone);
        }
        // The owner's password never leaves the data dir and only this user may read it.
        const QFile::Permissions perms
            = QFile::permissions(App::EmbeddedServer::credentialsPathIn(folder)) & ~QFile::Permissions(0xF000);
        QCOMPARE(perms & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        QVERIFY(!QFileInfo::exists(folder + QStringLiteral(".partial")));

        auto second = App::EmbeddedServer::start(folder, App::EmbeddedProfile::Facility);
        QVERIFY2(second, second ? "" : qPrintable(second.error().message));
        QVERIFY(!second.value()->createdNow());
        QCOMPARE(second.value()->credentials().password, password);
        QCOMPARE(QFileInfo(second.value()->databasePath()).birthTime(), created);
        QCOMPARE(signIn(*second.value(), network).facilityName, QStringLiteral("My Facility"));
    }

    void wrongEmbeddedPasswordIsRefusedOverHttp()
    {
        QTemporaryDir dir;
        auto embedded = App::EmbeddedServer::start(dir.filePath(QStringLiteral("f")), App::EmbeddedProfile::Facility);
        QVERIFY(embedded);
        QNetworkAccessManager network;
        Core::ApiClient client(network, embedded.value()->url());
        auto session = Test::awaitTask(
            App::SessionBootstrap::signIn(&client, QStringLiteral("owner"), QStringLiteral("not the password"), true));
        QVERIFY(session);
        QVERIFY(!session->ok());
        QCOMPARE(session->error().kind, Core::ApiErrorKind::WrongPassword);
    }

    void leftoverPartialFolderIsReplaced()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("facility"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral(".partial")));
        QFile junk(folder + QStringLiteral(".partial/keydesk.sqlite"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("half a database");
        junk.close();
        auto embedded = App::EmbeddedServer::start(folder, App::EmbeddedProfile::Facility);
        QVERIFY2(embedded, embedded ? "" : qPrintable(embedded.error().message));
        QVERIFY(!QFileInfo::exists(folder + QStringLiteral(".partial")));
    }

    void folderWithoutDatabaseIsAnErrorThatChangesNothing()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("facility"));
        QVERIFY(QDir().mkpath(folder));
        auto embedded = App::EmbeddedServer::start(folder, App::EmbeddedProfile::Facility);
        QVERIFY(!embedded);
        QCOMPARE(embedded.error().code, QStringLiteral("incomplete_facility"));
        QVERIFY(QDir(folder).isEmpty());
    }

    void twoDataDirsAreIndependent()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        auto first = App::EmbeddedServer::start(a.filePath(QStringLiteral("facility")), App::EmbeddedProfile::Facility);
        auto second
            = App::EmbeddedServer::start(b.filePath(QStringLiteral("facility")), App::EmbeddedProfile::Facility);
        QVERIFY(first && second);
        QVERIFY(first.value()->url().port() != second.value()->url().port());
        QVERIFY(first.value()->credentials().password != second.value()->credentials().password);
        QVERIFY(first.value()->server().context().companyId != second.value()->server().context().companyId);

        // A unit created over HTTP in one is not in the other.
        QNetworkAccessManager network;
        Core::ApiClient one(network, first.value()->url());
        Core::ApiClient two(network, second.value()->url());
        QVERIFY(Test::awaitTask(App::SessionBootstrap::signIn(&one, QStringLiteral("owner"),
                                                              first.value()->credentials().password, true))
                    ->ok());
        QVERIFY(Test::awaitTask(App::SessionBootstrap::signIn(&two, QStringLiteral("owner"),
                                                              second.value()->credentials().password, true))
                    ->ok());
        Core::ApiRequest create;
        create.method = QByteArrayLiteral("POST");
        create.path = QStringLiteral("/v1/units");
        create.body = QJsonObject { { QStringLiteral("name"), QStringLiteral("Only-in-A") } };
        create.idempotencyKey = QStringLiteral("unit-only-in-a");
        auto made = Test::awaitTask(one.send(create));
        QVERIFY2(made && made->ok(), made && !made->ok() ? qPrintable(made->error().message) : "");
        Core::ApiRequest list;
        list.path = QStringLiteral("/v1/units");
        auto inA = Test::awaitTask(one.send(list));
        auto inB = Test::awaitTask(two.send(list));
        QVERIFY(inA && inA->ok() && inB && inB->ok());
        QCOMPARE(inA->value().json.value(QStringLiteral("units")).toArray().size(), 1);
        QCOMPARE(inB->value().json.value(QStringLiteral("units")).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedServer)
#include "TestEmbeddedServer.moc"
