#pragma once

#include "core/domain/MacAddress.h"
#include "core/domain/Result.h"
#include "core/lockproto/LockSecret.h"
#include "server/store/Database.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Keydesk::Server {

/// One row of `locks` (the sealed secret stays sealed here; see LockRepository::secretOf).
struct LockRecord
{
    QString id;
    QString companyId;
    QString facilityId;
    QString unitId;
    QString name;
    Core::MacAddress mac;
    QString serial;
    QString hwVersion;
    QString fwVersion;
    QByteArray sealedSecret;
    QString status; ///< "awaiting_setup" | "ready"
    int setupCount = 0;
    int internalBatteryMv = 0;
    int externalBatteryMv = 0;
    QString createdBy;
    qint64 createdAt = 0; ///< unix ms
    std::optional<qint64> lastSeenAt;
    quint32 revocationVersion = 0;
    quint32 revocationMinEpoch = 0;
    quint32 deliveredRevocationVersion = 0;
    quint32 logSeqHigh = 0;

    bool isReady() const { return status == QLatin1String("ready"); }
};

/// What `lock add` (or /v1) registers.
struct NewLock
{
    QString companyId;
    QString facilityId;
    Core::MacAddress mac;
    QString serial;
    QString name;
    QString hwVersion;
    QString fwVersion;
    QString createdBy;
};

/// Locks: registration with a freshly generated, sealed secret; lookups scoped to a company.
class LockRepository final
{
public:
    explicit LockRepository(Database &db)
        : m_db(db)
    { }

    /// Generates the lock's secret, seals it under `kek` (bound to the MAC) and inserts the lock with status
    /// awaiting_setup. A MAC already registered to the company is an error ("duplicate_mac").
    Core::Result<QPair<LockRecord, Core::LockSecret>> add(const NewLock &lock, const QByteArray &kek, qint64 nowMs);

    std::optional<LockRecord> findByMac(const QString &companyId, const Core::MacAddress &mac) const;
    std::optional<LockRecord> findById(const QString &lockId) const;
    /// All locks of the company (macs and serials empty), else those matching either list.
    QList<LockRecord> list(const QString &companyId, const QList<Core::MacAddress> &macs,
                           const QStringList &serials) const;

    /// Opens the sealed secret; a wrong KEK is an error that says so.
    static Core::Result<Core::LockSecret> secretOf(const LockRecord &lock, const QByteArray &kek);

    /// After an online command was issued: awaiting_setup → ready and setup_count + 1 (first command only).
    Core::Result<void> markSetUp(const QString &lockId);
    Core::Result<void> touch(const QString &lockId, qint64 nowMs);

    static LockRecord fromQuery(const QSqlQuery &query);
    static QString selectColumns();

private:
    Database &m_db;
};

/// The lock as printed by `lock add` and the /lock/ endpoint's entries (plus `id`, `name`).
QJsonObject lockToCoreJson(const LockRecord &lock, const QString &flags);
/// ISO-8601 UTC with a Z ("2018-04-04T16:00:00Z") from unix ms.
QString isoUtc(qint64 ms);

} // namespace Keydesk::Server
