#include "core/models/KeyTable.h"

#include "core/models/TextOrder.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <array>
#include <cstring>
#include <sqlite3.h>

namespace Keydesk::Core {

namespace {

constexpr std::array<char, 256> makeFoldTable()
{
    std::array<char, 256> t {};
    for (int i = 0; i < 256; ++i)
        t[std::size_t(i)] = char(i >= 'A' && i <= 'Z' ? i + 32 : i);
    return t;
}
constexpr std::array<char, 256> kFold = makeFoldTable();

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; // upper-case hex is "odd": its text would not round-trip
}

/// The server's ids are lower-case uuids; those are kept as 16 bytes. Anything else is an odd id.
bool parseUuid(QByteArrayView text, Id128 *out)
{
    if (text.size() != 36)
        return false;
    quint64 parts[2] = { 0, 0 };
    int nibble = 0;
    for (qsizetype i = 0; i < 36; ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
            continue;
        }
        const int v = hexValue(c);
        if (v < 0)
            return false;
        quint64 &part = parts[nibble / 16];
        part = (part << 4) | quint64(v);
        ++nibble;
    }
    out->hi = parts[0];
    out->lo = parts[1];
    return true;
}

QString formatUuid(Id128 id)
{
    static const char digits[] = "0123456789abcdef";
    char buffer[36];
    int nibble = 0;
    for (int i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            buffer[i] = '-';
            continue;
        }
        const quint64 part = nibble < 16 ? id.hi : id.lo;
        const int shift = 60 - 4 * (nibble % 16);
        buffer[i] = digits[(part >> shift) & 0xf];
        ++nibble;
    }
    return QString::fromLatin1(buffer, 36);
}

/// A stand-in 128-bit value for an odd id (never looked up through SlotIndex).
Id128 oddId(QByteArrayView text)
{
    return { qHash(text, 1), qHash(text, 2) };
}

sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(v.constData());
    return nullptr;
}

/// A prepared raw statement, finalized on scope exit.
class Statement final
{
public:
    Statement(sqlite3 *db, const char *sql) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    bool ok() const { return m_rc == SQLITE_OK; }
    sqlite3_stmt *get() const { return m_stmt; }
    QByteArrayView text(int column) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
        return p ? QByteArrayView(p, sqlite3_column_bytes(m_stmt, column)) : QByteArrayView();
    }
    bool isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    qint64 integer(int column, qint64 ifNull) const
    {
        return isNull(column) ? ifNull : qint64(sqlite3_column_int64(m_stmt, column));
    }

private:
    sqlite3_stmt *m_stmt = nullptr;
    int m_rc = SQLITE_ERROR;
};

Error rawError(sqlite3 *db, const QString &what)
{
    return Error::make(QStringLiteral("model_sql"),
                       QObject::tr("The keys view could not read the local cache (%1): %2")
                           .arg(what, QString::fromUtf8(db ? sqlite3_errmsg(db) : "no SQLite connection")));
}

// The columns every key read selects, in this order. description, restriction, role, used_at and windows_json
// are not copied-out columns of the cache (yet), so they come from the JSON.
#define KEY_COLUMNS                                                                                                    \
    "id, lock_id, lock_group_id, user_id, user_group_id, valid_from, valid_to, revoked_at, "                           \
    "json_extract(data, '$.used_at'), json_extract(data, '$.description'), json_extract(data, '$.restriction'), "      \
    "json_extract(data, '$.role'), pending, pending_op, json_extract(data, '$.windows_json')"

Restriction restrictionOf(QByteArrayView text)
{
    if (text == "one_time")
        return Restriction::OneTime;
    if (text == "scheduled")
        return Restriction::Scheduled;
    return Restriction::None;
}

