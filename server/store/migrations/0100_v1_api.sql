-- 0100_v1_api: what the /v1 management API (S2) needs beyond 0001.
--
--  * tombstones.company_id: the change feed must never show another company's rows, and a deleted row can no
--    longer be joined to find its company, so the delete triggers record it. They replace 0001's triggers of
--    the same name (same revision/tombstone behaviour, one more column). NULL when the parent was already gone
--    (a cascade); such tombstones are shown to nobody — the parent's own tombstone covers them.
--  * users.mobile_secret_hash: the tenant credential of /v1/mobile (SHA-256 hex of a random bearer secret that
--    staff issue; the secret itself is shown once and never stored).
--  * audit_log.company_id: audit queries are per company, also for entries without a staff member.

ALTER TABLE tombstones ADD COLUMN company_id TEXT;
CREATE INDEX tombstones_company_revision ON tombstones(company_id, revision);

ALTER TABLE users ADD COLUMN mobile_secret_hash TEXT;
CREATE UNIQUE INDEX users_mobile_secret ON users(mobile_secret_hash) WHERE mobile_secret_hash IS NOT NULL;

ALTER TABLE audit_log ADD COLUMN company_id TEXT;
CREATE INDEX audit_log_company_at ON audit_log(company_id, at);
CREATE TRIGGER audit_log_no_update_company BEFORE UPDATE OF company_id ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE INDEX idempotency_created ON idempotency(created_at);

DROP TRIGGER facilities_revision_delete;
CREATE TRIGGER facilities_revision_delete AFTER DELETE ON facilities
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('facilities', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                OLD.company_id);
END;

DROP TRIGGER units_revision_delete;
CREATE TRIGGER units_revision_delete AFTER DELETE ON units
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('units', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT company_id FROM facilities WHERE id = OLD.facility_id));
END;

DROP TRIGGER locks_revision_delete;
CREATE TRIGGER locks_revision_delete AFTER DELETE ON locks
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('locks', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                OLD.company_id);
END;

DROP TRIGGER users_revision_delete;
CREATE TRIGGER users_revision_delete AFTER DELETE ON users
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('users', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT company_id FROM facilities WHERE id = OLD.facility_id));
END;

DROP TRIGGER user_groups_revision_delete;
CREATE TRIGGER user_groups_revision_delete AFTER DELETE ON user_groups
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('user_groups', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT company_id FROM facilities WHERE id = OLD.facility_id));
END;

DROP TRIGGER user_group_members_revision_delete;
CREATE TRIGGER user_group_members_revision_delete AFTER DELETE ON user_group_members
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('user_group_members', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT f.company_id FROM user_groups g JOIN facilities f ON f.id = g.facility_id WHERE g.id = OLD.group_id));
END;

DROP TRIGGER lock_groups_revision_delete;
CREATE TRIGGER lock_groups_revision_delete AFTER DELETE ON lock_groups
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('lock_groups', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT company_id FROM facilities WHERE id = OLD.facility_id));
END;

DROP TRIGGER lock_group_members_revision_delete;
CREATE TRIGGER lock_group_members_revision_delete AFTER DELETE ON lock_group_members
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('lock_group_members', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT f.company_id FROM lock_groups g JOIN facilities f ON f.id = g.facility_id WHERE g.id = OLD.group_id));
END;

DROP TRIGGER keys_revision_delete;
CREATE TRIGGER keys_revision_delete AFTER DELETE ON keys
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('keys', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT company_id FROM facilities WHERE id = OLD.facility_id));
END;

DROP TRIGGER offline_keys_revision_delete;
CREATE TRIGGER offline_keys_revision_delete AFTER DELETE ON offline_keys
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('offline_keys', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT company_id FROM locks WHERE id = OLD.lock_id));
END;

DROP TRIGGER quick_clicks_revision_delete;
CREATE TRIGGER quick_clicks_revision_delete AFTER DELETE ON quick_clicks
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('quick_clicks', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT company_id FROM locks WHERE id = OLD.lock_id));
END;

DROP TRIGGER activity_revision_delete;
CREATE TRIGGER activity_revision_delete AFTER DELETE ON activity
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('activity', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT company_id FROM locks WHERE id = OLD.lock_id));
END;

DROP TRIGGER staff_revision_delete;
CREATE TRIGGER staff_revision_delete AFTER DELETE ON staff
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('staff', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                OLD.company_id);
END;

DROP TRIGGER notifications_revision_delete;
CREATE TRIGGER notifications_revision_delete AFTER DELETE ON notifications
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'revision';
    INSERT INTO tombstones(entity, entity_id, revision, company_id)
        VALUES ('notifications', OLD.id, (SELECT value FROM meta WHERE key = 'revision'),
                (SELECT f.company_id FROM users u JOIN facilities f ON f.id = u.facility_id WHERE u.id = OLD.user_id));
END;
