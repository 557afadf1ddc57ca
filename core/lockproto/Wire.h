#pragma once

#include <QByteArray>
#include <QtEndian>

#include <cstring>

// Internal to keydesk_lockproto: big-endian writers and a bounds-checked reader for the byte formats in
// README.md. Not installed with the public headers' API; do not include from outside core/lockproto.

namespace Keydesk::Core::Wire {

/// Appends fixed-width big-endian integers and raw bytes.
class Writer final
{
public:
    void u8(quint8 v) { m_out.append(char(v)); }
    void u16(quint16 v) { append(qToBigEndian(v)); }
    void u32(quint32 v) { append(qToBigEndian(v)); }
    void u64(quint64 v) { append(qToBigEndian(v)); }
    void i64(qint64 v) { append(qToBigEndian(v)); }
    void bytes(const QByteArray &b) { m_out.append(b); }
    const QByteArray &data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    template <typename T> void append(T bigEndian)
    {
        m_out.append(reinterpret_cast<const char *>(&bigEndian), sizeof(T));
    }
    QByteArray m_out;
};

/// Reads what Writer wrote; any read past the end sets failed() and returns zeros, so a parser can read a
/// whole record and check once.
class Reader final
{
public:
    explicit Reader(const QByteArray &in)
        : m_in(in)
    { }
    quint8 u8() { return take<quint8>(); }
    quint16 u16() { return take<quint16>(); }
    quint32 u32() { return take<quint32>(); }
    quint64 u64() { return take<quint64>(); }
    qint64 i64() { return take<qint64>(); }
    QByteArray bytes(qsizetype n)
    {
        if (n < 0 || remaining() < n) {
            m_failed = true;
            m_pos = m_in.size();
            return QByteArray(qMax<qsizetype>(n, 0), '\0');
        }
        QByteArray out = m_in.mid(m_pos, n);
        m_pos += n;
        return out;
    }
    qsizetype position() const { return m_pos; }
    qsizetype remaining() const { return m_in.size() - m_pos; }
    bool failed() const { return m_failed; }
    bool atEnd() const { return m_pos == m_in.size(); }

private:
    template <typename T> T take()
    {
        if (remaining() < qsizetype(sizeof(T))) {
            m_failed = true;
            m_pos = m_in.size();
            return T {};
        }
        T v;
        std::memcpy(&v, m_in.constData() + m_pos, sizeof(T));
        m_pos += qsizetype(sizeof(T));
        return qFromBigEndian(v);
    }
    const QByteArray &m_in;
    qsizetype m_pos = 0;
    bool m_failed = false;
};

/// Strict lower/upper-case hex to bytes; empty result plus ok=false for anything else (odd length, blanks).
inline QByteArray fromHex(const QString &text, bool *ok)
{
    *ok = false;
    if (text.size() % 2 != 0)
        return {};
    for (const QChar c : text) {
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (!hex)
            return {};
    }
    *ok = true;
    return QByteArray::fromHex(text.toLatin1());
}

inline QString toHex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace Keydesk::Core::Wire