quint8 flagsFor(bool admin, Restriction restriction, int pending, QByteArrayView pendingOp)
{
    quint8 flags = 0;
    if (admin)
        flags |= KeyRecord::Admin;
    if (restriction == Restriction::OneTime)
        flags |= KeyRecord::OneTime;
    else if (restriction == Restriction::Scheduled)
        flags |= KeyRecord::Scheduled;
    if (pending > 0)
        flags |= KeyRecord::Pending;
    if (pending > 0 && pendingOp == "key.revoke")
        flags |= KeyRecord::PendingRevoke;
    return flags;
}

} // namespace

// ---- TextNeedle ----------------------------------------------------------------------------------------

TextNeedle TextNeedle::from(const QString &text)
{
    TextNeedle n;
    n.text = text;
    n.folded = text.toLower().toUtf8();
    for (char c : std::as_const(n.folded)) {
        if (uchar(c) >= 0x80) {
            n.ascii = false;
            break;
        }
    }
    return n;
}

bool TextNeedle::matches(QByteArrayView utf8) const
{
    if (text.isEmpty())
        return true;
    if (!ascii)
        return QString::fromUtf8(utf8).contains(text, Qt::CaseInsensitive);
    return containsFolded(utf8, folded);
}

bool containsFolded(QByteArrayView haystack, QByteArrayView needle)
{
    const qsizetype n = needle.size();
    if (n == 0)
        return true;
    const qsizetype last = haystack.size() - n;
    const char first = needle[0];
    const char *h = haystack.data();
    const char *nd = needle.data();
    for (qsizetype i = 0; i <= last; ++i) {
        if (kFold[uchar(h[i])] != first)
            continue;
        qsizetype j = 1;
        while (j < n && kFold[uchar(h[i + j])] == nd[j])
            ++j;
        if (j == n)
            return true;
    }
    return false;
}

// ---- SlotIndex ---------------------------------------------------------------------------------------------

void SlotIndex::reserve(qsizetype count)
{
    // Only before a bulk load: an index that already holds slots grows by itself.
    Q_ASSERT(m_count == 0);
    std::size_t want = 16;
    while (want < std::size_t(count) * 2)
        want *= 2;
    if (want > m_buckets.size())
        m_buckets.assign(want, -1);
}

void SlotIndex::place(Id128 id, int slot)
{
    const quint64 mask = m_buckets.size() - 1;
    quint64 i = hash(id) & mask;
    while (m_buckets[i] >= 0)
        i = (i + 1) & mask;
    m_buckets[i] = slot;
}

// ---- KeyRecord ---------------------------------------------------------------------------------------------

KeyStatus KeyRecord::statusAt(qint64 nowMs) const
{
    if (revokedAt <= nowMs)
        return KeyStatus::Revoked;
    if ((flags & OneTime) && usedAt <= nowMs)
        return KeyStatus::Expired;
    if (validTo <= nowMs)
        return KeyStatus::Expired;
    if (nowMs < validFrom)
        return KeyStatus::Upcoming;
    return KeyStatus::Active;
}

qint64 KeyRecord::nextChangeAfter(qint64 nowMs) const
{
    std::array<qint64, 4> candidates { validFrom, validTo, (flags & OneTime) ? usedAt : kNever, revokedAt };
    std::sort(candidates.begin(), candidates.end());
    const KeyStatus now = statusAt(nowMs);
    for (qint64 c : candidates) {
        if (c == kNever)
            break;
        if (c > nowMs && statusAt(c) != now)
            return c;
    }
    return -1;
}

// ---- parties -----------------------------------------------------------------------------------------------

int KeyTable::PartySide::findBytes(QByteArrayView id) const
{
    Id128 key;
    if (parseUuid(id, &key))
        return index.find(key, [this](int slot) { return parties[std::size_t(slot)].id; });
    return oddSlots.value(QString::fromUtf8(id), -1);
}

int KeyTable::PartySide::find(const QString &id) const
{
    return findBytes(id.toUtf8());
}

