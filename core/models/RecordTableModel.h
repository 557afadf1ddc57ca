#pragma once

#include "core/domain/FacilityZone.h"
#include "core/models/CacheTableModel.h"

#include <QJsonObject>
#include <QVariantList>

#include <any>
#include <functional>
#include <limits>

namespace Keydesk::Core {

/// A table model over one cache entity of moderate size (users, locks, quick clicks, activity, audit): each
/// row keeps only the values of its columns, its filter fields and a case-folded search text, extracted once
/// from the cached JSON on the cache's thread. Filters (text, field equality, time range) run over those, never
/// over data(). Lock names are looked up (and followed) when a column shows a lock.
class RecordTableModel : public CacheTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordTableModel)

public:
    /// How a column's JSON field is shown and sorted.
    enum class Kind {
        Text,
        Instant, ///< ms UTC, shown in the facility zone
        Number,
        LockName, ///< a lock id, shown as the lock's name
        Range, ///< the row's time range (timeStart..timeEnd): exact or uncertain
    };
    struct Column
    {
        QString title;
        QString field;
        Kind kind = Kind::Text;
        bool searchable = false;
    };
    /// One row as held.
    struct Record
    {
        QString id;
        QVariantList values; ///< per column: QString or qint64 (null when absent)
        QStringList fields; ///< per Config::filterFields
        QString search; ///< searchable columns, case-folded, "\n"-separated
        qint64 timeStart = -1;
        qint64 timeEnd = -1;
        QString status;
        int pending = 0;
        QString pendingOp;
        bool alive = true;
    };
    /// What the model extracts from each JSON row.
    struct Config
    {
        QString entity;
        QList<Column> columns;
        QStringList filterFields; ///< fields setFieldFilter() may name (lock_id, user_id, status, ...)
        QString timeStartField; ///< the row's time, for setDateRange() and Kind::Range
        QString timeEndField; ///< end of an uncertain range (empty: same as the start)
        QString timeFallbackField; ///< used when the start is null (activity: recorded_time)
        QString statusField;
        /// Derives the status when it is not one field (quick clicks); thread-safe, pure.
        std::function<QString(const QJsonObject &)> statusOf;
        /// Display text of a status value (translated); the raw value when unset. Thread-safe, pure: the search
        /// text is prepared on the cache's thread.
        std::function<QString(const QString &)> statusText;
        /// Also run on the cache's thread during a full load, after the rows are parsed (slot = index in
        /// `records`; `nowMs`: the clock when the load started). Must use only its arguments. Derives the
        /// subclass's per-row state for every row there, so that the GUI thread only swaps it in: its result goes
        /// to installExtra() before the rows are placed.
        std::function<std::any(CacheDatabase &db, const QList<Record> &records, qint64 nowMs)> extraRead;
    };

    ~RecordTableModel() override;

    void setFacilityZone(const FacilityZone &zone);
    /// Case-insensitive substring of the searchable columns (lock names included).
    void setTextFilter(const QString &text);
    /// Rows whose `field` equals `value`; an empty value removes that condition.
    void setFieldFilter(const QString &field, const QString &value);
    /// Rows whose time (or time range) overlaps [from, to).
    void setDateRange(const QDateTime &from, const QDateTime &to);
    void clearFilters();

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    RecordTableModel(Config config, const Clock &clock, QObject *parent);

    /// StatusColorRole token of a row's status ("ok", "info", "warning", "danger", "muted").
    virtual QString toneOf(const Record &record) const = 0;
    /// Extra columns after Config::columns (UsersModel's offline-key column).
    virtual int extraColumnCount() const { return 0; }
    virtual QVariant extraHeader(int) const { return {}; }
    virtual QVariant extraData(int, int, int) const { return {}; }
    virtual int compareExtra(int, int, int) const { return 0; }
    virtual bool acceptsExtra(int) const { return true; }
    virtual bool hasExtraFilter() const { return false; }
    /// acceptsExtra() as a function that owns copies of what it reads, for a filter job on another thread; empty
    /// (the default): no extra filter.
    virtual std::function<bool(int)> extraFilter() const { return {}; }
    /// A row was (re)read by a change (not by a full load: see Config::extraRead): derive the subclass's state
    /// for it, before the base places it.
    virtual void recordUpdated(int) { }
    /// Entities the subclass follows besides the row entity and locks.
    virtual QStringList extraEntities() const { return {}; }
    virtual void applyExtraChanges(const QString &, const QStringList &) { }
    /// Takes Config::extraRead's result of a full load (empty when there is none), rows already swapped in;
    /// may scheduleBoundaries().
    virtual void installExtra(std::any &&) { }

    QStringList entities() const override;
    void startLoad() override;
    void applyChanges(const QString &entity, const QStringList &ids) override;
    int slotCount() const override { return int(m_records.size()); }
    bool slotAlive(int slot) const override { return m_records.at(slot).alive; }
    bool acceptsSlot(int slot) const override;
    bool hasFilter() const override;
    int compareSlots(int column, int a, int b) const override;
    /// Base columns sort on a worker thread over a copy-on-write share of the records; extra columns (their
    /// subclass's state) here.
    std::optional<SortJob> sortJob(int column) const override;
    /// Filters over a copy-on-write share of the records on a worker thread (200,000 users).
    std::optional<FilterJob> filterJob() const override;
    QVariant slotData(int slot, int column, int role) const override;
    int slotOfId(const QString &id) const override { return m_slotOf.value(id, -1); }

    const Record &record(int slot) const { return m_records.at(slot); }
    const FacilityZone &zone() const { return m_zone; }
    int baseColumnCount() const { return int(m_config.columns.size()); }
    /// Re-places a row after the subclass changed its derived state (wraps beginSlotChange/endSlotChange).
    template <typename Fn> void changeSlot(int slot, Fn fn)
    {
        beginSlotChange(slot);
        fn();
        endSlotChange();
    }

private:
    static Record parse(const Config &config, const CachedRow &row);
    /// A column's text as shown; static so the search text can be prepared on the cache's thread.
    static QString displayText(const Config &config, const FacilityZone &zone, const QHash<QString, QString> &lockNames,
                               const Record &r, int column);
    static void prepareSearch(const Config &config, const FacilityZone &zone, const QHash<QString, QString> &lockNames,
                              Record &r);
    QString displayOf(const Record &r, int column) const;
    void rebuildSearch(Record &r) const;
    void applyRows(const QStringList &ids, const QList<CachedRow> &rows);

    Config m_config;
    QList<Record> m_records;
    QHash<QString, int> m_slotOf;
    QHash<QString, QString> m_lockNames; ///< when a column shows a lock
    bool m_showsLocks = false;
    FacilityZone m_zone;

    /// The base filters: one value, so a filter job on another thread gets a copy.
    struct Criteria
    {
        QString needle; ///< case-folded
        QHash<int, QString> fields; ///< index into filterFields → value
        qint64 from = std::numeric_limits<qint64>::min();
        qint64 to = std::numeric_limits<qint64>::max();

        bool isEmpty() const;
        bool accepts(const Record &r) const;
    };
    Criteria m_criteria;
};

} // namespace Keydesk::Core
