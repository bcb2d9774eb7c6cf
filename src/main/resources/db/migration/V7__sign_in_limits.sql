-- Sign-in limits (app.mysay.security.SignInLimits): one counter per kind of attempt, key and fixed window, so that the
-- limits hold across instances. The key is an HMAC of the e-mail address, device secret or client address: no
-- address is stored here. Old windows are deleted by a scheduled job.
create table sign_in_limit (
    kind         varchar(30) not null,
    key_hash     bytea       not null,
    window_start timestamptz not null,
    attempts     integer     not null,
    primary key (kind, key_hash, window_start)
);
create index sign_in_limit_window_idx on sign_in_limit (window_start);

-- Revocation (app.mysay.security.AccountStillUsable): a token whose iat (whole seconds) is before this is refused.
-- Staff: per account (signing out signs out every browser). Children: per device, so that signing out on a shared
-- family phone does not sign the child out on their own tablet; a PIN reset sets it on every device of the child.
alter table staff_account add column tokens_valid_after timestamptz;
alter table child_device add column tokens_valid_after timestamptz;

-- Disabling an account ends its sessions for good, however it is disabled (today, by hand in the database): if it is
-- enabled again, the tokens issued before it was disabled stay refused. Rounded up to the next whole second, as iat is.
create function staff_account_revoke_on_disable() returns trigger language plpgsql as $$
begin
    new.tokens_valid_after := greatest(coalesce(new.tokens_valid_after, '-infinity'),
                                       date_trunc('second', now()) + interval '1 second');
    return new;
end;
$$;
create trigger staff_account_revoke_on_disable
    before update of enabled on staff_account
    for each row when (old.enabled and not new.enabled)
    execute function staff_account_revoke_on_disable();
