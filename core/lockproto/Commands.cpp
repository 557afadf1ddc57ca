#include "core/lockproto/Commands.h"

#include "core/lockproto/Wire.h"

namespace Keydesk::Core {

namespace {

constexpr quint8 CommandFormat = 1;
constexpr int HeaderSize = 1 + 6 + Session::Size + Crypto::GcmNonceSize;

Error badInput(const QString &message, const QString &field = {})
{
    return Error::make(QStringLiteral("bad_command"), message, field);
}

bool validKind(quint8 kind)
{
    return kind >= quint8(CommandKind::Unlock) && kind <= quint8(CommandKind::FirmwareUpdate);
}

Result<void> validateTimes(qint64 serverTime, qint64 expiresAt)
{
    if (serverTime <= 0)
        return badInput(QStringLiteral("The command's server time must be a positive unix time."),
                        QStringLiteral("serverTime"));
    if (expiresAt <= serverTime || expiresAt - serverTime > OnlineCommand::MaxLifetimeSeconds)
        return badInput(QStringLiteral("A command must expire after its server time and within %1 s of it.")
                            .arg(OnlineCommand::MaxLifetimeSeconds),
                        QStringLiteral("expiresAt"));
    return {};
}

} // namespace

Result<QString> sealCommand(const LockKeys &keys, const MacAddress &mac, const Session &session,
                            const OnlineCommand &command, const Crypto::RandomSource &random)
{
    if (session.isNull())
        return badInput(QStringLiteral("No session: read a fresh session from the lock first."),
                        QStringLiteral("session"));
    if (!validKind(quint8(command.kind)))
        return badInput(QStringLiteral("Unknown command kind."), QStringLiteral("kind"));
    if (auto times = validateTimes(command.serverTime, command.expiresAt); !times)
        return times.error();
    if (command.quickClicks.size() > OnlineCommand::MaxQuickClicks)
        return badInput(
            QStringLiteral("At most %1 quick-click changes fit in one command.").arg(OnlineCommand::MaxQuickClicks),
            QStringLiteral("quick_clicks"));

    Wire::Writer plain;
    plain.u8(quint8(command.kind));
    plain.i64(command.serverTime);
    plain.i64(command.expiresAt);
    plain.u64(command.keyId);
    if (command.trackingKey.isEmpty()) {
        plain.u8(0);
    } else {
        plain.u8(16);
        plain.bytes(trackingKeyHash(keys, command.trackingKey));
    }
    plain.u8(quint8(command.quickClicks.size()));
    for (const QuickClickChange &change : command.quickClicks) {
        if (!isValidQuickClickCode(change.code))
            return badInput(
                QStringLiteral("Quick-click code \"%1\" is not 3 to 24 characters of 0 and 1.").arg(change.code),
                QStringLiteral("code"));
        if (change.op != QuickClickChange::Op::Add && change.op != QuickClickChange::Op::Remove)
            return badInput(QStringLiteral("Unknown quick-click change."), QStringLiteral("quick_clicks"));
        if (change.op == QuickClickChange::Op::Add && (change.uses < 1 || change.uses > 255))
            return badInput(
                QStringLiteral("Quick-click uses must be 1–254, or 255 for unlimited; got %1.").arg(change.uses),
                QStringLiteral("uses"));
        plain.u8(quint8(change.op));
        plain.bytes(quickClickId(keys, change.code));
        plain.u8(change.op == QuickClickChange::Op::Add ? quint8(change.uses) : 0);
    }
    auto revocation = sealRevocation(keys, mac, command.revocation);
    if (!revocation)
        return revocation.error();
    plain.u16(quint16(revocation->size()));
    plain.bytes(*revocation);

    auto nonce = random.bytes(Crypto::GcmNonceSize);
    if (!nonce)
        return nonce.error();
    Wire::Writer header;
    header.u8(CommandFormat);
    header.bytes(mac.toBytes());
    header.bytes(session.bytes());
    header.bytes(*nonce);
    auto sealed = Crypto::aes256GcmSeal(keys.command, *nonce, plain.data(), QByteArray("KDCM") + header.data());
    if (!sealed)
        return sealed.error();
    header.bytes(*sealed);
    return Wire::toHex(header.data());
}

Result<QString> sealCommand(const LockSecret &secret, const MacAddress &mac, const Session &session,
                            const OnlineCommand &command, const Crypto::RandomSource &random)
{
    auto keys = LockKeys::derive(secret, mac);
    if (!keys)
        return keys.error();
    return sealCommand(*keys, mac, session, command, random);
}

Result<OpenedCommand> openCommand(const LockKeys &keys, const MacAddress &mac, const Session &session,
                                  const QString &commandsHex)
{
    bool ok = false;
    const QByteArray bytes = Wire::fromHex(commandsHex.trimmed(), &ok);
    if (!ok || bytes.size() < HeaderSize + Crypto::GcmTagSize || quint8(bytes.at(0)) != CommandFormat)
        return Error::make(QStringLiteral("malformed"),
                           QStringLiteral("Not a command of this protocol version (expected hex starting with 01)."));
    if (bytes.mid(1, 6) != mac.toBytes())
        return Error::make(QStringLiteral("wrong_lock"),
                           QStringLiteral("The command was made for another lock; ask the server for this lock."));
    if (session.isNull() || bytes.mid(7, Session::Size) != session.bytes())
        return Error::make(QStringLiteral("wrong_session"),
                           QStringLiteral("The command was made for another session (a replay, or a stale session); "
                                          "read a fresh session and ask the server again."));
    const QByteArray header = bytes.left(HeaderSize);
    auto plain = Crypto::aes256GcmOpen(keys.command, bytes.mid(1 + 6 + Session::Size, Crypto::GcmNonceSize),
                                       bytes.mid(HeaderSize), QByteArray("KDCM") + header);
    if (!plain)
        return Error::make(QStringLiteral("tampered"),
                           QStringLiteral("The command is not authentic: it was altered or sealed with another key."));

    const auto bad = [](const QString &what) {
        return Error::make(QStringLiteral("bad_command"), QStringLiteral("Inconsistent command: %1.").arg(what));
    };
    Wire::Reader r(*plain);
    OpenedCommand command;
    const quint8 kind = r.u8();
    if (!validKind(kind))
        return bad(QStringLiteral("unknown kind %1").arg(kind));
    command.kind = CommandKind(kind);
    command.serverTime = r.i64();
    command.expiresAt = r.i64();
    command.keyId = r.u64();
    const quint8 hashLength = r.u8();
    if (hashLength != 0 && hashLength != 16)
        return bad(QStringLiteral("tracking-key hash length"));
    command.trackingKeyHash = r.bytes(hashLength);
    const quint8 changes = r.u8();
    if (changes > OnlineCommand::MaxQuickClicks)
        return bad(QStringLiteral("too many quick-click changes"));
    for (int i = 0; i < changes; ++i) {
        SealedQuickClickChange change;
        const quint8 op = r.u8();
        if (op != quint8(QuickClickChange::Op::Add) && op != quint8(QuickClickChange::Op::Remove))
            return bad(QStringLiteral("unknown quick-click change"));
        change.op = QuickClickChange::Op(op);
        change.codeId = r.bytes(16);
        change.uses = r.u8();
        if (change.op == QuickClickChange::Op::Add && change.uses == 0)
            return bad(QStringLiteral("quick click with zero uses"));
        command.quickClicks.append(change);
    }
    const quint16 revocationLength = r.u16();
    const QByteArray revocationBlob = r.bytes(revocationLength);
    if (r.failed() || !r.atEnd())
        return bad(QStringLiteral("length mismatch"));
    if (auto times = validateTimes(command.serverTime, command.expiresAt); !times)
        return bad(times.errorMessage());
    auto revocation = openRevocation(keys, mac, revocationBlob);
    if (!revocation)
        return bad(revocation.errorMessage());
    command.revocation = std::move(revocation).value();
    return command;
}

} // namespace Keydesk::Core
