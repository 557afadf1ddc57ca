#include "core/cache/CacheSchema.h"

namespace Keydesk::Core::CacheSchema {

const QList<EntityTable> &entityTables()
{
    static const QList<EntityTable> tables {
        { QStringLiteral("facilities"), { QStringLiteral("name"), QStringLiteral("timezone") } },
        { QStringLiteral("units"), { QStringLiteral("facility_id"), QStringLiteral("name") } },
        { QStringLiteral("locks"),
          { QStringLiteral("facility_id"), QStringLiteral("unit_id"), QStringLiteral("name"), QStringLiteral("mac"),
            QStringLiteral("status") } },
        { QStringLiteral("users"),
          { QStringLiteral("facility_id"), QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("kind"),
            QStringLiteral("status"), QStringLiteral("tracking_key") } },
        { QStringLiteral("user_groups"), { QStringLiteral("facility_id"), QStringLiteral("name") } },
        { QStringLiteral("user_group_members"), { QStringLiteral("group_id"), QStringLiteral("user_id") } },
        { QStringLiteral("lock_groups"), { QStringLiteral("facility_id"), QStringLiteral("name") } },
        { QStringLiteral("lock_group_members"), { QStringLiteral("group_id"), QStringLiteral("lock_id") } },
        { QStringLiteral("keys"),
          { QStringLiteral("facility_id"), QStringLiteral("lock_id"), QStringLiteral("lock_group_id"),
            QStringLiteral("user_id"), QStringLiteral("user_group_id"), QStringLiteral("valid_from"),
            QStringLiteral("valid_to"), QStringLiteral("revoked_at") } },
        { QStringLiteral("offline_keys"),
          { QStringLiteral("lock_id"), QStringLiteral("user_id"), QStringLiteral("expires_at"),
            QStringLiteral("invalidated_at") } },
        { QStringLiteral("quick_clicks"), { QStringLiteral("lock_id"), QStringLiteral("code") } },
        { QStringLiteral("activity"),
          { QStringLiteral("lock_id"), QStringLiteral("action"), QStringLiteral("recorded_time"),
            QStringLiteral("tracking_key") } },
        { QStringLiteral("staff"), { QStringLiteral("username"), QStringLiteral("role") } },
        { QStringLiteral("audit_log"),
          { QStringLiteral("at"), QStringLiteral("staff_id"), QStringLiteral("entity"), QStringLiteral("entity_id") } },
        { QStringLiteral("notifications"), { QStringLiteral("user_id"), QStringLiteral("key_id") } },
    };
    return tables;
}

const EntityTable *findEntity(const QString &entity)
{
    for (const EntityTable &t : entityTables()) {
        if (t.entity == entity)
            return &t;
    }
    return nullptr;
}

const QList<SecondaryIndex> &secondaryIndexes()
{
    static const QList<SecondaryIndex> indexes {
        { QStringLiteral("ix_units_facility_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_units_facility_id ON units(facility_id)") },
        { QStringLiteral("ix_locks_facility_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_locks_facility_id ON locks(facility_id)") },
        { QStringLiteral("ix_locks_mac"), QStringLiteral("CREATE INDEX IF NOT EXISTS ix_locks_mac ON locks(mac)") },
        { QStringLiteral("ix_users_facility_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_users_facility_id ON users(facility_id)") },
        { QStringLiteral("ix_users_name"), QStringLiteral("CREATE INDEX IF NOT EXISTS ix_users_name ON users(name)") },
        { QStringLiteral("ix_users_tracking_key"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_users_tracking_key ON users(tracking_key)") },
        { QStringLiteral("ix_user_group_members_group_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_user_group_members_group_id ON user_group_members(group_id)") },
        { QStringLiteral("ix_user_group_members_user_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_user_group_members_user_id ON user_group_members(user_id)") },
        { QStringLiteral("ix_lock_group_members_group_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_lock_group_members_group_id ON lock_group_members(group_id)") },
        { QStringLiteral("ix_lock_group_members_lock_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_lock_group_members_lock_id ON lock_group_members(lock_id)") },
        { QStringLiteral("ix_keys_lock_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_keys_lock_id ON keys(lock_id)") },
        { QStringLiteral("ix_keys_user_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_keys_user_id ON keys(user_id)") },
        { QStringLiteral("ix_keys_valid_to"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_keys_valid_to ON keys(valid_to)") },
        { QStringLiteral("ix_offline_keys_user_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_offline_keys_user_id ON offline_keys(user_id)") },
        { QStringLiteral("ix_offline_keys_lock_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_offline_keys_lock_id ON offline_keys(lock_id)") },
        { QStringLiteral("ix_quick_clicks_lock_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_quick_clicks_lock_id ON quick_clicks(lock_id)") },
        { QStringLiteral("ix_activity_lock_id_recorded_time"),
          QStringLiteral(
              "CREATE INDEX IF NOT EXISTS ix_activity_lock_id_recorded_time ON activity(lock_id, recorded_time)") },
        { QStringLiteral("ix_activity_recorded_time"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_activity_recorded_time ON activity(recorded_time)") },
        { QStringLiteral("ix_audit_log_at"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_audit_log_at ON audit_log(at)") },
        { QStringLiteral("ix_notifications_user_id"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_notifications_user_id ON notifications(user_id)") },
        { QStringLiteral("ix_facilities_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_facilities_pending ON facilities(pending) WHERE pending > 0") },
        { QStringLiteral("ix_units_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_units_pending ON units(pending) WHERE pending > 0") },
        { QStringLiteral("ix_locks_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_locks_pending ON locks(pending) WHERE pending > 0") },
        { QStringLiteral("ix_users_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_users_pending ON users(pending) WHERE pending > 0") },
        { QStringLiteral("ix_user_groups_pending"),
          QStringLiteral(
              "CREATE INDEX IF NOT EXISTS ix_user_groups_pending ON user_groups(pending) WHERE pending > 0") },
        { QStringLiteral("ix_user_group_members_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_user_group_members_pending ON user_group_members(pending) "
                         "WHERE pending > 0") },
        { QStringLiteral("ix_lock_groups_pending"),
          QStringLiteral(
              "CREATE INDEX IF NOT EXISTS ix_lock_groups_pending ON lock_groups(pending) WHERE pending > 0") },
        { QStringLiteral("ix_lock_group_members_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_lock_group_members_pending ON lock_group_members(pending) "
                         "WHERE pending > 0") },
        { QStringLiteral("ix_keys_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_keys_pending ON keys(pending) WHERE pending > 0") },
        { QStringLiteral("ix_offline_keys_pending"),
          QStringLiteral(
              "CREATE INDEX IF NOT EXISTS ix_offline_keys_pending ON offline_keys(pending) WHERE pending > 0") },
        { QStringLiteral("ix_quick_clicks_pending"),
          QStringLiteral(
              "CREATE INDEX IF NOT EXISTS ix_quick_clicks_pending ON quick_clicks(pending) WHERE pending > 0") },
        { QStringLiteral("ix_activity_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_activity_pending ON activity(pending) WHERE pending > 0") },
        { QStringLiteral("ix_staff_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_staff_pending ON staff(pending) WHERE pending > 0") },
        { QStringLiteral("ix_audit_log_pending"),
          QStringLiteral("CREATE INDEX IF NOT EXISTS ix_audit_log_pending ON audit_log(pending) WHERE pending > 0") },
        { QStringLiteral("ix_notifications_pending"),
          QStringLiteral(
              "CREATE INDEX IF NOT EXISTS ix_notifications_pending ON notifications(pending) WHERE pending > 0") },
    };
    return indexes;
}

// Migration 1 is written out literally (not generated from entityTables()): a shipped migration never changes.
// Every entity table: the feed row's id and revision, its full JSON, the pending mark of local changes not yet
// confirmed by the server (pending = how many, pending_op = the latest one's operation), and copied columns.
const QList<Migration> &migrations()
{
    static const QList<Migration> list {
        { 1,
          QStringLiteral(
              "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);\n"
              "CREATE TABLE facilities (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, name, timezone);\n"
              "CREATE TABLE units (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, facility_id, name);\n"
              "CREATE TABLE locks (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, facility_id, unit_id, name, mac, status);\n"
              "CREATE TABLE users (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, facility_id, name, email, kind, status, "
              "tracking_key);\n"
              "CREATE TABLE user_groups (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, facility_id, name);\n"
              "CREATE TABLE user_group_members (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT "
              "NULL, pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, group_id, user_id);\n"
              "CREATE TABLE lock_groups (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, facility_id, name);\n"
              "CREATE TABLE lock_group_members (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT "
              "NULL, pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, group_id, lock_id);\n"
              "CREATE TABLE keys (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, pending "
              "INTEGER NOT NULL DEFAULT 0, pending_op TEXT, facility_id, lock_id, lock_group_id, user_id, "
              "user_group_id, valid_from, valid_to, revoked_at);\n"
              "CREATE TABLE offline_keys (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, lock_id, user_id, expires_at, invalidated_at);\n"
              "CREATE TABLE quick_clicks (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, lock_id, code);\n"
              "CREATE TABLE activity (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, lock_id, action, recorded_time, tracking_key);\n"
              "CREATE TABLE staff (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, username, role);\n"
              "CREATE TABLE audit_log (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, "
              "pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, at, staff_id, entity, entity_id);\n"
              "CREATE TABLE notifications (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL, data TEXT NOT "
              "NULL, pending INTEGER NOT NULL DEFAULT 0, pending_op TEXT, user_id, key_id);\n"
              // The server's version of rows that have local changes pending (data NULL: absent on the server),
              // so a rejected change can be rolled back and the others re-applied on top.
              "CREATE TABLE base_rows (entity TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL, data TEXT, "
              "PRIMARY KEY (entity, id));\n"
              // Every local mutation, written before it is applied or sent.
              "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE, "
              "op TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, body TEXT, entity TEXT NOT NULL, "
              "entity_id TEXT NOT NULL, effect TEXT NOT NULL CHECK (effect IN ('upsert', 'merge', 'delete')), "
              "effect_data TEXT, state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', "
              "'rejected')), attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0, "
              "created_at INTEGER NOT NULL, sent_at INTEGER, error_kind TEXT, error_code TEXT, error_message TEXT, "
              "error_field TEXT);\n"
              "CREATE INDEX outbox_row ON outbox(entity, entity_id, state);\n"
              "INSERT INTO meta(key, value) VALUES ('last_revision', '0')") },
    };
    return list;
}

int latestVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

} // namespace Keydesk::Core::CacheSchema