int KeyTable::PartySide::intern(QByteArrayView id, bool isGroup)
{
    Id128 key;
    const bool uuid = parseUuid(id, &key);
    int found = uuid ? index.find(key, [this](int slot) { return parties[std::size_t(slot)].id; })
                     : oddSlots.value(QString::fromUtf8(id), -1);
    if (found >= 0)
        return found;
    KeyParty party;
    party.isGroup = isGroup ? 1 : 0;
    const int slot = int(parties.size());
    if (uuid) {
        party.id = key;
        parties.push_back(party);
        index.insert(key, slot, [this](int s) { return parties[std::size_t(s)].id; });
    } else {
        party.id = oddId(id);
        party.odd = 1;
        parties.push_back(party);
        const QString text = QString::fromUtf8(id);
        oddText.insert(slot, text);
        oddSlots.insert(text, slot);
    }
    return slot;
}

QString KeyTable::PartySide::name(int i) const
{
    if (i < 0)
        return {};
    const KeyParty &p = parties[std::size_t(i)];
    return QString::fromUtf8(names.constData() + p.nameOffset, p.nameLength);
}

QString KeyTable::PartySide::idText(int i) const
{
    if (i < 0)
        return {};
    const KeyParty &p = parties[std::size_t(i)];
    return p.odd ? oddText.value(i) : formatUuid(p.id);
}

bool KeyTable::PartySide::nameContains(int i, const TextNeedle &needle) const
{
    if (i < 0)
        return false;
    const KeyParty &p = parties[std::size_t(i)];
    return needle.matches(QByteArrayView(names.constData() + p.nameOffset, p.nameLength));
}

QByteArrayView KeyTable::PartySide::sortBytes(int i, QByteArray &buffer) const
{
    const KeyParty &p = parties[std::size_t(i)];
    if (p.nameLength > 0)
        return QByteArrayView(names.constData() + p.nameOffset, p.nameLength);
    buffer = idText(i).toUtf8();
    return buffer;
}

QString KeyTable::PartySide::sortText(int i) const
{
    if (i < 0)
        return {};
    QByteArray buffer;
    return TextOrder::folded(sortBytes(i, buffer));
}

int KeyTable::PartySide::compare(int a, int b) const
{
    if (a == b)
        return 0;
    if (a < 0 || b < 0)
        return a < 0 ? -1 : 1;
    QByteArray bufferA;
    QByteArray bufferB;
    return TextOrder::compare(sortBytes(a, bufferA), sortBytes(b, bufferB));
}

std::size_t KeyTable::PartySide::bytes() const
{
    return parties.capacity() * sizeof(KeyParty) + index.bytes() + std::size_t(names.capacity())
        + std::size_t(oddText.size() + oddSlots.size()) * 64;
}

int KeyTable::upsertParty(PartySide &side, const PartyRow &row)
{
    const int i = side.intern(row.id.toUtf8(), row.isGroup);
    KeyParty &p = side.parties[std::size_t(i)];
    const QByteArray name = row.name.left(0xffff);
    if (name.size() <= p.nameLength) {
        std::memcpy(side.names.data() + p.nameOffset, name.constData(), std::size_t(name.size()));
    } else {
        p.nameOffset = quint32(side.names.size());
        side.names.append(name);
    }
    p.nameLength = quint16(name.size());
    p.isGroup = row.isGroup ? 1 : 0;
    return i;
}

// ---- keys --------------------------------------------------------------------------------------------------

int KeyTable::addKey(QByteArrayView id, KeyRecord record)
{
    Id128 key;
    const int slot = size();
    if (parseUuid(id, &key)) {
        record.id = key;
        record.flags &= quint8(~KeyRecord::OddId);
        m_store.keys.push_back(record);
        m_keyIndex.insert(key, slot, [this](int s) { return at(s).id; });
    } else {
        record.id = oddId(id);
        record.flags |= KeyRecord::OddId;
        m_store.keys.push_back(record);
        const QString text = QString::fromUtf8(id);
        m_oddKeyIds.insert(slot, text);
        m_oddKeySlots.insert(text, slot);
    }
    return slot;
}

