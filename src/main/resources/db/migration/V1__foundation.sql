-- MySay foundation schema. Flyway owns the schema; Hibernate only maps it.
-- Identifiers are random UUIDs so that no identifier reveals how many children or conferences exist.

create table staff_account (
    id            uuid primary key,
    email         varchar(254) not null unique check (email = lower(email)),
    display_name  varchar(100) not null,
    role          varchar(20)  not null check (role in ('SOCIAL_WORKER', 'CHAIR', 'ADVOCATE', 'MANAGER')),
    password_hash varchar(255) not null,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null
);

create table family (
    id               uuid primary key,
    reference        varchar(50) not null unique,
    social_worker_id uuid        not null references staff_account (id),
    created_at       timestamptz not null
);
create index family_social_worker_idx on family (social_worker_id);

create table child (
    id                  uuid primary key,
    known_as            varchar(60)  not null,
    date_of_birth       date,
    age_band            varchar(20)  check (age_band in ('UNDER_5', 'AGE_5_TO_7', 'AGE_8_TO_11', 'AGE_12_TO_15', 'AGE_16_TO_17')),
    preferred_language  varchar(35)  not null default 'en',
    communication_needs varchar(500),
    case_reference      varchar(50)  not null unique,
    family_id           uuid references family (id),
    social_worker_id    uuid         not null references staff_account (id),
    advocate_id         uuid references staff_account (id),
    created_at          timestamptz  not null,
    constraint child_age_known check (date_of_birth is not null or age_band is not null)
);
create index child_social_worker_idx on child (social_worker_id);
create index child_advocate_idx on child (advocate_id);
create index child_family_idx on child (family_id);

create table conference (
    id               uuid primary key,
    type             varchar(10)  not null check (type in ('INITIAL', 'REVIEW')),
    starts_at        timestamptz  not null,
    attendance_mode  varchar(10)  not null check (attendance_mode in ('IN_PERSON', 'VIDEO', 'HYBRID')),
    place            varchar(200),
    chair_id         uuid         not null references staff_account (id),
    social_worker_id uuid         not null references staff_account (id),
    views_due        date         not null,
    status           varchar(10)  not null default 'SCHEDULED' check (status in ('SCHEDULED', 'HELD', 'CANCELLED')),
    next_review_date date,
    decided_at       timestamptz,
    created_at       timestamptz  not null,
    constraint conference_place_when_in_person check (attendance_mode = 'VIDEO' or place is not null)
);
create index conference_chair_idx on conference (chair_id, starts_at);
create index conference_social_worker_idx on conference (social_worker_id, starts_at);

-- One row per child a conference covers: the chair's acknowledgement and, afterwards, the decision for that child.
create table conference_child (
    id                  uuid primary key,
    conference_id       uuid        not null references conference (id),
    child_id            uuid        not null references child (id),
    chair_read_at       timestamptz,
    chair_read_version  integer,
    plan_needed         boolean,
    harm_category       varchar(20) check (harm_category in ('EMOTIONAL', 'PHYSICAL', 'SEXUAL', 'NEGLECT')),
    outcome_message     varchar(4000),
    outcome_at          timestamptz,
    unique (conference_id, child_id),
    constraint category_only_with_plan check (harm_category is null or plan_needed)
);
create index conference_child_child_idx on conference_child (child_id);

create table invitation (
    id            uuid primary key,
    child_id      uuid        not null references child (id),
    conference_id uuid        not null references conference (id),
    code_hash     bytea       not null unique,
    created_by    uuid        not null references staff_account (id),
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    redeemed_at   timestamptz,
    revoked_at    timestamptz
);
create index invitation_child_conference_idx on invitation (child_id, conference_id);

