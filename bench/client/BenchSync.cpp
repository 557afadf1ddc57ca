// bench_sync: initial and incremental sync of a large facility from a real keydesk-server (its binary, started
// with QProcess on 127.0.0.1 port 0) into a fresh cache, with the real client (ApiClient) and cache
// (CacheDatabase::applyPage) code, loopback.
//
//   bench_sync [--keys N] [--users N] [--locks N] [--changes N] [--server PATH] [--keep DIR]
//
// The facility is generated through the server's own store code (initializeDatabase, LockRepository::add with
// sealed secrets, AccessRepository::insertUser / insertGrant), in one write transaction; its time is printed
// separately. With --keep DIR the server database is kept there and reused.
#include "core/cache/CacheDatabase.h"
#include "core/client/ApiClient.h"
#include "server/ServerSetup.h"
#include "server/store/AccessRepository.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"
#include "server/store/LockRepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace Keydesk;

namespace {

const QString kUser = QStringLiteral("bench.owner");
const QString kPassword = QStringLiteral("bench password 1234");

template <typename T> std::optional<T> await(QCoro::Task<T> &&task, int timeoutMs = 600000)
{
    std::optional<T> out;
    QEventLoop loop;
    QCoro::connect(std::move(task), &loop, [&out, &loop](T &&value) {
        out.emplace(std::move(value));
        loop.quit();
    });
    if (!out) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out;
}

long vmKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_sync: %s\n", qPrintable(what));
    std::exit(1);
}

struct Sizes
{
    int keys = 1000000;
    int users = 200000;
    int locks = 50000;
};

void generate(const QString &path, const Sizes &s)
{
    QElapsedTimer t;
    t.start();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Server::InitOptions init;
    init.databasePath = path;
    init.companyName = QStringLiteral("Bench Storage");
    init.timezone = QStringLiteral("Europe/Berlin");
    init.adminUser = kUser;
    init.adminPassword = kPassword;
    auto created = Server::initializeDatabase(init, now);
    if (!created)
        die(created.error().message);
    const QString facility = created->company.facilityId;
    auto kek = Server::KeyEncryptionKey::load(path);
    if (!kek)
        die(kek.error().message);
    auto db = Server::Database::open(path, Server::Database::OpenMode::OpenExisting);
    if (!db)
        die(db.error().message);
    Server::LockRepository locks(*db.value());
    Server::AccessRepository access(*db.value());
    Server::WriteTransaction tx(*db.value());
    QList<QString> lockIds, userIds;
    lockIds.reserve(s.locks);
    userIds.reserve(s.users);
    for (int i = 0; i < s.locks; ++i) {
        Server::NewLock lock;
        lock.companyId = created->company.companyId;
        lock.facilityId = facility;
        const quint64 macValue = 0x02AB00000000ull + quint64(i);
        QByteArray mac(6, 0);
        for (int b = 0; b < 6; ++b)
            mac[b] = char((macValue >> (8 * (5 - b))) & 0xff);
        auto parsed = Core::MacAddress::fromBytes(mac);
        if (!parsed)
            die(parsed.error().message);
        lock.mac = parsed.value();
        lock.name = QStringLiteral("Unit %1").arg(i, 5, 10, QLatin1Char('0'));
        lock.serial = QStringLiteral("SN%1").arg(i);
        lock.createdBy = QStringLiteral("bench");
        auto added = locks.add(lock, kek.value(), now);
        if (!added)
            die(added.error().message);
        lockIds.append(added->first.id);
    }
    const qint64 locksMs = t.elapsed();
    for (int i = 0; i < s.users; ++i) {
        Server::NewUser user;
        user.facilityId = facility;
        user.name = QStringLiteral("Tenant %1").arg(i);
        user.trackingKey = QStringLiteral("tk-%1").arg(i);
        user.email = QStringLiteral("t%1@example.com").arg(i);
        auto id = access.insertUser(user, now);
        if (!id)
            die(id.error().message);
        userIds.append(id.value());
    }
    const qint64 usersMs = t.elapsed();
    QRandomGenerator rng(7);
    for (int i = 0; i < s.keys; ++i) {
        Server::NewGrant grant;
        grant.facilityId = facility;
        grant.lockId = lockIds.at(rng.bounded(s.locks));
        grant.userId = userIds.at(rng.bounded(s.users));
        grant.description = QStringLiteral("Key %1").arg(i);
        grant.validFrom = QDateTime::fromMSecsSinceEpoch(now + qint64(rng.bounded(-300, 30)) * 86400000LL, Qt::UTC);
        if (i % 7 != 0)
            grant.validTo = grant.validFrom.addDays(rng.bounded(1, 400));
        grant.createdBy = QStringLiteral("bench");
        auto id = access.insertGrant(grant, now);
        if (!id)
            die(id.error().message);
    }
    if (auto c = tx.commit(); !c)
        die(c.error().message);
    std::printf("generate (server store code, one transaction): %d locks %lld ms, %d users %lld ms, %d keys %lld ms; "
                "total %lld ms\n",
                s.locks, locksMs, s.users, usersMs - locksMs, s.keys, t.elapsed() - usersMs, t.elapsed());
}