int KeyTable::slotOf(const QString &id) const
{
    const QByteArray bytes = id.toUtf8();
    Id128 key;
    if (parseUuid(bytes, &key))
        return m_keyIndex.find(key, [this](int s) { return at(s).id; });
    return m_oddKeySlots.value(id, -1);
}

QString KeyTable::idText(int slot) const
{
    const KeyRecord &r = at(slot);
    return (r.flags & KeyRecord::OddId) ? m_oddKeyIds.value(slot) : formatUuid(r.id);
}

QByteArrayView KeyTable::descriptionBytes(int slot) const
{
    return m_store.descriptionBytes(slot);
}

QString KeyTable::description(int slot) const
{
    return QString::fromUtf8(descriptionBytes(slot));
}

int KeyTable::upsert(int slot, const KeyRow &row, qint64 nowMs)
{
    if (slot < 0)
        slot = addKey(row.id.toUtf8(), KeyRecord());
    KeyRecord &r = m_store.keys.mutableAt(std::size_t(slot));
    r.lock = row.lockId.isEmpty() ? -1 : m_lockSide.intern(row.lockId.toUtf8(), row.lockIsGroup);
    r.user = row.userId.isEmpty() ? -1 : m_userSide.intern(row.userId.toUtf8(), row.userIsGroup);
    r.validFrom = row.validFrom;
    r.validTo = row.validTo;
    r.usedAt = row.restriction == Restriction::Scheduled ? qint64(m_windowSets.intern(row.windowsJson)) : row.usedAt;
    r.revokedAt = row.revokedAt;
    const QByteArrayView text
        = QByteArrayView(row.description).first(std::min(row.description.size(), TextArena::kMaxText));
    if (text.size() <= r.textLength)
        m_store.text.overwrite(r.textOffset, text);
    else
        r.textOffset = m_store.text.append(text);
    r.textLength = quint16(text.size());
    r.flags = quint8((r.flags & KeyRecord::OddId)
                     | flagsFor(row.admin, row.restriction, row.pending, row.pendingOp.toUtf8()));
    if (row.pending > 0)
        m_pendingOps.insert(slot, row.pendingOp);
    else
        m_pendingOps.remove(slot);
    r.status = quint8(r.statusAt(nowMs));
    return slot;
}

void KeyTable::kill(int slot)
{
    setStatus(slot, KeyRecord::kDead);
    m_pendingOps.remove(slot);
}

std::size_t KeyTable::bytes() const
{
    return m_store.keys.bytes() + m_store.text.bytes() + m_keyIndex.bytes()
        + std::size_t(m_oddKeyIds.size() + m_oddKeySlots.size() + m_pendingOps.size()) * 64 + m_lockSide.bytes()
        + m_userSide.bytes() + m_windowSets.bytes();
}

QList<AccessWindow> KeyTable::windowsOf(int slot) const
{
    const int set = at(slot).windowSet();
    return set >= 0 && set < m_windowSets.size() ? m_windowSets.at(set) : QList<AccessWindow>();
}

// ---- sorting on another thread -----------------------------------------------------------------------------

namespace {

/// The live slots of a snapshot, as sort entries (filled in by the job's prepare step).
void liveEntries(const KeySnapshot &keys, std::vector<SortEntry> &entries, auto entryOf)
{
    entries.clear();
    entries.reserve(std::size_t(keys.size()));
    for (int slot = 0; slot < keys.size(); ++slot) {
        const KeyRecord &r = keys.at(slot);
        if (r.alive())
            entries.push_back(entryOf(r, slot));
    }
}

} // namespace

SortJob KeyTable::numericSort(std::function<quint64(const KeyRecord &)> keyOf) const
{
    SortJob job;
    job.prepare = [keys = snapshot(), keyOf = std::move(keyOf)](std::vector<SortEntry> &entries) {
        liveEntries(keys, entries, [&keyOf](const KeyRecord &r, int slot) { return SortEntry { keyOf(r), 0, slot }; });
    };
    return job;
}

