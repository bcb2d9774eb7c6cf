package app.mysay.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.ApiProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Limits on failed sign-in attempts, counted in the database so that they hold across instances: staff sign-in per
 * e-mail address and per client address, second-factor codes per account, invitation redemption per client address,
 * and choosing or entering a PIN per device and per client address. Each attempt adds one to a fixed-window counter
 * with a single atomic {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}, committed on its own before any
 * password or PIN is hashed, so a refused attempt costs the service one statement, a failing request cannot roll its
 * count back, and parallel guesses cannot overtake the count. Only failures are meant to count: an attempt that
 * succeeds takes itself back ({@link #succeeded}), clearing the failures of its account or device and giving the
 * client address its one back, so staff who sign in all day are never "too many tries".
 * <p>
 * Over a limit the answer is 429 {@code too-many-attempts} with {@code Retry-After} (the end of the window) and, in
 * its detail, the minutes to wait in words, whatever the password; the first refusal of each key and window is audited ({@link AuditAction#SIGN_IN_LIMITED}), so a flood
 * cannot flood the audit trail. Keys are HMAC-SHA-256 under a key derived from the token signing key, so no e-mail,
 * device secret or client address is stored, and the stored keys cannot be matched against a list of addresses.
 * <p>
 * The client address is the connection's peer or, behind the council's reverse proxy, the hop that proxy added to
 * X-Forwarded-For, never one the caller wrote; an IPv6 address counts as its /64 ({@link ClientAddresses}).
 */
@ApplicationScoped
public class SignInLimits {

    /** The scheduled clean-up's identity, so that it can be paused. */
    public static final String CLEANUP_JOB = "mysay-sign-in-limits-cleanup";

    private static final Logger LOG = Logger.getLogger(SignInLimits.class);

    /** What is counted. The names are stored (varchar 30). */
    public enum Kind {
        STAFF_ACCOUNT, STAFF_ADDRESS, SECOND_FACTOR_ACCOUNT, REDEEM_ADDRESS, PIN_DEVICE, PIN_ADDRESS
    }

    /** The kinds about one account or device, whose failures a success clears (the others are client addresses). */
    private static final java.util.Set<Kind> CLEARED_BY_SUCCESS = java.util.EnumSet.of(Kind.STAFF_ACCOUNT,
            Kind.SECOND_FACTOR_ACCOUNT, Kind.PIN_DEVICE);

    private record Counter(Kind kind, String key, int limit, long windowSeconds) {
    }

    private record Counted(Kind kind, byte[] keyHash, java.time.OffsetDateTime windowStart) {
    }

    /** What one attempt was counted in, so that it can take itself back if it succeeds. */
    public static final class Attempt {
        private final List<Counted> counted;

        private Attempt(List<Counted> counted) {
            this.counted = List.copyOf(counted);
        }
    }

    /**
     * Adds one to each counter and answers its count and the seconds left in its window. The window starts are whole
     * multiples of the window length since the epoch, by the database's clock, so every instance agrees on them.
     */
    private static final String COUNT = """
            insert into sign_in_limit as l (kind, key_hash, window_start, attempts)
            select k.kind, k.key_hash, to_timestamp(floor(extract(epoch from now()) / k.secs) * k.secs), 1
            from unnest($1::varchar[], $2::bytea[], $3::bigint[]) as k (kind, key_hash, secs)
            order by k.kind
            on conflict (kind, key_hash, window_start) do update set attempts = l.attempts + 1
            returning l.kind, l.key_hash, l.window_start, l.attempts,
                      ceil(extract(epoch from l.window_start - now()))::bigint as starts_in
            """;
    private static final String CLEAR = "delete from sign_in_limit where kind = $1 and key_hash = $2";
    private static final String GIVE_BACK = "update sign_in_limit set attempts = attempts - 1 "
            + "where kind = $1 and key_hash = $2 and window_start = $3 and attempts > 0";

    private final Pool pool;
    private final SignInLimitSettings settings;
    private final AuditLog audit;
    private final byte[] hmacKey;
    private final ClientAddresses addresses;

    SignInLimits(Pool pool, SignInLimitSettings settings, AuditLog audit, JwtKeys keys, ClientAddresses addresses) {
        this.addresses = addresses;
        this.pool = pool;
        this.settings = settings;
        this.audit = audit;
        this.hmacKey = derivedKey(keys);
    }

    /** Before checking a staff password: per e-mail address (existing or not, so the limit reveals nothing). */
    public Uni<Attempt> staffSignIn(String email, String clientAddress) {
        long window = settings.staffWindow().toSeconds();
        String account = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return count(List.of(new Counter(Kind.STAFF_ACCOUNT, account, settings.staffPerAccount(), window),
                new Counter(Kind.STAFF_ADDRESS, address(clientAddress), settings.staffPerAddress(), window)));
    }

    /** Before checking a second-factor code: per account, across its sign-in challenges. */
    public Uni<Attempt> secondFactor(java.util.UUID accountId) {
        return count(List.of(new Counter(Kind.SECOND_FACTOR_ACCOUNT, accountId.toString(),
                settings.secondFactorPerAccount(), settings.secondFactorWindow().toSeconds())));
    }

    /** Before looking an invitation code up. */
    public Uni<Attempt> redeem(String clientAddress) {
        return count(List.of(new Counter(Kind.REDEEM_ADDRESS, address(clientAddress), settings.redeemPerAddress(),
                settings.redeemWindow().toSeconds())));
    }

    /** Before choosing or checking a PIN: per device (by its secret, known or not) and per client address. */
    public Uni<Attempt> pin(String deviceSecret, String clientAddress) {
        long window = settings.pinWindow().toSeconds();
        List<Counter> counters = new ArrayList<>();
        if (deviceSecret != null && !deviceSecret.isBlank()) {
            counters.add(new Counter(Kind.PIN_DEVICE, deviceSecret, settings.pinPerDevice(), window));
        }
        counters.add(new Counter(Kind.PIN_ADDRESS, address(clientAddress), settings.pinPerAddress(), window));
        return count(counters);
    }

    /** The address this request counts under (see {@link ClientAddresses}): never one the caller chose. */
    public String clientAddress(io.vertx.core.http.HttpServerRequest request) {
        return addresses.of(request);
    }

    public static ApiProblem tooManyAttempts(long retryAfterSeconds) {
        long seconds = Math.max(1, retryAfterSeconds);
        long minutes = (seconds + 59) / 60;
        return new ApiProblem(429, "too-many-attempts", "Too many tries",
                "There have been too many tries to sign in from here. "
                        + (minutes <= 1 ? "Try again in a minute." : "Try again in " + minutes + " minutes."))
                .withRetryAfter(seconds);
    }

    /**
     * The attempt succeeded: it was not a failure, so it takes itself back. The failures of its account or device are
     * cleared; the client address's count goes down by this one. A database error here is logged, not passed on: the
     * person is in, and the cost is at most one count too many.
     */
    public Uni<Void> succeeded(Attempt attempt) {
        if (attempt.counted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(attempt.counted.stream().map(c -> CLEARED_BY_SUCCESS.contains(c.kind())
                ? pool.preparedQuery(CLEAR).execute(Tuple.of(c.kind().name(), io.vertx.core.buffer.Buffer.buffer(c.keyHash())))
                : pool.preparedQuery(GIVE_BACK).execute(Tuple.of(c.kind().name(),
                        io.vertx.core.buffer.Buffer.buffer(c.keyHash()), c.windowStart())))
                .map(u -> u.replaceWithVoid()).toList()).andCollectFailures()
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Sign-in limits: a successful attempt could not be taken back (%s)", e.toString());
                    return null;
                });
    }

    private Uni<Attempt> count(List<Counter> counters) {
        Tuple params = Tuple.of(counters.stream().map(c -> c.kind().name()).toArray(String[]::new),
                counters.stream().map(c -> io.vertx.core.buffer.Buffer.buffer(keyHash(c)))
                        .toArray(io.vertx.core.buffer.Buffer[]::new),
                counters.stream().map(Counter::windowSeconds).toArray(Long[]::new));
        return pool.preparedQuery(COUNT).execute(params).flatMap(rows -> {
            long retryAfter = 0;
            List<Kind> firstRefusals = new ArrayList<>();
            List<Counted> counted = new ArrayList<>();
            for (Row row : rows) {
                Kind kind = Kind.valueOf(row.getString("kind"));
                counted.add(new Counted(kind, row.getBuffer("key_hash").getBytes(),
                        row.getOffsetDateTime("window_start")));
                Counter counter = counters.stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
                int attempts = row.getInteger("attempts");
                if (attempts > counter.limit()) {
                    retryAfter = Math.max(retryAfter, row.getLong("starts_in") + counter.windowSeconds());
                    if (attempts == counter.limit() + 1) {
                        firstRefusals.add(kind);
                    }
                }
            }
            if (retryAfter == 0) {
                return Uni.createFrom().item(new Attempt(counted));
            }
            ApiProblem refused = tooManyAttempts(retryAfter);
            if (firstRefusals.isEmpty()) {
                return Uni.createFrom().<Attempt>failure(refused);
            }
            // Its own transaction: the request fails, and the record must stay.
            return Panache.withTransaction(() -> Uni.join().all(firstRefusals.stream()
                    .map(kind -> audit.record(null, AuditLog.ANONYMOUS, AuditAction.SIGN_IN_LIMITED, null, null,
                            kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')))
                    .toList()).andFailFast())
                    .onItemOrFailure().transformToUni((ignored, failure) -> Uni.createFrom().<Attempt>failure(refused));
        });
    }

    /** Deletes windows that ended before the longest window: they can no longer refuse anything. */
    @Scheduled(identity = CLEANUP_JOB, every = "${mysay.sign-in-limits.cleanup-every:10m}",
            concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> cleanUp() {
        long longest = Stream.of(settings.staffWindow(), settings.secondFactorWindow(), settings.redeemWindow(), settings.pinWindow())
                .mapToLong(java.time.Duration::toSeconds).max().orElse(3600);
        return pool.preparedQuery("delete from sign_in_limit where window_start < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) longest))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("Sign-in limits: deleted %d old windows", rows.rowCount());
                    }
                })
                .replaceWithVoid();
    }

    private byte[] keyHash(Counter counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return mac.doFinal((counter.kind().name() + "\n" + counter.key()).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String address(String clientAddress) {
        return clientAddress == null ? "unknown" : clientAddress;
    }

    /**
     * The same on every instance (they share the signing key) and secret; a new signing key starts the counts afresh,
     * which at worst allows one more window of attempts.
     */
    private static byte[] derivedKey(JwtKeys keys) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("mysay sign-in limits\n".getBytes(StandardCharsets.UTF_8));
            digest.update(keys.privateKey().getEncoded());
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
