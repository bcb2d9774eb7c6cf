package app.mysay.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Turns a verified token into the request's {@link Caller}, once, and only if the account behind it can still be
 * used. A staff token stops working as soon as its account is disabled, gone, or no longer holds the token's role; a
 * child's token as soon as the device it was issued on is locked, removed or its PIN reset; and any token issued
 * before its account's (or, for a child, its device's) {@code tokens_valid_after}, which signing out, a PIN reset,
 * locking, removing and disabling set, so that a revoked token never works again, not even once the account is
 * enabled again or a new PIN is chosen. Without this a leaver could go on
 * reading children's data for the rest of the token's lifetime, and a parent holding a locked phone could go on using
 * the child's session. One primary-key lookup per request.
 */
@ApplicationScoped
public class AccountStillUsable implements SecurityIdentityAugmentor {

    static final String CALLER_ATTRIBUTE = "mysay.caller";

    private final Pool pool;

    AccountStillUsable(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Caller caller;
        try {
            caller = callerOf(token);
        } catch (IllegalArgumentException malformed) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        // iat is in whole seconds and revocation times are whole seconds rounded up, so ">=" lets no revoked token by.
        OffsetDateTime issuedAt = OffsetDateTime.ofInstant(Instant.ofEpochSecond(token.getIssuedAtTime()),
                ZoneOffset.UTC);
        Uni<Boolean> usable = caller.is(Role.CHILD)
                ? exists("select 1 from child_device where id = $1 and child_id = $2 and removed_at is null "
                        + "and locked_at is null and pin_hash is not null "
                        + "and (tokens_valid_after is null or tokens_valid_after <= $3)",
                        Tuple.of(caller.deviceId(), caller.id(), issuedAt))
                : exists("select 1 from staff_account where id = $1 and enabled and role = $2 "
                        + "and (tokens_valid_after is null or tokens_valid_after <= $3)",
                        Tuple.of(caller.id(), caller.role().name(), issuedAt));
        return usable.map(ok -> {
            if (!ok) {
                throw new AuthenticationFailedException();
            }
            return QuarkusSecurityIdentity.builder(identity).addAttribute(CALLER_ATTRIBUTE, caller).build();
        });
    }

    /**
     * Exactly one known role, an id as subject and, for a child, the device the session was opened on; anything else
     * is an IllegalArgumentException.
     */
    private static Caller callerOf(JsonWebToken token) {
        Set<String> groups = token.getGroups();
        if (groups == null || groups.size() != 1) {
            throw new IllegalArgumentException("a token has exactly one role");
        }
        Role role = Role.valueOf(groups.iterator().next());
        UUID id = uuid(token.getSubject());
        UUID device = role == Role.CHILD ? uuid(token.getClaim(TokenService.DEVICE_CLAIM)) : null;
        return new Caller(id, role, device);
    }

    private static UUID uuid(Object claim) {
        if (!(claim instanceof String text)) {
            throw new IllegalArgumentException("an id is missing or not text");
        }
        return UUID.fromString(text);
    }

    private Uni<Boolean> exists(String sql, Tuple parameters) {
        return pool.preparedQuery(sql).execute(parameters).map(rows -> rows.size() > 0);
    }
}
