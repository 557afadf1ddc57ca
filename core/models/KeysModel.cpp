#include "core/models/KeysModel.h"

#include "core/models/ModelText.h"
#include "core/models/ReleaseOnWorker.h"
#include "core/models/TextOrder.h"

#include <QSet>

#include <algorithm>

namespace Keydesk::Core {

namespace {
const QString kKeys = QStringLiteral("keys");
const QString kLocks = QStringLiteral("locks");
const QString kLockGroups = QStringLiteral("lock_groups");
const QString kUsers = QStringLiteral("users");
const QString kUserGroups = QStringLiteral("user_groups");

int compareValues(quint64 a, quint64 b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

/// A signed instant as an unsigned key of the same order.
quint64 instantKey(qint64 v)
{
    return quint64(v) ^ (quint64(1) << 63);
}

constexpr int kUsedBits = 44; // ms since 1970 up to the year 2527
} // namespace

// ---- the schedule column's order ---------------------------------------------------------------------------

KeysModel::ScheduleRanks KeysModel::ScheduleRanks::of(const WindowSets &sets)
{
    ScheduleRanks ranks;
    const FacilityZone utc;
    // Every text the column can show, as sorted groups: the used one-time keys share their prefix.
    QList<std::pair<QByteArray, int>> texts; // (UTF-8 text, -1 none, -2 one time, -3 used, -4 unreadable, set)
    texts.append({ ModelText::scheduleSummary(Restriction::None, {}, KeyRecord::kNever, utc, 0).toUtf8(), -1 });
    texts.append({ ModelText::scheduleSummary(Restriction::OneTime, {}, KeyRecord::kNever, utc, 0).toUtf8(), -2 });
    texts.append({ ModelText::usedOneTimePrefix().toUtf8(), -3 });
    texts.append({ ModelText::scheduleSummary(Restriction::Scheduled, {}, KeyRecord::kNever, utc, 0).toUtf8(), -4 });
    ranks.summaries.reserve(std::size_t(sets.size()));
    for (int i = 0; i < sets.size(); ++i) {
        ranks.summaries.push_back(describeWindows(sets.at(i)));
        texts.append({ ranks.summaries.back().toUtf8(), i });
    }
    std::sort(texts.begin(), texts.end(), [](const auto &a, const auto &b) {
        const int c = TextOrder::compare(a.first, b.first);
        return c != 0 ? c < 0 : a.second < b.second;
    });
    ranks.sets.assign(std::size_t(sets.size()), 0);
    quint32 rank = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        if (i > 0 && TextOrder::compare(texts.at(i - 1).first, texts.at(i).first) != 0)
            ++rank;
        switch (const int id = texts.at(i).second) {
        case -1:
            ranks.none = rank;
            break;
        case -2:
            ranks.oneTime = rank;
            break;
        case -3:
            ranks.used = rank;
            break;
        case -4:
            ranks.unreadable = rank;
            break;
        default:
            ranks.sets[std::size_t(id)] = rank;
        }
    }
    return ranks;
}

quint64 KeysModel::ScheduleRanks::keyOf(const KeyRecord &r) const
{
    quint64 rank = none;
    quint64 when = 0;
    if (r.flags & KeyRecord::OneTime) {
        if (r.usedAt != KeyRecord::kNever && r.usedAt >= 0) {
            rank = used;
            when = quint64(std::min<qint64>(r.usedAt, (qint64(1) << kUsedBits) - 1));
        } else {
            rank = oneTime;
        }
    } else if (r.flags & KeyRecord::Scheduled) {
        const int set = r.windowSet();
        rank = set >= 0 && std::size_t(set) < sets.size() ? sets[std::size_t(set)] : unreadable;
    }
    return (rank << kUsedBits) | when;
}

quint64 KeysModel::numericKey(const ScheduleRanks &ranks, int column, const KeyRecord &r)
{
    switch (column) {
    case RoleColumn:
        return (r.flags & KeyRecord::Admin) ? 1 : 0;
    case ScheduleColumn:
        return ranks.keyOf(r);
    case ValidFromColumn:
        return instantKey(r.validFrom);
    case ValidToColumn:
        return instantKey(r.validTo);
    case StatusColumn:
        return r.status;
    default:
        return 0;
    }
}

std::optional<SortJob> KeysModel::makeSortJob(const KeyTable &table, const ScheduleRanks &ranks, int column)
{
    switch (column) {
    case DescriptionColumn:
        return table.descriptionSort();
    case LockColumn:
        return table.lockSort();
    case UserColumn:
        return table.userSort();
    case RoleColumn:
    case ScheduleColumn:
    case ValidFromColumn:
    case ValidToColumn:
    case StatusColumn:
        return table.numericSort([ranks, column](const KeyRecord &r) { return numericKey(ranks, column, r); });
    default:
        return std::nullopt;
    }
}

std::optional<SortJob> KeysModel::sortJob(int column) const
{
    return makeSortJob(*m_table, m_ranks, column);
}

KeysModel::KeysModel(const Clock &clock, QObject *parent)
    : CacheTableModel(clock, parent)
    , m_table(std::make_shared<KeyTable>())
{ }

KeysModel::~KeysModel() = default;

void KeysModel::setFacilityZone(const FacilityZone &zone)
{
    m_zone = zone;
    allRowsChanged(ScheduleColumn, ValidToColumn); // instants, and when one-time keys were used
}

QStringList KeysModel::entities() const
{
    return { kKeys, kLocks, kLockGroups, kUsers, kUserGroups };
}

int KeysModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DescriptionColumn:
        return tr("Description");
    case LockColumn:
        //: Column header: the smart lock (or lock group) the key opens
        return tr("Lock");
    case UserColumn:
        return tr("User");
    case RoleColumn:
        //: Column header: USER or ADMIN on the lock
        return tr("Role");
    case ScheduleColumn:
        //: Column header: when the key opens: 24/7, one time, or weekly windows such as Mon–Fri 08:00–17:00
        return tr("Schedule");
    case ValidFromColumn:
        return tr("Valid from");
    case ValidToColumn:
        return tr("Valid to");
    case StatusColumn:
        //: Column header: ACTIVE / UPCOMING / EXPIRED / REVOKED
        return tr("Status");
    default:
        return {};
    }
}

