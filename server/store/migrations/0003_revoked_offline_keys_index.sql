-- 0003_revoked_offline_keys_index: every online command and offline credential carries the lock's revocation
-- state, read from the revoked, unexpired credentials of the lock. Without this partial index that read scans
-- every credential ever issued for the lock.
CREATE INDEX offline_keys_revoked ON offline_keys(lock_id, expires_at) WHERE invalidated_at IS NOT NULL;
