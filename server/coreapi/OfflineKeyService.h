#pragma once

#include "core/domain/Clock.h"
#include "core/domain/FacilityZone.h"
#include "core/domain/Result.h"
#include "core/lockproto/LockSecret.h"
#include "core/lockproto/Revocation.h"
#include "server/store/AccessRepository.h"
#include "server/store/Database.h"
#include "server/store/LockRepository.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Keydesk::Server {

/// One issued offline credential (a row of offline_keys with its lock's MAC).
struct OfflineKeyRow
{
    QString id;
    QString lockId;
    QString lockMac;
    QString trackingKey;
    QString offlineKey;
    QString unlockCommand;
    quint64 keyId = 0;
    qint64 expiresAt = 0; ///< unix ms
};

/// /keys/: issues offline credentials after the domain access check, lists the valid ones, revokes them
/// (raising the lock's revocation state, so the lock refuses them once the state reached it).
class OfflineKeyService final
{
public:
    OfflineKeyService(Database &db, const Core::Clock &clock, const QByteArray &kek)
        : m_db(db)
        , m_clock(clock)
        , m_kek(kek)
    { }

    /// Runs the access check for the user with this tracking key on this lock and, when allowed, issues a
    /// credential valid until the end of the facility day (or earlier: grant end, window end). Errors:
    /// unknown_tracking_key, access_denied (message = the decision's reasons), storage/kek errors.
    Core::Result<OfflineKeyRow> issue(const QString &companyId, const LockRecord &lock, const QString &trackingKey);

    /// Unrevoked, unexpired credentials of the company — the latest per (lock, tracking key) — optionally
    /// limited to some locks and/or tracking keys.
    QList<OfflineKeyRow> current(const QString &companyId, const QStringList &lockIds,
                                 const QStringList &trackingKeys) const;

    /// Revokes the current credentials matching (locks × tracking keys); empty `trackingKeys` means every
    /// credential on those locks ("revoke all": raises the lock's min epoch); empty `lockIds` means every lock.
    /// Returns the ids of the locks whose revocation state changed.
    Core::Result<QSet<QString>> revoke(const QString &companyId, const QStringList &lockIds,
                                       const QStringList &trackingKeys);

private:
    /// What issuing needs per lock, computed once per service instance (one /keys/ request issues up to
    /// 1000 × 1000 credentials on the same few locks).
    struct LockContext
    {
        Core::LockKeys keys;
        Core::RevocationState revocation;
        Core::FacilityZone zone;
    };
    Core::Result<LockContext> lockContext(const LockRecord &lock);

    Database &m_db;
    const Core::Clock &m_clock;
    QByteArray m_kek;
    QHash<QString, LockContext> m_locks;
    QHash<QString, std::optional<UserRecord>> m_users;
};

} // namespace Keydesk::Server