// ---- loading ---------------------------------------------------------------------------------------------

Result<KeysModel::Loaded> KeysModel::load(CacheDatabase &db, qint64 nowMs, int limit, int column, Qt::SortOrder order)
{
    auto table = KeyTable::read(db, nowMs, limit);
    if (!table)
        return table.error();
    heapifyBoundaries(table.value()->initialBoundaries); // here, not on the GUI thread
    Loaded loaded { table.value(), ScheduleRanks::of(table.value()->windowSets()), {} };
    if (column >= 0) {
        if (std::optional<SortJob> job = makeSortJob(*loaded.table, loaded.ranks, column))
            loaded.order = { column, order, job->run(order), true };
    }
    return loaded;
}

void KeysModel::startLoad()
{
    install({ std::make_shared<KeyTable>(), {}, {} });
    const qint64 now = nowMs();
    const int column = sortColumn();
    const Qt::SortOrder order = sortOrder();
    // First a few rows (one short scan), so the view has something to show at once; then the whole index,
    // sorted on the cache's thread by the column the view asked for.
    runOnCache([now, column, order](CacheDatabase &db) { return load(db, now, kFirstRows, column, order); },
               [this](Result<Loaded> first) {
                   if (!first) {
                       finishLoad(first.error().message);
                       return;
                   }
                   const bool complete = first.value().table->size() < kFirstRows;
                   install(std::move(first).value());
                   announceFirstRows();
                   if (complete) {
                       finishLoad();
                       return;
                   }
                   const qint64 later = nowMs();
                   const int sortBy = sortColumn();
                   const Qt::SortOrder direction = sortOrder();
                   runOnCache(
                       [later, sortBy, direction](CacheDatabase &db) { return load(db, later, -1, sortBy, direction); },
                       [this](Result<Loaded> all) {
                           if (!all) {
                               finishLoad(all.error().message);
                               return;
                           }
                           install(std::move(all).value());
                           finishLoad();
                       });
               });
}

void KeysModel::install(Loaded loaded)
{
    m_keyChunks.clear(); // the new table holds them
    beginReload();
    releaseOnWorker(std::exchange(m_table, std::move(loaded.table))); // a million keys' storage
    m_ranks = std::move(loaded.ranks);
    scheduleBoundaries(std::exchange(m_table->initialBoundaries, {}));
    resolvePartyFilters();
    computePartyMatches();
    endReload(std::move(loaded.order));
}