SortJob KeyTable::descriptionSort() const
{
    SortJob job;
    // The snapshot shares the chunks: a description changed while the job runs copies its chunk on this side.
    const auto keys = std::make_shared<const KeySnapshot>(snapshot());
    job.prepare = [keys](std::vector<SortEntry> &entries) {
        liveEntries(*keys, entries, [&keys](const KeyRecord &r, int slot) {
            return SortEntry { TextOrder::prefixKey(keys->text.view(r.textOffset, r.textLength)),
                               (quint64(r.textOffset) << 16) | r.textLength, slot };
        });
    };
    job.tie = [keys](const SortEntry &a, const SortEntry &b) {
        return TextOrder::compare(keys->text.view(quint32(a.aux >> 16), quint16(a.aux & 0xffff)),
                                  keys->text.view(quint32(b.aux >> 16), quint16(b.aux & 0xffff)));
    };
    return job;
}

SortJob KeyTable::partySort(bool lockSide) const
{
    SortJob job;
    // The party table is small next to the keys (a copy of a few MB); its names are shared copy-on-write.
    auto side = std::make_shared<const PartySide>(lockSide ? m_lockSide : m_userSide);
    job.prepare = [side, keys = snapshot(), lockSide](std::vector<SortEntry> &entries) {
        // Dense ranks of the names (equal names rank equal), so the keys sort by one integer.
        const int n = int(side->parties.size());
        std::vector<qint32> order(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            order[std::size_t(i)] = i;
        std::sort(order.begin(), order.end(), [&side](qint32 a, qint32 b) { return side->compare(a, b) < 0; });
        std::vector<quint64> rank(static_cast<std::size_t>(n), 0);
        quint64 current = 0;
        for (int i = 0; i < n; ++i) {
            if (i > 0 && side->compare(order[std::size_t(i - 1)], order[std::size_t(i)]) != 0)
                ++current;
            rank[std::size_t(order[std::size_t(i)])] = current + 1; // 0: no party, first
        }
        liveEntries(keys, entries, [&rank, n, lockSide](const KeyRecord &r, int slot) {
            const qint32 party = lockSide ? r.lock : r.user;
            return SortEntry { party < 0 || party >= n ? 0 : rank[std::size_t(party)], 0, slot };
        });
    };
    return job;
}

void KeyTable::squeeze()
{
    m_store.keys.squeeze();
    m_store.text.squeeze();
    m_lockSide.parties.shrink_to_fit();
    m_lockSide.names.squeeze();
    m_userSide.parties.shrink_to_fit();
    m_userSide.names.squeeze();
    initialBoundaries.shrink_to_fit();
}

// ---- reading -----------------------------------------------------------------------------------------------

Result<std::shared_ptr<KeyTable>> KeyTable::read(CacheDatabase &db, qint64 nowMs, int limit)
{
    sqlite3 *h = handleOf(db.connection());
    if (!h)
        return rawError(nullptr, QStringLiteral("open"));
    auto table = std::make_shared<KeyTable>();

    struct PartySource
    {
        const char *sql;
        bool isGroup;
        bool lockSide;
    };
    static const PartySource sources[] = {
        { "SELECT id, name FROM locks", false, true },
        { "SELECT id, name FROM lock_groups", true, true },
        { "SELECT id, name FROM users", false, false },
        { "SELECT id, name FROM user_groups", true, false },
    };
    // The first rows only need the names of the parties they show: read those after the keys, by id, instead
    // of scanning every lock and user first.
    for (const PartySource &source : sources) {
        if (limit >= 0)
            break;
        Statement q(h, source.sql);
        if (!q.ok())
            return rawError(h, QString::fromLatin1(source.sql));
        PartySide &side = source.lockSide ? table->m_lockSide : table->m_userSide;
        int rc;
        while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
            const int i = side.intern(q.text(0), source.isGroup);
            const QByteArrayView name = q.text(1).first(std::min<qsizetype>(q.text(1).size(), 0xffff));
            KeyParty &p = side.parties[std::size_t(i)];
            p.nameOffset = quint32(side.names.size());
            p.nameLength = quint16(name.size());
            side.names.append(name);
        }
        if (rc != SQLITE_DONE)
            return rawError(h, QString::fromLatin1(source.sql));
    }

    qint64 expected = limit;
    if (limit < 0) {
        Statement count(h, "SELECT COUNT(*) FROM keys");
        if (!count.ok() || sqlite3_step(count.get()) != SQLITE_ROW)
            return rawError(h, QStringLiteral("count keys"));
        expected = sqlite3_column_int64(count.get(), 0);
    }
    table->m_store.keys.reserve(std::size_t(expected));
    table->m_keyIndex.reserve(expected);

    const QByteArray sql = limit < 0
        ? QByteArrayLiteral("SELECT " KEY_COLUMNS " FROM keys")
        : QByteArrayLiteral("SELECT " KEY_COLUMNS " FROM keys LIMIT ") + QByteArray::number(limit);
    Statement q(h, sql.constData());
    if (!q.ok())
        return rawError(h, QStringLiteral("read keys"));
    int rc;
    while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
        const int slot = table->size();
        KeyRecord r;
        if (!q.isNull(1))
            r.lock = table->m_lockSide.intern(q.text(1), false);
        else if (!q.isNull(2))
            r.lock = table->m_lockSide.intern(q.text(2), true);
        if (!q.isNull(3))
            r.user = table->m_userSide.intern(q.text(3), false);
        else if (!q.isNull(4))
            r.user = table->m_userSide.intern(q.text(4), true);
        r.validFrom = q.integer(5, std::numeric_limits<qint64>::min());
        r.validTo = q.integer(6, KeyRecord::kNever);
        r.revokedAt = q.integer(7, KeyRecord::kNever);
        const Restriction restriction = restrictionOf(q.text(10));
        r.usedAt = restriction == Restriction::Scheduled ? qint64(table->m_windowSets.intern(q.text(14)))
                                                         : q.integer(8, KeyRecord::kNever);
        const QByteArrayView text = q.text(9).first(std::min(q.text(9).size(), TextArena::kMaxText));
        r.textOffset = table->m_store.text.append(text);
        r.textLength = quint16(text.size());
        const int pending = int(q.integer(12, 0));
        r.flags = flagsFor(q.text(11) == "ADMIN", restriction, pending, q.text(13));
        if (pending > 0)
            table->m_pendingOps.insert(slot, QString::fromUtf8(q.text(13)));
        r.status = quint8(r.statusAt(nowMs));
        const qint64 next = r.nextChangeAfter(nowMs);
        if (next >= 0)
            table->initialBoundaries.emplace_back(next, slot);
        table->addKey(q.text(0), r);
    }
    if (rc != SQLITE_DONE)
        return rawError(h, QStringLiteral("read keys"));
    if (limit >= 0) {
        for (const auto &[entity, lockSide] :
             { std::pair(QStringLiteral("locks"), true), std::pair(QStringLiteral("lock_groups"), true),
               std::pair(QStringLiteral("users"), false), std::pair(QStringLiteral("user_groups"), false) }) {
            const PartySide &side = lockSide ? table->m_lockSide : table->m_userSide;
            QStringList ids;
            for (int i = 0; i < int(side.parties.size()); ++i) {
                if (bool(side.parties[std::size_t(i)].isGroup) == entity.endsWith(QLatin1String("_groups")))
                    ids.append(side.idText(i));
            }
            if (ids.isEmpty())
                continue;
            auto rows = readParties(db, entity, ids);
            if (!rows)
                return rows.error();
            for (const PartyRow &row : rows.value())
                lockSide ? table->upsertLock(row) : table->upsertUser(row);
        }
    }
    table->squeeze();
    return table;
}

