-- Retention and legal hold (app.mysay.retention; "Retention" in docs/architecture.md).

-- When the child's record was last reduced to what the audit trail needs (null: never). The purge takes a child again
-- only if something new has come since (a later conference, or the record filled in again).
alter table child add column purged_at timestamptz;

-- A legal hold stops the purge of one child, for as long as it lasts. Lifting it deletes the row: the audit trail keeps
-- that it was placed and lifted, by whom and when. The reason is a manager's short note, never in the audit trail.
create table legal_hold (
    child_id   uuid primary key references child (id),
    reason     varchar(200) not null,
    placed_by  uuid         not null references staff_account (id),
    placed_at  timestamptz  not null
);

-- Sent views still never change. They may now be deleted, but only by the retention purge: a transaction that has
-- declared itself one (set_config('mysay.purging', 'on', true), which lasts until that transaction ends), and never
-- while the child is under a legal hold. The setting is not a security boundary (any connection may set it); it keeps
-- a stray DELETE, from a bug or by hand, from removing what a child said, as before. UPDATE of a sent row is refused
-- whatever the setting, except re-encryption of the same text under a new key (V9's views_is_reencryption).
create or replace function views_sent_rows_are_immutable() returns trigger language plpgsql as $$
begin
    if old.status = 'SENT' then
        if tg_op = 'UPDATE' and views_is_reencryption(old, new) then
            return new;
        end if;
        if tg_op = 'DELETE' and current_setting('mysay.purging', true) = 'on' then
            if exists (select 1 from legal_hold h where h.child_id = old.child_id) then
                raise exception 'views under a legal hold cannot be purged (views %)', old.id using errcode = 'P0001';
            end if;
            return old;
        end if;
        raise exception 'sent views are immutable (views %)', old.id using errcode = 'P0001';
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end;
$$;

-- The purge deletes by child (views, invitations and devices already have an index starting with child_id).
create index notification_child_idx on notification (child_id) where child_id is not null;
create index webhook_delivery_child_idx on webhook_delivery (child_id);
create index idempotency_key_views_idx on idempotency_key (views_id);
