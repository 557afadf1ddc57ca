#include "ui/views/NameIndex.h"

#include <QCollator>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string.h> // memmem (GNU)
#include <vector>

namespace Keydesk::Ui {

namespace {

int compareBytes(QByteArrayView a, QByteArrayView b)
{
    const qsizetype common = std::min(a.size(), b.size());
    if (common > 0) {
        if (const int c = std::memcmp(a.data(), b.data(), size_t(common)))
            return c;
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

/// The entry's folded text as the index stores it; `nameBytes` receives the folded name's length.
QByteArray foldedText(const NameIndex::Entry &entry, int *nameBytes)
{
    QByteArray out = NameIndex::fold(entry.name).toUtf8();
    *nameBytes = int(out.size());
    for (const QString &extra : entry.extra) {
        if (extra.isEmpty())
            continue;
        out.append('\x1f');
        out.append(NameIndex::fold(extra).toUtf8());
    }
    out.append('\n');
    return out;
}

} // namespace

QString NameIndex::fold(QStringView text)
{
    bool ascii = true;
    for (QChar c : text) {
        if (c.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) { // names and e-mail addresses mostly are: no tables needed
        QString out(text.size(), Qt::Uninitialized);
        QChar *to = out.data();
        for (qsizetype i = 0; i < text.size(); ++i) {
            char16_t c = text[i].unicode();
            if (c < 0x20 || c == 0x7f)
                c = u' ';
            else if (c >= u'A' && c <= u'Z')
                c = char16_t(c + (u'a' - u'A'));
            to[i] = QChar(c);
        }
        return out;
    }
    // "Müller" matches "muller": fold the case, take the letters apart from their accents and drop the accents.
    const QString decomposed = text.toString().toCaseFolded().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        switch (c.category()) {
        case QChar::Mark_NonSpacing:
        case QChar::Mark_SpacingCombining:
        case QChar::Mark_Enclosing:
            break;
        case QChar::Other_Control:
        case QChar::Other_Format:
            out.append(u' ');
            break;
        default:
            out.append(c);
        }
    }
    return out;
}

NameIndex NameIndex::build(QList<Entry> entries)
{
    const qsizetype n = entries.size();
    QCollator collator;
    std::vector<QCollatorSortKey> keys;
    keys.reserve(size_t(n));
    for (const Entry &e : std::as_const(entries))
        keys.push_back(collator.sortKey(e.name));
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (const int c = keys[size_t(a)].compare(keys[size_t(b)]))
            return c < 0;
        return entries.at(a).id < entries.at(b).id;
    });
    NameIndex index;
    index.m_entries.reserve(n);
    index.m_starts.reserve(n + 1);
    index.m_nameBytes.reserve(n);
    for (int i : order) {
        int nameBytes = 0;
        const QByteArray text = foldedText(entries.at(i), &nameBytes);
        index.m_starts.append(index.m_text.size());
        index.m_nameBytes.append(nameBytes);
        index.m_text.append(text);
        index.m_entries.append(std::move(entries[i]));
    }
    index.m_starts.append(index.m_text.size());
    index.m_byFolded.resize(n);
    std::iota(index.m_byFolded.begin(), index.m_byFolded.end(), 0);
    std::sort(index.m_byFolded.begin(), index.m_byFolded.end(), [&index](int a, int b) {
        const int c = compareBytes(index.foldedName(a), index.foldedName(b));
        return c != 0 ? c < 0 : a < b;
    });
    return index;
}

QByteArrayView NameIndex::foldedName(int rank) const
{
    return QByteArrayView(m_text.constData() + m_starts.at(rank), m_nameBytes.at(rank));
}

int NameIndex::find(const Entry &entry, const QByteArray &folded) const
{
    auto lo = std::partition_point(m_byFolded.cbegin(), m_byFolded.cend(),
                                   [&](int r) { return compareBytes(foldedName(r), folded) < 0; });
    for (auto it = lo; it != m_byFolded.cend() && compareBytes(foldedName(*it), folded) == 0; ++it) {
        if (m_entries.at(*it).id == entry.id)
            return *it;
    }
    // Not under that name (the caller's copy of it is older than this index): look for the id itself.
    for (int r = 0; r < size(); ++r) {
        if (m_entries.at(r).id == entry.id)
            return r;
    }
    return -1;
}

NameIndex NameIndex::updated(const QList<Entry> &removed, QList<Entry> added) const
{
    const int n = size();
    std::vector<char> gone(static_cast<size_t>(n), 0);
    for (const Entry &e : removed) {
        if (const int r = find(e, fold(e.name).toUtf8()); r >= 0)
            gone[size_t(r)] = 1;
    }
    QList<int> kept;
    kept.reserve(n);
    for (int r = 0; r < n; ++r) {
        if (!gone[size_t(r)])
            kept.append(r);
    }

    // The added entries in name order, each placed among the kept ones by a binary search: a few collator
    // comparisons each instead of a sort of everything.
    QCollator collator;
    auto less = [&collator](const Entry &a, const Entry &b) {
        if (const int c = collator.compare(a.name, b.name))
            return c < 0;
        return a.id < b.id;
    };
    std::sort(added.begin(), added.end(), less);
    QList<qsizetype> before; // added[i] goes before kept[before[i]]
    before.reserve(added.size());
    for (const Entry &e : std::as_const(added)) {
        const auto from = kept.cbegin() + (before.isEmpty() ? 0 : before.constLast());
        before.append(std::partition_point(from, kept.cend(), [&](int r) { return less(m_entries.at(r), e); })
                      - kept.cbegin());
    }

    NameIndex out;
    const qsizetype total = kept.size() + added.size();
    out.m_entries.reserve(total);
    out.m_starts.reserve(total + 1);
    out.m_nameBytes.reserve(total);
    out.m_text.reserve(m_text.size());
    std::vector<int> newRank(static_cast<size_t>(n), -1);
    QList<int> addedRanks;
    addedRanks.reserve(added.size());
    qsizetype k = 0;
    qsizetype a = 0;
    while (k < kept.size() || a < added.size()) {
        const int rank = int(out.m_entries.size());
        out.m_starts.append(out.m_text.size());
        if (a < added.size() && before.at(a) <= k) {
            int nameBytes = 0;
            out.m_text.append(foldedText(added.at(a), &nameBytes));
            out.m_nameBytes.append(nameBytes);
            out.m_entries.append(std::move(added[a]));
            addedRanks.append(rank);
            ++a;
        } else {
            const int r = kept.at(k);
            out.m_text.append(m_text.constData() + m_starts.at(r), m_starts.at(r + 1) - m_starts.at(r));
            out.m_nameBytes.append(m_nameBytes.at(r));
            out.m_entries.append(m_entries.at(r));
            newRank[size_t(r)] = rank;
            ++k;
        }
    }
    out.m_starts.append(out.m_text.size());

    auto byBytes = [&out](int x, int y) {
        const int c = compareBytes(out.foldedName(x), out.foldedName(y));
        return c != 0 ? c < 0 : x < y;
    };
    QList<int> keptOrder;
    keptOrder.reserve(kept.size());
    for (int r : m_byFolded) {
        if (newRank[size_t(r)] >= 0)
            keptOrder.append(newRank[size_t(r)]); // places only grow with the old ones: still in order
    }
    std::sort(addedRanks.begin(), addedRanks.end(), byBytes);
    out.m_byFolded.resize(total);
    std::merge(keptOrder.cbegin(), keptOrder.cend(), addedRanks.cbegin(), addedRanks.cend(), out.m_byFolded.begin(),
               byBytes);
    return out;
}

QList<int> NameIndex::prefixMatches(QByteArrayView needle, int limit, const Accept &accept) const
{
    QList<int> out;
    const auto lo = std::partition_point(m_byFolded.cbegin(), m_byFolded.cend(),
                                         [&](int r) { return compareBytes(foldedName(r), needle) < 0; });
    const auto hi
        = std::partition_point(lo, m_byFolded.cend(), [&](int r) { return foldedName(r).startsWith(needle); });
    const qsizetype count = hi - lo;
    if (count == 0)
        return out;
    if (count * count > qsizetype(limit) * size()) {
        // So many names start with it that walking by name meets the first `limit` of them soonest.
        for (int r = 0; r < size() && out.size() < limit; ++r) {
            if (foldedName(r).startsWith(needle) && (!accept || accept(m_entries.at(r))))
                out.append(r);
        }
        return out;
    }
    out.reserve(count);
    for (auto it = lo; it != hi; ++it) {
        if (!accept || accept(m_entries.at(*it)))
            out.append(*it);
    }
    std::sort(out.begin(), out.end());
    if (out.size() > limit)
        out.resize(limit);
    return out;
}

QList<int> NameIndex::search(QStringView text, int limit, const Accept &accept) const
{
    QList<int> out;
    if (limit <= 0 || m_entries.isEmpty())
        return out;
    const QByteArray needle = fold(text).toUtf8();
    if (needle.isEmpty()) {
        for (int r = 0; r < size() && out.size() < limit; ++r) {
            if (!accept || accept(m_entries.at(r)))
                out.append(r);
        }
        return out;
    }
    out = prefixMatches(needle, limit, accept);
    if (out.size() >= limit)
        return out;
    // Then the names and extras that contain it, by name: the text is in name order, so the scan stops as soon as
    // enough are found (a miss reads it all: a few MB at memmem's speed).
    const char *text0 = m_text.constData();
    const qsizetype size = m_text.size();
    qsizetype from = 0;
    while (out.size() < limit && from < size) {
        const void *hit = memmem(text0 + from, size_t(size - from), needle.constData(), size_t(needle.size()));
        if (!hit)
            break;
        const qsizetype at = static_cast<const char *>(hit) - text0;
        const int rank = int(std::upper_bound(m_starts.cbegin(), m_starts.cend(), at) - m_starts.cbegin()) - 1;
        from = m_starts.at(rank + 1);
        if (foldedName(rank).startsWith(needle))
            continue; // a prefix match: listed above already (or not accepted)
        if (!accept || accept(m_entries.at(rank)))
            out.append(rank);
    }
    return out;
}

} // namespace Keydesk::Ui
