#include "bench/gui/FacilityServer.h"

#include "server/ServerSetup.h"
#include "server/store/AccessRepository.h"
#include "server/store/Database.h"
#include "server/store/KeyEncryptionKey.h"
#include "server/store/LockRepository.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <cstdio>

namespace Keydesk::Bench {

QString benchUser()
{
    return QStringLiteral("bench.owner");
}

QString benchPassword()
{
    return QStringLiteral("bench password 1234");
}

void die(const QString &what)
{
    std::fprintf(stderr, "bench_gui: %s\n", qPrintable(what));
    std::fflush(stderr);
    std::_Exit(1);
}

namespace {

/// `keydesk-server generate` exists once the server's facility generator has landed.
bool serverCanGenerate(const QString &serverBinary)
{
    QProcess probe;
    probe.start(serverBinary, { QStringLiteral("generate"), QStringLiteral("--help") });
    return probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
}

/// The fallback: the server's store code row by row, in one write transaction (bench/client/BenchSync.cpp).
void generateInProcess(const QString &path, const QString &companyId, const QString &facility, const FacilitySizes &s,
                       qint64 now)
{
    QElapsedTimer t;
    t.start();
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
        lock.companyId = companyId;
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
    std::printf("generated in-process (server store code, one transaction) in %lld ms\n", t.elapsed());
}

} // namespace

void generateFacility(const QString &serverBinary, const QString &path, const FacilitySizes &sizes)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Server::InitOptions init;
    init.databasePath = path;
    init.companyName = QStringLiteral("Bench Storage");
    init.timezone = QStringLiteral("Europe/Berlin");
    init.adminUser = benchUser();
    init.adminPassword = benchPassword();
    auto created = Server::initializeDatabase(init, now);
    if (!created)
        die(created.error().message);
    if (!serverCanGenerate(serverBinary)) {
        generateInProcess(path, created->company.companyId, created->company.facilityId, sizes, now);
        return;
    }
    QElapsedTimer t;
    t.start();
    QProcess generator;
    generator.setProcessChannelMode(QProcess::ForwardedChannels);
    generator.start(serverBinary,
                    { QStringLiteral("generate"), QStringLiteral("--database"), path, QStringLiteral("--locks"),
                      QString::number(sizes.locks), QStringLiteral("--users"), QString::number(sizes.users),
                      QStringLiteral("--keys"), QString::number(sizes.keys) });
    if (!generator.waitForFinished(-1) || generator.exitStatus() != QProcess::NormalExit || generator.exitCode() != 0)
        die(QStringLiteral("keydesk-server generate failed (exit code %1)").arg(generator.exitCode()));
    std::printf("generated with keydesk-server generate in %lld ms\n", t.elapsed());
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        m_process.waitForFinished(10000);
    }
}

void ServerProcess::start(const QString &serverBinary, const QString &databasePath)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(serverBinary,
                    { QStringLiteral("serve"), QStringLiteral("--database"), databasePath, QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0") });
    if (!m_process.waitForStarted(10000))
        die(QStringLiteral("cannot start %1: %2").arg(serverBinary, m_process.errorString()));
    QByteArray line;
    while (!line.contains('\n')) {
        if (!m_process.waitForReadyRead(120000))
            die(QStringLiteral("the server did not say where it listens"));
        line += m_process.readAll();
    }
    const QByteArray address = line.mid(line.indexOf("listening on ") + 13).split('\n').value(0).trimmed();
    m_url = QUrl(QStringLiteral("http://%1").arg(QString::fromLatin1(address)));
}

} // namespace Keydesk::Bench
