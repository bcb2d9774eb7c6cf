package app.mysay.conferences;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.mysay.common.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The England and Wales bank holidays behind the views-due dates: the list shipped in {@code mysay.bank-holidays}
 * (the fallback) and those fetched from GOV.UK ({@code mysay.bank-holidays-refresh.url}) on a schedule and kept in
 * the database, so every instance knows them after a restart. A fetch that fails, or answers anything but the list,
 * keeps the dates known before. At start-up and after each refresh, a list that ends within
 * {@code mysay.bank-holidays-refresh.warn-within} (a year) is a warning in the log; the gauge
 * {@code mysay_bank_holidays_ahead_days} (days from today to the last known bank holiday) is there for an alert.
 */
@ApplicationScoped
public class BankHolidays {

    /** The scheduled refresh's identity. */
    public static final String REFRESH_JOB = "mysay-bank-holidays-refresh";
    static final String DIVISION = "england-and-wales";

    private static final Logger LOG = Logger.getLogger(BankHolidays.class);

    private final Set<LocalDate> shipped;
    private final Pool pool;
    private final ObjectMapper json;
    private final URI url;
    private final Duration timeout;
    private final Duration warnWithin;
    private final ZoneId zone;
    private final HttpClient http;
    private final Counter failedRefreshes;
    private volatile Set<LocalDate> known;

    BankHolidays(@ConfigProperty(name = "mysay.bank-holidays") List<LocalDate> shipped, Pool pool, ObjectMapper json,
            MeterRegistry registry, @ConfigProperty(name = "mysay.bank-holidays-refresh.url") URI url,
            @ConfigProperty(name = "mysay.bank-holidays-refresh.timeout") Duration timeout,
            @ConfigProperty(name = "mysay.bank-holidays-refresh.warn-within") Duration warnWithin,
            @ConfigProperty(name = "mysay.zone") ZoneId zone) {
        this.shipped = Set.copyOf(shipped);
        this.known = this.shipped;
        this.pool = pool;
        this.json = json;
        this.url = url;
        this.timeout = timeout;
        this.warnWithin = warnWithin;
        this.zone = zone;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        // As in OutboxRuns: a predecessor's gauges (an application started again in the same JVM) are replaced.
        registry.find("mysay.bank.holidays.ahead").gauges().forEach(registry::remove);
        Gauge.builder("mysay.bank.holidays.ahead", this, b -> b.daysAhead(b.today()))
                .baseUnit("days")
                .description("Days from today to the last bank holiday MySay knows; views-due dates after it ignore "
                        + "bank holidays")
                .register(registry);
        this.failedRefreshes = Counter.builder("mysay.bank.holidays.refresh.failures")
                .description("Fetches of the bank holidays from GOV.UK that failed (the dates known before are kept)")
                .register(registry);
    }

    public boolean contains(LocalDate day) {
        return known.contains(day);
    }

    /** The last bank holiday known, shipped or fetched. */
    public LocalDate lastKnown() {
        return Collections.max(known);
    }

    public long daysAhead(LocalDate today) {
        return ChronoUnit.DAYS.between(today, lastKnown());
    }

    /** The warning to give when the known dates end too soon after {@code today}; empty when they reach far enough. */
    public Optional<String> coverageWarning(LocalDate today) {
        LocalDate needed = today.plusDays(warnWithin.toDays());
        if (!lastKnown().isBefore(needed)) {
            return Optional.empty();
        }
        return Optional.of("The bank holidays MySay knows end on " + lastKnown() + ", before " + needed
                + ": views-due dates after that will not skip bank holidays. Check that "
                + "mysay.bank-holidays-refresh.url (" + url + ") can be reached, or add the dates to "
                + "mysay.bank-holidays.");
    }

    void onStart(@Observes StartupEvent event) {
        load().subscribe().with(ignored -> warnIfShort(), e -> {
            LOG.warnf("Could not read the fetched bank holidays at start-up (%s); using the shipped list", e.toString());
            warnIfShort();
        });
    }

    /** Fetches GOV.UK's England and Wales list and keeps it; on any failure the dates known before stay. */
    @Scheduled(identity = REFRESH_JOB, every = "${mysay.bank-holidays-refresh.every}",
            concurrentExecution = ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .map(this::parse)
                .flatMap(this::store)
                .chain(this::load)
                .invoke(ignored -> warnIfShort())
                .onFailure().recoverWithUni(e -> {
                    failedRefreshes.increment();
                    LOG.warnf("Could not refresh the bank holidays from %s (%s); keeping the %d known, the last on %s",
                            url, e.toString(), known.size(), lastKnown());
                    warnIfShort();
                    return Uni.createFrom().voidItem();
                });
    }

    private Set<LocalDate> parse(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("answered " + response.statusCode());
        }
        try {
            JsonNode events = json.readTree(response.body()).path(DIVISION).path("events");
            if (!events.isArray() || events.isEmpty()) {
                throw new IllegalStateException("no " + DIVISION + " events in the answer");
            }
            Set<LocalDate> days = new TreeSet<>();
            for (JsonNode event : events) {
                days.add(LocalDate.parse(event.path("date").asText()));
            }
            return days;
        } catch (java.io.IOException | java.time.DateTimeException e) {
            throw new IllegalStateException("not a list of bank holidays: " + e.getMessage(), e);
        }
    }

    /** Replaces the fetched days from the first one fetched onward, in one transaction. */
    private Uni<Void> store(Set<LocalDate> days) {
        LocalDate first = days.iterator().next();
        java.time.OffsetDateTime now = Timestamps.utc(Timestamps.now());
        return pool.withTransaction(connection -> connection
                .preparedQuery("delete from bank_holiday where day >= $1").execute(Tuple.of(first))
                .chain(() -> connection.preparedQuery("insert into bank_holiday (day, fetched_at) "
                        + "select d, $2 from unnest($1::date[]) as d")
                        .execute(Tuple.of(days.toArray(LocalDate[]::new), now)))
                .replaceWithVoid());
    }

    /** Reads the fetched dates kept in the database (as at start-up), beside the shipped list. */
    Uni<Void> load() {
        return pool.query("select day from bank_holiday").execute().invoke(rows -> {
            Set<LocalDate> all = new TreeSet<>(shipped);
            for (Row row : rows) {
                all.add(row.getLocalDate(0));
            }
            known = Set.copyOf(all);
        }).replaceWithVoid();
    }

    private void warnIfShort() {
        coverageWarning(today()).ifPresent(LOG::warn);
    }

    private LocalDate today() {
        return Timestamps.now().atZone(zone).toLocalDate();
    }
}
