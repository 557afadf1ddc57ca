#include "core/models/RecordTableModel.h"

#include "core/models/ModelText.h"
#include "core/models/ReleaseOnWorker.h"

#include <QJsonValue>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Keydesk::Core {

namespace {

const QString kLocks = QStringLiteral("locks");

QVariant jsonValue(const QJsonValue &v, RecordTableModel::Kind kind)
{
    if (v.isNull() || v.isUndefined())
        return {};
    switch (kind) {
    case RecordTableModel::Kind::Instant:
    case RecordTableModel::Kind::Number:
        return v.isString() ? QVariant(v.toString().toLongLong()) : QVariant(qint64(v.toDouble()));
    default:
        return v.isString() ? v.toString() : v.toVariant().toString();
    }
}

qint64 instantOf(const QJsonObject &data, const QString &field)
{
    if (field.isEmpty())
        return -1;
    const QJsonValue v = data.value(field);
    return v.isNull() || v.isUndefined() ? -1 : qint64(v.toDouble());
}

int compareVariants(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return int(!a.isNull()) - int(!b.isNull());
    if (a.typeId() == QMetaType::LongLong && b.typeId() == QMetaType::LongLong) {
        const qint64 x = a.toLongLong(), y = b.toLongLong();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
}

struct Loaded
{
    QList<RecordTableModel::Record> records;
    QHash<QString, int> slotOf;
    QHash<QString, QString> lockNames;
    std::any extra;
};

Result<QHash<QString, QString>> readLockNames(CacheDatabase &db, const QStringList &ids = {})
{
    QHash<QString, QString> names;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (ids.isEmpty()) {
        if (!q.exec(QStringLiteral("SELECT id, name FROM locks")))
            return Error::make(QStringLiteral("model_sql"), q.lastError().text());
    } else {
        q.prepare(QStringLiteral("SELECT id, name FROM locks WHERE id IN (%1)")
                      .arg(QStringLiteral("?,").repeated(ids.size()).chopped(1)));
        for (const QString &id : ids)
            q.addBindValue(id);
        if (!q.exec())
            return Error::make(QStringLiteral("model_sql"), q.lastError().text());
    }
    while (q.next())
        names.insert(q.value(0).toString(), q.value(1).toString());
    return names;
}

} // namespace

RecordTableModel::RecordTableModel(Config config, const Clock &clock, QObject *parent)
    : CacheTableModel(clock, parent)
    , m_config(std::move(config))
{
    for (const Column &c : std::as_const(m_config.columns))
        m_showsLocks = m_showsLocks || c.kind == Kind::LockName;
}

RecordTableModel::~RecordTableModel() = default;

QStringList RecordTableModel::entities() const
{
    QStringList out { m_config.entity };
    if (m_showsLocks)
        out.append(kLocks);
    out.append(extraEntities());
    return out;
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : baseColumnCount() + extraColumnCount();
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section >= 0 && section < baseColumnCount())
        return m_config.columns.at(section).title;
    if (section >= baseColumnCount() && section < columnCount())
        return extraHeader(section);
    return {};
}

void RecordTableModel::setFacilityZone(const FacilityZone &zone)
{
    m_zone = zone;
    allRowsChanged(0, columnCount() - 1);
}

// ---- loading -----------------------------------------------------------------------------------------------

RecordTableModel::Record RecordTableModel::parse(const Config &config, const CachedRow &row)
{
    Record r;
    r.id = row.id;
    r.pending = row.pending;
    r.pendingOp = row.pendingOp;
    r.values.reserve(config.columns.size());
    for (const Column &c : config.columns)
        r.values.append(c.kind == Kind::Range ? QVariant() : jsonValue(row.data.value(c.field), c.kind));
    for (const QString &f : config.filterFields)
        r.fields.append(jsonValue(row.data.value(f), Kind::Text).toString());
    r.timeStart = instantOf(row.data, config.timeStartField);
    if (r.timeStart < 0)
        r.timeStart = instantOf(row.data, config.timeFallbackField);
    r.timeEnd = instantOf(row.data, config.timeEndField);
    if (r.timeEnd < 0)
        r.timeEnd = r.timeStart;
    if (config.statusOf)
        r.status = config.statusOf(row.data);
    else if (!config.statusField.isEmpty())
        r.status = jsonValue(row.data.value(config.statusField), Kind::Text).toString();
    return r;
}

