-- The audit trail becomes append-only and hash-chained (see "Audit trail" in docs/architecture.md).
--
-- Each row's hash is SHA-256 over an unambiguous encoding of its fields and the previous row's hash (in id order),
-- so changing or removing a row breaks the chain from that point on; GET /api/audit/verification walks it.
-- The hash is computed here, by a trigger, and checked by Java (audit.AuditChain), which encodes the same fields
-- independently: the two must agree byte for byte.

alter table audit_event add column prev_hash bytea, add column hash bytea;

-- One field: '~' when null, otherwise its length in UTF-8 bytes, ':', and those bytes (a netstring without the comma).
create function audit_event_field(value text) returns bytea language sql immutable as $$
    select case when value is null then '\x7e'::bytea
                else convert_to(octet_length(convert_to(value, 'UTF8')) || ':', 'UTF8') || convert_to(value, 'UTF8')
           end
$$;

create function audit_event_hash(id bigint, at timestamptz, actor_id uuid, actor_role text, action text,
        child_id uuid, conference_id uuid, detail text, prev_hash bytea) returns bytea language sql immutable as $$
    select sha256(audit_event_field('mysay-audit-v1')
        || audit_event_field(id::text)
        || audit_event_field(((extract(epoch from at) * 1000000)::bigint)::text)
        || audit_event_field(actor_id::text)
        || audit_event_field(actor_role)
        || audit_event_field(action)
        || audit_event_field(child_id::text)
        || audit_event_field(conference_id::text)
        || audit_event_field(detail)
        || audit_event_field(encode(prev_hash, 'hex')))
$$;

-- Rows written before this migration are chained in id order, so the whole table verifies. No instance may append
-- meanwhile.
lock table audit_event in exclusive mode;
do $$
declare
    r        record;
    previous bytea;
    current  bytea;
begin
    for r in select * from audit_event order by id loop
        current := audit_event_hash(r.id, r.at, r.actor_id, r.actor_role, r.action, r.child_id, r.conference_id,
                                    r.detail, previous);
        update audit_event set prev_hash = previous, hash = current where id = r.id;
        previous := current;
    end loop;
end
$$;

alter table audit_event alter column hash set not null,
    add constraint audit_event_hash_is_sha256 check (octet_length(hash) = 32 and octet_length(prev_hash) = 32);

-- Appends are serialised by a transaction-level advisory lock (held until commit or rollback), and the id is taken
-- from the sequence only once the lock is held: so ids follow the order in which appends commit, the newest row is
-- always the head of the chain, and two writers can never chain onto the same row. The column default goes, so every
-- id comes from here. Whatever the application puts in id, prev_hash or hash is overwritten.
alter table audit_event alter column id drop default;

create function audit_event_chain() returns trigger language plpgsql as $$
begin
    -- 'mysay' in ASCII: the one advisory lock key MySay uses for the audit chain.
    perform pg_advisory_xact_lock(469853956473);
    new.id := nextval('audit_event_id_seq');
    new.prev_hash := (select hash from audit_event order by id desc limit 1);
    new.hash := audit_event_hash(new.id, new.at, new.actor_id, new.actor_role, new.action, new.child_id,
                                 new.conference_id, new.detail, new.prev_hash);
    return new;
end
$$;
create trigger audit_event_chain before insert on audit_event
    for each row execute function audit_event_chain();

-- Append-only. Triggers fire for the table's owner and for superusers too (only session_replication_role = replica,
-- or ALTER TABLE ... DISABLE TRIGGER by the owner, gets past them: which is why production runs the application as a
-- role that owns nothing and has only SELECT and INSERT here). Statement-level, so even a statement that would touch
-- no rows is refused.
create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit events are append-only (% refused)', tg_op using errcode = 'P0001';
end
$$;
create trigger audit_event_append_only before update or delete or truncate on audit_event
    for each statement execute function audit_event_is_append_only();