// ---- incremental -------------------------------------------------------------------------------------------

void KeysModel::applyChanges(const QString &entity, const QStringList &ids)
{
    if (entity == kKeys) {
        runOnCache([ids](CacheDatabase &db) { return KeyTable::readKeys(db, ids); },
                   [this, ids](Result<QList<KeyRow>> rows) {
                       if (!rows) {
                           qCWarning(lcModels) << "keys model: cannot read changed keys:" << rows.error().message;
                           return;
                       }
                       enqueueKeyRows(ids, rows.value());
                   });
        return;
    }
    const bool lockSide = entity == kLocks || entity == kLockGroups;
    runOnCache([entity, ids](CacheDatabase &db) { return KeyTable::readParties(db, entity, ids); },
               [this, lockSide](Result<QList<PartyRow>> rows) {
                   if (!rows) {
                       qCWarning(lcModels) << "keys model: cannot read changed names:" << rows.error().message;
                       return;
                   }
                   applyPartyRows(lockSide, rows.value());
               });
}

void KeysModel::enqueueKeyRows(const QStringList &ids, const QList<KeyRow> &rows)
{
    // With background work on (a CacheStore), a large page is applied in chunks, one per event-loop turn, so
    // no single turn of the GUI thread holds more than kChunkRows keys of it; pages that arrive meanwhile
    // queue behind (feed order is kept). Synchronous use (a CacheDatabase: tests, benchmarks) applies at once.
    if (!backgroundSort() || (m_keyChunks.empty() && ids.size() <= kChunkRows)) {
        applyKeyRows(ids, rows);
        return;
    }
    QSet<QString> present;
    for (qsizetype start = 0; start < rows.size(); start += kChunkRows) {
        KeyChunk chunk;
        chunk.rows = rows.mid(start, kChunkRows);
        for (const KeyRow &row : std::as_const(chunk.rows)) {
            chunk.ids.append(row.id);
            present.insert(row.id);
        }
        m_keyChunks.push_back(std::move(chunk));
    }
    KeyChunk deleted; // ids the cache no longer has
    for (const QString &id : ids) {
        if (!present.contains(id))
            deleted.ids.append(id);
    }
    if (!deleted.ids.isEmpty())
        m_keyChunks.push_back(std::move(deleted));
    if (!m_chunkPosted)
        applyNextChunk();
}

void KeysModel::applyNextChunk()
{
    m_chunkPosted = false;
    if (m_keyChunks.empty()) {
        Q_EMIT changesApplied();
        return;
    }
    KeyChunk chunk = std::move(m_keyChunks.front());
    m_keyChunks.pop_front();
    applyKeyRows(chunk.ids, chunk.rows);
    m_chunkPosted = true;
    QMetaObject::invokeMethod(this, &KeysModel::applyNextChunk, Qt::QueuedConnection);
}

void KeysModel::applyKeyRows(const QStringList &ids, const QList<KeyRow> &rows)
{
    const qint64 now = nowMs();
    // A large page (the feed sends up to 10,000 rows) is one layout change, not a row move per key.
    const bool batch = ids.size() >= kBatchSlots && !inSlotBatch();
    if (batch)
        beginSlotBatch();
    QSet<QString> present;
    for (const KeyRow &row : rows) {
        present.insert(row.id);
        const int locks = m_table->lockCount();
        const int users = m_table->userCount();
        const int sets = m_table->windowSets().size();
        const int existing = m_table->slotOf(row.id);
        if (existing >= 0)
            beginSlotChange(existing);
        const int slot = m_table->upsert(existing, row, now);
        // A key may bring a schedule or name a lock or user the model has not seen: keep the derived state in
        // step before the base compares sort keys or asks the filter. (New parties are nameless until their
        // own rows arrive; the text filter asks them directly, see acceptsSlot().)
        if (m_table->windowSets().size() != sets)
            m_ranks = ScheduleRanks::of(m_table->windowSets());
        if (m_table->lockCount() != locks || m_table->userCount() != users)
            resolvePartyFilters();
        if (existing >= 0)
            endSlotChange();
        else
            slotAdded(slot);
        const qint64 next = m_table->at(slot).nextChangeAfter(now);
        if (next >= 0)
            scheduleBoundary(slot, next);
    }
    for (const QString &id : ids) {
        if (present.contains(id))
            continue;
        const int slot = m_table->slotOf(id);
        if (slot < 0 || !m_table->at(slot).alive())
            continue;
        beginSlotChange(slot);
        m_table->kill(slot);
        endSlotChange();
    }
    if (batch)
        endSlotBatch();
}

