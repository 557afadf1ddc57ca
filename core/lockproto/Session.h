#pragma once

#include "core/domain/Result.h"
#include "core/lockproto/Crypto.h"

#include <QByteArray>
#include <QString>

namespace Keydesk::Core {

/// One lock connection's session: 16 random bytes + a 32-bit big-endian counter, 40 lower-case hex
/// characters on the wire. A lock accepts exactly one command per session.
class Session final
{
public:
    static constexpr int RandomSize = 16;
    static constexpr int Size = 20; ///< bytes
    static constexpr int HexSize = 40;

    Session() = default; ///< null; isNull() is true

    /// A fresh session with the given counter value.
    static Result<Session> make(quint32 counter, const Crypto::RandomSource &random = Crypto::RandomSource::system());
    /// Exactly 40 hex characters (upper case accepted, printed lower case); anything else is an error.
    static Result<Session> parse(const QString &hex);
    /// Exactly 20 bytes.
    static Result<Session> fromBytes(const QByteArray &bytes);

    bool isNull() const { return m_bytes.isEmpty(); }
    const QByteArray &bytes() const { return m_bytes; }
    QByteArray randomPart() const { return m_bytes.left(RandomSize); }
    quint32 counter() const;
    QString toHex() const;

    friend bool operator==(const Session &, const Session &) = default;

private:
    explicit Session(QByteArray bytes)
        : m_bytes(std::move(bytes))
    { }
    QByteArray m_bytes;
};

} // namespace Keydesk::Core
