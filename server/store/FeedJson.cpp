#include "server/store/FeedJson.h"

#include <QLocale>
#include <QString>

#include <cmath>

namespace Keydesk::Server::FeedJson {

namespace {

constexpr char kHex[] = "0123456789abcdef";

/// Escapes an ASCII character that JSON does not allow raw; returns false for one written as is.
inline bool appendEscaped(QByteArray &out, unsigned char c)
{
    if (c >= 0x20 && c != '"' && c != '\\')
        return false;
    switch (c) {
    case '"':
        out.append("\\\"", 2);
        break;
    case '\\':
        out.append("\\\\", 2);
        break;
    case '\b':
        out.append("\\b", 2);
        break;
    case '\f':
        out.append("\\f", 2);
        break;
    case '\n':
        out.append("\\n", 2);
        break;
    case '\r':
        out.append("\\r", 2);
        break;
    case '\t':
        out.append("\\t", 2);
        break;
    default: {
        const char escaped[6] = { '\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf] };
        out.append(escaped, 6);
    }
    }
    return true;
}

/// Length of the well-formed UTF-8 sequence at `p` (2-4), or 0 when it is not one (overlong, surrogate,
/// above U+10FFFF, truncated).
inline qsizetype validSequence(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    auto cont = [&](qsizetype i) { return p + i < end && (p[i] & 0xc0) == 0x80; };
    if (c >= 0xc2 && c <= 0xdf)
        return cont(1) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xe0 && p[1] < 0xa0)
            return 0; // overlong
        if (c == 0xed && p[1] >= 0xa0)
            return 0; // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xf0 && p[1] < 0x90)
            return 0; // overlong
        if (c == 0xf4 && p[1] >= 0x90)
            return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

void appendString(QByteArray &out, QByteArrayView utf8)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(utf8.data());
    const auto *end = begin + utf8.size();
    const qsizetype start = out.size();
    out.append('"');
    const unsigned char *run = begin; // start of the bytes not yet copied
    for (const unsigned char *p = begin; p < end;) {
        const unsigned char c = *p;
        if (c < 0x80) {
            if (c >= 0x20 && c != '"' && c != '\\') {
                ++p;
                continue;
            }
            out.append(reinterpret_cast<const char *>(run), p - run);
            appendEscaped(out, c);
            run = ++p;
            continue;
        }
        const qsizetype n = validSequence(p, end);
        if (n == 0) {
            // Invalid UTF-8 is rare (SQLite stores what it is given): let QString decide the replacement
            // characters, exactly as QJsonDocument would see the value.
            out.truncate(start);
            appendString(out, QStringView(QString::fromUtf8(utf8)));
            return;
        }
        p += n;
    }
    out.append(reinterpret_cast<const char *>(run), end - run);
    out.append('"');
}

void appendString(QByteArray &out, QStringView text)
{
    out.append('"');
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            if (!appendEscaped(out, static_cast<unsigned char>(u)))
                out.append(char(u));
        } else if (u < 0x800) {
            const char bytes[2] = { char(0xc0 | (u >> 6)), char(0x80 | (u & 0x3f)) };
            out.append(bytes, 2);
        } else if (QChar::isHighSurrogate(u) && p < end && QChar::isLowSurrogate(*p)) {
            const char32_t ucs = QChar::surrogateToUcs4(u, *p++);
            const char bytes[4] = { char(0xf0 | (ucs >> 18)), char(0x80 | ((ucs >> 12) & 0x3f)),
                                    char(0x80 | ((ucs >> 6) & 0x3f)), char(0x80 | (ucs & 0x3f)) };
            out.append(bytes, 4);
        } else if (QChar::isSurrogate(u)) {
            const char escaped[6]
                = { '\\', 'u', kHex[(u >> 12) & 0xf], kHex[(u >> 8) & 0xf], kHex[(u >> 4) & 0xf], kHex[u & 0xf] };
            out.append(escaped, 6);
        } else {
            const char bytes[3] = { char(0xe0 | (u >> 12)), char(0x80 | ((u >> 6) & 0x3f)), char(0x80 | (u & 0x3f)) };
            out.append(bytes, 3);
        }
    }
    out.append('"');
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    char *p = digits + sizeof digits;
    // Unsigned arithmetic so the most negative value does not overflow when negated.
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    do {
        *--p = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0)
        *--p = '-';
    out.append(p, digits + sizeof digits - p);
}

void appendNumber(QByteArray &out, double value)
{
    if (!std::isfinite(value)) {
        out.append("null", 4);
        return;
    }
    out.append(QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
}

} // namespace Keydesk::Server::FeedJson
