#include "server/coreapi/OnlineCommandService.h"

#include "server/coreapi/QuickClickService.h"
#include "server/coreapi/RevocationService.h"
#include "server/http/JsonBody.h"

#include <QCryptographicHash>

namespace Keydesk::Server {

using Core::Error;
using Core::Result;

QString OnlineCommandService::kindName(Core::CommandKind kind)
{
    switch (kind) {
    case Core::CommandKind::Unlock:
        return QStringLiteral("unlock");
    case Core::CommandKind::Unshackle:
        return QStringLiteral("unshackle");
    case Core::CommandKind::FirmwareUpdate:
        return QStringLiteral("fwupdate");
    }
    return QStringLiteral("unlock");
}

Result<IssuedCommand> OnlineCommandService::issue(const LockRecord &lock, Core::CommandKind kind,
                                                  const QString &sessionHex, const QString &trackingKey)
{
    auto session = Core::Session::parse(sessionHex);
    if (!session)
        return Error::make(
            BodyError::InvalidValue,
            QStringLiteral("Field \"session\": %1 Read a fresh session from the lock.").arg(session.error().message),
            QStringLiteral("session"));
    auto secret = LockRepository::secretOf(lock, m_kek);
    if (!secret)
        return secret.error();

    QuickClickService quickClicks(m_db, m_clock);
    RevocationService revocations(m_db, m_clock);
    const auto changes = quickClicks.pendingChanges(lock.id, Core::OnlineCommand::MaxQuickClicks);

    const qint64 now = m_clock.now().toSecsSinceEpoch();
    Core::OnlineCommand command;
    command.kind = kind;
    command.serverTime = now;
    command.expiresAt = now + Core::OnlineCommand::DefaultLifetimeSeconds;
    command.trackingKey = trackingKey;
    command.revocation = revocations.stateOf(lock);
    QList<QuickClickRecord> synced;
    for (const auto &change : changes) {
        command.quickClicks.append(change.second);
        synced.append(change.first);
    }
    auto sealed = Core::sealCommand(secret.value(), lock.mac, session.value(), command);
    if (!sealed)
        return sealed.error().code == QLatin1String("bad_command") || sealed.error().code.isEmpty()
            ? Error::make(QStringLiteral("internal"), sealed.error().message)
            : sealed.error();

    // The command is out: record it, sync what it carries and complete setup — all or nothing.
    WriteTransaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    if (auto r
        = m_db.exec(QStringLiteral("INSERT OR REPLACE INTO issued_commands(lock_id, session, kind, tracking_key, "
                                   "issued_at) VALUES (?, ?, ?, ?, ?)"),
                    { lock.id, session.value().toHex(), kindName(kind), textOrEmpty(trackingKey), nowMs });
        !r)
        return r.error();
    // Sessions older than a week no longer attribute uploads (the tracking-key hash still does): keep the table small.
    if (auto r = m_db.exec(QStringLiteral("DELETE FROM issued_commands WHERE issued_at < ?"),
                           { nowMs - 7LL * 24 * 3600 * 1000 });
        !r)
        return r.error();
    if (auto r = quickClicks.markSynced(synced); !r)
        return r.error();
    LockRepository locks(m_db);
    if (auto r = locks.markSetUp(lock.id); !r)
        return r.error();
    if (auto r = locks.touch(lock.id, nowMs); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();

    IssuedCommand issued;
    issued.commandsHex = sealed.value();
    issued.token = QString::fromLatin1(
        QCryptographicHash::hash(sealed.value().toLatin1(), QCryptographicHash::Sha256).toHex().left(32));
    issued.quickClickChanges = int(changes.size());
    issued.revocationVersion = command.revocation.version;
    return issued;
}

} // namespace Keydesk::Server
