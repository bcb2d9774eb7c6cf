package app.mysay.webhook;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;


import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import app.mysay.common.OutboxRuns;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Posts the webhook deliveries to the case-management system, signed, at least once and in practice once; the
 * receiver dedupes by {@code MySay-Delivery}. Built like {@code NotificationSender}: a run claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, posts them one at a time and commits each outcome at once. Any 2xx is
 * delivered; anything else (another status, no connection, no answer in time) is tried again after a back-off
 * (doubling up to a maximum), and after {@code max-attempts} the row is given up ({@code failed_at}). The request is
 * sent by the JDK's HTTP client without blocking a thread; nothing of the body or the answer is ever logged.
 */
@ApplicationScoped
public class WebhookSender {

    /** The scheduled job's identity, so that it can be paused. */
    public static final String JOB = "mysay-webhook";

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private static final String CLAIM = """
            with due as (
                select id from webhook_delivery
                where delivered_at is null and failed_at is null and next_attempt_at <= now()
                order by next_attempt_at
                limit $1
                for update skip locked
            )
            update webhook_delivery w set next_attempt_at = now() + make_interval(secs => $2)
            from due where w.id = due.id
            returning w.id, w.body, w.attempts, w.created_at
            """;
    private static final String DELIVERED = "update webhook_delivery set delivered_at = now(), "
            + "attempts = attempts + 1, last_error = null, next_attempt_at = null "
            + "where id = $1 and delivered_at is null";
    private static final String FAILED = "update webhook_delivery set attempts = attempts + 1, last_error = $2, "
            + "next_attempt_at = now() + make_interval(secs => $3) where id = $1 and delivered_at is null";
    private static final String GIVEN_UP = "update webhook_delivery set attempts = attempts + 1, last_error = $2, "
            + "failed_at = now(), next_attempt_at = null where id = $1 and delivered_at is null";
    private static final String PENDING = "select count(*), min(created_at) from webhook_delivery "
            + "where delivered_at is null and failed_at is null";

    private final WebhookSettings settings;
    private final Pool pool;
    private final HttpClient http;
    private final int batchSize;
    private final Duration lease;
    private final Duration connectTimeout;
    private final Duration sendTimeout;
    private final int maxAttempts;
    private final OutboxRuns runs;
    private final Counter delivered;
    private final Counter failed;
    private final Counter givenUp;

    WebhookSender(WebhookSettings settings, Pool pool, MeterRegistry registry,
            @ConfigProperty(name = "mysay.webhook.batch-size", defaultValue = "20") int batchSize,
            @ConfigProperty(name = "mysay.webhook.lease", defaultValue = "5M") Duration lease,
            @ConfigProperty(name = "mysay.webhook.connect-timeout", defaultValue = "10S") Duration connectTimeout,
            @ConfigProperty(name = "mysay.webhook.send-timeout", defaultValue = "30S") Duration sendTimeout,
            @ConfigProperty(name = "mysay.webhook.backoff-base", defaultValue = "30S") Duration backoffBase,
            @ConfigProperty(name = "mysay.webhook.backoff-max", defaultValue = "1H") Duration backoffMax,
            @ConfigProperty(name = "mysay.webhook.max-attempts", defaultValue = "20") int maxAttempts) {
        if (lease.compareTo(connectTimeout.plus(sendTimeout)) <= 0) {
            throw new IllegalArgumentException("mysay.webhook.lease must be longer than mysay.webhook.connect-timeout "
                    + "and mysay.webhook.send-timeout together");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("mysay.webhook.max-attempts must be at least 1");
        }
        this.settings = settings;
        this.pool = pool;
        // Redirects are not followed: a signed event goes to the configured address or nowhere.
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.batchSize = batchSize;
        this.lease = lease;
        this.connectTimeout = connectTimeout;
        this.sendTimeout = sendTimeout;
        this.maxAttempts = maxAttempts;
        this.runs = new OutboxRuns(pool, registry, "mysay.webhook.pending",
                "Webhook deliveries not yet delivered nor given up (as of the sender's last run)", PENDING,
                "webhook deliveries", LOG, backoffBase, backoffMax);
        this.delivered = Counter.builder("mysay.webhook.delivered")
                .description("Webhook deliveries the receiver accepted (2xx)").register(registry);
        this.failed = Counter.builder("mysay.webhook.failed")
                .description("Webhook attempts that failed (each is retried later, up to max-attempts)")
                .register(registry);
        this.givenUp = Counter.builder("mysay.webhook.given-up")
                .description("Webhook deliveries given up after max-attempts failures").register(registry);
    }

