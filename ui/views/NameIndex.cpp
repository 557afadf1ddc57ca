#include "ui/views/NameIndex.h"

#include <QCollator>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string.h> // memmem (GNU)
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/// The first place of `needle` (at least 1 byte) in `haystack`, or null. A miss reads every byte, so the common
/// case is vectorised: 16 places at a time whose first and last bytes match the needle's, then a compare of those.
const char *findBytes(const char *haystack, qsizetype size, QByteArrayView needle)
{
    const qsizetype k = needle.size();
    if (k > size)
        return nullptr;
    if (k == 1)
        return static_cast<const char *>(std::memchr(haystack, needle.front(), size_t(size)));
    qsizetype i = 0;
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(needle.front());
    const __m128i last = _mm_set1_epi8(needle.back());
    for (; i + k - 1 + 16 <= size; i += 16) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(haystack + i));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(haystack + i + k - 1));
        auto mask = unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
        while (mask) {
            const int bit = __builtin_ctz(mask);
            if (k == 2 || std::memcmp(haystack + i + bit + 1, needle.data() + 1, size_t(k - 2)) == 0)
                return haystack + i + bit;
            mask &= mask - 1;
        }
    }
#endif
    return static_cast<const char *>(memmem(haystack + i, size_t(size - i), needle.data(), size_t(k)));
}

/// An entry with its folded text as a chunk stores it: name, then "\x1f" + each extra, then "\n".
struct Folded
{
    NameIndex::Entry entry;
    QByteArray text;
    int nameBytes = 0;
};

Folded folded(NameIndex::Entry entry)
{
    Folded f;
    f.text = NameIndex::fold(entry.name).toUtf8();
    f.nameBytes = int(f.text.size());
    for (const QString &extra : std::as_const(entry.extra)) {
        if (extra.isEmpty())
            continue;
        f.text.append('\x1f');
        f.text.append(NameIndex::fold(extra).toUtf8());
    }
    f.text.append('\n');
    f.entry = std::move(entry);
    return f;
}

/// Name order: the collation of the names, then the ids.
class Order final
{
public:
    bool operator()(const NameIndex::Entry &a, const NameIndex::Entry &b) const
    {
        if (const int c = m_collator.compare(a.name, b.name))
            return c < 0;
        return a.id < b.id;
    }

private:
    QCollator m_collator;
};

} // namespace

/// kChunk or so entries in name order with their folded text in one block, and their places in the order of the
/// folded names' bytes (names with a prefix are adjacent there). Never changed once made.
struct NameIndex::Chunk
{
    QList<Entry> entries;
    QByteArray text;
    QList<qsizetype> starts; ///< where each entry's text starts; one more at the end
    QList<int> nameBytes;
    QList<int> byFolded;

    QByteArrayView foldedName(int i) const { return QByteArrayView(text.constData() + starts.at(i), nameBytes.at(i)); }
    QByteArray foldedText(int i) const { return text.mid(starts.at(i), starts.at(i + 1) - starts.at(i)); }

    static std::shared_ptr<const Chunk> make(QList<Folded> items)
    {
        auto c = std::make_shared<Chunk>();
        c->entries.reserve(items.size());
        c->starts.reserve(items.size() + 1);
        c->nameBytes.reserve(items.size());
        for (Folded &f : items) {
            c->starts.append(c->text.size());
            c->nameBytes.append(f.nameBytes);
            c->text.append(f.text);
            c->entries.append(std::move(f.entry));
        }
        c->starts.append(c->text.size());
        c->byFolded.resize(c->entries.size());
        std::iota(c->byFolded.begin(), c->byFolded.end(), 0);
        std::sort(c->byFolded.begin(), c->byFolded.end(), [&c](int a, int b) {
            const int order = compareBytes(c->foldedName(a), c->foldedName(b));
            return order != 0 ? order < 0 : a < b;
        });
        return c;
    }
};

NameIndex::NameIndex() = default;
NameIndex::~NameIndex() = default;
NameIndex::NameIndex(const NameIndex &) = default;
NameIndex &NameIndex::operator=(const NameIndex &) = default;
NameIndex::NameIndex(NameIndex &&) noexcept = default;
NameIndex &NameIndex::operator=(NameIndex &&) noexcept = default;

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
    keys.reserve(static_cast<size_t>(n));
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
    index.m_size = int(n);
    QList<Folded> items;
    items.reserve(kChunk);
    for (int i : order) {
        items.append(folded(std::move(entries[i])));
        if (items.size() == kChunk) {
            index.m_chunks.append(Chunk::make(std::move(items)));
            items = {};
            items.reserve(kChunk);
        }
    }
    if (!items.isEmpty())
        index.m_chunks.append(Chunk::make(std::move(items)));
    return index;
}

