-- The accounts, families, children and conferences the benchmarks sign in as and measure, with fixed, readable ids
-- (pgbench builds the same ids from a number). Their views are sent through the API by bench/seed_api.py, so that
-- they are encrypted under the run's key and the measured pages decrypt them. Variables: families (the measured chair's
-- caseload, default 40) and senders (children sending views under wrk, default 256).
--   b0..: staff   c1..: the chair's families' children   c2..: their conferences   d1..: senders   d2..: their conferences
\set ON_ERROR_STOP on
begin;
-- Staff: the same password as the first manager (bench-password-1): the hash is copied.
insert into staff_account (id, email, display_name, role, password_hash, enabled, created_at)
select v.id::uuid, v.email, v.name, v.role, m.password_hash, true, now() - interval '2 years'
from (values ('b0000000-0000-4000-8000-000000000001', 'bench.chair@mysay.bench', 'Bench Chair', 'CHAIR'),
             ('b0000000-0000-4000-8000-000000000002', 'bench.social-worker@mysay.bench', 'Bench Social Worker', 'SOCIAL_WORKER'),
             ('b0000000-0000-4000-8000-000000000003', 'bench.chair2@mysay.bench', 'Bench Chair Two', 'CHAIR')) v(id, email, name, role),
     (select password_hash from staff_account where email = 'bench.manager@mysay.bench') m;

create function pg_temp.id(prefix text, n int) returns uuid language sql immutable as $$
    select (prefix || '000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid
$$;

-- The measured chair's caseload: :families families of 2 or 3 children (family 1 has 3), each with an initial
-- conference and a review 13 weeks later. Planned dates run from 300 days ago to 60 days ahead; all start SCHEDULED
-- (views can be sent only then) and bench/seed_api.py moves the past ones to HELD after sending.
create table bench_family as
select f, pg_temp.id('c0', f) as id,
       date_trunc('minute', case when f = 1 then now() - interval '80 days'
                                 else now() - interval '300 days' + (f - 1) * interval '360 days' / :families end) as initial_at,
       case when f % 2 = 1 then 3 else 2 end as size
from generate_series(1, :families) f;
insert into family (id, reference, social_worker_id, created_at)
select id, 'BENCH-F' || f, 'b0000000-0000-4000-8000-000000000002', initial_at - interval '30 days' from bench_family;

create table bench_child as
select row_number() over (order by f, i)::int as n, f, i from bench_family, generate_series(1, size) i;
insert into child (id, known_as, date_of_birth, preferred_language, case_reference, family_id, social_worker_id, created_at)
select pg_temp.id('c1', n), (array['Jay','Mia','Sami','Ava','Leo','Zara','Noah','Isla'])[1 + n % 8],
       (now() - interval '6 years' - (n % 10) * interval '1 year')::date, 'en', 'BENCH-C' || n, pg_temp.id('c0', f),
       'b0000000-0000-4000-8000-000000000002', now() - interval '1 year'
from bench_child;

create table bench_conference as
select pg_temp.id('c2', 2 * f - 1 + k) as id, f, case k when 0 then 'INITIAL' else 'REVIEW' end as type,
       initial_at + k * interval '91 days' as planned_at
from bench_family, generate_series(0, 1) k;
insert into conference (id, type, starts_at, attendance_mode, place_enc, chair_id, social_worker_id, views_due, created_at)
-- The place is encrypted under the run's key (V24), which SQL cannot do: these in-person conferences have none.
select id, type, now() + interval '30 days', 'IN_PERSON', null, 'b0000000-0000-4000-8000-000000000001',
       'b0000000-0000-4000-8000-000000000002', (now() + interval '27 days')::date, now() - interval '1 year'
from bench_conference;
insert into conference_child (id, conference_id, child_id)
select gen_random_uuid(), k.id, pg_temp.id('c1', c.n) from bench_conference k join bench_child c using (f);

-- The children who send views under load: :senders of them, two to a conference, all conferences upcoming.
insert into family (id, reference, social_worker_id, created_at)
select pg_temp.id('d0', f), 'BENCH-S' || f, 'b0000000-0000-4000-8000-000000000002', now() - interval '60 days'
from generate_series(1, (:senders + 1) / 2) f;
insert into child (id, known_as, age_band, preferred_language, case_reference, family_id, social_worker_id, created_at)
select pg_temp.id('d1', n), 'Sender ' || n, 'AGE_12_TO_15', 'en', 'BENCH-S' || n, pg_temp.id('d0', (n + 1) / 2),
       'b0000000-0000-4000-8000-000000000002', now() - interval '60 days'
from generate_series(1, :senders) n;
insert into conference (id, type, starts_at, attendance_mode, place_enc, chair_id, social_worker_id, views_due, created_at)
select pg_temp.id('d2', f), 'REVIEW', now() + interval '20 days', 'VIDEO', null, 'b0000000-0000-4000-8000-000000000003',
       'b0000000-0000-4000-8000-000000000002', (now() + interval '17 days')::date, now() - interval '10 days'
from generate_series(1, (:senders + 1) / 2) f;
insert into conference_child (id, conference_id, child_id)
select pg_temp.id('d3', n), pg_temp.id('d2', (n + 1) / 2), pg_temp.id('d1', n) from generate_series(1, :senders) n;

-- One invitation per child, with a known code: BENCH and the child's number (15 digits; d1 children from 100000).
insert into invitation (id, child_id, conference_id, code_hash, created_by, created_at, expires_at)
select gen_random_uuid(), pg_temp.id('c1', c.n), pg_temp.id('c2', 2 * c.f - 1 + 1),
       sha256(convert_to('BENCH' || lpad(c.n::text, 15, '0'), 'UTF8')), 'b0000000-0000-4000-8000-000000000002',
       now(), now() + interval '10 days'
from bench_child c;
insert into invitation (id, child_id, conference_id, code_hash, created_by, created_at, expires_at)
select gen_random_uuid(), pg_temp.id('d1', n), pg_temp.id('d2', (n + 1) / 2),
       sha256(convert_to('BENCH' || lpad((100000 + n)::text, 15, '0'), 'UTF8')), 'b0000000-0000-4000-8000-000000000002',
       now(), now() + interval '10 days'
from generate_series(1, :senders) n;
commit;
analyze;
