// bench_server: runs `keydesk-server serve` as a child process and loads it over loopback from this process.
//
//   bench_server [--unlock-requests N] [--concurrency C] [--tracking-keys N] [--feed-rows N] [--server PATH]
//
// Figures: /unlock/ requests per second and p50/p99 latency at a fixed concurrency; /keys/ issuance of offline
// credentials for N tracking keys × 10 locks (credentials per second); /v1/changes export of the key rows
// (rows per second). The fixtures (users, keys, the million feed rows) are written straight into the database
// before the timed part, through the same store code the server uses.
#include "core/domain/Clock.h"
#include "core/lockproto/Session.h"
#include "server/store/AccessRepository.h"
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"
#include "server/store/LockRepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Keydesk;

namespace {

struct Options
{
    int unlockRequests = 5000;
    int concurrency = 8;
    int trackingKeys = 10000;
    int feedRows = 1000000;
    QString serverPath;
};

void fail(const QString &message)
{
    std::fprintf(stderr, "bench_server: %s\n", qPrintable(message));
    std::exit(1);
}

QJsonObject runJson(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitCode() != 0)
        fail(QStringLiteral("%1 %2 failed: %3")
                 .arg(program, arguments.join(QLatin1Char(' ')), QString::fromUtf8(process.readAllStandardError())));
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

/// One POST with a bearer key; the elapsed time is measured by the caller.
QNetworkReply *post(QNetworkAccessManager &nam, const QUrl &url, const QString &key, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + key.toUtf8());
    request.setTransferTimeout(60000);
    return nam.post(request, body);
}

QByteArray waitFor(QNetworkReply *reply, int *status = nullptr)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

