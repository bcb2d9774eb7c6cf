package app.mysay.notifications;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;


import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import app.mysay.common.OutboxRuns;
import app.mysay.security.PasswordLinkTokens;
import io.vertx.ext.mail.SMTPException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers the outbox: e-mails each member of staff a notification was written for, at least once, and in practice
 * once.
 * <ul>
 * <li>A run <em>claims</em> due rows with {@code FOR UPDATE SKIP LOCKED} and, in the same statement, moves their
 * {@code next_attempt_at} a lease ahead. Two runs, on one instance or on several, never claim the same row: one skips
 * the rows the other has locked, and once the claim commits the rows are no longer due.</li>
 * <li>Each e-mail is sent, then its {@code sent_at} is committed straight away, one row at a time. A failure adds one
 * to {@code attempts}, records a short reason (never an address or content) and moves {@code next_attempt_at} a
 * back-off ahead (doubling up to a maximum). Nothing is ever given up because the mail server is down.</li>
 * <li>If the instance stops between claiming and recording, the lease runs out and another run sends the row again:
 * the only way an e-mail can go twice is a crash between the mail server accepting it and {@code sent_at} committing.
 * </li>
 * </ul>
 * No Hibernate session is involved: these are single statements on the reactive pool, each committed on its own.
 */
@ApplicationScoped
public class NotificationSender {

