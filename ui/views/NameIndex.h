#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Keydesk::Ui {

/// Names (locks, users) searchable as a person types: `search("ma", 50)` gives at most 50 entries whose name starts
/// with "ma" (any case, accents ignored), then those whose name or extra text (e-mail, phone) contains it, each part
/// by name, in well under a millisecond for 200,000 names. Building and updating sort and fold everything (collator
/// sort keys, case folding), so they belong on a worker thread; searching only reads and may run on any thread. An
/// index is a value: an update makes a new one and leaves the old one as it was.
class NameIndex final
{
public:
    struct Entry
    {
        QString id;
        QString name;
        QStringList extra; ///< more text that matches (e-mail, phone); does not change the order
        int tag = 0; ///< the caller's kind of entry (a lock or a lock group)
    };

    /// Entries whose search() is asked for a tag, or any (`accept` empty).
    using Accept = std::function<bool(const Entry &)>;

    NameIndex() = default;

    /// The index of `entries` (any order), by name (the locale's collation, then id).
    static NameIndex build(QList<Entry> entries);
    /// This index without the `removed` entries (as they are in this index: id and name) and with `added` (new or
    /// changed rows, any order). Cost: linear in the size (copies), plus a few collator comparisons per added entry.
    NameIndex updated(const QList<Entry> &removed, QList<Entry> added) const;

    int size() const { return int(m_entries.size()); }
    /// The entry at this place by name.
    const Entry &at(int rank) const { return m_entries.at(rank); }

    /// Places (for at()) of at most `limit` entries matching `text`: names starting with it first, then names or
    /// extra text containing it, each part by name. Empty text: the first `limit` by name.
    QList<int> search(QStringView text, int limit, const Accept &accept = {}) const;

    /// The text as the index compares it: case folded, accents and control characters dropped.
    static QString fold(QStringView text);

private:
    QByteArrayView foldedName(int rank) const;
    int find(const Entry &entry, const QByteArray &folded) const;
    QList<int> prefixMatches(QByteArrayView needle, int limit, const Accept &accept) const;

    QList<Entry> m_entries; ///< by name
    /// Every entry's folded text in UTF-8, by name: name, then "\x1f" + each extra, then "\n".
    QByteArray m_text;
    QList<qsizetype> m_starts; ///< where each entry's text starts in m_text; one more at the end
    QList<int> m_nameBytes; ///< the folded name's length in bytes
    QList<int> m_byFolded; ///< places in the order of the folded names' bytes (names with a prefix are adjacent)
};

} // namespace Keydesk::Ui