namespace {

KeyRow keyRowFrom(const QSqlQuery &q)
{
    KeyRow row;
    row.id = q.value(0).toString();
    if (!q.value(1).isNull()) {
        row.lockId = q.value(1).toString();
    } else if (!q.value(2).isNull()) {
        row.lockId = q.value(2).toString();
        row.lockIsGroup = true;
    }
    if (!q.value(3).isNull()) {
        row.userId = q.value(3).toString();
    } else if (!q.value(4).isNull()) {
        row.userId = q.value(4).toString();
        row.userIsGroup = true;
    }
    auto instant
        = [&q](int column, qint64 ifNull) { return q.value(column).isNull() ? ifNull : q.value(column).toLongLong(); };
    row.validFrom = instant(5, std::numeric_limits<qint64>::min());
    row.validTo = instant(6, KeyRecord::kNever);
    row.revokedAt = instant(7, KeyRecord::kNever);
    row.usedAt = instant(8, KeyRecord::kNever);
    row.description = q.value(9).toString().toUtf8();
    row.restriction = restrictionOf(q.value(10).toString().toUtf8());
    row.admin = q.value(11).toString() == QLatin1String("ADMIN");
    row.pending = q.value(12).toInt();
    row.pendingOp = q.value(13).toString();
    row.windowsJson = q.value(14).toString().toUtf8();
    return row;
}

/// Runs `SELECT <columns> FROM <table> WHERE id IN (...)` over the ids in batches.
template <typename Each>
Result<void> selectByIds(CacheDatabase &db, const QString &selectFrom, const QStringList &ids, Each each)
{
    constexpr int kBatch = 400; // well under SQLite's bound-parameter limit
    for (qsizetype start = 0; start < ids.size(); start += kBatch) {
        const QStringList batch = ids.mid(start, kBatch);
        QSqlQuery q(db.connection());
        q.setForwardOnly(true);
        if (!q.prepare(QStringLiteral("%1 WHERE id IN (%2)")
                           .arg(selectFrom, QStringLiteral("?,").repeated(batch.size()).chopped(1))))
            return Error::make(QStringLiteral("model_sql"), q.lastError().text());
        for (const QString &id : batch)
            q.addBindValue(id);
        if (!q.exec())
            return Error::make(QStringLiteral("model_sql"), q.lastError().text());
        while (q.next())
            each(q);
    }
    return {};
}

} // namespace

