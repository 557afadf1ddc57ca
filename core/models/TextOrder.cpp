#include "core/models/TextOrder.h"

#include <algorithm>
#include <array>

namespace Keydesk::Core::TextOrder {

namespace {

constexpr std::array<uchar, 128> makeAsciiFold()
{
    std::array<uchar, 128> t {};
    for (int i = 0; i < 128; ++i)
        t[std::size_t(i)] = uchar(i >= 'A' && i <= 'Z' ? i + 32 : i);
    return t;
}
constexpr std::array<uchar, 128> kFold = makeAsciiFold();

int compareSlow(QByteArrayView a, QByteArrayView b)
{
    const int c = QString::compare(folded(a), folded(b), Qt::CaseSensitive);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

} // namespace

QString folded(QByteArrayView utf8)
{
    return QString::fromUtf8(utf8).toCaseFolded();
}

int compare(QByteArrayView a, QByteArrayView b)
{
    const qsizetype n = std::min(a.size(), b.size());
    const auto *x = reinterpret_cast<const uchar *>(a.data());
    const auto *y = reinterpret_cast<const uchar *>(b.data());
    for (qsizetype i = 0; i < n; ++i) {
        // ASCII folds one byte to one UTF-16 unit; anything else goes the QString way (a non-ASCII letter can
        // fold to ASCII: the Kelvin sign to "k").
        if ((x[i] | y[i]) & 0x80)
            return compareSlow(a, b);
        const uchar fx = kFold[x[i]];
        const uchar fy = kFold[y[i]];
        if (fx != fy)
            return fx < fy ? -1 : 1;
    }
    if (a.size() == b.size())
        return 0;
    // One is an ASCII prefix of the other; the rest of the longer one folds to at least one unit.
    return a.size() < b.size() ? -1 : 1;
}

quint64 prefixKey(QByteArrayView utf8)
{
    const qsizetype n = std::min<qsizetype>(utf8.size(), 4);
    const auto *p = reinterpret_cast<const uchar *>(utf8.data());
    quint64 key = 0;
    bool ascii = true;
    for (qsizetype i = 0; i < n; ++i) {
        if (p[i] & 0x80) {
            ascii = false;
            break;
        }
        key |= quint64(kFold[p[i]]) << (48 - 16 * i);
    }
    if (ascii)
        return key;
    const QString f = folded(utf8);
    key = 0;
    for (qsizetype i = 0; i < std::min<qsizetype>(f.size(), 4); ++i)
        key |= quint64(f.at(i).unicode()) << (48 - 16 * i);
    return key;
}

} // namespace Keydesk::Core::TextOrder
