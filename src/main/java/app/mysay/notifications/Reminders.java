package app.mysay.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.mysay.conferences.ConferenceStatus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes reminders into the outbox, for {@link NotificationSender} to e-mail like any other notification:
 * <ul>
 * <li>{@link NotificationKind#VIEWS_DUE_SOON} to a scheduled conference's social worker, for each child who has sent
 * no views, once the views are due within {@code mysay.reminders.due-within} and not yet past;</li>
 * <li>{@link NotificationKind#VIEWS_UNREAD} to the chair, for each child whose newest views the chair has not marked
 * read, once the conference starts within {@code mysay.reminders.unread-within}.</li>
 * </ul>
 * Views are due by the end of their due date, in {@code mysay.zone}. Each reminder is written at most once per kind,
 * person, conference and child: every instance may run the job, as often as it likes, because each statement is a
 * single {@code INSERT ... ON CONFLICT DO NOTHING} against a unique index ({@code notification_reminder_once}).
 * Rows are inserted in a fixed order, so two runs at once wait for each other rather than deadlock.
 */
@ApplicationScoped
public class Reminders {

    /** The scheduled job's identity, so that it can be paused. */
    public static final String JOB = "mysay-reminders";

    private static final Logger LOG = Logger.getLogger(Reminders.class);

    private static final String ONCE = " on conflict (kind, recipient_id, conference_id, child_id) "
            + "where kind in ('VIEWS_DUE_SOON', 'VIEWS_UNREAD') do nothing";

    /** $1 the zone, $2 the window in seconds. The deadline is the start of the day after the due date. */
    private static final String DUE_SOON = """
            insert into notification (id, kind, recipient_id, conference_id, child_id, created_at, next_attempt_at)
            select gen_random_uuid(), 'VIEWS_DUE_SOON', k.social_worker_id, k.id, cc.child_id, now(), now()
            from conference k join conference_child cc on cc.conference_id = k.id
            where k.status = 'SCHEDULED'
              and k.starts_at > now()
              and ((k.views_due + 1)::timestamp at time zone $1) > now()
              and ((k.views_due + 1)::timestamp at time zone $1) <= now() + make_interval(secs => $2)
              and not exists (select 1 from views v
                              where v.conference_id = k.id and v.child_id = cc.child_id and v.status = 'SENT')
            order by k.id, cc.child_id
            """ + ONCE;

    /** $1 the window in seconds. */
    private static final String UNREAD = """
            insert into notification (id, kind, recipient_id, conference_id, child_id, created_at, next_attempt_at)
            select gen_random_uuid(), 'VIEWS_UNREAD', k.chair_id, k.id, cc.child_id, now(), now()
            from conference k
            join conference_child cc on cc.conference_id = k.id
            join (select v.conference_id, v.child_id, max(v.version) as latest from views v
                  where v.status = 'SENT' group by v.conference_id, v.child_id) s
              on s.conference_id = k.id and s.child_id = cc.child_id
            where k.status = 'SCHEDULED'
              and k.starts_at > now()
              and k.starts_at <= now() + make_interval(secs => $1)
              and (cc.chair_read_version is null or cc.chair_read_version < s.latest)
            order by k.id, cc.child_id
            """ + ONCE;

    private final Pool pool;
    private final ZoneId zone;
    private final Duration dueWithin;
    private final Duration unreadWithin;
    private final Counter written;

    Reminders(Pool pool, MeterRegistry registry, @ConfigProperty(name = "mysay.zone") ZoneId zone,
            @ConfigProperty(name = "mysay.reminders.due-within", defaultValue = "2D") Duration dueWithin,
            @ConfigProperty(name = "mysay.reminders.unread-within", defaultValue = "24H") Duration unreadWithin) {
        this.pool = pool;
        this.zone = zone;
        this.dueWithin = dueWithin;
        this.unreadWithin = unreadWithin;
        this.written = Counter.builder("mysay.reminders.written")
                .description("Reminders written into the outbox (each at most once per person, conference and child)")
                .register(registry);
    }

    @Scheduled(identity = JOB, every = "${mysay.reminders.every:1h}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return writeDue().onFailure().recoverWithItem(e -> {
            LOG.warnf("Could not write reminders (%s); the next run tries again", e.getClass().getSimpleName());
            return 0;
        }).replaceWithVoid();
    }

    /**
     * Writes every reminder that is due now and has not been written before.
     *
     * @return how many new reminders were written
     */
    public Uni<Integer> writeDue() {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(DUE_SOON)
                .execute(Tuple.of(zone.getId(), (double) dueWithin.toSeconds()))
                .flatMap(dueSoon -> pool.preparedQuery(UNREAD).execute(Tuple.of((double) unreadWithin.toSeconds()))
                        .map(unread -> dueSoon.rowCount() + unread.rowCount()))
                .invoke(count -> {
                    if (count > 0) {
                        written.increment(count);
                        LOG.infof("%d reminder(s) written", count);
                    }
                }));
    }

    /**
     * The same rule as {@link NotificationKind#VIEWS_DUE_SOON}, for the child's own home page: the conference is
     * scheduled and has not started, nothing has been sent, and the views are due within the window, not yet past.
     */
    public boolean viewsDueSoon(ConferenceStatus status, Instant startsAt, LocalDate viewsDue, boolean sent,
            Instant now) {
        if (status != ConferenceStatus.SCHEDULED || sent || viewsDue == null || !startsAt.isAfter(now)) {
            return false;
        }
        Instant deadline = viewsDue.plusDays(1).atStartOfDay(zone).toInstant();
        return deadline.isAfter(now) && !deadline.isAfter(now.plus(dueWithin));
    }
}