void RecordTableModel::prepareSearch(const Config &config, const FacilityZone &zone,
                                     const QHash<QString, QString> &lockNames, Record &r)
{
    QStringList parts;
    for (int c = 0; c < int(config.columns.size()); ++c) {
        if (config.columns.at(c).searchable)
            parts.append(displayText(config, zone, lockNames, r, c));
    }
    r.search = parts.join(QLatin1Char('\n')).toCaseFolded();
}

void RecordTableModel::rebuildSearch(Record &r) const
{
    prepareSearch(m_config, m_zone, m_lockNames, r);
}

void RecordTableModel::startLoad()
{
    beginReload();
    // The previous rows (200,000 users, each with its strings) are freed on a worker, not here.
    releaseOnWorker(std::exchange(m_records, {}), std::exchange(m_slotOf, {}));
    endReload();
    const Config config = m_config;
    const FacilityZone zone = m_zone;
    const bool locks = m_showsLocks;
    // Time-derived state is computed for this instant; a boundary that passes while loading is due at once when
    // the boundaries are installed.
    const qint64 now = nowMs();
    // Everything per row happens here, on the cache's thread (200,000 users): the GUI thread only swaps it in.
    runOnCache(
        [config, zone, locks, now](CacheDatabase &db) -> Result<std::shared_ptr<Loaded>> {
            auto rows = db.rows(config.entity);
            if (!rows)
                return rows.error();
            auto loaded = std::make_shared<Loaded>();
            if (locks) {
                auto names = readLockNames(db);
                if (!names)
                    return names.error();
                loaded->lockNames = std::move(names).value();
            }
            loaded->records.reserve(rows->size());
            loaded->slotOf.reserve(rows->size());
            for (const CachedRow &row : rows.value()) {
                loaded->slotOf.insert(row.id, int(loaded->records.size()));
                loaded->records.append(parse(config, row));
                prepareSearch(config, zone, loaded->lockNames, loaded->records.last());
            }
            if (config.extraRead)
                loaded->extra = config.extraRead(db, loaded->records, now);
            return loaded;
        },
        [this](Result<std::shared_ptr<Loaded>> result) {
            if (!result) {
                finishLoad(result.error().message);
                return;
            }
            // Swaps only: `loaded` dies here with nothing left in it, what it replaces dies on a worker.
            Loaded &loaded = *result.value();
            beginReload();
            releaseOnWorker(std::exchange(m_records, std::move(loaded.records)),
                            std::exchange(m_slotOf, std::move(loaded.slotOf)),
                            std::exchange(m_lockNames, std::move(loaded.lockNames)));
            installExtra(std::exchange(loaded.extra, {}));
            endReload();
            finishLoad();
        });
}

// ---- incremental -------------------------------------------------------------------------------------------

void RecordTableModel::applyChanges(const QString &entity, const QStringList &ids)
{
    if (entity == m_config.entity) {
        runOnCache(
            [entity, ids](CacheDatabase &db) -> Result<QList<CachedRow>> {
                QList<CachedRow> rows;
                for (const QString &id : ids) {
                    auto row = db.row(entity, id);
                    if (!row)
                        return row.error();
                    if (row->has_value())
                        rows.append(**row);
                }
                return rows;
            },
            [this, ids](Result<QList<CachedRow>> rows) {
                if (!rows) {
                    qCWarning(lcModels) << m_config.entity << "model: cannot read changes:" << rows.error().message;
                    return;
                }
                applyRows(ids, rows.value());
            });
        return;
    }
    if (entity == kLocks && m_showsLocks) {
        runOnCache([ids](CacheDatabase &db) { return readLockNames(db, ids); },
                   [this](Result<QHash<QString, QString>> names) {
                       if (!names || names->isEmpty())
                           return;
                       m_lockNames.insert(names.value());
                       bool searchesLocks = false;
                       for (int c = 0; c < baseColumnCount(); ++c)
                           searchesLocks = searchesLocks
                               || (m_config.columns.at(c).kind == Kind::LockName && m_config.columns.at(c).searchable);
                       if (searchesLocks) {
                           for (Record &r : m_records)
                               rebuildSearch(r);
                       }
                       if (searchesLocks && !m_criteria.needle.isEmpty())
                           refilter(); // which rows match changed; rare (a rename while searching)
                       else if (sortColumn() >= 0 && sortColumn() < baseColumnCount()
                                && m_config.columns.at(sortColumn()).kind == Kind::LockName)
                           resort();
                       else
                           allRowsChanged(0, columnCount() - 1);
                   });
        return;
    }
    applyExtraChanges(entity, ids);
}

