// bench_sync: initial and incremental sync of a large facility from a real keydesk-server (its binary, started
// with QProcess on 127.0.0.1 port 0) into a fresh cache, through the desktop's own SyncEngine, ApiClient and
// CacheStore (pages parsed and applied on the cache's worker thread), loopback.
//
//   bench_sync [--keys N] [--users N] [--locks N] [--changes N] [--server PATH] [--keep DIR]
//
// The facility is generated with the server's own generator (`keydesk-server generate`: the rows, triggers and feed
// revisions the /v1 API would write); its time is printed separately. With --keep DIR the server database is
// kept there and reused.
#include "bench/support/FacilityServer.h"
#include "core/cache/CacheStore.h"
#include "core/client/ApiClient.h"
#include "core/sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <sys/resource.h>

using namespace Keydesk;

namespace {

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

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
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
    Bench::FacilitySizes s;
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
        Bench::generateFacility(serverBinary, serverDb, s);
    else
        std::printf("reusing the kept server database\n");

    Bench::ServerProcess server;
    server.start(serverBinary, serverDb);
    const QUrl url = server.url();
    std::printf("server: %s\n", qPrintable(url.toString()));

    QNetworkAccessManager network;
    Core::ApiClient client(network, url);
    client.setTimeout(std::chrono::milliseconds(120000));
    auto session = await(client.login(Bench::benchUser(), Bench::benchPassword()));
    if (!session || !session->ok())
        Bench::die(QStringLiteral("login: %1").arg(session ? session->error().message : QStringLiteral("timeout")));

    Core::CacheStore cache(QDir(tmp.path()).filePath(QStringLiteral("client-cache.sqlite")));
    if (auto opened = await(cache.open()); !opened || !opened->ok())
        Bench::die(QStringLiteral("cannot open the cache"));
    Core::SyncEngine engine(client, cache);
    Core::SyncEngine::Options options;
    options.pageSize = 10000;
    options.longPollSeconds = 20;
    engine.setOptions(options);

    // ---- initial sync: the engine from an empty cache until it reports "synced" ---------------------------
    const long rssBefore = vmKb("VmRSS:");
    const double cpuBefore = cpuSeconds();
    qint64 rows = 0;
    QObject::connect(&engine, &Core::SyncEngine::progress, &engine,
                     [&rows](qint64 applied, qint64, bool) { rows = applied; });
    QElapsedTimer t;
    t.start();
    {
        QEventLoop loop;
        QObject::connect(&engine, &Core::SyncEngine::synced, &loop, &QEventLoop::quit);
        QObject::connect(&engine, &Core::SyncEngine::stateChanged, &loop, [&engine, &loop] {
            if (engine.state() == Core::SyncEngine::State::Error)
                loop.quit();
        });
        engine.start();
        loop.exec();
    }
    const qint64 totalMs = t.elapsed();
    if (engine.state() == Core::SyncEngine::State::Error)
        Bench::die(QStringLiteral("sync failed: %1").arg(engine.lastError()));
    std::printf("initial sync (SyncEngine, pages of 10,000, indexes built after): %lld rows in %lld ms = %.0f rows/s "
                "end to end; client CPU %.1f s\n",
                rows, totalMs, rows * 1000.0 / std::max<qint64>(1, totalMs), cpuSeconds() - cpuBefore);
    std::printf("client memory: peak RSS (VmHWM) %ld MB; RSS %ld MB before, %ld MB after\n", vmKb("VmHWM:") / 1024,
                rssBefore / 1024, vmKb("VmRSS:") / 1024);

    // ---- incremental: N changes made through /v1 by another client; each until the engine has it ----------
    QList<QString> userIds;
    {
        auto list = await(cache.rows(QStringLiteral("users")));
        if (!list || !list->ok())
            Bench::die(QStringLiteral("cannot read the cached users"));
        for (int i = 0; i < std::min<qsizetype>(changes, list->value().size()); ++i)
            userIds.append(list->value().at(i).id);
    }
    Core::ApiClient other(network, url);
    auto otherSession = await(other.login(Bench::benchUser(), Bench::benchPassword()));
    if (!otherSession || !otherSession->ok())
        Bench::die(QStringLiteral("second login failed"));
    QList<double> visibleMs;
    for (int i = 0; i < userIds.size(); ++i) {
        Core::ApiRequest patch;
        patch.method = QByteArrayLiteral("PATCH");
        patch.path = QStringLiteral("/v1/users/") + userIds.at(i);
        patch.body = QJsonObject { { QStringLiteral("email"), QStringLiteral("changed%1@example.com").arg(i) } };
        patch.idempotencyKey = QStringLiteral("bench-%1-%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(i);
        QEventLoop loop;
        QElapsedTimer r;
        const QString id = userIds.at(i);
        bool seen = false; // the change may arrive while the PATCH's own answer is awaited
        auto conn = QObject::connect(&cache, &Core::CacheStore::rowsChanged, &loop,
                                     [&loop, &seen, id](const QString &entity, const QStringList &ids) {
                                         if (entity == QLatin1String("users") && ids.contains(id)) {
                                             seen = true;
                                             loop.quit();
                                         }
                                     });
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        r.start();
        auto done = await(other.send(patch));
        if (!done || !done->ok())
            Bench::die(QStringLiteral("PATCH user: %1").arg(done ? done->error().message : QStringLiteral("timeout")));
        if (!seen)
            loop.exec();
        QObject::disconnect(conn);
        if (!seen)
            Bench::die(QStringLiteral("change %1 did not reach the cache within 10 s").arg(i));
        visibleMs.append(r.nsecsElapsed() / 1e6);
    }
    std::printf("incremental: %lld changes by another client, PATCH sent → row changed in this cache (long-poll): "
                "p50 %.1f ms, p99 %.1f ms\n",
                qint64(visibleMs.size()), percentile(visibleMs, 0.5), percentile(visibleMs, 0.99));
    engine.stop();

    return 0;
}
