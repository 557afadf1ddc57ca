#include "core/models/KeysModel.h"

#include "core/models/ModelText.h"

#include <QSet>

namespace Keydesk::Core {

namespace {
const QString kKeys = QStringLiteral("keys");
const QString kLocks = QStringLiteral("locks");
const QString kLockGroups = QStringLiteral("lock_groups");
const QString kUsers = QStringLiteral("users");
const QString kUserGroups = QStringLiteral("user_groups");

int compareValues(qint64 a, qint64 b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}
} // namespace

KeysModel::KeysModel(const Clock &clock, QObject *parent)
    : CacheTableModel(clock, parent)
    , m_table(std::make_shared<KeyTable>())
{ }

KeysModel::~KeysModel() = default;

void KeysModel::setFacilityZone(const FacilityZone &zone)
{
    m_zone = zone;
    allRowsChanged(ValidFromColumn, ValidToColumn);
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
    case RestrictionColumn:
        //: Column header: 24/7, one time or scheduled weekly windows
        return tr("Restriction");
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

void KeysModel::startLoad()
{
    install(std::make_shared<KeyTable>());
    const qint64 now = nowMs();
    // First a few rows (one short scan), so the view has something to show at once; then the whole index.
    runOnCache([now](CacheDatabase &db) { return KeyTable::read(db, now, kFirstRows); },
               [this](Result<std::shared_ptr<KeyTable>> first) {
                   if (!first) {
                       finishLoad(first.error().message);
                       return;
                   }
                   const bool complete = first.value()->size() < kFirstRows;
                   install(first.value());
                   announceFirstRows();
                   if (complete) {
                       finishLoad();
                       return;
                   }
                   const qint64 later = nowMs();
                   runOnCache([later](CacheDatabase &db) { return KeyTable::read(db, later, -1); },
                              [this](Result<std::shared_ptr<KeyTable>> all) {
                                  if (!all) {
                                      finishLoad(all.error().message);
                                      return;
                                  }
                                  install(all.value());
                                  finishLoad();
                              });
               });
}

void KeysModel::install(std::shared_ptr<KeyTable> table)
{
    beginReload();
    m_table = std::move(table);
    scheduleBoundaries(std::exchange(m_table->initialBoundaries, {}));
    m_lockFilter = m_lockFilterId.isEmpty() ? -1 : m_table->lockIndex(m_lockFilterId);
    m_userFilter = m_userFilterId.isEmpty() ? -1 : m_table->userIndex(m_userFilterId);
    computePartyMatches();
    if (sortsByParty())
        m_table->rankParties();
    endReload();
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
                       applyKeyRows(ids, rows.value());
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

void KeysModel::applyKeyRows(const QStringList &ids, const QList<KeyRow> &rows)
{
    const qint64 now = nowMs();
    QSet<QString> present;
    for (const KeyRow &row : rows) {
        present.insert(row.id);
        const int locks = m_table->lockCount();
        const int users = m_table->userCount();
        const int existing = m_table->slotOf(row.id);
        if (existing >= 0)
            beginSlotChange(existing);
        const int slot = m_table->upsert(existing, row, now);
        // A key may name a lock or user the model has not seen: keep the derived tables in step before the
        // base compares sort keys or asks the filter.
        if (m_table->lockCount() != locks || m_table->userCount() != users) {
            if (m_table->partiesRanked() || sortsByParty())
                m_table->rankParties();
            computePartyMatches();
            if (!m_lockFilterId.isEmpty())
                m_lockFilter = m_table->lockIndex(m_lockFilterId);
            if (!m_userFilterId.isEmpty())
                m_userFilter = m_table->userIndex(m_userFilterId);
        }
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
}

void KeysModel::applyPartyRows(bool lockSide, const QList<PartyRow> &rows)
{
    if (rows.isEmpty())
        return;
    for (const PartyRow &row : rows) {
        if (lockSide)
            m_table->upsertLock(row);
        else
            m_table->upsertUser(row);
    }
    if (!m_lockFilterId.isEmpty())
        m_lockFilter = m_table->lockIndex(m_lockFilterId);
    if (!m_userFilterId.isEmpty())
        m_userFilter = m_table->userIndex(m_userFilterId);
    const bool sortedByThisSide = sortColumn() == (lockSide ? LockColumn : UserColumn);
    if (sortsByParty() || m_table->partiesRanked())
        m_table->rankParties();
    if (!m_needle.isEmpty()) {
        // A renamed lock or user can change which keys the text filter shows; finding those keys means a
        // pass over all of them anyway, so the filter is re-applied (rare: a rename while a search is typed).
        computePartyMatches();
        refilter();
        return;
    }
    if (sortedByThisSide)
        resort();
    else
        allRowsChanged(lockSide ? LockColumn : UserColumn, lockSide ? LockColumn : UserColumn);
}

void KeysModel::boundaryReached(int slot, qint64 now)
{
    KeyRecord &r = m_table->at(slot);
    const auto status = quint8(r.statusAt(now));
    if (status != r.status) {
        beginSlotChange(slot);
        r.status = status;
        endSlotChange();
    }
    const qint64 next = r.nextChangeAfter(now);
    if (next >= 0)
        scheduleBoundary(slot, next);
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
    m_lockMatches.clear();
    m_userMatches.clear();
    if (m_needle.isEmpty())
        return;
    m_lockMatches.resize(std::size_t(m_table->lockCount()));
    for (int i = 0; i < m_table->lockCount(); ++i)
        m_lockMatches[std::size_t(i)] = m_table->lockNameContains(i, m_needle);
    m_userMatches.resize(std::size_t(m_table->userCount()));
    for (int i = 0; i < m_table->userCount(); ++i)
        m_userMatches[std::size_t(i)] = m_table->userNameContains(i, m_needle);
}

bool KeysModel::partyMatches(const std::vector<bool> &matches, int index, bool lockSide) const
{
    if (index < 0)
        return false;
    if (std::size_t(index) < matches.size())
        return matches[std::size_t(index)];
    return lockSide ? m_table->lockNameContains(index, m_needle) : m_table->userNameContains(index, m_needle);
}

bool KeysModel::hasFilter() const
{
    return !m_needle.isEmpty() || m_statusMask != 0 || !m_lockFilterId.isEmpty() || !m_userFilterId.isEmpty()
        || m_rangeFrom != std::numeric_limits<qint64>::min() || m_rangeTo != std::numeric_limits<qint64>::max();
}

bool KeysModel::acceptsSlot(int slot) const
{
    const KeyRecord &r = m_table->at(slot);
    if (m_statusMask != 0 && !(m_statusMask & (1u << r.status)))
        return false;
    if (!m_lockFilterId.isEmpty() && (m_lockFilter < 0 || r.lock != m_lockFilter))
        return false;
    if (!m_userFilterId.isEmpty() && (m_userFilter < 0 || r.user != m_userFilter))
        return false;
    if (!(r.validFrom < m_rangeTo && m_rangeFrom < r.validTo))
        return false;
    if (m_needle.isEmpty())
        return true;
    return partyMatches(m_lockMatches, r.lock, true) || partyMatches(m_userMatches, r.user, false)
        || m_table->descriptionContains(slot, m_needle);
}

void KeysModel::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_needle.text)
        return;
    m_needle = TextNeedle::from(trimmed);
    computePartyMatches();
    refilter();
}

void KeysModel::setStatusFilter(const QList<KeyStatus> &statuses)
{
    quint8 mask = 0;
    for (KeyStatus s : statuses)
        mask |= quint8(1u << int(s));
    if (mask == 0x0f)
        mask = 0; // every status: no restriction
    if (mask == m_statusMask)
        return;
    m_statusMask = mask;
    refilter();
}

void KeysModel::setLockFilter(const QString &lockId)
{
    if (lockId == m_lockFilterId)
        return;
    m_lockFilterId = lockId;
    m_lockFilter = lockId.isEmpty() ? -1 : m_table->lockIndex(lockId);
    refilter();
}

void KeysModel::setUserFilter(const QString &userId)
{
    if (userId == m_userFilterId)
        return;
    m_userFilterId = userId;
    m_userFilter = userId.isEmpty() ? -1 : m_table->userIndex(userId);
    refilter();
}

void KeysModel::setDateRange(const QDateTime &from, const QDateTime &to)
{
    const qint64 f = from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    const qint64 t = to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    if (f == m_rangeFrom && t == m_rangeTo)
        return;
    m_rangeFrom = f;
    m_rangeTo = t;
    refilter();
}

void KeysModel::clearFilters()
{
    m_needle = {};
    m_lockMatches.clear();
    m_userMatches.clear();
    m_statusMask = 0;
    m_lockFilterId.clear();
    m_userFilterId.clear();
    m_lockFilter = m_userFilter = -1;
    m_rangeFrom = std::numeric_limits<qint64>::min();
    m_rangeTo = std::numeric_limits<qint64>::max();
    refilter();
}

// ---- sorting -----------------------------------------------------------------------------------------------

bool KeysModel::sortsByParty() const
{
    return sortColumn() == LockColumn || sortColumn() == UserColumn;
}

void KeysModel::sort(int column, Qt::SortOrder order)
{
    if ((column == LockColumn || column == UserColumn) && !m_table->partiesRanked())
        m_table->rankParties();
    CacheTableModel::sort(column, order);
}

int KeysModel::compareSlots(int column, int a, int b) const
{
    const KeyRecord &x = m_table->at(a);
    const KeyRecord &y = m_table->at(b);
    switch (column) {
    case DescriptionColumn:
        return m_table->descriptionBytes(a).compare(m_table->descriptionBytes(b), Qt::CaseInsensitive);
    case LockColumn:
        return compareValues(x.lock < 0 ? -1 : m_table->lock(x.lock).rank,
                             y.lock < 0 ? -1 : m_table->lock(y.lock).rank);
    case UserColumn:
        return compareValues(x.user < 0 ? -1 : m_table->user(x.user).rank,
                             y.user < 0 ? -1 : m_table->user(y.user).rank);
    case RoleColumn:
        return compareValues(x.flags & KeyRecord::Admin, y.flags & KeyRecord::Admin);
    case RestrictionColumn:
        return compareValues(x.flags & (KeyRecord::OneTime | KeyRecord::Scheduled),
                             y.flags & (KeyRecord::OneTime | KeyRecord::Scheduled));
    case ValidFromColumn:
        return compareValues(x.validFrom, y.validFrom);
    case ValidToColumn:
        return compareValues(x.validTo, y.validTo);
    case StatusColumn:
        return compareValues(x.status, y.status);
    default:
        return 0;
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
        case RestrictionColumn:
            if (r.flags & KeyRecord::OneTime)
                //: Key restriction
                return tr("One time");
            if (r.flags & KeyRecord::Scheduled)
                //: Key restriction: weekly windows
                return tr("Scheduled");
            //: Key restriction: none, the key opens at any time
            return tr("24/7");
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
            return partyText(true, r.lock).toCaseFolded();
        case UserColumn:
            return partyText(false, r.user).toCaseFolded();
        case RoleColumn:
            return int(r.flags & KeyRecord::Admin);
        case RestrictionColumn:
            return int(r.flags & (KeyRecord::OneTime | KeyRecord::Scheduled));
        case ValidFromColumn:
            return r.validFrom;
        case ValidToColumn:
            return r.validTo;
        case StatusColumn:
            return int(r.status);
        default:
            return {};
        }
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

std::size_t KeysModel::memoryBytes() const
{
    return m_table->bytes() + orderBytes() + (m_lockMatches.capacity() + m_userMatches.capacity()) / 8;
}

} // namespace Keydesk::Core
