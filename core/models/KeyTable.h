#pragma once

#include "core/cache/CacheDatabase.h"
#include "core/domain/DigitalKey.h"
#include "core/domain/Result.h"
#include "core/models/KeySchedules.h"
#include "core/models/SharedChunks.h"
#include "core/models/SortJob.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

namespace Keydesk::Core {

/// A text filter prepared once per keystroke: lower-case UTF-8 for the fast ASCII-folding scan, and the text
/// itself for needles outside ASCII (compared with Qt's full case folding).
struct TextNeedle
{
    QByteArray folded;
    QString text;
    bool ascii = true;

    static TextNeedle from(const QString &text);
    bool isEmpty() const { return text.isEmpty(); }
    bool matches(QByteArrayView utf8) const;
    bool matches(const QString &value) const { return value.contains(text, Qt::CaseInsensitive); }
};

/// A 128-bit entity id: the bytes of a uuid (the server's ids), or an "odd" id kept as text on the side.
struct Id128
{
    quint64 hi = 0;
    quint64 lo = 0;
    friend bool operator==(Id128 a, Id128 b) { return a.hi == b.hi && a.lo == b.lo; }
};

/// Open-addressing id → slot index (4 bytes per bucket, load ≤ 0.5): a QHash<QString, int> would cost more
/// than the whole rest of a key's row.
class SlotIndex final
{
public:
    void reserve(qsizetype count);
    /// -1 when absent. `idOf(slot)` gives the id stored at a slot.
    template <typename IdOf> int find(Id128 id, const IdOf &idOf) const
    {
        if (m_buckets.empty())
            return -1;
        const quint64 mask = m_buckets.size() - 1;
        for (quint64 i = hash(id) & mask;; i = (i + 1) & mask) {
            const qint32 slot = m_buckets[i];
            if (slot < 0)
                return -1;
            if (idOf(slot) == id)
                return slot;
        }
    }
    template <typename IdOf> void insert(Id128 id, int slot, const IdOf &idOf)
    {
        if (qsizetype(m_count + 1) * 2 > qsizetype(m_buckets.size()))
            grow(idOf);
        place(id, slot);
        ++m_count;
    }
    std::size_t bytes() const { return m_buckets.capacity() * sizeof(qint32); }

private:
    static quint64 hash(Id128 id) { return (id.hi ^ (id.lo * 0x9E3779B97F4A7C15ull)) >> 7 ^ id.lo; }
    void place(Id128 id, int slot);
    template <typename IdOf> void grow(const IdOf &idOf)
    {
        std::vector<qint32> old = std::move(m_buckets);
        m_buckets.assign(std::max<std::size_t>(16, old.size() * 2), -1);
        for (qint32 slot : old) {
            if (slot >= 0)
                place(idOf(slot), slot);
        }
    }

    std::vector<qint32> m_buckets;
    qsizetype m_count = 0;
};

/// A lock, lock group, user or user group a key refers to: its id and name (interned once for all keys).
struct KeyParty
{
    Id128 id;
    quint32 nameOffset = 0;
    quint16 nameLength = 0;
    quint8 isGroup = 0;
    quint8 odd = 0; ///< the id is not a uuid: its text is in KeyTable's odd-id map
};

/// One key as the keys model holds it: 64 bytes, no pointers. Instants are ms UTC; the description is in the
/// table's UTF-8 arena; lock and user are indices into the party tables; a scheduled key's weekly windows are
/// an interned window set of the table (windowSet()).
struct KeyRecord
{
    static constexpr qint64 kNever = std::numeric_limits<qint64>::max();
    static constexpr quint8 kDead = 0xff;
    enum Flag : quint8 {
        Pending = 1,
        OddId = 2,
        Admin = 4,
        OneTime = 8,
        Scheduled = 16,
        PendingRevoke = 32,
    };

    Id128 id;
    qint64 validFrom = std::numeric_limits<qint64>::min();
    qint64 validTo = kNever; ///< exclusive; kNever = open-ended
    /// One-time keys: when used (kNever: not yet). A scheduled key keeps the index of its window set here
    /// instead: a key is never both (the domain refuses used_at on other keys), so the two share 8 bytes.
    qint64 usedAt = kNever;
    qint64 revokedAt = kNever;
    qint32 lock = -1;
    qint32 user = -1;
    quint32 textOffset = 0;
    quint16 textLength = 0;
    quint8 status = 0; ///< KeyStatus at the last evaluation, or kDead
    quint8 flags = 0;

