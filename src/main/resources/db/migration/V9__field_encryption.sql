-- Every free-text part of a child's views, and the chair's message to the child, is stored encrypted by the
-- application (app.mysay.security.FieldEncryption: Tink AES-256-GCM, associated data binding each value to its table,
-- column, row and child). The key lives in configuration, never here, so this migration cannot encrypt existing text:
-- it refuses to run while any plaintext is present (nothing is dropped then, and MySay does not start), and otherwise
-- replaces the text columns with bytea ones. No deployment holds views yet; a dev database that does must be recreated.
do $$
begin
    if exists (select 1 from views where good_things is not null or worries is not null or wishes is not null
               or who_with_me is not null or questions_for_chair is not null or tell_chair_first is not null
               or helper_name is not null or helper_role is not null or not_read_back_reason is not null)
       or exists (select 1 from conference_child where outcome_message is not null) then
        raise exception 'V9__field_encryption: views or conference_child hold plaintext, which this migration cannot '
            'encrypt (the key is not in the database). Recreate this (dev) database, or export and clear the text first.';
    end if;
end;
$$;

-- Sent rows are immutable, so the trigger must let this migration through.
alter table views disable trigger views_immutable;
alter table views
    drop column good_things,
    drop column worries,
    drop column wishes,
    drop column who_with_me,
    drop column questions_for_chair,
    drop column tell_chair_first,
    drop column helper_name,
    drop column helper_role,
    drop column not_read_back_reason,
    add column good_things_enc          bytea,
    add column worries_enc              bytea,
    add column wishes_enc               bytea,
    add column who_with_me_enc          bytea,
    add column questions_for_chair_enc  bytea,
    add column tell_chair_first_enc     bytea,
    add column helper_name_enc          bytea,
    add column helper_role_enc          bytea,
    add column not_read_back_reason_enc bytea;
alter table views enable trigger views_immutable;

alter table conference_child
    drop column outcome_message,
    add column outcome_message_enc bytea;

-- Key rotation re-encrypts sent rows too. Allowed: an update of a sent row that changes only ciphertext columns,
-- keeps each one null or not null as it was and the same length (AES-GCM under a Tink key adds a fixed 33 bytes, so the
-- same text re-encrypted is as long), and moves it to another key (the 5-byte Tink prefix differs). The database
-- cannot check that the text is the same; without the key, nobody can make a ciphertext the application would accept.
create function views_is_reencryption(old views, new views) returns boolean language plpgsql immutable as $$
declare
    columns constant text[] := array['good_things_enc', 'worries_enc', 'wishes_enc', 'who_with_me_enc',
        'questions_for_chair_enc', 'tell_chair_first_enc', 'helper_name_enc', 'helper_role_enc',
        'not_read_back_reason_enc'];
    was bytea;
    now_ bytea;
    col text;
begin
    if (to_jsonb(old) - columns) is distinct from (to_jsonb(new) - columns) then
        return false;
    end if;
    foreach col in array columns loop
        was := decode(substr(to_jsonb(old) ->> col, 3), 'hex');
        now_ := decode(substr(to_jsonb(new) ->> col, 3), 'hex');
        if (was is null) <> (now_ is null) then
            return false;
        end if;
        if was is not null and was is distinct from now_
           and (octet_length(was) <> octet_length(now_) or substr(was, 1, 5) = substr(now_, 1, 5)) then
            return false;
        end if;
    end loop;
    return true;
end;
$$;

create or replace function views_sent_rows_are_immutable() returns trigger language plpgsql as $$
begin
    if old.status = 'SENT' and not (tg_op = 'UPDATE' and views_is_reencryption(old, new)) then
        raise exception 'sent views are immutable (views %)', old.id using errcode = 'P0001';
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end;
$$;
