-- Bulk data for the benchmarks, shaped like a large council's history: staff, families, children, two conferences
-- per family (an initial one and a review 13 weeks later; past ones HELD, later ones SCHEDULED), every child of the
-- family in both, several sent versions of views per child and conference, invitations, devices, notifications and
-- the audit trail. Run after Flyway has created the schema (the app has started once), with psql variables:
--   psql -v children=100000 -v views=1000000 -f bench/seed.sql
-- The encrypted columns hold random bytes of the length AES-GCM under a Tink key gives (text + 33 bytes): these rows
-- belong to other chairs' conferences, which the measured pages never decrypt. The measured chair's conferences are
-- made through the API (bench/seed_api.py), so that they decrypt.
\set ON_ERROR_STOP on
\timing on
set synchronous_commit = off;
begin;

-- Random bytes of a given length (md5 of random(), repeated: cheap, and never compressed at these row sizes).
create function pg_temp.rb(n int) returns bytea language sql volatile as $$
    select decode(substr(repeat(md5(random()::text), n / 16 + 1), 1, 2 * n), 'hex')
$$;

select :children as children, :views as views_target,
       greatest(1, :children / 100) as chairs, greatest(1, :children / 25) as social_workers,
       greatest(1, :children / 500) as advocates, greatest(1, round(:children / 2.2)::int) as families
\gset

-- Staff. Nobody signs in as these: the password hash is a realistic Argon2id string that matches nothing.
insert into staff_account (id, email, display_name, role, password_hash, enabled, created_at)
select gen_random_uuid(), lower(r.role) || '.' || n || '@seed.mysay.example', initcap(lower(r.role)) || ' ' || n,
       r.role, '$argon2id$v=19$m=19456,t=2,p=1$' || encode(pg_temp.rb(16), 'base64') || '$'
       || encode(pg_temp.rb(32), 'base64'), true, now() - interval '3 years'
from (values ('CHAIR', :chairs), ('SOCIAL_WORKER', :social_workers), ('ADVOCATE', :advocates), ('MANAGER', 5))
     as r(role, how_many), generate_series(1, r.how_many) n;

create temp table seed_staff as
select row_number() over (partition by role order by email) as n, id, role from staff_account
where email like '%@seed.mysay.example';
create index on seed_staff (role, n);
analyze seed_staff;

create temp table seed_family as
select g.n, gen_random_uuid() as id,
       (select id from seed_staff s where s.role = 'SOCIAL_WORKER' and s.n = 1 + g.n % :social_workers) as social_worker_id,
       -- the initial conference: from 540 days ago to 60 days ahead
       date_trunc('minute', now() - interval '540 days' + random() * interval '600 days') as initial_at
from generate_series(1, :families) g(n);

insert into family (id, reference, social_worker_id, created_at)
select id, 'SEED-F' || n, social_worker_id, initial_at - interval '30 days' from seed_family;

-- Children: about 2.2 to a family.
create temp table seed_child as
select n, gen_random_uuid() as id, 1 + ((n - 1)::bigint * :families / :children)::int as family_n
from generate_series(1, :children) n;

insert into child (id, known_as, date_of_birth, preferred_language, case_reference, family_id, social_worker_id,
                   advocate_id, created_at)
select c.id, (array['Jay','Mia','Sami','Ava','Leo','Zara','Noah','Isla','Omar','Ruby','Finn','Amal'])[1 + c.n % 12],
       (now() - interval '5 years' - random() * interval '12 years')::date,
       case when c.n % 20 = 0 then 'cy' when c.n % 25 = 0 then 'ar' else 'en' end,
       'SEED-C' || c.n, f.id, f.social_worker_id,
       case when c.n % 5 = 0 then (select id from seed_staff s where s.role = 'ADVOCATE' and s.n = 1 + c.n % :advocates) end,
       f.initial_at - interval '30 days'
from seed_child c join seed_family f on f.n = c.family_n;

-- Two conferences a family: the initial one and the review 13 weeks later.
create temp table seed_conference as
select gen_random_uuid() as id, f.n as family_n, k.type, f.initial_at + k.after as starts_at, f.social_worker_id,
       (select s.id from seed_staff s where s.role = 'CHAIR' and s.n = 1 + (f.n * 7 + k.i) % :chairs) as chair_id
from seed_family f,
     (values (0, 'INITIAL', interval '0'), (1, 'REVIEW', interval '91 days')) as k(i, type, after);

insert into conference (id, type, starts_at, attendance_mode, place_enc, chair_id, social_worker_id, views_due, status,
                        next_review_date, decided_at, created_at)
select id, type, starts_at, case when random() < 0.3 then 'VIDEO' else 'IN_PERSON' end, pg_temp.rb(33 + 20),
       chair_id, social_worker_id, (starts_at - interval '3 days')::date,
       case when starts_at < now() then 'HELD' else 'SCHEDULED' end,
       case when starts_at < now() then (starts_at + interval '91 days')::date end,
       case when starts_at < now() then starts_at + interval '2 hours' end,
       starts_at - interval '20 days'
