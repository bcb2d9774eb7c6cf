-- The audit chain's lock is taken at commit, not at the append (see "Audit trail" in docs/architecture.md).
--
-- Until now a BEFORE INSERT trigger took the chain's advisory lock as the event was inserted, and the transaction held
-- it until it ended: through every later statement and the round trip for COMMIT. Every transaction that audits
-- anything (each sending, each read of a child's views) queued behind the one before, and the benchmark found the
-- holder idle in transaction most of that time (docs/performance.md).
--
-- Now an event is inserted without the lock, and a deferred constraint trigger links it into the chain as its
-- transaction commits: the lock is held only from there to the end of the commit, inside the server. The links live
-- in their own table, audit_seal, so neither table is ever updated: one row per event, in the order the events'
-- transactions committed (position 1, 2, 3, ... with no gaps), holding the previous link's hash and this event's.
-- The hash is the one V6 defined, over the event's id and fields and the previous link's hash, so the links made by
-- V6 move over unchanged; only the order is now the position, not the event's id (the two differ when transactions
-- commit in another order than they inserted).

create table audit_seal (
    position  bigint primary key check (position > 0),
    event_id  bigint not null unique references audit_event (id),
    prev_hash bytea check (octet_length(prev_hash) = 32),
    hash      bytea not null check (octet_length(hash) = 32)
);

lock table audit_event in exclusive mode;

insert into audit_seal (position, event_id, prev_hash, hash)
select row_number() over (order by id), id, prev_hash, hash from audit_event order by id;

drop trigger audit_event_chain on audit_event;
drop function audit_event_chain();
alter table audit_event drop constraint audit_event_hash_is_sha256, drop column prev_hash, drop column hash;

-- Ids still come from the sequence whatever the application sends (and no longer under any lock).
create function audit_event_id() returns trigger language plpgsql as $$
begin
    new.id := nextval('audit_event_id_seq');
    return new;
end
$$;
create trigger audit_event_id before insert on audit_event for each row execute function audit_event_id();

-- Runs at commit, once per event the transaction appended, in the order they were appended. The lock ('mysay' in
-- ASCII, the key V6 used) is held from here to the end of the commit, so links are made one transaction at a time,
-- the head read here is the newest committed link, and two transactions can never link onto the same one. Under
-- REPEATABLE READ or SERIALIZABLE the head read here could be older than the newest link: the primary key on position
-- then refuses the commit rather than fork the chain (MySay uses READ COMMITTED).
create function audit_event_seal() returns trigger language plpgsql as $$
declare
    head audit_seal%rowtype;
begin
    perform pg_advisory_xact_lock(469853956473);
    select * into head from audit_seal order by position desc limit 1;
    insert into audit_seal (position, event_id, prev_hash, hash)
    values (coalesce(head.position, 0) + 1, new.id, head.hash,
            audit_event_hash(new.id, new.at, new.actor_id, new.actor_role, new.action, new.child_id,
                             new.conference_id, new.detail, head.hash));
    return null;
end
$$;
create constraint trigger audit_event_seal after insert on audit_event
    deferrable initially deferred for each row execute function audit_event_seal();

-- The links are as append-only as the events.
create trigger audit_seal_append_only before update or delete or truncate on audit_seal
    for each statement execute function audit_event_is_append_only();
