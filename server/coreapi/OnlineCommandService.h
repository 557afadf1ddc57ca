#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Result.h"
#include "core/lockproto/Commands.h"
#include "server/store/Database.h"
#include "server/store/LockRepository.h"

#include <QByteArray>
#include <QString>

namespace Keydesk::Server {

/// A sealed online command for one lock session.
struct IssuedCommand
{
    QString commandsHex; ///< the Core API `commands` value
    QString token; ///< an opaque id of this command (the Core API `token`)
    int quickClickChanges = 0;
    quint32 revocationVersion = 0;
};

/// Seals /unlock/, /unshackle/ and /fwupdate/ commands with lockproto: server time, a short expiry, the
/// lock's pending quick-click changes and its revocation state. Issuing one syncs the pending changes and
/// completes the lock's setup (awaiting setup → ready, setup_count + 1) on its first command.
class OnlineCommandService final
{
public:
    OnlineCommandService(Database &db, const Core::Clock &clock, const QByteArray &kek)
        : m_db(db)
        , m_clock(clock)
        , m_kek(kek)
    { }

    /// `sessionHex` is the lock's session (40 hex); errors: invalid_session (→ 3), storage/kek (→ 1).
    Core::Result<IssuedCommand> issue(const LockRecord &lock, Core::CommandKind kind, const QString &sessionHex,
                                      const QString &trackingKey);

    static QString kindName(Core::CommandKind kind); ///< unlock | unshackle | fwupdate

private:
    Database &m_db;
    const Core::Clock &m_clock;
    QByteArray m_kek;
};

} // namespace Keydesk::Server