    @Scheduled(identity = JOB, every = "${mysay.webhook.every:5s}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return deliverDue(batchSize).replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due deliveries, posts them one after the other and records each outcome. Never
     * fails: problems are logged (by delivery id and kind of error only) and left for a later run.
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

    private record Claimed(UUID id, byte[] body, int attempts, Instant createdAt) {
    }

    private Uni<List<Claimed>> claim(int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of((long) limit, OutboxRuns.seconds(lease))).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(new Claimed(row.getUUID("id"), row.getBuffer("body").getBytes(), row.getInteger("attempts"),
                        row.getOffsetDateTime("created_at").toInstant()));
            }
            // Oldest first, so that a receiver usually sees version 1 before version 2.
            claimed.sort(Comparator.comparing(Claimed::createdAt).thenComparing(Claimed::id));
            return claimed;
        });
    }

    private Uni<Boolean> deliver(Claimed d) {
        return Uni.createFrom().deferred(() -> {
            HttpRequest request = HttpRequest.newBuilder(settings.url())
                    .timeout(sendTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "MySay-Webhook")
                    .header(WebhookSignature.DELIVERY_HEADER, d.id().toString())
                    .header(WebhookSignature.HEADER, WebhookSignature.header(settings.secret(),
                            Instant.now().getEpochSecond(), d.body()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
                    .build();
            return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        })
                // The client's own timeouts come first; this only guards against one that never fires.
                .ifNoItem().after(connectTimeout.plus(sendTimeout).plus(Duration.ofSeconds(5))).fail()
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure != null) {
                        return recordFailed(d, reason(failure));
                    }
                    int status = response.statusCode();
                    return status >= 200 && status < 300 ? recordDelivered(d)
                            : recordFailed(d, "receiver answered " + status);
                });
    }

    private Uni<Boolean> recordDelivered(Claimed d) {
        return pool.preparedQuery(DELIVERED).execute(Tuple.of(d.id()))
                .map(rows -> {
                    delivered.increment();
                    LOG.debugf("Webhook delivery %s delivered", d.id());
                    return true;
                })
                .onFailure().recoverWithItem(e -> {
                    delivered.increment();
                    LOG.warnf("Webhook delivery %s was accepted but could not be recorded (%s); it will be sent again "
                            + "when its claim runs out", d.id(), e.getClass().getSimpleName());
                    return true;
                });
    }

    private Uni<Boolean> recordFailed(Claimed d, String reason) {
        int attempt = d.attempts() + 1;
        failed.increment();
        Uni<?> update;
        if (attempt >= maxAttempts) {
            givenUp.increment();
            LOG.errorf("Webhook delivery %s given up after %d attempts (last: %s)", d.id(), attempt, reason);
            update = pool.preparedQuery(GIVEN_UP).execute(Tuple.of(d.id(), reason));
        } else {
            Duration wait = runs.backoff(attempt);
            LOG.warnf("Webhook delivery %s not delivered (attempt %d: %s); next try in %s", d.id(), attempt, reason,
                    wait);
            update = pool.preparedQuery(FAILED).execute(Tuple.of(d.id(), reason, OutboxRuns.seconds(wait)));
        }
        return update.replaceWith(false)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Webhook delivery %s: the failure could not be recorded (%s); it is tried again when its "
                            + "claim runs out", d.id(), e.getClass().getSimpleName());
                    return false;
                });
    }

    /** A short reason that quotes nothing the receiver said and names no address. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException) {
                return "cannot connect to the receiver";
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return "no answer from the receiver in time";
            }
        }
        Throwable root = failure;
        while (root instanceof CompletionException && root.getCause() != null) {
            root = root.getCause();
        }
        String type = root.getClass().getSimpleName();
        return type.length() > 200 ? type.substring(0, 200) : type;
    }
}