from seed_conference;

-- Each child of the family in both conferences, with a number of sent versions averaging views / links.
create temp table seed_link as
select gen_random_uuid() as id, k.id as conference_id, c.id as child_id, k.starts_at, k.chair_id, k.social_worker_id,
       1 + floor(random() * (2.0 * :views / (2 * :children) - 1))::int as versions, random() < 0.7 as plan
from seed_conference k join seed_child c on c.family_n = k.family_n;

insert into conference_child (id, conference_id, child_id, chair_read_at, chair_read_version, plan_needed,
                              harm_category, outcome_message_enc, outcome_at)
select id, conference_id, child_id,
       case when starts_at < now() then starts_at - interval '1 day' end,
       case when starts_at < now() then versions end,
       case when starts_at < now() then plan end,
       case when starts_at < now() and plan then 'NEGLECT' end,
       case when starts_at < now() then pg_temp.rb(33 + 200 + (random() * 400)::int) end,
       case when starts_at < now() then starts_at + interval '3 hours' end
from seed_link;

-- Sent versions, spread over the fortnight before each conference. Text lengths (bytes of UTF-8): good things,
-- worries and wishes 60 to 700, who is with me 20 to 80, questions 40 to 300, what to tell the chair first 40 to 400
-- in a third of them.
insert into views (id, child_id, conference_id, status, version, author_role, author_id,
                   good_things_enc, good_things_shared, worries_enc, worries_shared, wishes_enc, wishes_shared,
                   safety_score_enc, safety_shared, taking_part_ways, who_with_me_enc, taking_part_shared,
                   advocate_choice, advocate_shared, questions_for_chair_enc, questions_shared,
                   tell_chair_first_enc, tell_chair_first_shared, authorship, updated_at, sent_at)
select gen_random_uuid(), l.child_id, l.conference_id, 'SENT', v, 'CHILD', l.child_id,
       pg_temp.rb(33 + 60 + (random() * 640)::int), random() < 0.5,
       pg_temp.rb(33 + 60 + (random() * 640)::int), random() < 0.3,
       pg_temp.rb(33 + 60 + (random() * 640)::int), random() < 0.5,
       pg_temp.rb(33 + 1), random() < 0.5, 'COME_TO_PART,JOIN_BY_VIDEO',
       pg_temp.rb(33 + 20 + (random() * 60)::int), random() < 0.5,
       'HAVE_ONE', random() < 0.5, pg_temp.rb(33 + 40 + (random() * 260)::int), random() < 0.5,
       case when random() < 0.33 then pg_temp.rb(33 + 40 + (random() * 360)::int) end, false,
       'CHILD', l.starts_at - interval '15 days' + v * interval '1 day', l.starts_at - interval '15 days' + v * interval '1 day'
from seed_link l, generate_series(1, l.versions) v;

-- Invitations (one per child and conference, redeemed), one device per child.
insert into invitation (id, child_id, conference_id, code_hash, created_by, created_at, expires_at, redeemed_at)
select gen_random_uuid(), child_id, conference_id, pg_temp.rb(32), social_worker_id, starts_at - interval '20 days',
       starts_at - interval '6 days', starts_at - interval '18 days'
from seed_link;

insert into child_device (id, child_id, invitation_id, secret_hash, pin_hash, created_at, last_sign_in_at)
select distinct on (i.child_id) gen_random_uuid(), i.child_id, i.id, pg_temp.rb(32),
       '$argon2id$v=19$m=19456,t=2,p=1$' || encode(pg_temp.rb(16), 'base64') || '$' || encode(pg_temp.rb(32), 'base64'),
       i.redeemed_at, i.redeemed_at
from invitation i join seed_child c on c.id = i.child_id
order by i.child_id, i.created_at;

-- One delivered e-mail notice to the chair per child and conference.
insert into notification (id, kind, recipient_id, conference_id, child_id, created_at, sent_at, attempts, next_attempt_at)
select gen_random_uuid(), 'VIEWS_SENT', chair_id, conference_id, child_id, starts_at - interval '10 days',
       starts_at - interval '10 days', 1, null
from seed_link;

-- The audit trail: one VIEWS_SENT per version (the chain trigger numbers and hashes each row).
insert into audit_event (at, actor_id, actor_role, action, child_id, conference_id, detail)
select sent_at, child_id, 'CHILD', 'VIEWS_SENT', child_id, conference_id, 'version ' || version
from views where child_id in (select id from seed_child) order by sent_at;

commit;
analyze;
select (select count(*) from child) as children, (select count(*) from conference) as conferences,
       (select count(*) from conference_child) as links, (select count(*) from views) as views,
       (select count(*) from audit_event) as audit_events,
       pg_size_pretty(pg_database_size(current_database())) as database_size;