/// GET /v1/changes pages into the cache until caught up. Returns rows applied.
qint64 syncAll(Core::ApiClient &client, Core::CacheDatabase &cache, int limit, qint64 *fetchNs, qint64 *applyNs)
{
    qint64 rows = 0;
    for (;;) {
        QElapsedTimer f;
        f.start();
        auto page = await(client.changesBody(cache.lastRevision(), limit));
        if (!page || !page->ok())
            die(QStringLiteral("changes: %1").arg(page ? page->error().message : QStringLiteral("timeout")));
        *fetchNs += f.nsecsElapsed();
        f.restart();
        auto head = cache.readFeedHead(page->value());
        if (!head)
            die(head.error().message);
        auto applied = cache.applyFeedBody(page->value());
        if (!applied)
            die(applied.error().message);
        *applyNs += f.nsecsElapsed();
        rows += applied->applied;
        if (!head->hasMore)
            return rows;
    }
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * v.size())));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption keysOpt(QStringLiteral("keys"), QStringLiteral("Keys."), QStringLiteral("n"),
                               QStringLiteral("1000000"));
    QCommandLineOption usersOpt(QStringLiteral("users"), QStringLiteral("Users."), QStringLiteral("n"),
                                QStringLiteral("200000"));
    QCommandLineOption locksOpt(QStringLiteral("locks"), QStringLiteral("Locks."), QStringLiteral("n"),
                                QStringLiteral("50000"));
    QCommandLineOption changesOpt(QStringLiteral("changes"), QStringLiteral("Incremental changes."),
                                  QStringLiteral("n"), QStringLiteral("1000"));
    QCommandLineOption serverOpt(QStringLiteral("server"), QStringLiteral("keydesk-server binary."),
                                 QStringLiteral("path"));
    QCommandLineOption keepOpt(QStringLiteral("keep"), QStringLiteral("Keep/reuse the server database in this folder."),
                               QStringLiteral("dir"));
    parser.addOptions({ keysOpt, usersOpt, locksOpt, changesOpt, serverOpt, keepOpt });
    parser.process(app);
    Sizes s;
    s.keys = parser.value(keysOpt).toInt();
    s.users = parser.value(usersOpt).toInt();
    s.locks = parser.value(locksOpt).toInt();
    const int changes = parser.value(changesOpt).toInt();
    const QString serverBinary = parser.isSet(serverOpt)
        ? parser.value(serverOpt)
        : QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("keydesk-server"));

    QTemporaryDir tmp;
    const QString dir = parser.isSet(keepOpt) ? parser.value(keepOpt) : tmp.path();
    QDir().mkpath(dir);
    const QString serverDb = QDir(dir).filePath(QStringLiteral("server.sqlite"));
    std::printf("bench_sync: %d keys, %d users, %d locks; server db %s\n", s.keys, s.users, s.locks,
                qPrintable(serverDb));
    if (!QFile::exists(serverDb))
        generate(serverDb, s);
    else
        std::printf("reusing the kept server database\n");

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(serverBinary,
                 { QStringLiteral("serve"), QStringLiteral("--database"), serverDb, QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:0") });
    if (!server.waitForStarted(10000))
        die(QStringLiteral("cannot start %1: %2").arg(serverBinary, server.errorString()));
    QByteArray line;
    while (!line.contains('\n')) {
        if (!server.waitForReadyRead(60000))
            die(QStringLiteral("the server did not say where it listens"));
        line += server.readAll();
    }
    const QByteArray address = line.mid(line.indexOf("listening on ") + 13).split('\n').value(0).trimmed();
    const QUrl url(QStringLiteral("http://%1").arg(QString::fromLatin1(address)));
    std::printf("server: %s\n", qPrintable(url.toString()));

    QNetworkAccessManager network;
    Core::ApiClient client(network, url);
    client.setTimeout(std::chrono::milliseconds(120000));
    auto session = await(client.login(kUser, kPassword));
    if (!session || !session->ok())
        die(QStringLiteral("login: %1").arg(session ? session->error().message : QStringLiteral("timeout")));

    auto opened = Core::CacheDatabase::open(QDir(tmp.path()).filePath(QStringLiteral("client-cache.sqlite")));
    if (!opened)
        die(opened.error().message);
    Core::CacheDatabase &cache = *opened.value();

    // ---- initial sync -------------------------------------------------------------------------------------
    const long rssBefore = vmKb("VmRSS:");
    QElapsedTimer t;
    t.start();
    qint64 fetchNs = 0, applyNs = 0;
    (void)cache.beginBulkLoad();
    const qint64 rows = syncAll(client, cache, 10000, &fetchNs, &applyNs);
    const qint64 loadMs = t.elapsed();
    (void)cache.endBulkLoad();
    const qint64 totalMs = t.elapsed();
    std::printf("initial sync: %lld rows in %lld ms (+ %lld ms building indexes) = %.0f rows/s end to end "
                "(HTTP+JSON %.0f ms, cache apply %.0f ms)\n",
                rows, loadMs, totalMs - loadMs, rows * 1000.0 / std::max<qint64>(1, totalMs), fetchNs / 1e6,
                applyNs / 1e6);
    std::printf("client memory: peak RSS (VmHWM) %ld MB; RSS %ld MB before, %ld MB after\n", vmKb("VmHWM:") / 1024,
                rssBefore / 1024, vmKb("VmRSS:") / 1024);

    // ---- incremental: N changes made through /v1, each synced on its own --------------------------------
    QList<QString> userIds;
    {
        auto list = cache.rows(QStringLiteral("users"));
        if (!list)
            die(list.error().message);
        for (int i = 0; i < std::min<qsizetype>(changes, list->size()); ++i)
            userIds.append(list->at(i).id);
    }
    QList<double> syncMs, roundTripMs;
    for (int i = 0; i < userIds.size(); ++i) {
        QElapsedTimer r;
        r.start();
        Core::ApiRequest patch;
        patch.method = QByteArrayLiteral("PATCH");
        patch.path = QStringLiteral("/v1/users/") + userIds.at(i);
        patch.body = QJsonObject { { QStringLiteral("email"), QStringLiteral("changed%1@example.com").arg(i) } };
        patch.idempotencyKey = QStringLiteral("bench-%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(i);
        auto done = await(client.send(patch));
        if (!done || !done->ok())
            die(QStringLiteral("PATCH user: %1").arg(done ? done->error().message : QStringLiteral("timeout")));
        QElapsedTimer sy;
        sy.start();
        qint64 f = 0, a = 0;
        const qint64 n = syncAll(client, cache, 500, &f, &a);
        syncMs.append(sy.nsecsElapsed() / 1e6);
        roundTripMs.append(r.nsecsElapsed() / 1e6);
        if (n < 1)
            die(QStringLiteral("the change did not come through the feed"));
    }
    std::printf(
        "incremental: %lld changes, sync per change p50 %.1f ms, p99 %.1f ms (PATCH + sync p50 %.1f ms, p99 %.1f ms)\n",
        qint64(syncMs.size()), percentile(syncMs, 0.5), percentile(syncMs, 0.99), percentile(roundTripMs, 0.5),
        percentile(roundTripMs, 0.99));

    server.terminate();
    server.waitForFinished(10000);
    return 0;
}
