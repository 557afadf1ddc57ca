#include "core/domain/MacAddress.h"

#include <QCoreApplication>

namespace Keydesk::Core {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

Error invalid(const QString &input)
{
    return Error::make(QStringLiteral("invalid_mac"),
                       QCoreApplication::translate("MacAddress",
                                                   "\"%1\" is not a MAC address. Write six pairs of hex digits, "
                                                   "for example AA:BB:CC:DD:EE:FF, AA-BB-CC-DD-EE-FF or "
                                                   "aabbccddeeff.")
                           .arg(input),
                       QStringLiteral("mac"));
}

} // namespace

Result<MacAddress> MacAddress::parse(const QString &text)
{
    const QString s = text.trimmed();
    QString digits;
    if (s.size() == 12) {
        digits = s;
    } else if (s.size() == 17) {
        // One separator kind throughout: ':' or '-', at every third position.
        const QChar sep = s.at(2);
        if (sep != u':' && sep != u'-')
            return invalid(text);
        for (int i = 0; i < 17; ++i) {
            if (i % 3 == 2) {
                if (s.at(i) != sep)
                    return invalid(text);
            } else {
                digits.append(s.at(i));
            }
        }
    } else {
        return invalid(text);
    }

    std::array<std::uint8_t, 6> bytes {};
    for (int i = 0; i < 6; ++i) {
        const int hi = hexValue(digits.at(2 * i));
        const int lo = hexValue(digits.at(2 * i + 1));
        if (hi < 0 || lo < 0)
            return invalid(text);
        bytes[static_cast<size_t>(i)] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return MacAddress(bytes);
}

Result<MacAddress> MacAddress::fromBytes(const QByteArray &raw)
{
    if (raw.size() != 6)
        return Error::make(
            QStringLiteral("invalid_mac"),
            QCoreApplication::translate("MacAddress", "A MAC address has 6 bytes, not %1.").arg(raw.size()),
            QStringLiteral("mac"));
    std::array<std::uint8_t, 6> bytes {};
    for (int i = 0; i < 6; ++i)
        bytes[static_cast<size_t>(i)] = static_cast<std::uint8_t>(raw.at(i));
    return MacAddress(bytes);
}

QString MacAddress::toString() const
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QString out;
    out.reserve(17);
    for (size_t i = 0; i < m_bytes.size(); ++i) {
        if (i)
            out.append(u':');
        out.append(QLatin1Char(hex[m_bytes[i] >> 4]));
        out.append(QLatin1Char(hex[m_bytes[i] & 0xF]));
    }
    return out;
}

QByteArray MacAddress::toBytes() const
{
    return QByteArray(reinterpret_cast<const char *>(m_bytes.data()), static_cast<qsizetype>(m_bytes.size()));
}

} // namespace Keydesk::Core