    bool alive() const { return status != kDead; }
    /// The index of the scheduled key's window set in its table; -1 for other keys.
    int windowSet() const { return (flags & Scheduled) ? int(usedAt) : -1; }
    /// When a one-time key was used; kNever for unused and other keys.
    qint64 usedAtMs() const { return (flags & OneTime) ? usedAt : kNever; }
    /// keyStatus() of the domain, on ms instants (the same rules; tests compare the two).
    KeyStatus statusAt(qint64 nowMs) const;
    /// nextStatusChange() of the domain: the first instant after nowMs where statusAt() differs, or -1.
    qint64 nextChangeAfter(qint64 nowMs) const;
};

/// A consistent, read-only copy of a KeyTable's records and descriptions for another thread (a sort, a filter).
/// Taking it costs one pointer per chunk; the table copies a chunk when it writes to one a snapshot holds.
struct KeySnapshot
{
    SharedChunks<KeyRecord, 12> keys; ///< 4,096 records (256 KB) a chunk
    TextArena text;

    int size() const { return int(keys.size()); }
    const KeyRecord &at(int slot) const { return keys[std::size_t(slot)]; }
    QByteArrayView descriptionBytes(int slot) const
    {
        const KeyRecord &r = at(slot);
        return text.view(r.textOffset, r.textLength);
    }
};

/// A key row as read from the cache, before it is interned into a KeyTable.
struct KeyRow
{
    QString id;
    QString lockId; ///< the lock, or the lock group when lockIsGroup
    bool lockIsGroup = false;
    QString userId;
    bool userIsGroup = false;
    qint64 validFrom = std::numeric_limits<qint64>::min();
    qint64 validTo = KeyRecord::kNever;
    qint64 usedAt = KeyRecord::kNever;
    qint64 revokedAt = KeyRecord::kNever;
    QByteArray description; ///< UTF-8
    bool admin = false;
    Restriction restriction = Restriction::None;
    QByteArray windowsJson; ///< the cached windows_json text (scheduled keys)
    int pending = 0;
    QString pendingOp;
};

/// A party row (lock, lock group, user, user group) as read from the cache.
struct PartyRow
{
    QString id;
    QByteArray name; ///< UTF-8
    bool isGroup = false;
};

/// The compact in-memory index of every cached key, built by one scan of the cache (on its thread) and then
/// updated row by row. Slots are never reused (a removed key leaves a dead record until the next reload).
class KeyTable final
{
public:
    /// Reads the parties and up to `limit` keys (-1: all) with raw sqlite3 scans of the copied-out columns.
    static Result<std::shared_ptr<KeyTable>> read(CacheDatabase &db, qint64 nowMs, int limit = -1);
    /// The key rows with these ids; ids absent from the result are deleted.
    static Result<QList<KeyRow>> readKeys(CacheDatabase &db, const QStringList &ids);
    /// Party rows of `entity` ("locks", "lock_groups", "users", "user_groups") with these ids.
    static Result<QList<PartyRow>> readParties(CacheDatabase &db, const QString &entity, const QStringList &ids);

    int size() const { return m_store.size(); }
    const KeyRecord &at(int slot) const { return m_store.at(slot); }
    /// A key's status was evaluated again (KeyRecord::status).
    void setStatus(int slot, quint8 status) { m_store.keys.mutableAt(std::size_t(slot)).status = status; }
    /// The records and descriptions as they are now, for another thread.
    KeySnapshot snapshot() const { return m_store; }
    int slotOf(const QString &id) const;
    QString idText(int slot) const;
    QString pendingOp(int slot) const { return m_pendingOps.value(slot); }

    /// Writes `row` into the slot (existing) or a new slot (slot = -1); returns the slot. Status at nowMs.
    int upsert(int slot, const KeyRow &row, qint64 nowMs);
    void kill(int slot);

