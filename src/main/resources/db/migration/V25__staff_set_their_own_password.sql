-- Staff set their own password (issue 19, item 1): a manager creating an account, or resetting someone's sign-in,
-- never chooses or learns a password. Until the holder sets one through the link e-mailed to them, the account has
-- none, and nobody can sign in to it.
alter table staff_account alter column password_hash drop not null;

-- The newest set-password link of an account: only the SHA-256 of its 256-bit token is kept (the token itself exists
-- only in the e-mail), it expires, and it is deleted once used. A new link replaces the one before.
create table staff_password_link (
    account_id uuid primary key references staff_account (id) on delete cascade,
    token_hash bytea       not null unique,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
