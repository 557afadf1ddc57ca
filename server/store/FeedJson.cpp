#include "server/store/FeedJson.h"

#include <QLocale>
#include <QString>

#include <cmath>
#include <cstring>

namespace Keydesk::Server::FeedJson {

namespace {

constexpr char kHex[] = "0123456789abcdef";

/// Escapes an ASCII character that JSON does not allow raw, or copies it; returns the end.
inline char *writeAscii(char *out, unsigned char c)
{
    if (c >= 0x20 && c != '"' && c != '\\') {
        *out++ = char(c);
        return out;
    }
    *out++ = '\\';
    switch (c) {
    case '"':
        *out++ = '"';
        break;
    case '\\':
        *out++ = '\\';
        break;
    case '\b':
        *out++ = 'b';
        break;
    case '\f':
        *out++ = 'f';
        break;
    case '\n':
        *out++ = 'n';
        break;
    case '\r':
        *out++ = 'r';
        break;
    case '\t':
        *out++ = 't';
        break;
    default:
        *out++ = 'u';
        *out++ = '0';
        *out++ = '0';
        *out++ = kHex[c >> 4];
        *out++ = kHex[c & 0xf];
    }
    return out;
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

/// UTF-16 to JSON text at `out`: at most 6 bytes per code unit (a lone surrogate escaped), no quotes.
char *writeUtf16(char *out, QStringView text)
{
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            out = writeAscii(out, static_cast<unsigned char>(u));
        } else if (u < 0x800) {
            *out++ = char(0xc0 | (u >> 6));
            *out++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && p < end && QChar::isLowSurrogate(*p)) {
            const char32_t ucs = QChar::surrogateToUcs4(u, *p++);
            *out++ = char(0xf0 | (ucs >> 18));
            *out++ = char(0x80 | ((ucs >> 12) & 0x3f));
            *out++ = char(0x80 | ((ucs >> 6) & 0x3f));
            *out++ = char(0x80 | (ucs & 0x3f));
        } else if (QChar::isSurrogate(u)) {
            *out++ = '\\';
            *out++ = 'u';
            *out++ = kHex[(u >> 12) & 0xf];
            *out++ = kHex[(u >> 8) & 0xf];
            *out++ = kHex[(u >> 4) & 0xf];
            *out++ = kHex[u & 0xf];
        } else {
            *out++ = char(0xe0 | (u >> 12));
            *out++ = char(0x80 | ((u >> 6) & 0x3f));
            *out++ = char(0x80 | (u & 0x3f));
        }
    }
    return out;
}

} // namespace

char *writeString(char *out, QByteArrayView utf8)
{
    const auto *p = reinterpret_cast<const unsigned char *>(utf8.data());
    const auto *const end = p + utf8.size();
    char *const start = out;
    *out++ = '"';
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            out = writeAscii(out, c);
            ++p;
            continue;
        }
        const qsizetype n = validSequence(p, end);
        if (n == 0) {
            // Invalid UTF-8 is rare (SQLite stores what it is given): let QString decide the replacement
            // characters, exactly as QJsonDocument would see the value. Each invalid byte becomes at most one
            // U+FFFD (3 bytes), so the bound of maxStringSize() still holds.
            out = writeUtf16(start + 1, QStringView(QString::fromUtf8(utf8)));
            *out++ = '"';
            return out;
        }
        std::memcpy(out, p, size_t(n));
        out += n;
        p += n;
    }
    *out++ = '"';
    return out;
}

char *writeNumber(char *out, qint64 value)
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
    const auto n = size_t(digits + sizeof digits - p);
    std::memcpy(out, p, n);
    return out + n;
}

void appendString(QByteArray &out, QByteArrayView utf8)
{
    const qsizetype start = out.size();
    out.resize(start + maxStringSize(utf8.size()));
    char *end = writeString(out.data() + start, utf8);
    out.truncate(end - out.constData());
}

void appendString(QByteArray &out, QStringView text)
{
    const qsizetype start = out.size();
    out.resize(start + 2 + 6 * text.size());
    char *p = out.data() + start;
    *p++ = '"';
    p = writeUtf16(p, text);
    *p++ = '"';
    out.truncate(p - out.constData());
}

void appendNumber(QByteArray &out, qint64 value)
{
    const qsizetype start = out.size();
    out.resize(start + kMaxIntegerSize);
    char *end = writeNumber(out.data() + start, value);
    out.truncate(end - out.constData());
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
