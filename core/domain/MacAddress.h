#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <array>
#include <cstdint>

namespace Keydesk::Core {

/// A lock's six-byte Bluetooth MAC address. Printed in canonical upper-case colon form.
class MacAddress final
{
public:
    MacAddress() = default; ///< the null address; isNull() is true

    /// Accepts "aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF" and "aabbccddeeff" (any letter case, surrounding
    /// blanks ignored). Anything else is an error that quotes the input.
    static Result<MacAddress> parse(const QString &text);
    /// From exactly six raw bytes; anything else is an error.
    static Result<MacAddress> fromBytes(const QByteArray &bytes);

    bool isNull() const { return m_bytes == std::array<std::uint8_t, 6> {}; }
    QString toString() const; ///< "AA:BB:CC:DD:EE:FF"
    QByteArray toBytes() const;
    const std::array<std::uint8_t, 6> &bytes() const { return m_bytes; }

    friend bool operator==(const MacAddress &, const MacAddress &) = default;
    friend auto operator<=>(const MacAddress &, const MacAddress &) = default;

private:
    explicit MacAddress(const std::array<std::uint8_t, 6> &bytes)
        : m_bytes(bytes)
    { }

    std::array<std::uint8_t, 6> m_bytes {};
};

inline size_t qHash(const MacAddress &mac, size_t seed = 0)
{
    return qHashBits(mac.bytes().data(), mac.bytes().size(), seed);
}

} // namespace Keydesk::Core

Q_DECLARE_METATYPE(Keydesk::Core::MacAddress)
