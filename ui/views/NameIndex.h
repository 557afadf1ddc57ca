#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Keydesk::Ui {

/// Names (locks, users) searchable as a person types: `search("ma", 50)` gives at most 50 entries whose name starts
/// with "ma" (any case, accents ignored), then those whose name or extra text (e-mail, phone) contains it, each part
/// by name, in well under 10 ms for 200,000 names (a miss reads every name: a vectorised scan of their folded text).
/// Building and updating fold and collate (collator sort keys, case folding), so they belong on a worker thread;
/// searching only reads and may run on any thread. An index is a value made of immutable chunks of about kChunk
/// entries in name order: a copy shares them, and an update copies only the chunks it touches, so renaming a user of
/// 200,000 costs a chunk, not the whole index.
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

    static constexpr int kChunk = 1024;

    NameIndex();
    ~NameIndex();
    NameIndex(const NameIndex &);
    NameIndex &operator=(const NameIndex &);
    NameIndex(NameIndex &&) noexcept;
    NameIndex &operator=(NameIndex &&) noexcept;

    /// The index of `entries` (any order), by name (the locale's collation, then id).
    static NameIndex build(QList<Entry> entries);
    /// This index without the `removed` entries (as they are in this index: id and name) and with `added` (new or
    /// changed rows, any order). Copies only the chunks that change.
    NameIndex updated(const QList<Entry> &removed, QList<Entry> added) const;

    int size() const { return m_size; }
    /// Every entry by name (a copy of all of them: small lists and tests).
    QList<Entry> entries() const;

    /// At most `limit` entries matching `text`: names starting with it first, then names or extra text containing
    /// it, each part by name. Empty text: the first `limit` by name.
    QList<Entry> search(QStringView text, int limit, const Accept &accept = {}) const;

    /// The text as the index compares it: case folded, accents and control characters dropped.
    static QString fold(QStringView text);

private:
    struct Chunk;
    QList<std::shared_ptr<const Chunk>> m_chunks; ///< in name order, none empty
    int m_size = 0;
};

} // namespace Keydesk::Ui
