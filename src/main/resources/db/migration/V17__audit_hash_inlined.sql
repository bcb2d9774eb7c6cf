-- The audit chain's hash, computed in a fraction of the time (see "Audit trail" in docs/architecture.md).
--
-- V6 declared audit_event_field and audit_event_hash IMMUTABLE, but they call convert_to and extract(epoch from a
-- timestamptz), which PostgreSQL marks STABLE. A function whose body is more volatile than it says is never inlined,
-- so every link that V15's seal trigger made ran the SQL-function executor eleven times, planning each call's body
-- afresh: 1.7 ms of the server's CPU per audit event in the benchmark, all of it inside the commit, while holding the
-- chain's lock, so every audited transaction queued behind it. Declared STABLE, which is what they are, both are
-- inlined into the trigger's statement and planned once with it: 0.15 ms. The hash itself does not change: the same
-- bytes, the same algorithm, so every link already made still verifies (AuditChainTest).
alter function audit_event_field(text) stable;
alter function audit_event_hash(bigint, timestamptz, uuid, text, text, uuid, uuid, text, bytea) stable;
