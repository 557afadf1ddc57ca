// bench_feed: how fast the server produces change-feed pages, in-process (no HTTP, no client parsing).
//
//   bench_feed --database FILE [--limit N]
//
// Reads the whole feed of the default company from revision 0 with V1ChangeFeed::read(), `limit` rows a page
// (default 10,000, the desktop's page size), as GET /v1/changes does before it writes the bytes out. Prints rows
// per second of wall-clock time and of this thread's CPU time: on a machine shared with other work the CPU figure
// is what one core does. Make a large database with `keydesk-server init` + `keydesk-server generate`.
#include "server/store/Companies.h"
#include "server/store/Database.h"
#include "server/store/V1ChangeFeed.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <ctime>

using namespace Keydesk;

namespace {

double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "bench_feed: %s\n", qPrintable(message));
    std::exit(1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QString database;
    int limit = 10000;
    const QStringList args = QCoreApplication::arguments().mid(1);
    for (qsizetype i = 0; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--database"))
            database = args.at(i + 1);
        else if (args.at(i) == QLatin1String("--limit"))
            limit = args.at(i + 1).toInt();
        else
            fail(QStringLiteral("unknown option %1 (use --database FILE [--limit N])").arg(args.at(i)));
    }
    if (database.isEmpty())
        fail(QStringLiteral("--database FILE is required"));
    auto db = Server::Database::open(database, Server::Database::OpenMode::OpenExisting);
    if (!db)
        fail(db.error().message);
    const auto company = Server::CompanyRepository(*db.value()).defaultCompany();
    if (!company)
        fail(company.error().message);
    Server::V1ChangeFeed feed(*db.value());

    qint64 since = 0;
    qint64 rows = 0;
    qint64 bytes = 0;
    int pages = 0;
    QElapsedTimer wall;
    wall.start();
    const double cpuStart = threadCpuSeconds();
    for (;;) {
        auto page = feed.read(company->companyId, since, limit);
        if (!page)
            fail(page.error().message);
        rows += page->count;
        bytes += page->rowsJson.size();
        ++pages;
        since = page->nextRevision;
        if (!page->hasMore)
            break;
    }
    const double cpu = threadCpuSeconds() - cpuStart;
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    std::printf("change feed, in-process: %lld rows in %d pages of %d (%.0f MB JSON): %.0f rows/s wall (%.1f s), "
                "%.0f rows/s per CPU second (%.1f s CPU)\n",
                rows, pages, limit, double(bytes) / 1e6, double(rows) / seconds, seconds, double(rows) / cpu, cpu);
    return 0;
}