/// /unlock/ at a fixed concurrency: `concurrency` clients, each with its own connection, each sending its next
/// request as soon as the previous answer arrived.
void benchUnlock(const QUrl &base, const QString &apiKey, const QStringList &macs, const Options &options)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
    for (int i = 0; i < options.concurrency; ++i)
        clients.push_back(std::make_unique<QNetworkAccessManager>());
    QUrl url = base;
    url.setPath(QStringLiteral("/unlock/"));
    std::vector<double> latencies;
    latencies.reserve(size_t(options.unlockRequests));
    int sent = 0;
    int failed = 0;
    int inFlight = 0;
    QEventLoop loop;
    std::function<void(QNetworkAccessManager *)> next = [&](QNetworkAccessManager *nam) {
        if (sent >= options.unlockRequests) {
            if (inFlight == 0)
                loop.quit();
            return;
        }
        const int n = sent++;
        const QJsonObject body { { QStringLiteral("mac"), macs.at(n % macs.size()) },
                                 { QStringLiteral("session"), Core::Session::make(quint32(n + 1)).value().toHex() },
                                 { QStringLiteral("tracking_key"), QStringLiteral("bench-%1").arg(n % 100) } };
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        ++inFlight;
        QNetworkReply *reply = post(*nam, url, apiKey, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, timer, nam] {
            --inFlight;
            latencies.push_back(double(timer->nsecsElapsed()) / 1e6);
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                ++failed;
            reply->deleteLater();
            next(nam);
        });
    };
    // Warm-up: one request per client opens its connection.
    for (auto &nam : clients) {
        const QJsonObject body { { QStringLiteral("mac"), macs.first() },
                                 { QStringLiteral("session"), Core::Session::make(1).value().toHex() } };
        waitFor(post(*nam, url, apiKey, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    QElapsedTimer total;
    total.start();
    for (auto &nam : clients)
        next(nam.get());
    loop.exec();
    const double seconds = double(total.nsecsElapsed()) / 1e9;
    std::printf("/unlock/            %8d requests, concurrency %d: %8.0f req/s   p50 %.2f ms   p99 %.2f ms   "
                "(%d failed)\n",
                options.unlockRequests, options.concurrency, double(options.unlockRequests) / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), failed);
}

/// /keys/ issue: every tracking key on all 10 locks, 100 tracking keys × 10 locks per request.
void benchKeys(const QUrl &base, const QString &apiKey, const QStringList &macs, const QStringList &trackingKeys)
{
    QNetworkAccessManager nam;
    QUrl url = base;
    url.setPath(QStringLiteral("/keys/"));
    qint64 credentials = 0;
    int failures = 0;
    QElapsedTimer timer;
    timer.start();
    for (qsizetype i = 0; i < trackingKeys.size(); i += 100) {
        const QJsonObject body {
            { QStringLiteral("issue"),
              QJsonArray { QJsonObject {
                  { QStringLiteral("macs"), QJsonArray::fromStringList(macs) },
                  { QStringLiteral("tracking_keys"), QJsonArray::fromStringList(trackingKeys.mid(i, 100)) } } } }
        };
        int status = 0;
        const QJsonObject reply
            = QJsonDocument::fromJson(waitFor(post(nam, url, apiKey, QJsonDocument(body).toJson()), &status)).object();
        if (status != 200) {
            ++failures;
            continue;
        }
        for (const QJsonValue &lock :
             reply.value(QStringLiteral("data")).toObject().value(QStringLiteral("locks")).toArray())
            credentials += lock.toObject().value(QStringLiteral("keys")).toArray().size();
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("/keys/ issue        %8lld credentials (%lld tracking keys x %lld locks): %8.0f credentials/s   "
                "(%d failed requests)\n",
                credentials, qlonglong(trackingKeys.size()), qlonglong(macs.size()), double(credentials) / seconds,
                failures);
}

/// GET /v1/changes from revision 0 until has_more is false, 10,000 rows a page.
void benchFeed(const QUrl &base, const QString &token, int expectedKeyRows)
{
    QNetworkAccessManager nam;
    qint64 since = 0;
    qint64 rows = 0;
    qint64 keyRows = 0;
    qint64 bytes = 0;
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        QUrl url = base;
        url.setPath(QStringLiteral("/v1/changes"));
        url.setQuery(QStringLiteral("since=%1&limit=10000").arg(since));
        QNetworkRequest request(url);
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
        request.setTransferTimeout(120000);
        int status = 0;
        const QByteArray body = waitFor(nam.get(request), &status);
        if (status != 200)
            fail(QStringLiteral("/v1/changes answered %1: %2").arg(status).arg(QString::fromUtf8(body.left(300))));
        bytes += body.size();
        const QJsonObject page = QJsonDocument::fromJson(body).object();
        const QJsonArray changes = page.value(QStringLiteral("changes")).toArray();
        rows += changes.size();
        for (const QJsonValue &change : changes) {
            const QJsonObject object = change.toObject();
            if (object.value(QStringLiteral("entity")).toString() == QLatin1String("keys")
                || object.value(QStringLiteral("table")).toString() == QLatin1String("keys"))
                ++keyRows;
        }
        since = page.value(QStringLiteral("next_revision")).toInteger();
        if (!page.value(QStringLiteral("has_more")).toBool())
            break;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("/v1/changes export  %8lld rows (%lld key rows of %d written, %.0f MB): %8.0f rows/s\n", rows, keyRows,
                expectedKeyRows, double(bytes) / 1e6, double(rows) / seconds);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options options;
    options.serverPath = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("keydesk-server"));
    const QStringList args = QCoreApplication::arguments().mid(1);
    for (qsizetype i = 0; i + 1 < args.size(); i += 2) {
        const QString &name = args.at(i);
        const QString &value = args.at(i + 1);
        if (name == QLatin1String("--unlock-requests"))
            options.unlockRequests = value.toInt();
        else if (name == QLatin1String("--concurrency"))
            options.concurrency = std::max(1, value.toInt());
        else if (name == QLatin1String("--tracking-keys"))
            options.trackingKeys = value.toInt();
        else if (name == QLatin1String("--feed-rows"))
            options.feedRows = value.toInt();
        else if (name == QLatin1String("--server"))
            options.serverPath = value;
        else
            fail(QStringLiteral("unknown option %1").arg(name));
    }

    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("bench.sqlite"));
    QFile password(dir.filePath(QStringLiteral("password")));
    if (!password.open(QIODevice::WriteOnly) || password.write("bench password 123\n") < 0)
        fail(QStringLiteral("cannot write the password file"));
    password.close();
    const QJsonObject keys = runJson(
        options.serverPath,
        { QStringLiteral("init"), QStringLiteral("--database"), database, QStringLiteral("--company"),
          QStringLiteral("Bench"), QStringLiteral("--timezone"), QStringLiteral("UTC"), QStringLiteral("--admin-user"),
          QStringLiteral("bench"), QStringLiteral("--admin-password-file"), password.fileName() });
    const QString apiKey = keys.value(QStringLiteral("company_api_key")).toString();
    QStringList macs;
    for (int i = 0; i < 10; ++i) {
        const QString mac = QStringLiteral("BE:0C:00:00:00:%1").arg(i, 2, 16, QLatin1Char('0'));
        runJson(options.serverPath,
                { QStringLiteral("lock"), QStringLiteral("add"), QStringLiteral("--database"), database,
                  QStringLiteral("--mac"), mac, QStringLiteral("--serial"), QStringLiteral("B-%1").arg(i) });
        macs.append(mac.toUpper());
    }

    // Fixtures: N tenants, each with one key on a lock group holding the ten locks.
    QStringList trackingKeys;
    {
        auto db = Server::Database::open(database, Server::Database::OpenMode::OpenExisting);
        if (!db)
            fail(db.error().message);
        Server::Database &store = *db.value();
        const auto company = Server::CompanyRepository(store).defaultCompany().value();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        Server::WriteTransaction tx(store);
        const QString group = Server::newId();
        if (!store.exec(QStringLiteral("INSERT INTO lock_groups(id, facility_id, name) VALUES (?, ?, 'All units')"),
                        { group, company.facilityId }))
            fail(QStringLiteral("inserting the lock group failed"));
        for (const Server::LockRecord &lock : Server::LockRepository(store).list(company.companyId, {}, {})) {
            if (!store.exec(QStringLiteral("INSERT INTO lock_group_members(id, group_id, lock_id) VALUES (?, ?, ?)"),
                            { Server::newId(), group, lock.id }))
                fail(QStringLiteral("inserting lock group members failed"));
        }
        QSqlQuery user(store.connection());
        user.prepare(QStringLiteral(
            "INSERT INTO users(id, facility_id, name, tracking_key, created_at) VALUES (?, ?, ?, ?, ?)"));
        QSqlQuery key(store.connection());
        key.prepare(QStringLiteral("INSERT INTO keys(id, facility_id, lock_group_id, user_id, valid_from, created_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?)"));
        for (int i = 0; i < options.trackingKeys; ++i) {
            const QString id = Server::newId();
            const QString trackingKey = QStringLiteral("tenant-%1@bench.example").arg(i);
            user.addBindValue(id);
            user.addBindValue(company.facilityId);
            user.addBindValue(trackingKey);
            user.addBindValue(trackingKey);
            user.addBindValue(now);
            key.addBindValue(Server::newId());
            key.addBindValue(company.facilityId);
            key.addBindValue(group);
            key.addBindValue(id);
            key.addBindValue(now - 86400000);
            key.addBindValue(now);
            if (!user.exec() || !key.exec())
                fail(QStringLiteral("inserting fixtures failed"));
            trackingKeys.append(trackingKey);
        }
        if (!tx.commit())
            fail(QStringLiteral("committing fixtures failed"));
    }

    QProcess serve;
    serve.setProcessChannelMode(QProcess::SeparateChannels);
    serve.start(options.serverPath,
                { QStringLiteral("serve"), QStringLiteral("--database"), database, QStringLiteral("--listen"),
                  QStringLiteral("127.0.0.1:0") });
    if (!serve.waitForStarted() || !serve.waitForReadyRead(30000))
        fail(QStringLiteral("keydesk-server serve did not start"));
    const QByteArray line = serve.readLine().trimmed();
    const int port = line.mid(line.lastIndexOf(':') + 1).toInt();
    if (!line.startsWith("listening on ") || port <= 0)
        fail(QStringLiteral("unexpected first line: %1").arg(QString::fromUtf8(line)));
    QUrl base;
    base.setScheme(QStringLiteral("http"));
    base.setHost(QStringLiteral("127.0.0.1"));
    base.setPort(port);
    std::printf("keydesk-server (pid %lld) on 127.0.0.1:%d, client in this process (pid %lld)\n",
                qlonglong(serve.processId()), port, qlonglong(QCoreApplication::applicationPid()));

    benchUnlock(base, apiKey, macs, options);
    benchKeys(base, apiKey, macs, trackingKeys);

    // The change feed: a million key rows written straight into the store (each stamped by the revision
    // triggers), then exported page by page as the desktop would.
    {
        auto db = Server::Database::open(database, Server::Database::OpenMode::OpenExisting);
        if (!db)
            fail(db.error().message);
        Server::Database &store = *db.value();
        const auto company = Server::CompanyRepository(store).defaultCompany().value();
        QStringList userIds;
        QSqlQuery users(store.connection());
        users.exec(QStringLiteral("SELECT id FROM users LIMIT 1000"));
        while (users.next())
            userIds.append(users.value(0).toString());
        QStringList lockIds;
        for (const Server::LockRecord &lock : Server::LockRepository(store).list(company.companyId, {}, {}))
            lockIds.append(lock.id);
        QElapsedTimer fill;
        fill.start();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery key(store.connection());
        key.prepare(QStringLiteral("INSERT INTO keys(id, facility_id, description, lock_id, user_id, valid_from, "
                                   "valid_to, created_at) VALUES (?, ?, 'bench', ?, ?, ?, ?, ?)"));
        for (int done = 0; done < options.feedRows;) {
            Server::WriteTransaction tx(store);
            for (int i = 0; i < 50000 && done < options.feedRows; ++i, ++done) {
                key.addBindValue(Server::newId());
                key.addBindValue(company.facilityId);
                key.addBindValue(lockIds.at(done % lockIds.size()));
                key.addBindValue(userIds.at(done % userIds.size()));
                key.addBindValue(now);
                key.addBindValue(now + 86400000LL * 30);
                key.addBindValue(now);
                if (!key.exec())
                    fail(QStringLiteral("inserting feed rows failed"));
            }
            if (!tx.commit())
                fail(QStringLiteral("committing feed rows failed"));
        }
        std::printf("(fixture: %d key rows inserted in %.1f s)\n", options.feedRows, double(fill.nsecsElapsed()) / 1e9);
    }
    QNetworkAccessManager nam;
    QUrl login = base;
    login.setPath(QStringLiteral("/v1/login"));
    QNetworkRequest request(login);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    int status = 0;
    const QJsonObject session
        = QJsonDocument::fromJson(
              waitFor(
                  nam.post(request, QByteArrayLiteral("{\"username\":\"bench\",\"password\":\"bench password 123\"}")),
                  &status))
              .object();
    const QString token = session.value(QStringLiteral("token")).toString();
    if (status != 200 || token.isEmpty())
        fail(QStringLiteral("/v1/login failed (%1)").arg(status));
    benchFeed(base, token, options.feedRows);

    serve.terminate();
    serve.waitForFinished(15000);
    return 0;
}