    // ---- text ----------------------------------------------------------------------------------------
    QString description(int slot) const;
    QByteArrayView descriptionBytes(int slot) const;
    const KeyParty &lock(int index) const { return m_lockSide.parties[std::size_t(index)]; }
    const KeyParty &user(int index) const { return m_userSide.parties[std::size_t(index)]; }
    QString lockName(int index) const { return m_lockSide.name(index); }
    QString userName(int index) const { return m_userSide.name(index); }
    QString lockIdText(int index) const { return m_lockSide.idText(index); }
    QString userIdText(int index) const { return m_userSide.idText(index); }
    int lockIndex(const QString &id) const { return m_lockSide.find(id); }
    int userIndex(const QString &id) const { return m_userSide.find(id); }
    int lockCount() const { return int(m_lockSide.parties.size()); }
    int userCount() const { return int(m_userSide.parties.size()); }
    /// Adds or renames a lock/lock group (locks side) or user/user group; returns its index.
    int upsertLock(const PartyRow &row) { return upsertParty(m_lockSide, row); }
    int upsertUser(const PartyRow &row) { return upsertParty(m_userSide, row); }
    /// Three-way comparison of two locks (or two users) by their shown name (the id when nameless), in
    /// TextOrder; -1 (no party) comes first.
    int compareLocks(int a, int b) const { return m_lockSide.compare(a, b); }
    int compareUsers(int a, int b) const { return m_userSide.compare(a, b); }
    /// The text a party column shows and sorts by, folded (SortRole).
    QString lockSortText(int index) const { return m_lockSide.sortText(index); }
    QString userSortText(int index) const { return m_userSide.sortText(index); }

    // ---- schedules ----------------------------------------------------------------------------------------
    /// The interned weekly window sets (most keys share a few schedules).
    const WindowSets &windowSets() const { return m_windowSets; }
    /// A scheduled key's windows; empty for other keys.
    QList<AccessWindow> windowsOf(int slot) const;

    // ---- sorting on another thread ----------------------------------------------------------------------
    // Every job below is prepared in microseconds here (a snapshot) and builds its entries on the sorting thread.
    /// A column whose key is a number of the record (see KeysModel::numericKey): `keyOf(record)` gives it, on the
    /// sorting thread (it must own what it reads).
    SortJob numericSort(std::function<quint64(const KeyRecord &)> keyOf) const;
    /// The description order: text prefixes, ties by full comparison.
    SortJob descriptionSort() const;
    /// The lock (or user) name order: the names are ranked on the sorting thread, over a copy of the party
    /// table.
    SortJob lockSort() const { return partySort(true); }
    SortJob userSort() const { return partySort(false); }

    /// Whether the party's name contains the (lower-case UTF-8) needle, case-insensitively.
    bool lockNameContains(int index, const TextNeedle &needle) const { return m_lockSide.nameContains(index, needle); }
    bool userNameContains(int index, const TextNeedle &needle) const { return m_userSide.nameContains(index, needle); }
    bool descriptionContains(int slot, const TextNeedle &needle) const
    {
        return needle.matches(descriptionBytes(slot));
    }

    /// Bytes held (records, arenas, indexes, side maps): for the memory benchmark.
    std::size_t bytes() const;
    /// Returns unused capacity after a bulk load.
    void squeeze();

    /// (instant ms, slot) of each key's next status change, as found by read(); the model takes them.
    std::vector<std::pair<qint64, int>> initialBoundaries;

private:
    /// One side of a key (locks and lock groups, or users and user groups), interned.
    struct PartySide
    {
        std::vector<KeyParty> parties;
        SlotIndex index;
        QByteArray names; ///< UTF-8, back to back
        QHash<int, QString> oddText; ///< party index → id text, for ids that are not uuids
        QHash<QString, int> oddSlots;

        int find(const QString &id) const;
        int findBytes(QByteArrayView id) const;
        /// The party with that id, created (nameless) when unknown.
        int intern(QByteArrayView id, bool isGroup);
        QString name(int index) const;
        QString idText(int index) const;
        bool nameContains(int index, const TextNeedle &needle) const;
        /// The name, or the id text of a nameless party (in `buffer` when it has to be made).
        QByteArrayView sortBytes(int index, QByteArray &buffer) const;
        QString sortText(int index) const;
        int compare(int a, int b) const;
        std::size_t bytes() const;
    };
    friend struct KeyTableReader;

    int upsertParty(PartySide &side, const PartyRow &row);
    /// Appends the record under that id (sets its id and the OddId flag); returns its slot.
    int addKey(QByteArrayView id, KeyRecord record);
    SortJob partySort(bool lockSide) const;

    KeySnapshot m_store; ///< the records, and their descriptions (UTF-8)
    SlotIndex m_keyIndex;
    QHash<int, QString> m_oddKeyIds; ///< slot → id text, for ids that are not uuids
    QHash<QString, int> m_oddKeySlots;
    QHash<int, QString> m_pendingOps; ///< only rows with local changes
    PartySide m_lockSide;
    PartySide m_userSide;
    WindowSets m_windowSets;
};

/// Case-insensitive (ASCII folding) substring search in UTF-8; `needle` must already be lower-case.
bool containsFolded(QByteArrayView haystack, QByteArrayView needle);

} // namespace Keydesk::Core
