-- Voice notes and pictures (drawings, or a photo of a drawing) beside the good things, worries and wishes
-- (app.mysay.attachments; "Attachments" in docs/architecture.md).

-- One upload: the bytes as checked and cleaned by MySay (a picture re-encoded, so no metadata is left), encrypted by
-- the application like the words (Tink AES-256-GCM, bound to this table, column, row and child). It belongs to one
-- child and one conference and to whoever uploaded it (the child, or their advocate). It is used by being named in a
-- version of the views; a sent version that names it keeps it (the foreign keys below), and one named by nothing is
-- deleted after a while (AttachmentCleanup).
create table attachment (
    id             uuid primary key,
    child_id       uuid         not null references child (id),
    conference_id  uuid         not null references conference (id),
    author_role    varchar(20)  not null check (author_role in ('CHILD', 'ADVOCATE')),
    author_id      uuid         not null,
    kind           varchar(10)  not null check (kind in ('VOICE', 'PICTURE')),
    -- Decided from the bytes (magic numbers), never from what the uploader declared.
    media_type     varchar(20)  not null check (media_type in ('audio/webm', 'audio/ogg', 'audio/mp4',
                                                               'image/png', 'image/jpeg')),
    byte_size      integer      not null check (byte_size > 0),
    width          integer,
    height         integer,
    content_enc    bytea        not null,
    created_at     timestamptz  not null,
    check ((kind = 'PICTURE') = (width is not null and height is not null)),
    check ((kind = 'VOICE') = (media_type like 'audio/%'))
);
create index attachment_child_idx on attachment (child_id, conference_id);
create index attachment_created_idx on attachment (created_at);

-- An upload never changes. The one exception is re-encryption under a new key: the same length (AES-GCM adds a fixed
-- 33 bytes) under another key's 5-byte Tink prefix, everything else the same.
create function attachment_is_immutable() returns trigger language plpgsql as $$
begin
    if (to_jsonb(old) - 'content_enc') is distinct from (to_jsonb(new) - 'content_enc')
       or octet_length(old.content_enc) <> octet_length(new.content_enc)
       or substr(old.content_enc, 1, 5) = substr(new.content_enc, 1, 5) then
        raise exception 'attachments are immutable (attachment %)', old.id using errcode = 'P0001';
    end if;
    return new;
end;
$$;
create trigger attachment_immutable before update on attachment
    for each row execute function attachment_is_immutable();

-- Each of the three houses may have a voice note and a picture, and the child's own words for "what is in my
-- picture" (encrypted like the other words; it is also the picture's text alternative for the chair). A sent version
-- cannot change (V1, V9, V10), so the attachments it names cannot be deleted while it exists: the purge deletes views
-- first.
alter table views disable trigger views_immutable;
alter table views
    add column good_things_voice_id          uuid references attachment (id),
    add column good_things_picture_id        uuid references attachment (id),
    add column good_things_picture_text_enc  bytea,
    add column worries_voice_id              uuid references attachment (id),
    add column worries_picture_id            uuid references attachment (id),
    add column worries_picture_text_enc      bytea,
    add column wishes_voice_id               uuid references attachment (id),
    add column wishes_picture_id             uuid references attachment (id),
    add column wishes_picture_text_enc       bytea;
alter table views enable trigger views_immutable;

-- For the foreign keys (deleting an attachment looks for views naming it) and the clean-up.
create index views_good_things_voice_idx on views (good_things_voice_id) where good_things_voice_id is not null;
create index views_good_things_picture_idx on views (good_things_picture_id) where good_things_picture_id is not null;
create index views_worries_voice_idx on views (worries_voice_id) where worries_voice_id is not null;
create index views_worries_picture_idx on views (worries_picture_id) where worries_picture_id is not null;
create index views_wishes_voice_idx on views (wishes_voice_id) where wishes_voice_id is not null;
create index views_wishes_picture_idx on views (wishes_picture_id) where wishes_picture_id is not null;

-- Re-encryption of a sent version now covers the words about its pictures too (V9's rule, three more columns).
create or replace function views_is_reencryption(old views, new views) returns boolean language plpgsql immutable as $$
declare
    columns constant text[] := array['good_things_enc', 'worries_enc', 'wishes_enc', 'who_with_me_enc',
        'questions_for_chair_enc', 'tell_chair_first_enc', 'helper_name_enc', 'helper_role_enc',
        'not_read_back_reason_enc', 'good_things_picture_text_enc', 'worries_picture_text_enc',
        'wishes_picture_text_enc'];
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
