-- 0001_initial: the whole schema of keydesk-server (issue 4).
--
-- Conventions (shared by every repository, S1's and S2's):
--  * ids are TEXT uuids (lower-case, no braces) unless noted;
--  * every instant is INTEGER unix milliseconds UTC (columns named *_at, valid_from/valid_to, recorded_time,
--    range_start/range_end); NULL means "none / open";
--  * booleans are INTEGER 0/1;
--  * every table the desktop syncs has `revision`, stamped by the triggers at the end of this file from the one
--    database-wide counter meta.revision; deletions leave a row in `tombstones`. No code path sets `revision`.

CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value
);
INSERT INTO meta(key, value) VALUES ('revision', 0);

CREATE TABLE tombstones (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    revision INTEGER NOT NULL
);
CREATE INDEX tombstones_revision ON tombstones(revision);

CREATE TABLE companies (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    -- SHA-256 hex of the random API keys: they carry 256 bits of entropy, so a fast hash is enough.
    company_api_key_hash TEXT NOT NULL UNIQUE,
    mobile_api_key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE facilities (
    id TEXT PRIMARY KEY NOT NULL,
    company_id TEXT NOT NULL REFERENCES companies(id),
    name TEXT NOT NULL,
    timezone TEXT NOT NULL,
    geofence_lat REAL,
    geofence_lon REAL,
    geofence_radius_m REAL,
    created_at INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX facilities_company ON facilities(company_id);

CREATE TABLE units (
    id TEXT PRIMARY KEY NOT NULL,
    facility_id TEXT NOT NULL REFERENCES facilities(id),
    name TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    UNIQUE (facility_id, name)
);

CREATE TABLE locks (
    id TEXT PRIMARY KEY NOT NULL,
    company_id TEXT NOT NULL REFERENCES companies(id),
    facility_id TEXT NOT NULL REFERENCES facilities(id),
    unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
    name TEXT NOT NULL DEFAULT '',
    mac TEXT NOT NULL,                       -- canonical "AA:BB:CC:DD:EE:FF"
    serial TEXT NOT NULL DEFAULT '',
    hw_version TEXT NOT NULL DEFAULT '',
    fw_version TEXT NOT NULL DEFAULT '',
    sealed_secret BLOB NOT NULL,             -- lockproto sealSecret() under the key-encryption key; never served
    status TEXT NOT NULL DEFAULT 'awaiting_setup' CHECK (status IN ('awaiting_setup', 'ready')),
    setup_count INTEGER NOT NULL DEFAULT 0,
    internal_battery_mv INTEGER NOT NULL DEFAULT 0,
    external_battery_mv INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER,
    revocation_version INTEGER NOT NULL DEFAULT 0,       -- raised by every revocation touching this lock
    revocation_min_epoch INTEGER NOT NULL DEFAULT 0,     -- raised by "revoke all"
    delivered_revocation_version INTEGER NOT NULL DEFAULT 0, -- what the lock acknowledged (via /upload/)
    log_seq_high INTEGER NOT NULL DEFAULT 0,             -- highest log sequence number uploaded
    revision INTEGER NOT NULL DEFAULT 0,
    UNIQUE (company_id, mac)
);
CREATE INDEX locks_facility ON locks(facility_id);
CREATE INDEX locks_serial ON locks(company_id, serial);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    facility_id TEXT NOT NULL REFERENCES facilities(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'tenant' CHECK (kind IN ('tenant', 'shared', 'contractor')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'delinquent', 'suspended')),
    tracking_key TEXT NOT NULL UNIQUE,
    offline_epoch INTEGER NOT NULL DEFAULT 0,  -- raised to invalidate every offline key of the user at once
    created_at INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX users_facility ON users(facility_id);

CREATE TABLE user_groups (
    id TEXT PRIMARY KEY NOT NULL,
    facility_id TEXT NOT NULL REFERENCES facilities(id),
    name TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE user_group_members (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL DEFAULT 0,
    UNIQUE (group_id, user_id)
);
CREATE INDEX user_group_members_user ON user_group_members(user_id);

CREATE TABLE lock_groups (
    id TEXT PRIMARY KEY NOT NULL,
    facility_id TEXT NOT NULL REFERENCES facilities(id),
    name TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE lock_group_members (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES lock_groups(id) ON DELETE CASCADE,
    lock_id TEXT NOT NULL REFERENCES locks(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL DEFAULT 0,
    UNIQUE (group_id, lock_id)
);
CREATE INDEX lock_group_members_lock ON lock_group_members(lock_id);

-- A digital key (access grant). Exactly one of lock_id / lock_group_id and of user_id / user_group_id is set.
CREATE TABLE keys (
    id TEXT PRIMARY KEY NOT NULL,
    facility_id TEXT NOT NULL REFERENCES facilities(id),
    description TEXT NOT NULL DEFAULT '',
    lock_id TEXT REFERENCES locks(id),
    lock_group_id TEXT REFERENCES lock_groups(id),
    user_id TEXT REFERENCES users(id),
    user_group_id TEXT REFERENCES user_groups(id),
    role TEXT NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'ADMIN')),
    valid_from INTEGER NOT NULL,
    valid_to INTEGER,                        -- NULL: open-ended
    restriction TEXT NOT NULL DEFAULT 'none' CHECK (restriction IN ('none', 'one_time', 'scheduled')),
    windows_json TEXT NOT NULL DEFAULT '[]', -- weekly windows, wall-clock in the facility's zone
    used_at INTEGER,                         -- one_time keys: when it was used
    created_by TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_by TEXT,
    revoked_reason TEXT,
    revision INTEGER NOT NULL DEFAULT 0,
    CHECK ((lock_id IS NULL) <> (lock_group_id IS NULL)),
    CHECK ((user_id IS NULL) <> (user_group_id IS NULL))
);
CREATE INDEX keys_facility ON keys(facility_id);
CREATE INDEX keys_lock ON keys(lock_id);
CREATE INDEX keys_user ON keys(user_id);
CREATE INDEX keys_lock_group ON keys(lock_group_id);
CREATE INDEX keys_user_group ON keys(user_group_id);

-- One offline credential per (lock, tracking key) as issued; the token itself is re-derivable, so only its
-- identity and lifetime are kept. key_id is the credential's id inside lockproto (what a revocation lists).
CREATE TABLE offline_keys (
    id TEXT PRIMARY KEY NOT NULL,
    lock_id TEXT NOT NULL REFERENCES locks(id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    tracking_key TEXT NOT NULL,
    key_id INTEGER NOT NULL,                 -- lockproto credential id (unique per lock)
    grant_id TEXT REFERENCES keys(id),       -- the digital key that allowed it, when there was one
    offline_key TEXT NOT NULL DEFAULT '',    -- what /keys/ returned (derived, lock-bound), for /keys/ display
    unlock_command TEXT NOT NULL DEFAULT '',
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    invalidated_at INTEGER,
    revision INTEGER NOT NULL DEFAULT 0,
    UNIQUE (lock_id, key_id)
);
CREATE INDEX offline_keys_lock_tracking ON offline_keys(lock_id, tracking_key);
CREATE INDEX offline_keys_user ON offline_keys(user_id);

CREATE TABLE quick_clicks (
    id TEXT PRIMARY KEY NOT NULL,
    lock_id TEXT NOT NULL REFERENCES locks(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    uses INTEGER NOT NULL,                   -- remaining (255 = unlimited)
    start_uses INTEGER NOT NULL,
    pending INTEGER NOT NULL DEFAULT 1,      -- issue/update not yet synced to the lock
    revoked INTEGER NOT NULL DEFAULT 0,      -- removal requested
    removal_delivered INTEGER NOT NULL DEFAULT 0, -- removal synced: the code may be issued again
    created_at INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quick_clicks_lock_code ON quick_clicks(lock_id, code);

CREATE TABLE activity (
    id TEXT PRIMARY KEY NOT NULL,
    lock_id TEXT NOT NULL REFERENCES locks(id) ON DELETE CASCADE,
    lock_mac TEXT NOT NULL,
    action TEXT NOT NULL,
    recorded_time INTEGER NOT NULL,          -- when the phone received it
    range_start INTEGER,                     -- earliest the event could have happened
    range_end INTEGER,                       -- latest
    tracking_key TEXT NOT NULL DEFAULT '',
    key_id INTEGER,
    seq INTEGER,                             -- the lock's log sequence number; NULL for server-side events
    session TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 0,
    UNIQUE (lock_id, seq)
);
CREATE INDEX activity_recorded ON activity(recorded_time);
CREATE INDEX activity_tracking ON activity(tracking_key);

CREATE TABLE log_gaps (
    lock_id TEXT NOT NULL REFERENCES locks(id) ON DELETE CASCADE,
    from_seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL,
    detected_at INTEGER NOT NULL,
    PRIMARY KEY (lock_id, from_seq)
);

CREATE TABLE staff (
    id TEXT PRIMARY KEY NOT NULL,
    company_id TEXT NOT NULL REFERENCES companies(id),
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'front_desk', 'auditor')),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    first_failed_at INTEGER,
    locked_until INTEGER,
    created_at INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL
);

-- Append-only: the triggers below refuse UPDATE and DELETE.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    at INTEGER NOT NULL,
    staff_id TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL DEFAULT '',
    before_json TEXT,
    after_json TEXT,
    revision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE idempotency (
    key TEXT NOT NULL,
    staff_id TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    response_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (key, staff_id)
);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    key_id TEXT REFERENCES keys(id) ON DELETE SET NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    access_code TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    revision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_unsent ON notifications(sent_at);

-- Change feed: stamp every insert/update with the next revision; leave a tombstone for every delete.
CREATE INDEX facilities_revision ON facilities(revision);
CREATE TRIGGER facilities_revision_insert AFTER INSERT ON facilities
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE facilities SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER facilities_revision_update AFTER UPDATE ON facilities WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE facilities SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER facilities_revision_delete AFTER DELETE ON facilities
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('facilities', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX units_revision ON units(revision);
CREATE TRIGGER units_revision_insert AFTER INSERT ON units
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE units SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER units_revision_update AFTER UPDATE ON units WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE units SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER units_revision_delete AFTER DELETE ON units
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('units', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX locks_revision ON locks(revision);
CREATE TRIGGER locks_revision_insert AFTER INSERT ON locks
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE locks SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER locks_revision_update AFTER UPDATE ON locks WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE locks SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER locks_revision_delete AFTER DELETE ON locks
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('locks', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX users_revision ON users(revision);
CREATE TRIGGER users_revision_insert AFTER INSERT ON users
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE users SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER users_revision_update AFTER UPDATE ON users WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE users SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER users_revision_delete AFTER DELETE ON users
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('users', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX user_groups_revision ON user_groups(revision);
CREATE TRIGGER user_groups_revision_insert AFTER INSERT ON user_groups
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE user_groups SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER user_groups_revision_update AFTER UPDATE ON user_groups WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE user_groups SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER user_groups_revision_delete AFTER DELETE ON user_groups
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('user_groups', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX user_group_members_revision ON user_group_members(revision);
CREATE TRIGGER user_group_members_revision_insert AFTER INSERT ON user_group_members
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE user_group_members SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER user_group_members_revision_update AFTER UPDATE ON user_group_members WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE user_group_members SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER user_group_members_revision_delete AFTER DELETE ON user_group_members
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('user_group_members', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX lock_groups_revision ON lock_groups(revision);
CREATE TRIGGER lock_groups_revision_insert AFTER INSERT ON lock_groups
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE lock_groups SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER lock_groups_revision_update AFTER UPDATE ON lock_groups WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE lock_groups SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER lock_groups_revision_delete AFTER DELETE ON lock_groups
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('lock_groups', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX lock_group_members_revision ON lock_group_members(revision);
CREATE TRIGGER lock_group_members_revision_insert AFTER INSERT ON lock_group_members
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE lock_group_members SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER lock_group_members_revision_update AFTER UPDATE ON lock_group_members WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE lock_group_members SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER lock_group_members_revision_delete AFTER DELETE ON lock_group_members
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('lock_group_members', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX keys_revision ON keys(revision);
CREATE TRIGGER keys_revision_insert AFTER INSERT ON keys
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE keys SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER keys_revision_update AFTER UPDATE ON keys WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE keys SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER keys_revision_delete AFTER DELETE ON keys
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('keys', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX offline_keys_revision ON offline_keys(revision);
CREATE TRIGGER offline_keys_revision_insert AFTER INSERT ON offline_keys
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE offline_keys SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER offline_keys_revision_update AFTER UPDATE ON offline_keys WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE offline_keys SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER offline_keys_revision_delete AFTER DELETE ON offline_keys
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('offline_keys', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX quick_clicks_revision ON quick_clicks(revision);
CREATE TRIGGER quick_clicks_revision_insert AFTER INSERT ON quick_clicks
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE quick_clicks SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER quick_clicks_revision_update AFTER UPDATE ON quick_clicks WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE quick_clicks SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER quick_clicks_revision_delete AFTER DELETE ON quick_clicks
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('quick_clicks', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX activity_revision ON activity(revision);
CREATE TRIGGER activity_revision_insert AFTER INSERT ON activity
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE activity SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER activity_revision_update AFTER UPDATE ON activity WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE activity SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER activity_revision_delete AFTER DELETE ON activity
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('activity', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX staff_revision ON staff(revision);
CREATE TRIGGER staff_revision_insert AFTER INSERT ON staff
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE staff SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER staff_revision_update AFTER UPDATE ON staff WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE staff SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER staff_revision_delete AFTER DELETE ON staff
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('staff', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE INDEX audit_log_revision ON audit_log(revision);
CREATE TRIGGER audit_log_revision_insert AFTER INSERT ON audit_log
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE audit_log SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE INDEX notifications_revision ON notifications(revision);
CREATE TRIGGER notifications_revision_insert AFTER INSERT ON notifications
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE notifications SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER notifications_revision_update AFTER UPDATE ON notifications WHEN NEW.revision = OLD.revision
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    UPDATE notifications SET revision = (SELECT value FROM meta WHERE key = 'revision') WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER notifications_revision_delete AFTER DELETE ON notifications
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision)
        VALUES ('notifications', OLD.id, (SELECT value FROM meta WHERE key = 'revision'));
END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF id, at, staff_id, action, entity, entity_id, before_json, after_json ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