NameIndex NameIndex::updated(const QList<Entry> &removed, QList<Entry> added) const
{
    if (m_chunks.isEmpty()) {
        QList<Entry> all = std::move(added);
        return build(std::move(all));
    }
    const Order less;
    // The chunk an entry belongs in: the last whose first entry is not after it (the first one for the smallest).
    auto chunkOf = [&](const Entry &e) {
        const auto after = std::partition_point(m_chunks.cbegin(), m_chunks.cend(),
                                                [&](const auto &c) { return !less(e, c->entries.constFirst()); });
        return std::max(0, int(after - m_chunks.cbegin()) - 1);
    };
    struct Change
    {
        QSet<QString> removed;
        QList<Entry> added; ///< in name order
    };
    QHash<int, Change> changes;
    int size = m_size;
    for (const Entry &e : removed) {
        int at = chunkOf(e);
        auto holds = [this, &e](int c) {
            const QList<Entry> &entries = m_chunks.at(c)->entries;
            return std::any_of(entries.cbegin(), entries.cend(), [&e](const Entry &x) { return x.id == e.id; });
        };
        if (!holds(at)) { // not under that name (the caller's copy is older than this index): look for the id
            at = -1;
            for (int c = 0; c < m_chunks.size() && at < 0; ++c)
                at = holds(c) ? c : -1;
            if (at < 0)
                continue;
        }
        if (!changes[at].removed.contains(e.id)) {
            changes[at].removed.insert(e.id);
            --size;
        }
    }
    std::sort(added.begin(), added.end(), less);
    for (Entry &e : added) {
        changes[chunkOf(e)].added.append(std::move(e));
        ++size;
    }

    NameIndex out;
    out.m_size = size;
    out.m_chunks.reserve(m_chunks.size() + 1);
    for (int c = 0; c < m_chunks.size(); ++c) {
        const auto change = changes.constFind(c);
        if (change == changes.constEnd()) {
            out.m_chunks.append(m_chunks.at(c)); // shared, not copied
            continue;
        }
        // The kept entries (their folded text as it was) and the added ones, merged in name order: each added one
        // placed by a binary search among the kept.
        const Chunk &chunk = *m_chunks.at(c);
        QList<int> kept;
        kept.reserve(chunk.entries.size());
        for (int i = 0; i < chunk.entries.size(); ++i) {
            if (!change->removed.contains(chunk.entries.at(i).id))
                kept.append(i);
        }
        QList<Folded> items;
        items.reserve(kept.size() + change->added.size());
        qsizetype k = 0;
        for (const Entry &a : change->added) {
            const qsizetype before = std::partition_point(kept.cbegin() + k, kept.cend(),
                                                          [&](int i) { return less(chunk.entries.at(i), a); })
                - kept.cbegin();
            for (; k < before; ++k) {
                const int i = kept.at(k);
                items.append({ chunk.entries.at(i), chunk.foldedText(i), chunk.nameBytes.at(i) });
            }
            items.append(folded(a));
        }
        for (; k < kept.size(); ++k) {
            const int i = kept.at(k);
            items.append({ chunk.entries.at(i), chunk.foldedText(i), chunk.nameBytes.at(i) });
        }
        if (items.isEmpty())
            continue;
        // A chunk grown past twice its size is cut in equal parts.
        const qsizetype parts = (items.size() + 2 * kChunk - 1) / (2 * kChunk);
        for (qsizetype p = 0; p < parts; ++p) {
            const qsizetype from = items.size() * p / parts;
            const qsizetype to = items.size() * (p + 1) / parts;
            out.m_chunks.append(Chunk::make(items.mid(from, to - from)));
        }
    }
    return out;
}

QList<NameIndex::Entry> NameIndex::entries() const
{
    QList<Entry> out;
    out.reserve(m_size);
    for (const auto &chunk : m_chunks)
        out.append(chunk->entries);
    return out;
}

QList<NameIndex::Entry> NameIndex::search(QStringView text, int limit, const Accept &accept) const
{
    QList<Entry> out;
    if (limit <= 0)
        return out;
    auto accepted = [&accept](const Entry &e) { return !accept || accept(e); };
    const QByteArray needle = fold(text).toUtf8();
    if (needle.isEmpty()) {
        for (const auto &chunk : m_chunks) {
            for (const Entry &e : chunk->entries) {
                if (out.size() >= limit)
                    return out;
                if (accepted(e))
                    out.append(e);
            }
        }
        return out;
    }
    // Names starting with it, chunk after chunk (in name order); within a chunk they are adjacent by folded bytes.
    for (const auto &chunk : m_chunks) {
        const auto lo = std::partition_point(chunk->byFolded.cbegin(), chunk->byFolded.cend(),
                                             [&](int i) { return compareBytes(chunk->foldedName(i), needle) < 0; });
        const auto hi = std::partition_point(lo, chunk->byFolded.cend(),
                                             [&](int i) { return chunk->foldedName(i).startsWith(needle); });
        if (lo == hi)
            continue;
        QList<int> places(lo, hi);
        std::sort(places.begin(), places.end());
        for (int i : std::as_const(places)) {
            if (out.size() >= limit)
                return out;
            if (accepted(chunk->entries.at(i)))
                out.append(chunk->entries.at(i));
        }
    }
    // Then names and extras containing it, again in name order: the scan stops as soon as enough are found.
    for (const auto &chunk : m_chunks) {
        const char *text0 = chunk->text.constData();
        const qsizetype size = chunk->text.size();
        qsizetype from = 0;
        while (from < size) {
            if (out.size() >= limit)
                return out;
            const char *hit = findBytes(text0 + from, size - from, needle);
            if (!hit)
                break;
            const qsizetype at = hit - text0;
            const int i
                = int(std::upper_bound(chunk->starts.cbegin(), chunk->starts.cend(), at) - chunk->starts.cbegin()) - 1;
            from = chunk->starts.at(i + 1);
            if (chunk->foldedName(i).startsWith(needle))
                continue; // a prefix match: listed above already (or not accepted)
            if (accepted(chunk->entries.at(i)))
                out.append(chunk->entries.at(i));
        }
    }
    return out;
}

} // namespace Keydesk::Ui
