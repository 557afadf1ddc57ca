#pragma once

#include "core/models/RecordTableModel.h"

namespace Keydesk::Core {

/// The facility's locks: name, MAC, serial, setup status, battery, firmware, last seen.
class LocksModel final : public RecordTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocksModel)

public:
    enum Column { NameColumn, MacColumn, SerialColumn, StatusColumn, BatteryColumn, FirmwareColumn, LastSeenColumn };
    /// A status value in words (translated); the raw value when unknown. Thread-safe.
    static QString statusWord(const QString &status);
    explicit LocksModel(const Clock &clock = Clock::system(), QObject *parent = nullptr);

protected:
    QString toneOf(const Record &record) const override;
};

/// Quick-click codes per lock, with their sync state (pending until the next online unlock reaches the lock).
class QuickClicksModel final : public RecordTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuickClicksModel)

public:
    enum Column { CodeColumn, LockColumn, UsesColumn, StartUsesColumn, CreatedColumn };
    /// Filter field: "lock_id". StatusRole: "pending", "active", "removal_pending" or "removed".
    explicit QuickClicksModel(const Clock &clock = Clock::system(), QObject *parent = nullptr);

protected:
    QString toneOf(const Record &record) const override;
};

/// The activity log. Events whose exact time is unknown (offline unlocks, quick clicks) show their range;
/// RangeStartRole/RangeEndRole carry it. Filter fields: "lock_id", "tracking_key", "action".
class ActivityModel final : public RecordTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityModel)

public:
    enum Column { TimeColumn, LockColumn, ActionColumn, TrackingKeyColumn, RecordedColumn };
    explicit ActivityModel(const Clock &clock = Clock::system(), QObject *parent = nullptr);

protected:
    QString toneOf(const Record &record) const override;
};

/// The staff audit log (who, what, when). Filter fields: "staff_id", "entity", "entity_id", "action".
class AuditModel final : public RecordTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditModel)

public:
    enum Column { AtColumn, StaffColumn, ActionColumn, EntityColumn, EntityIdColumn };
    explicit AuditModel(const Clock &clock = Clock::system(), QObject *parent = nullptr);

protected:
    QString toneOf(const Record &record) const override;
};

} // namespace Keydesk::Core