    /** The scheduled job's identity, so that it can be paused (tests do, to run the sender by hand). */
    public static final String JOB = "mysay-notifications";

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);

    private static final String CLAIM = """
            with due as (
                select id from notification
                where sent_at is null and next_attempt_at <= now()
                order by next_attempt_at
                limit $1
                for update skip locked
            ), claimed as (
                update notification n set next_attempt_at = now() + make_interval(secs => $2)
                from due where n.id = due.id
                returning n.id, n.kind, n.recipient_id, n.attempts
            )
            select c.id, c.kind, c.attempts, c.recipient_id, s.email, s.enabled
            from claimed c join staff_account s on s.id = c.recipient_id
            """;
    /**
     * A new set-password link for an account that has no password (one set since needs no link): only the token's
     * SHA-256 is stored, replacing any link before it.
     */
    private static final String NEW_PASSWORD_LINK = """
            insert into staff_password_link (account_id, token_hash, created_at, expires_at)
            select id, $2, now(), now() + make_interval(secs => $3) from staff_account
            where id = $1 and password_hash is null and enabled
            on conflict (account_id) do update
                set token_hash = excluded.token_hash, created_at = excluded.created_at, expires_at = excluded.expires_at
            """;
    private static final String SENT = "update notification set sent_at = now(), last_error = null "
            + "where id = $1 and sent_at is null";
    private static final String FAILED = "update notification set attempts = attempts + 1, last_error = $2, "
            + "next_attempt_at = now() + make_interval(secs => $3) where id = $1 and sent_at is null";
    private static final String NOT_TO_BE_SENT = "update notification set last_error = $2, next_attempt_at = null "
            + "where id = $1 and sent_at is null";
    private static final String PENDING = "select count(*), min(created_at) from notification "
            + "where sent_at is null and next_attempt_at is not null";

    private final Pool pool;
    private final ReactiveMailer mailer;
    private final String publicUrl;
    private final int batchSize;
    private final Duration lease;
    private final Duration sendTimeout;
    private final Duration passwordLinkLifetime;
    private final OutboxRuns runs;
    private final Counter delivered;
    private final Counter failed;

    NotificationSender(Pool pool, ReactiveMailer mailer, MeterRegistry registry,
            @ConfigProperty(name = "mysay.public-url") String publicUrl,
            @ConfigProperty(name = "mysay.notifications.batch-size", defaultValue = "20") int batchSize,
            @ConfigProperty(name = "mysay.notifications.lease", defaultValue = "5M") Duration lease,
            @ConfigProperty(name = "mysay.notifications.send-timeout", defaultValue = "60S") Duration sendTimeout,
            @ConfigProperty(name = "mysay.notifications.backoff-base", defaultValue = "30S") Duration backoffBase,
            @ConfigProperty(name = "mysay.notifications.backoff-max", defaultValue = "30M") Duration backoffMax,
            @ConfigProperty(name = "mysay.password-link.lifetime", defaultValue = "72H") Duration passwordLinkLifetime) {
        if (lease.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("mysay.notifications.lease must be longer than mysay.notifications.send-timeout");
        }
        this.pool = pool;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        this.batchSize = batchSize;
        this.lease = lease;
        this.sendTimeout = sendTimeout;
        this.passwordLinkLifetime = passwordLinkLifetime;
        this.runs = new OutboxRuns(pool, registry, "mysay.notifications.pending",
                "Notifications not yet delivered (as of the sender's last run)", PENDING, "notifications to send", LOG,
                backoffBase, backoffMax);
        this.delivered = Counter.builder("mysay.notifications.delivered")
                .description("Notification e-mails accepted by the mail server").register(registry);
        this.failed = Counter.builder("mysay.notifications.failed")
                .description("Attempts to send a notification e-mail that failed (each is retried later)")
                .register(registry);
    }

    @Scheduled(identity = JOB, every = "${mysay.notifications.every:5s}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return deliverDue(batchSize).replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due notifications, sends them one after the other and records each outcome.
     * Never fails: problems are logged (without addresses or content) and left for a later run.
     *
     * @return how many were delivered
     */
    public Uni<Integer> deliverDue(int limit) {
        return runs.run(() -> claim(limit).flatMap(claimed -> OutboxRuns.oneByOne(claimed, this::deliver)));
    }

    /** True while no run is under way on this instance. */
    public boolean idle() {
        return runs.idle();
    }

    private record Claimed(UUID id, NotificationKind kind, int attempts, UUID recipientId, String email,
            boolean enabled) {
    }

    private Uni<List<Claimed>> claim(int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of((long) limit, OutboxRuns.seconds(lease))).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(new Claimed(row.getUUID("id"), NotificationKind.valueOf(row.getString("kind")),
                        row.getInteger("attempts"), row.getUUID("recipient_id"), row.getString("email"),
                        row.getBoolean("enabled")));
            }
            return claimed;
        });
    }

    private Uni<Boolean> deliver(Claimed n) {
        if (!n.enabled()) {
            // A disabled account is someone who has left, or must not be reached: nothing is sent, and the row stays
            // as a record that it was not.
            LOG.infof("Notification %s not sent: its recipient's account is disabled", n.id());
            return pool.preparedQuery(NOT_TO_BE_SENT).execute(Tuple.of(n.id(), "recipient account disabled"))
                    .replaceWith(false)
                    .onFailure().recoverWithItem(false);
        }
        if (n.kind().carriesPasswordLink()) {
            return deliverPasswordLink(n);
        }
        return send(n, NotificationMail.to(n.email(), n.kind(), publicUrl));
    }

    /** Makes the link when sending, so that the token is never stored; none when the password was set meanwhile. */
    private Uni<Boolean> deliverPasswordLink(Claimed n) {
        String token = PasswordLinkTokens.newToken();
        return pool.preparedQuery(NEW_PASSWORD_LINK).execute(Tuple.of(n.recipientId(),
                io.vertx.core.buffer.Buffer.buffer(PasswordLinkTokens.hash(token)),
                OutboxRuns.seconds(passwordLinkLifetime)))
                .onItemOrFailure().transformToUni((rows, failure) -> {
                    if (failure != null) {
                        return recordFailed(n, failure);
                    }
                    if (rows.rowCount() == 0) {
                        LOG.infof("Notification %s not sent: the account has a password already", n.id());
                        return pool.preparedQuery(NOT_TO_BE_SENT).execute(Tuple.of(n.id(), "password already set"))
                                .replaceWith(false).onFailure().recoverWithItem(false);
                    }
                    return send(n, NotificationMail.withPasswordLink(n.email(), n.kind(), publicUrl, token,
                            passwordLinkLifetime));
                });
    }

    private Uni<Boolean> send(Claimed n, io.quarkus.mailer.Mail mail) {
        return mailer.send(mail)
                .ifNoItem().after(sendTimeout).fail()
                .onItemOrFailure().transformToUni((ok, failure) -> failure == null ? recordSent(n) : recordFailed(n, failure));
    }

    private Uni<Boolean> recordSent(Claimed n) {
        return pool.preparedQuery(SENT).execute(Tuple.of(n.id()))
                .map(rows -> {
                    delivered.increment();
                    LOG.debugf("Notification %s delivered", n.id());
                    return true;
                })
                .onFailure().recoverWithItem(e -> {
                    delivered.increment();
                    LOG.warnf("Notification %s was sent but could not be recorded (%s); it will be sent again "
                            + "when its claim runs out", n.id(), e.getClass().getSimpleName());
                    return true;
                });
    }

    private Uni<Boolean> recordFailed(Claimed n, Throwable failure) {
        int attempt = n.attempts() + 1;
        Duration wait = runs.backoff(attempt);
        String reason = reason(failure);
        failed.increment();
        LOG.warnf("Notification %s not delivered (attempt %d: %s); next try in %ss", n.id(), attempt, reason,
                wait.toSeconds());
        return pool.preparedQuery(FAILED).execute(Tuple.of(n.id(), reason, OutboxRuns.seconds(wait)))
                .replaceWith(false)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Notification %s: the failure could not be recorded (%s); it is tried again when its "
                            + "claim runs out", n.id(), e.getClass().getSimpleName());
                    return false;
                });
    }

    /** A short reason that names no address and quotes nothing the mail server said. */
    static String reason(Throwable failure) {
        if (failure instanceof SMTPException smtp) {
            return "mail server answered " + smtp.getReplyCode();
        }
        if (failure instanceof TimeoutException) {
            return "no answer from the mail server in time";
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "cannot connect to the mail server";
            }
        }
        String type = failure.getClass().getSimpleName();
        return type.length() > 200 ? type.substring(0, 200) : type;
    }
}
