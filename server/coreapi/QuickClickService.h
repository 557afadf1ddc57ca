#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Result.h"
#include "core/lockproto/Commands.h"
#include "server/store/Database.h"
#include "server/store/LockRepository.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Keydesk::Server {

/// One row of `quick_clicks`.
struct QuickClickRecord
{
    QString id;
    QString lockId;
    QString code;
    int uses = 0; ///< remaining; 255 = unlimited
    int startUses = 0;
    bool pending = false; ///< issue/update not yet synced to the lock
    bool revoked = false; ///< removal requested
    bool removalDelivered = false;
    bool synced = false; ///< some version of it reached the lock (so removing it needs a sync too)

    /// {code, pending, revoked, uses, start_uses} as the Core API shows it.
    QJsonObject toCoreJson() const;
};

/// Quick-click rules on top of core/domain: issue (or update uses), revoke, what the next online unlock must
/// carry, and counting down uses from uploaded logs.
class QuickClickService final
{
public:
    QuickClickService(Database &db, const Core::Clock &clock)
        : m_db(db)
        , m_clock(clock)
    { }

    /// Codes the lock holds or will hold (removal not yet delivered), oldest first.
    QList<QuickClickRecord> onLock(const QString &lockId) const;
    /// Issues `code` with `uses` (or updates the uses of an unrevoked existing code). Errors (qc_*) name the
    /// rule; nothing changes on error.
    Core::Result<QuickClickRecord> issue(const LockRecord &lock, const QString &code, qint64 uses);
    /// Requests removal. A code never synced to the lock is simply dropped.
    Core::Result<QuickClickRecord> revoke(const LockRecord &lock, const QString &code);

    /// The changes the next online command must carry (removals first), at most `limit`.
    QList<QPair<QuickClickRecord, Core::QuickClickChange>> pendingChanges(const QString &lockId, int limit) const;
    bool hasPending(const QString &lockId) const;
    /// The command carrying these changes was issued: adds are no longer pending, removals delivered.
    Core::Result<void> markSynced(const QList<QuickClickRecord> &records);
    /// A use reported by the lock (unlocked_via_quick_click); `quickClickId` is lockproto's id of the code.
    Core::Result<void> countDownUse(const LockRecord &lock, const Core::LockKeys &keys, const QByteArray &quickClickId);

private:
    Database &m_db;
    const Core::Clock &m_clock;
};

} // namespace Keydesk::Server