void RecordTableModel::applyRows(const QStringList &ids, const QList<CachedRow> &rows)
{
    QSet<QString> present;
    for (const CachedRow &row : rows) {
        present.insert(row.id);
        Record parsed = parse(m_config, row);
        rebuildSearch(parsed);
        const int existing = m_slotOf.value(row.id, -1);
        if (existing >= 0) {
            beginSlotChange(existing);
            m_records[existing] = std::move(parsed);
            recordUpdated(existing);
            endSlotChange();
        } else {
            const int slot = int(m_records.size());
            m_records.append(std::move(parsed));
            m_slotOf.insert(row.id, slot);
            recordUpdated(slot);
            slotAdded(slot);
        }
    }
    for (const QString &id : ids) {
        const int slot = m_slotOf.value(id, -1);
        if (present.contains(id) || slot < 0 || !m_records.at(slot).alive)
            continue;
        beginSlotChange(slot);
        m_records[slot].alive = false;
        endSlotChange();
    }
}

// ---- filters -----------------------------------------------------------------------------------------------

void RecordTableModel::setTextFilter(const QString &text)
{
    const QString folded = text.trimmed().toCaseFolded();
    if (folded == m_criteria.needle)
        return;
    m_criteria.needle = folded;
    refilter();
}

void RecordTableModel::setFieldFilter(const QString &field, const QString &value)
{
    const int i = int(m_config.filterFields.indexOf(field));
    if (i < 0) {
        qCWarning(lcModels) << m_config.entity << "model has no filter field" << field;
        return;
    }
    if (m_criteria.fields.value(i) == value && (m_criteria.fields.contains(i) || value.isEmpty()))
        return;
    if (value.isEmpty())
        m_criteria.fields.remove(i);
    else
        m_criteria.fields.insert(i, value);
    refilter();
}

void RecordTableModel::setDateRange(const QDateTime &from, const QDateTime &to)
{
    m_criteria.from = from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    m_criteria.to = to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    refilter();
}

void RecordTableModel::clearFilters()
{
    m_criteria = {};
    refilter();
}

bool RecordTableModel::Criteria::isEmpty() const
{
    return needle.isEmpty() && fields.isEmpty() && from == std::numeric_limits<qint64>::min()
        && to == std::numeric_limits<qint64>::max();
}

bool RecordTableModel::Criteria::accepts(const Record &r) const
{
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (r.fields.value(it.key()) != it.value())
            return false;
    }
    if (from != std::numeric_limits<qint64>::min() || to != std::numeric_limits<qint64>::max()) {
        // An uncertain time [start, end] overlaps the range when it could have happened inside it.
        if (r.timeStart < 0 || !(r.timeStart < to && from <= r.timeEnd))
            return false;
    }
    return needle.isEmpty() || r.search.contains(needle);
}

bool RecordTableModel::hasFilter() const
{
    return !m_criteria.isEmpty() || hasExtraFilter();
}

bool RecordTableModel::acceptsSlot(int slot) const
{
    return m_criteria.accepts(m_records.at(slot)) && acceptsExtra(slot);
}

std::optional<FilterJob> RecordTableModel::filterJob() const
{
    FilterJob job;
    // Implicitly shared: a change on this thread while the job runs detaches this model's copy.
    job.run = [records = m_records, criteria = m_criteria, extra = extraFilter()](const QList<int> *candidates,
                                                                                  const std::atomic_bool &cancelled) {
        return filterSlots(int(records.size()), candidates, cancelled, [&](int slot) {
            const Record &r = records.at(slot);
            return r.alive && criteria.accepts(r) && (!extra || extra(slot));
        });
    };
    return job;
}

// ---- sorting and data --------------------------------------------------------------------------------------

