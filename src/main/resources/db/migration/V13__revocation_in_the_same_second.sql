-- Disabling an account revokes its tokens (V7). A token issued just after an earlier revocation carries that
-- revocation's time as its iat; when the account is disabled in the same second, the revocation time must go past it,
-- or that token would stay valid. Same rule as TokenService.later.
create or replace function staff_account_revoke_on_disable() returns trigger language plpgsql as $$
declare
    until_now constant timestamptz := date_trunc('second', now()) + interval '1 second';
begin
    new.tokens_valid_after := case
        when new.tokens_valid_after is null or new.tokens_valid_after < until_now then until_now
        else new.tokens_valid_after + interval '1 second'
    end;
    return new;
end;
$$;