void KeysModel::applyPartyRows(bool lockSide, const QList<PartyRow> &rows)
{
    if (rows.isEmpty())
        return;
    const int column = lockSide ? LockColumn : UserColumn;
    // A rename moves rows when they are sorted by that name (or about to be), and can change what the text
    // filter shows: then the keys of the renamed parties are re-placed, as one batch.
    const bool moves = appliedSortColumn() == column || (sortPending() && sortColumn() == column);
    if (!moves && m_filter.needle.isEmpty()) {
        for (const PartyRow &row : rows)
            lockSide ? m_table->upsertLock(row) : m_table->upsertUser(row);
        allRowsChanged(column, column);
        return;
    }
    std::vector<bool> renamed(std::size_t(lockSide ? m_table->lockCount() : m_table->userCount()), false);
    bool any = false;
    for (const PartyRow &row : rows) {
        const int index = lockSide ? m_table->lockIndex(row.id) : m_table->userIndex(row.id);
        if (index >= 0) {
            renamed[std::size_t(index)] = true;
            any = true;
        }
    }
    std::vector<int> affected;
    if (any) {
        // One sequential pass over the records (a few ms for a million keys).
        for (int slot = 0; slot < m_table->size(); ++slot) {
            const KeyRecord &r = m_table->at(slot);
            const int party = lockSide ? r.lock : r.user;
            if (r.alive() && party >= 0 && renamed[std::size_t(party)])
                affected.push_back(slot);
        }
    }
    beginSlotBatch();
    for (int slot : affected)
        beginSlotChange(slot);
    for (const PartyRow &row : rows)
        lockSide ? m_table->upsertLock(row) : m_table->upsertUser(row);
    resolvePartyFilters();
    computePartyMatches();
    for (std::size_t i = 0; i < affected.size(); ++i)
        endSlotChange();
    endSlotBatch();
}

void KeysModel::boundaryReached(int slot, qint64 now)
{
    const KeyRecord &r = m_table->at(slot);
    const auto status = quint8(r.statusAt(now));
    if (status != r.status) {
        beginSlotChange(slot);
        m_table->setStatus(slot, status);
        endSlotChange();
    }
    const qint64 next = r.nextChangeAfter(now);
    if (next >= 0)
        scheduleBoundary(slot, next);
}

bool KeysModel::slotStaleAt(int slot, qint64 now) const
{
    const KeyRecord &r = m_table->at(slot);
    return quint8(r.statusAt(now)) != r.status;
}

std::optional<KeyStatus> KeysModel::statusOf(const QString &id) const
{
    const int slot = m_table->slotOf(id);
    if (slot < 0 || !m_table->at(slot).alive())
        return std::nullopt;
    return KeyStatus(m_table->at(slot).status);
}

// ---- filters -----------------------------------------------------------------------------------------------

void KeysModel::computePartyMatches()
{
    m_filter.lockMatches.clear();
    m_filter.userMatches.clear();
    if (m_filter.needle.isEmpty())
        return;
    m_filter.lockMatches.resize(std::size_t(m_table->lockCount()));
    for (int i = 0; i < m_table->lockCount(); ++i)
        m_filter.lockMatches[std::size_t(i)] = m_table->lockNameContains(i, m_filter.needle);
    m_filter.userMatches.resize(std::size_t(m_table->userCount()));
    for (int i = 0; i < m_table->userCount(); ++i)
        m_filter.userMatches[std::size_t(i)] = m_table->userNameContains(i, m_filter.needle);
}

void KeysModel::resolvePartyFilters()
{
    m_filter.lock = m_lockFilterId.isEmpty() ? Filter::kAnyParty : m_table->lockIndex(m_lockFilterId);
    m_filter.user = m_userFilterId.isEmpty() ? Filter::kAnyParty : m_table->userIndex(m_userFilterId);
}

