-- Keyed checkpoints of the audit chain's head (app.mysay.audit.AuditCheckpoints; "Audit trail" in
-- docs/architecture.md). The hash chain alone cannot stop whoever owns the database from recomputing every link after
-- a change, or from deleting the newest events with their links: the chain still fits together. So, every few
-- minutes, MySay writes the head (its position and hash) with an HMAC-SHA-256 under a key from its configuration,
-- which the database does not hold: a checkpoint nobody can forge without that key. Each one is also exported (the
-- log, and optionally a write-once directory) for the operator to keep outside the database, and the verification
-- checks the chain against every checkpoint it can find: a recomputed chain no longer matches a checkpoint's hash,
-- and a chain cut short no longer reaches a checkpoint's position.
create table audit_checkpoint (
    id        bigint generated always as identity primary key,
    position  bigint      not null check (position >= 0),
    head_hash bytea       check (octet_length(head_hash) = 32),
    made_at   timestamptz not null,
    mac       bytea       not null check (octet_length(mac) = 32)
);
create index audit_checkpoint_made_at_idx on audit_checkpoint (made_at);

-- As append-only as the events and their links.
create trigger audit_checkpoint_append_only before update or delete or truncate on audit_checkpoint
    for each statement execute function audit_event_is_append_only();