-- A device bound to a child by redeeming an invitation. Its secret lives only in an HttpOnly cookie.
create table child_device (
    id                  uuid primary key,
    child_id            uuid        not null references child (id),
    invitation_id       uuid        not null references invitation (id),
    secret_hash         bytea       not null unique,
    pin_hash            varchar(255),
    pin_setup_until     timestamptz,
    failed_pin_attempts integer     not null default 0,
    locked_at           timestamptz,
    created_at          timestamptz not null,
    last_sign_in_at     timestamptz,
    constraint pin_or_setup_window check (pin_hash is not null or pin_setup_until is not null)
);
create index child_device_child_idx on child_device (child_id);

-- A child's views for one conference. A DRAFT belongs to whoever is writing it (the child, or an advocate);
-- each sending adds a SENT row with the next version number. SENT rows never change.
create table views (
    id                        uuid primary key,
    child_id                  uuid         not null references child (id),
    conference_id             uuid         not null references conference (id),
    status                    varchar(5)   not null check (status in ('DRAFT', 'SENT')),
    version                   integer,
    author_role               varchar(20)  not null check (author_role in ('CHILD', 'ADVOCATE')),
    author_id                 uuid         not null,
    good_things               text,
    good_things_shared        boolean      not null default false,
    worries                   text,
    worries_shared            boolean      not null default false,
    wishes                    text,
    wishes_shared             boolean      not null default false,
    safety_score              smallint     check (safety_score between 0 and 10),
    safety_shared             boolean      not null default false,
    taking_part_ways          varchar(500),
    who_with_me               text,
    taking_part_shared        boolean      not null default false,
    advocate_choice           varchar(20)  check (advocate_choice in ('WANT_ONE', 'HAVE_ONE', 'NO_THANKS')),
    advocate_shared           boolean      not null default false,
    questions_for_chair       text,
    questions_shared          boolean      not null default false,
    tell_chair_first          text,
    tell_chair_first_shared   boolean      not null default false,
    authorship                varchar(20)  not null check (authorship in ('CHILD', 'CHILD_WITH_HELP', 'ADVOCATE_ON_BEHALF')),
    helper_name               varchar(100),
    helper_role               varchar(100),
    read_back_agreed          boolean,
    not_read_back_reason      text,
    updated_at                timestamptz  not null,
    sent_at                   timestamptz,
    constraint sent_has_version check ((status = 'SENT') = (version is not null and sent_at is not null)),
    unique (child_id, conference_id, version)
);
create unique index views_one_draft_per_author on views (child_id, conference_id, author_id) where status = 'DRAFT';
create index views_conference_idx on views (conference_id, child_id);

create function views_sent_rows_are_immutable() returns trigger language plpgsql as $$
begin
    if old.status = 'SENT' then
        raise exception 'sent views are immutable (views %)', old.id using errcode = 'P0001';
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end;
$$;
create trigger views_immutable before update or delete on views
    for each row execute function views_sent_rows_are_immutable();

-- Idempotency-Key of a sending: a retry with the same key answers with the version it first made.
create table idempotency_key (
    caller_id     uuid         not null,
    key           varchar(100) not null,
    request_hash  bytea        not null,
    views_id      uuid         not null references views (id),
    created_at    timestamptz  not null,
    primary key (caller_id, key)
);

-- Who did what to a child's data, and when. Never content.
create table audit_event (
    id            bigserial primary key,
    at            timestamptz  not null,
    actor_id      uuid,
    actor_role    varchar(20)  not null,
    action        varchar(40)  not null,
    child_id      uuid,
    conference_id uuid,
    detail        varchar(200)
);
create index audit_event_child_idx on audit_event (child_id, at);
create index audit_event_actor_idx on audit_event (actor_id, at);

-- Transactional outbox: written in the same transaction as the event it announces. Never content.
create table notification (
    id            uuid primary key,
    kind          varchar(30)  not null,
    recipient_id  uuid         not null references staff_account (id),
    conference_id uuid references conference (id),
    child_id      uuid references child (id),
    created_at    timestamptz  not null,
    sent_at       timestamptz,
    attempts      integer      not null default 0,
    last_error    varchar(200)
);
create index notification_pending_idx on notification (created_at) where sent_at is null;
