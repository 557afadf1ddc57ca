-- 0002_coreapi_commands: what the Core API needs beyond 0001.
--
--  * offline_keys.epoch: the lock's revocation epoch (locks.revocation_min_epoch) the credential was issued in;
--    a "revoke all" raises min_epoch above it, and a single revocation only needs to list credentials whose epoch
--    is still >= min_epoch.
--  * quick_clicks.synced (below).
--  * issued_commands: which tracking key and kind each online command was sealed for, keyed by the lock's
--    session; /upload/ uses it to attribute the lock's log entries of that session to the tracking key.
--    Server-internal, not synced (no revision).

ALTER TABLE offline_keys ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;

-- quick_clicks.synced: some version of the code reached the lock in an online command, so revoking it needs a
-- removal synced too; a code revoked before it ever reached the lock is simply dropped.
ALTER TABLE quick_clicks ADD COLUMN synced INTEGER NOT NULL DEFAULT 0;

CREATE TABLE issued_commands (
    lock_id TEXT NOT NULL REFERENCES locks(id) ON DELETE CASCADE,
    session TEXT NOT NULL,                   -- 40 hex characters, as the lock made it
    kind TEXT NOT NULL,                      -- unlock | unshackle | fwupdate
    tracking_key TEXT NOT NULL DEFAULT '',
    issued_at INTEGER NOT NULL,
    PRIMARY KEY (lock_id, session)
);
CREATE INDEX issued_commands_issued ON issued_commands(issued_at);
