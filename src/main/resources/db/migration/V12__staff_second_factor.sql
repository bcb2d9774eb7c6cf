-- Staff multi-factor sign-in (app.mysay.accounts.SecondFactorService): a time-based one-time password (TOTP,
-- RFC 6238) from an authenticator app, with single-use recovery codes for a lost phone.

-- The TOTP secret, encrypted like the children's words (Tink AES-256-GCM, bound to this column and account). The
-- pending one is being set up and becomes the secret once a code from it is confirmed. The last time step used is
-- kept so that a code cannot be used twice (RFC 6238, section 5.2).
alter table staff_account
    add column totp_secret_enc  bytea,
    add column totp_pending_enc bytea,
    add column totp_set_up_at   timestamptz,
    add column totp_last_step   bigint;

-- Recovery codes: SHA-256 of the account id and the code (each code has 60 random bits, so a slow hash adds
-- nothing). Used codes are kept, marked, until new codes replace them all.
create table staff_recovery_code (
    account_id uuid        not null references staff_account (id) on delete cascade,
    code_hash  bytea       not null,
    created_at timestamptz not null,
    used_at    timestamptz,
    primary key (account_id, code_hash)
);

-- Between the password and the second step: a single-use, short-lived challenge. Only its SHA-256 is stored. Each
-- wrong code counts, and after a few the challenge is spent: the password must be given again (itself limited).
create table sign_in_challenge (
    id_hash    bytea primary key,
    account_id uuid        not null references staff_account (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    failures   integer     not null default 0,
    used_at    timestamptz
);
create index sign_in_challenge_expires_idx on sign_in_challenge (expires_at);