bool KeysModel::Filter::isEmpty() const
{
    return needle.isEmpty() && statusMask == 0 && lock == kAnyParty && user == kAnyParty
        && from == std::numeric_limits<qint64>::min() && to == std::numeric_limits<qint64>::max();
}

bool KeysModel::hasFilter() const
{
    return !m_filter.isEmpty();
}

bool KeysModel::acceptsSlot(int slot) const
{
    // A party interned since the matches were computed (a key named it before its own row arrived) is asked
    // directly.
    return m_filter.accepts(*m_table, slot, [this](bool lockSide, int index) {
        return lockSide ? m_table->lockNameContains(index, m_filter.needle)
                        : m_table->userNameContains(index, m_filter.needle);
    });
}

std::optional<FilterJob> KeysModel::filterJob() const
{
    FilterJob job;
    job.run = [keys = m_table->snapshot(), filter = m_filter](const QList<int> *candidates,
                                                              const std::atomic_bool &cancelled) {
        // Parties newer than the match lists are nameless in the snapshot's time: they match no text.
        auto nameless = [](bool, int) { return false; };
        return filterSlots(keys.size(), candidates, cancelled,
                           [&](int slot) { return keys.at(slot).alive() && filter.accepts(keys, slot, nameless); });
    };
    return job;
}

void KeysModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter.needle.text)
        return;
    // Typing on: the new text contains the old one, so only rows shown now can still match.
    const bool narrows = !m_filter.needle.isEmpty() && trimmed.contains(m_filter.needle.text, Qt::CaseInsensitive);
    m_filter.needle = TextNeedle::from(trimmed);
    computePartyMatches();
    if (narrows)
        narrowFilter();
    else
        refilter();
}

void KeysModel::setStatusFilter(const QList<KeyStatus> &statuses)
{
    quint8 mask = 0;
    for (KeyStatus s : statuses)
        mask |= quint8(1u << int(s));
    if (mask == 0x0f)
        mask = 0; // every status: no restriction
    if (mask == m_filter.statusMask)
        return;
    m_filter.statusMask = mask;
    refilter();
}

void KeysModel::setLockFilter(const QString &lockId)
{
    if (lockId == m_lockFilterId)
        return;
    m_lockFilterId = lockId;
    resolvePartyFilters();
    refilter();
}

void KeysModel::setUserFilter(const QString &userId)
{
    if (userId == m_userFilterId)
        return;
    m_userFilterId = userId;
    resolvePartyFilters();
    refilter();
}

void KeysModel::setDateRange(const QDateTime &from, const QDateTime &to)
{
    const qint64 f = from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    const qint64 t = to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    if (f == m_filter.from && t == m_filter.to)
        return;
    m_filter.from = f;
    m_filter.to = t;
    refilter();
}

void KeysModel::clearFilters()
{
    m_filter = {};
    m_lockFilterId.clear();
    m_userFilterId.clear();
    refilter();
}

// ---- sorting -----------------------------------------------------------------------------------------------

int KeysModel::compareSlots(int column, int a, int b) const
{
    const KeyRecord &x = m_table->at(a);
    const KeyRecord &y = m_table->at(b);
    switch (column) {
    case DescriptionColumn:
        return TextOrder::compare(m_table->descriptionBytes(a), m_table->descriptionBytes(b));
    case LockColumn:
        return m_table->compareLocks(x.lock, y.lock);
    case UserColumn:
        return m_table->compareUsers(x.user, y.user);
    default:
        return compareValues(numericKey(m_ranks, column, x), numericKey(m_ranks, column, y));
    }
}

// ---- data --------------------------------------------------------------------------------------------------

QString KeysModel::partyText(bool lockSide, int index) const
{
    if (index < 0)
        return {};
    const QString name = lockSide ? m_table->lockName(index) : m_table->userName(index);
    const bool group = lockSide ? m_table->lock(index).isGroup : m_table->user(index).isGroup;
    const QString shown = name.isEmpty() ? (lockSide ? m_table->lockIdText(index) : m_table->userIdText(index)) : name;
    //: A key given to a whole group of locks or users: "<group name> (group)"
    return group ? tr("%1 (group)").arg(shown) : shown;
}

