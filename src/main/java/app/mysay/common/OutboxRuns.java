package app.mysay.common;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What every sender of an outbox table shares (the e-mail notifications, the webhook deliveries): a run that never
 * fails, whether a run is under way on this instance, the gauges of rows still to deliver and of how long the oldest
 * of them has waited, and the back-off between attempts. Claiming, sending and recording stay with each sender, as they differ.
 */
public final class OutboxRuns {

    private final Pool pool;
    private final String pendingQuery;
    private final String what;
    private final Logger log;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final AtomicLong pending = new AtomicLong();
    /** When the oldest row still to deliver was written (epoch milliseconds), as of the last run; 0 when none. */
    private final AtomicLong oldestWrittenAt = new AtomicLong();
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param what what the rows are, for the log ("notifications to send")
     * @param gauge the name of the gauge of rows still to deliver; {@code <gauge>.oldest.age} (in seconds) is how long
     *        the oldest of them has waited
     * @param pendingQuery one row, two columns: how many rows are still to deliver, and the oldest one's
     *        {@code created_at} (null when there are none)
     */
    public OutboxRuns(Pool pool, MeterRegistry registry, String gauge, String gaugeDescription, String pendingQuery,
            String what, Logger log, Duration backoffBase, Duration backoffMax) {
        this.pool = pool;
        this.pendingQuery = pendingQuery;
        this.what = what;
        this.log = log;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        // Micrometer keeps the first gauge registered under a name and ignores later ones. An application started
        // again in the same JVM (the tests' profiles, dev mode's reload) can find its predecessor's gauges still in a
        // shared registry, reading that predecessor's values: they are replaced by this instance's.
        registry.find(gauge).gauges().forEach(registry::remove);
        registry.find(gauge + ".oldest.age").gauges().forEach(registry::remove);
        Gauge.builder(gauge, pending, AtomicLong::get).description(gaugeDescription).register(registry);
        // Aged at each scrape from the last run's answer, so it keeps growing if the runs stop: what an alert wants.
        Gauge.builder(gauge + ".oldest.age", oldestWrittenAt, OutboxRuns::ageSeconds).baseUnit("seconds")
                .description("How long the oldest of them has waited (0 when none)").register(registry);
    }

    /** Runs one claim-and-deliver; a failure to claim is logged by its kind only and left for the next run. */
    public Uni<Integer> run(Supplier<Uni<Integer>> claimAndDeliver) {
        return Uni.createFrom().deferred(() -> {
            runs.incrementAndGet();
            return claimAndDeliver.get()
                    .onFailure().recoverWithItem(e -> {
                        log.warnf("Could not claim %s (%s); the next run tries again", what,
                                e.getClass().getSimpleName());
                        return 0;
                    })
                    .call(this::refreshPending)
                    .onTermination().invoke(runs::decrementAndGet);
        });
    }

    /** Delivers the claimed rows one after the other; how many were delivered. */
    public static <T> Uni<Integer> oneByOne(List<T> claimed, Function<T, Uni<Boolean>> deliver) {
        AtomicInteger count = new AtomicInteger();
        return Sequentially.forEach(claimed, row -> deliver.apply(row).invoke(delivered -> {
            if (delivered) {
                count.incrementAndGet();
            }
        })).map(nothing -> count.get());
    }

    /** True while no run is under way on this instance. */
    public boolean idle() {
        return runs.get() == 0;
    }

    /** Counts the rows still to deliver and finds when the oldest was written, for the gauges. */
    public Uni<Long> refreshPending() {
        return pool.query(pendingQuery).execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime oldest = row.getOffsetDateTime(1);
                    oldestWrittenAt.set(oldest == null ? 0 : oldest.toInstant().toEpochMilli());
                    pending.set(row.getLong(0));
                    return row.getLong(0);
                })
                .onFailure().recoverWithItem(e -> pending.get());
    }

    private static double ageSeconds(AtomicLong oldestWrittenAt) {
        long writtenAt = oldestWrittenAt.get();
        return writtenAt == 0 ? 0 : Math.max(0, System.currentTimeMillis() - writtenAt) / 1000.0;
    }

    /** base, 2 base, 4 base, ... up to the maximum. */
    public Duration backoff(int attempt) {
        Duration wait = backoffBase;
        for (int i = 1; i < attempt && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    /** A duration as PostgreSQL's make_interval(secs => ...) takes it. */
    public static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
