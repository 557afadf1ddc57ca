#include "core/models/FacilityModels.h"

#include <QCoreApplication>

namespace Keydesk::Core {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr)
{
    return QCoreApplication::translate("Keydesk::Core::Models", text, disambiguation);
}

using Kind = RecordTableModel::Kind;

RecordTableModel::Config locksConfig()
{
    RecordTableModel::Config c;
    c.entity = QStringLiteral("locks");
    c.columns = { { tr("Name"), QStringLiteral("name"), Kind::Text, true },
                  { tr("MAC address"), QStringLiteral("mac"), Kind::Text, true },
                  { tr("Serial"), QStringLiteral("serial"), Kind::Text, true },
                  { tr("Status", "lock setup state"), QStringLiteral("status"), Kind::Text, false },
                  { tr("Battery (mV)"), QStringLiteral("internal_battery_mv"), Kind::Number, false },
                  { tr("Firmware"), QStringLiteral("fw_version"), Kind::Text, false },
                  { tr("Last seen"), QStringLiteral("last_seen_at"), Kind::Instant, false } };
    c.filterFields = { QStringLiteral("status"), QStringLiteral("unit_id"), QStringLiteral("facility_id") };
    c.statusField = QStringLiteral("status");
    c.statusText = &LocksModel::statusWord;
    return c;
}

QString quickClickStatus(const QJsonObject &data)
{
    const bool revoked = data.value(QStringLiteral("revoked")).toInteger() != 0;
    if (revoked)
        return data.value(QStringLiteral("removal_delivered")).toInteger() != 0 ? QStringLiteral("removed")
                                                                                : QStringLiteral("removal_pending");
    return data.value(QStringLiteral("pending")).toInteger() != 0 ? QStringLiteral("pending")
                                                                  : QStringLiteral("active");
}

RecordTableModel::Config quickClicksConfig()
{
    RecordTableModel::Config c;
    c.entity = QStringLiteral("quick_clicks");
    c.columns = { { tr("Code", "quick-click code"), QStringLiteral("code"), Kind::Text, true },
                  { tr("Lock"), QStringLiteral("lock_id"), Kind::LockName, true },
                  { tr("Uses left"), QStringLiteral("uses"), Kind::Number, false },
                  { tr("Uses"), QStringLiteral("start_uses"), Kind::Number, false },
                  { tr("Created"), QStringLiteral("created_at"), Kind::Instant, false } };
    c.filterFields = { QStringLiteral("lock_id") };
    c.timeStartField = QStringLiteral("created_at");
    c.statusOf = quickClickStatus;
    return c;
}

RecordTableModel::Config activityConfig()
{
    RecordTableModel::Config c;
    c.entity = QStringLiteral("activity");
    c.columns = { { tr("Time"), QString(), Kind::Range, false },
                  { tr("Lock"), QStringLiteral("lock_id"), Kind::LockName, true },
                  { tr("Action", "activity log event"), QStringLiteral("action"), Kind::Text, true },
                  { tr("Tracking key"), QStringLiteral("tracking_key"), Kind::Text, true },
                  { tr("Received"), QStringLiteral("recorded_time"), Kind::Instant, false } };
    c.filterFields = { QStringLiteral("lock_id"), QStringLiteral("tracking_key"), QStringLiteral("action") };
    // The lock's own time range when the exact instant is unknown; else when the phone received it.
    c.timeStartField = QStringLiteral("range_start");
    c.timeEndField = QStringLiteral("range_end");
    c.timeFallbackField = QStringLiteral("recorded_time");
    c.statusField = QStringLiteral("action");
    return c;
}

RecordTableModel::Config auditConfig()
{
    RecordTableModel::Config c;
    c.entity = QStringLiteral("audit_log");
    c.columns = { { tr("When"), QStringLiteral("at"), Kind::Instant, false },
                  { tr("Staff"), QStringLiteral("staff_id"), Kind::Text, true },
                  { tr("Action", "audit log entry"), QStringLiteral("action"), Kind::Text, true },
                  { tr("Entity"), QStringLiteral("entity"), Kind::Text, true },
                  { tr("Entity id"), QStringLiteral("entity_id"), Kind::Text, true } };
    c.filterFields = { QStringLiteral("staff_id"), QStringLiteral("entity"), QStringLiteral("entity_id"),
                       QStringLiteral("action") };
    c.timeStartField = QStringLiteral("at");
    return c;
}

} // namespace

LocksModel::LocksModel(const Clock &clock, QObject *parent)
    : RecordTableModel(locksConfig(), clock, parent)
{ }

QString LocksModel::toneOf(const Record &record) const
{
    return record.status == QLatin1String("ready") ? QStringLiteral("ok") : QStringLiteral("warning");
}

QString LocksModel::statusWord(const QString &status)
{
    if (status == QLatin1String("ready"))
        //: Lock setup state
        return tr("Ready");
    if (status == QLatin1String("awaiting_setup"))
        //: Lock setup state
        return tr("Awaiting setup");
    return status;
}

QuickClicksModel::QuickClicksModel(const Clock &clock, QObject *parent)
    : RecordTableModel(quickClicksConfig(), clock, parent)
{ }

QString QuickClicksModel::toneOf(const Record &record) const
{
    if (record.status == QLatin1String("active"))
        return QStringLiteral("ok");
    if (record.status == QLatin1String("removed"))
        return QStringLiteral("muted");
    return QStringLiteral("warning"); // waiting for the next online unlock to reach the lock
}

ActivityModel::ActivityModel(const Clock &clock, QObject *parent)
    : RecordTableModel(activityConfig(), clock, parent)
{
    sort(TimeColumn, Qt::DescendingOrder); // newest first
}

QString ActivityModel::toneOf(const Record &record) const
{
    const QString &a = record.status;
    if (a == QLatin1String("failed_unlock") || a == QLatin1String("alarm_triggered"))
        return QStringLiteral("danger");
    if (a.startsWith(QLatin1String("unlock")) || a == QLatin1String("setup_unlocked"))
        return QStringLiteral("ok");
    return QStringLiteral("muted");
}

AuditModel::AuditModel(const Clock &clock, QObject *parent)
    : RecordTableModel(auditConfig(), clock, parent)
{
    sort(AtColumn, Qt::DescendingOrder);
}

QString AuditModel::toneOf(const Record &) const
{
    return QStringLiteral("muted");
}

} // namespace Keydesk::Core