Result<QList<KeyRow>> KeyTable::readKeys(CacheDatabase &db, const QStringList &ids)
{
    QList<KeyRow> rows;
    auto r = selectByIds(db, QStringLiteral("SELECT " KEY_COLUMNS " FROM keys"), ids,
                         [&rows](const QSqlQuery &q) { rows.append(keyRowFrom(q)); });
    if (!r)
        return r.error();
    return rows;
}

Result<QList<PartyRow>> KeyTable::readParties(CacheDatabase &db, const QString &entity, const QStringList &ids)
{
    static const QStringList known { QStringLiteral("locks"), QStringLiteral("lock_groups"), QStringLiteral("users"),
                                     QStringLiteral("user_groups") };
    if (!known.contains(entity))
        return Error::make(QStringLiteral("model_entity"), QObject::tr("unknown party entity %1").arg(entity));
    const bool isGroup = entity.endsWith(QLatin1String("_groups"));
    QList<PartyRow> rows;
    auto r = selectByIds(db, QStringLiteral("SELECT id, name FROM %1").arg(entity), ids,
                         [&rows, isGroup](const QSqlQuery &q) {
                             rows.append({ q.value(0).toString(), q.value(1).toString().toUtf8(), isGroup });
                         });
    if (!r)
        return r.error();
    return rows;
}

} // namespace Keydesk::Core
