#include "core/lockproto/Session.h"

#include "core/lockproto/Wire.h"

namespace Keydesk::Core {

Result<Session> Session::make(quint32 counter, const Crypto::RandomSource &random)
{
    auto bytes = random.bytes(RandomSize);
    if (!bytes)
        return bytes.error();
    Wire::Writer w;
    w.bytes(*bytes);
    w.u32(counter);
    return Session(w.take());
}

Result<Session> Session::parse(const QString &hex)
{
    bool ok = false;
    const QByteArray bytes = Wire::fromHex(hex, &ok);
    if (!ok || hex.size() != HexSize)
        return Error::make(QStringLiteral("invalid_session"),
                           QStringLiteral("A session is exactly 40 hex characters as read from the lock; got \"%1\".")
                               .arg(hex.left(64)),
                           QStringLiteral("session"));
    return Session(bytes);
}

Result<Session> Session::fromBytes(const QByteArray &bytes)
{
    if (bytes.size() != Size)
        return Error::make(QStringLiteral("invalid_session"), QStringLiteral("A session is exactly 20 bytes."),
                           QStringLiteral("session"));
    return Session(bytes);
}

quint32 Session::counter() const
{
    if (isNull())
        return 0;
    Wire::Reader r(m_bytes);
    r.bytes(RandomSize);
    return r.u32();
}

QString Session::toHex() const
{
    return Wire::toHex(m_bytes);
}

} // namespace Keydesk::Core
