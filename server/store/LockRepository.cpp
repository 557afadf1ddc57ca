#include "server/store/LockRepository.h"

#include "server/store/Companies.h"

#include <QDateTime>
#include <QSqlQuery>

namespace Keydesk::Server {

using Core::Error;
using Core::MacAddress;
using Core::Result;

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString LockRepository::selectColumns()
{
    return QStringLiteral(
        "id, company_id, facility_id, COALESCE(unit_id, ''), name, mac, serial, hw_version, fw_version, "
        "sealed_secret, status, setup_count, internal_battery_mv, external_battery_mv, created_by, created_at, "
        "last_seen_at, revocation_version, revocation_min_epoch, delivered_revocation_version, log_seq_high");
}

LockRecord LockRepository::fromQuery(const QSqlQuery &q)
{
    LockRecord lock;
    lock.id = q.value(0).toString();
    lock.companyId = q.value(1).toString();
    lock.facilityId = q.value(2).toString();
    lock.unitId = q.value(3).toString();
    lock.name = q.value(4).toString();
    lock.mac = MacAddress::parse(q.value(5).toString()).valueOr(MacAddress());
    lock.serial = q.value(6).toString();
    lock.hwVersion = q.value(7).toString();
    lock.fwVersion = q.value(8).toString();
    lock.sealedSecret = q.value(9).toByteArray();
    lock.status = q.value(10).toString();
    lock.setupCount = q.value(11).toInt();
    lock.internalBatteryMv = q.value(12).toInt();
    lock.externalBatteryMv = q.value(13).toInt();
    lock.createdBy = q.value(14).toString();
    lock.createdAt = q.value(15).toLongLong();
    if (!q.value(16).isNull())
        lock.lastSeenAt = q.value(16).toLongLong();
    lock.revocationVersion = q.value(17).toUInt();
    lock.revocationMinEpoch = q.value(18).toUInt();
    lock.deliveredRevocationVersion = q.value(19).toUInt();
    lock.logSeqHigh = q.value(20).toUInt();
    return lock;
}

Result<QPair<LockRecord, Core::LockSecret>> LockRepository::add(const NewLock &lock, const QByteArray &kek,
                                                                qint64 nowMs)
{
    if (lock.mac.isNull())
        return Error::make(QStringLiteral("invalid_mac"), QStringLiteral("A lock needs a MAC address."),
                           QStringLiteral("mac"));
    if (findByMac(lock.companyId, lock.mac))
        return Error::make(QStringLiteral("duplicate_mac"),
                           QStringLiteral("A lock with MAC %1 is already registered.").arg(lock.mac.toString()),
                           QStringLiteral("mac"));
    auto secret = Core::LockSecret::generate();
    if (!secret)
        return secret.error();
    auto sealed = Core::sealSecret(kek, secret.value(), lock.mac.toBytes());
    if (!sealed)
        return sealed.error();
    const QString id = newId();
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    auto r = m_db.exec(QStringLiteral("INSERT INTO locks(id, company_id, facility_id, name, mac, serial, hw_version, "
                                      "fw_version, sealed_secret, status, created_by, created_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting_setup', ?, ?)"),
                       { id, lock.companyId, lock.facilityId, textOrEmpty(lock.name), lock.mac.toString(),
                         textOrEmpty(lock.serial), textOrEmpty(lock.hwVersion), textOrEmpty(lock.fwVersion),
                         sealed.value(), textOrEmpty(lock.createdBy), nowMs });
    if (!r)
        return r.error();
    if (auto c = tx.commit(); !c)
        return c.error();
    auto stored = findById(id);
    if (!stored)
        return Error::make(QStringLiteral("storage_error"), QStringLiteral("The new lock could not be read back."));
    return qMakePair(*stored, secret.value());
}

std::optional<LockRecord> LockRepository::findByMac(const QString &companyId, const MacAddress &mac) const
{
    auto r = m_db.exec(QStringLiteral("SELECT %1 FROM locks WHERE company_id = ? AND mac = ?").arg(selectColumns()),
                       { companyId, mac.toString() });
    if (!r || !r.value().next())
        return std::nullopt;
    return fromQuery(r.value());
}

std::optional<LockRecord> LockRepository::findById(const QString &lockId) const
{
    auto r = m_db.exec(QStringLiteral("SELECT %1 FROM locks WHERE id = ?").arg(selectColumns()), { lockId });
    if (!r || !r.value().next())
        return std::nullopt;
    return fromQuery(r.value());
}

QList<LockRecord> LockRepository::list(const QString &companyId, const QList<MacAddress> &macs,
                                       const QStringList &serials) const
{
    QList<LockRecord> locks;
    auto r = m_db.exec(
        QStringLiteral("SELECT %1 FROM locks WHERE company_id = ? ORDER BY created_at, mac").arg(selectColumns()),
        { companyId });
    if (!r)
        return locks;
    const bool all = macs.isEmpty() && serials.isEmpty();
    while (r.value().next()) {
        LockRecord lock = fromQuery(r.value());
        if (all || macs.contains(lock.mac) || serials.contains(lock.serial))
            locks.append(std::move(lock));
    }
    return locks;
}

Result<Core::LockSecret> LockRepository::secretOf(const LockRecord &lock, const QByteArray &kek)
{
    auto secret = Core::openSecret(kek, lock.sealedSecret, lock.mac.toBytes());
    if (!secret)
        return Error::make(QStringLiteral("kek_mismatch"),
                           QStringLiteral("The secret of lock %1 cannot be opened with this key-encryption key; is "
                                          "KEYDESK_KEK or the .kek file the one made with this database?")
                               .arg(lock.mac.toString()));
    return secret;
}

Result<void> LockRepository::markSetUp(const QString &lockId)
{
    auto r = m_db.exec(QStringLiteral("UPDATE locks SET status = 'ready', setup_count = setup_count + 1 "
                                      "WHERE id = ? AND status = 'awaiting_setup'"),
                       { lockId });
    if (!r)
        return r.error();
    return {};
}

Result<void> LockRepository::touch(const QString &lockId, qint64 nowMs)
{
    auto r = m_db.exec(QStringLiteral("UPDATE locks SET last_seen_at = ? WHERE id = ?"), { nowMs, lockId });
    if (!r)
        return r.error();
    return {};
}

QJsonObject lockToCoreJson(const LockRecord &lock, const QString &flags)
{
    return QJsonObject {
        { QStringLiteral("mac"), lock.mac.toString() },
        { QStringLiteral("created_by"), lock.createdBy },
        { QStringLiteral("created_date"), isoUtc(lock.createdAt) },
        { QStringLiteral("setup_count"), lock.setupCount },
        { QStringLiteral("hw_version"), lock.hwVersion },
        { QStringLiteral("fw_version"), lock.fwVersion },
        { QStringLiteral("serial"), lock.serial },
        { QStringLiteral("internal_battery"), lock.internalBatteryMv },
        { QStringLiteral("external_battery"), lock.externalBatteryMv },
        { QStringLiteral("status"), lock.isReady() ? QStringLiteral("ready") : QStringLiteral("awaiting setup") },
        { QStringLiteral("flags"), flags },
    };
}

} // namespace Keydesk::Server