namespace {

/// The order of a base column (compareSlots() and the sort job share it).
int compareRecords(RecordTableModel::Kind kind, int column, const RecordTableModel::Record &x,
                   const RecordTableModel::Record &y, const QHash<QString, QString> &lockNames)
{
    auto lockName = [&lockNames](const QString &id) {
        const QString name = lockNames.value(id);
        return name.isEmpty() ? id : name;
    };
    switch (kind) {
    case RecordTableModel::Kind::Range:
        return x.timeStart < y.timeStart ? -1 : (x.timeStart > y.timeStart ? 1 : 0);
    case RecordTableModel::Kind::LockName:
        return QString::compare(lockName(x.values.at(column).toString()), lockName(y.values.at(column).toString()),
                                Qt::CaseInsensitive);
    default:
        return compareVariants(x.values.at(column), y.values.at(column));
    }
}

} // namespace

int RecordTableModel::compareSlots(int column, int a, int b) const
{
    if (column >= baseColumnCount())
        return compareExtra(column, a, b);
    return compareRecords(m_config.columns.at(column).kind, column, m_records.at(a), m_records.at(b), m_lockNames);
}

std::optional<SortJob> RecordTableModel::sortJob(int column) const
{
    if (column < 0 || column >= baseColumnCount())
        return std::nullopt;
    SortJob job;
    job.entries.reserve(std::size_t(m_records.size()));
    for (qsizetype slot = 0; slot < m_records.size(); ++slot) {
        if (m_records.at(slot).alive)
            job.entries.push_back({ 0, 0, qint32(slot) });
    }
    // Implicitly shared: a change on this thread while the job runs detaches this model's copy.
    auto records = std::make_shared<const QList<Record>>(m_records);
    auto names = std::make_shared<const QHash<QString, QString>>(m_lockNames);
    job.tie
        = [records, names, kind = m_config.columns.at(column).kind, column](const SortEntry &a, const SortEntry &b) {
              return compareRecords(kind, column, records->at(a.slot), records->at(b.slot), *names);
          };
    return job;
}

QString RecordTableModel::displayText(const Config &config, const FacilityZone &zone,
                                      const QHash<QString, QString> &lockNames, const Record &r, int column)
{
    const Column &c = config.columns.at(column);
    const QVariant &v = r.values.at(column);
    switch (c.kind) {
    case Kind::Instant:
        return v.isNull() ? QString() : ModelText::instant(zone, v.toLongLong());
    case Kind::Range:
        return ModelText::range(zone, r.timeStart, r.timeEnd);
    case Kind::LockName: {
        const QString name = lockNames.value(v.toString());
        return name.isEmpty() ? v.toString() : name;
    }
    case Kind::Number:
        return v.isNull() ? QString() : QString::number(v.toLongLong());
    case Kind::Text:
        return c.field == config.statusField && config.statusText ? config.statusText(v.toString()) : v.toString();
    }
    return {};
}

QString RecordTableModel::displayOf(const Record &r, int column) const
{
    return displayText(m_config, m_zone, m_lockNames, r, column);
}

QVariant RecordTableModel::slotData(int slot, int column, int role) const
{
    const Record &r = m_records.at(slot);
    if (column >= baseColumnCount()) {
        const QVariant extra = extraData(slot, column, role);
        if (extra.isValid() || role == Qt::DisplayRole || role == SortRole)
            return extra;
    }
    switch (role) {
    case Qt::DisplayRole:
        return displayOf(r, column);
    case SortRole:
        switch (m_config.columns.at(column).kind) {
        case Kind::Range:
            return r.timeStart;
        case Kind::LockName:
            return displayOf(r, column).toCaseFolded();
        case Kind::Text:
            return r.values.at(column).toString().toCaseFolded();
        default:
            return r.values.at(column);
        }
    case StatusRole:
        return r.status;
    case StatusColorRole:
        return r.pending > 0 ? QStringLiteral("warning") : toneOf(r);
    case PendingRole:
        return r.pending > 0;
    case PendingOpRole:
        return r.pendingOp;
    case IdRole:
        return r.id;
    case RangeStartRole:
        return r.timeStart < 0 ? QVariant() : QVariant(r.timeStart);
    case RangeEndRole:
        return r.timeEnd < 0 ? QVariant() : QVariant(r.timeEnd);
    case LockIdRole: {
        const int i = int(m_config.filterFields.indexOf(QStringLiteral("lock_id")));
        return i < 0 ? QVariant() : QVariant(r.fields.at(i));
    }
    case UserIdRole: {
        const int i = int(m_config.filterFields.indexOf(QStringLiteral("user_id")));
        return i < 0 ? QVariant() : QVariant(r.fields.at(i));
    }
    default:
        return {};
    }
}

} // namespace Keydesk::Core