QVariant KeysModel::slotData(int slot, int column, int role) const
{
    const KeyRecord &r = m_table->at(slot);
    const auto status = KeyStatus(r.status);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case DescriptionColumn:
            return m_table->description(slot);
        case LockColumn:
            return partyText(true, r.lock);
        case UserColumn:
            return partyText(false, r.user);
        case RoleColumn:
            return toString((r.flags & KeyRecord::Admin) ? KeyRole::Admin : KeyRole::User);
        case ScheduleColumn:
            return scheduleText(r);
        case ValidFromColumn:
            return r.validFrom == std::numeric_limits<qint64>::min() ? QString()
                                                                     : ModelText::instant(m_zone, r.validFrom);
        case ValidToColumn:
            //: A key without an end date
            return r.validTo == KeyRecord::kNever ? tr("No end") : ModelText::instant(m_zone, r.validTo);
        case StatusColumn:
            if ((r.flags & KeyRecord::PendingRevoke) && status != KeyStatus::Revoked)
                //: A revocation sent but not yet confirmed by the server
                return tr("%1 (revoking…)").arg(ModelText::keyStatus(status));
            return ModelText::keyStatus(status);
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case DescriptionColumn:
            return m_table->description(slot).toCaseFolded();
        case LockColumn:
            return m_table->lockSortText(r.lock);
        case UserColumn:
            return m_table->userSortText(r.user);
        case RoleColumn:
            return int(r.flags & KeyRecord::Admin);
        case ScheduleColumn:
            // Used one-time keys: after the shared prefix, by when they were used (as the column sorts).
            if ((r.flags & KeyRecord::OneTime) && r.usedAt != KeyRecord::kNever && r.usedAt >= 0)
                return ModelText::usedOneTimePrefix().toCaseFolded()
                    + QString::number(r.usedAt).rightJustified(20, QLatin1Char('0'));
            return scheduleText(r).toCaseFolded();
        case ValidFromColumn:
            return r.validFrom;
        case ValidToColumn:
            return r.validTo;
        case StatusColumn:
            return int(r.status);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == ScheduleColumn && (r.flags & KeyRecord::Scheduled))
            //: Tooltip of a key's weekly windows: they are wall-clock times of the facility's time zone
            return tr("%1 (facility time, %2)").arg(scheduleText(r), m_zone.describe());
        return {};
    case WindowsRole:
        return QVariant::fromValue(m_table->windowsOf(slot));
    case StatusRole:
        return toString(status);
    case StatusColorRole:
        return (r.flags & KeyRecord::Pending) && status != KeyStatus::Revoked ? QStringLiteral("warning")
                                                                              : ModelText::keyStatusTone(status);
    case PendingRole:
        return bool(r.flags & KeyRecord::Pending);
    case PendingOpRole:
        return m_table->pendingOp(slot);
    case IdRole:
        return m_table->idText(slot);
    case LockIdRole:
        return r.lock < 0 ? QString() : m_table->lockIdText(r.lock);
    case UserIdRole:
        return r.user < 0 ? QString() : m_table->userIdText(r.user);
    default:
        return {};
    }
}

QString KeysModel::scheduleText(const KeyRecord &r) const
{
    if (r.flags & KeyRecord::Scheduled) {
        const int set = r.windowSet();
        if (set >= 0 && std::size_t(set) < m_ranks.summaries.size())
            return m_ranks.summaries[std::size_t(set)];
        return ModelText::scheduleSummary(Restriction::Scheduled, {}, KeyRecord::kNever, m_zone, nowMs());
    }
    const Restriction restriction = (r.flags & KeyRecord::OneTime) ? Restriction::OneTime : Restriction::None;
    return ModelText::scheduleSummary(restriction, {}, r.usedAtMs(), m_zone, nowMs());
}

QList<AccessWindow> KeysModel::windowsOf(const QString &id) const
{
    const int slot = m_table->slotOf(id);
    if (slot < 0 || !m_table->at(slot).alive())
        return {};
    return m_table->windowsOf(slot);
}

std::size_t KeysModel::memoryBytes() const
{
    return m_table->bytes() + orderBytes() + (m_filter.lockMatches.capacity() + m_filter.userMatches.capacity()) / 8;
}

} // namespace Keydesk::Core
