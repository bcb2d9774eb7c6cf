package app.mysay.retention;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.Sequentially;
import app.mysay.retention.RetentionDtos.PurgeRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

/**
 * The retention purge. Once {@code mysay.retention.after-last-conference} has passed since a child's last conference
 * (or, for a child never given one, since they were added), and no legal hold is on them, it deletes the child's views
 * (every version and draft) with their idempotency keys and attachments (voice notes and pictures), the child's
 * invitations and devices, every notification and
 * webhook delivery about the child, and the chair's message and category of harm; and it reduces the child's record to
 * its case reference (and a coarse age band), which the audit trail's events still point to. The audit trail itself is
 * never touched: one {@link AuditAction#VIEWS_PURGED} per child, with counts, records that it happened.
 * <p>
 * Children are taken in batches, one transaction each, locked {@code FOR UPDATE SKIP LOCKED}: any number of instances
 * may run it at once, each on different children, and a child that has been purged is not taken again unless
 * something new came since (a later conference, or the record filled in again).
 */
@ApplicationScoped
public class RetentionService {

    public static final String JOB = "mysay-retention";

    /** What a purged child's known-as name becomes. */
    public static final String REMOVED_NAME = "(removed after the retention period)";

    /** The system acts, not a person: the actor role on VIEWS_PURGED. */
    static final String ACTOR_ROLE = "SYSTEM";

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private static final String LAST_CONFERENCE = "coalesce((select max(k.starts_at) from conference_child cc "
            + "join conference k on k.id = cc.conference_id where cc.child_id = c.id), c.created_at)";

    /** :cutoff, :removed, :batch. */
    private static final String DUE = "select c.id from child c "
            + "where " + LAST_CONFERENCE + " < :cutoff "
            + "and not exists (select 1 from legal_hold h where h.child_id = c.id) "
            + "and (c.purged_at is null or c.known_as <> :removed or c.purged_at < " + LAST_CONFERENCE + ") "
            + "order by c.id limit :batch for update of c skip locked";

    /** Counted before deleting, for the audit detail. :ids. */
    private static final String COUNTS = "select c.id, "
            + "(select count(*) from views v where v.child_id = c.id), "
            + "(select count(*) from idempotency_key i join views v on v.id = i.views_id where v.child_id = c.id), "
            + "(select count(*) from invitation i where i.child_id = c.id), "
            + "(select count(*) from child_device d where d.child_id = c.id), "
            + "(select count(*) from conference_child cc where cc.child_id = c.id and cc.outcome_message_enc is not null), "
            + "(select count(*) from notification n where n.child_id = c.id), "
            + "(select count(*) from webhook_delivery w where w.child_id = c.id), "
            + "(select count(*) from attachment a where a.child_id = c.id) "
            + "from child c where c.id in (:ids) order by c.id";

    /** In this order, for the foreign keys. :ids. */
    private static final List<String> DELETES = List.of(
            "delete from idempotency_key i using views v where v.id = i.views_id and v.child_id in (:ids)",
            "delete from views where child_id in (:ids)",
            // After the views, which name them (a foreign key): every voice note and picture, sent or not.
            "delete from attachment where child_id in (:ids)",
            "delete from child_device where child_id in (:ids)",
            "delete from invitation where child_id in (:ids)",
            "delete from notification where child_id in (:ids)",
            "delete from webhook_delivery where child_id in (:ids)",
            "update conference_child set outcome_message_enc = null, harm_category = null where child_id in (:ids)");

    /**
     * The record keeps its id, case reference, social worker and when it was added; the date of birth becomes the age
     * band the child was in at their last conference. :ids, :removed.
     */
    private static final String MINIMISE = "update child c set known_as = :removed, "
            + "age_band = coalesce(c.age_band, (select case "
            + "  when age(x.at::date, c.date_of_birth) < interval '5 years' then 'UNDER_5' "
            + "  when age(x.at::date, c.date_of_birth) < interval '8 years' then 'AGE_5_TO_7' "
            + "  when age(x.at::date, c.date_of_birth) < interval '12 years' then 'AGE_8_TO_11' "
            + "  when age(x.at::date, c.date_of_birth) < interval '16 years' then 'AGE_12_TO_15' "
            + "  else 'AGE_16_TO_17' end from (select " + LAST_CONFERENCE + " as at) x)), "
            + "date_of_birth = null, preferred_language = 'en', communication_needs_enc = null, family_id = null, "
            + "advocate_id = null, purged_at = now() where c.id in (:ids)";

    private final AuditLog audit;
    private final ZoneId zone;
    private final Period afterLastConference;
    private final int batchSize;
    private final Counter purged;

    RetentionService(AuditLog audit, MeterRegistry registry, @ConfigProperty(name = "mysay.zone") ZoneId zone,
            @ConfigProperty(name = "mysay.retention.after-last-conference", defaultValue = "P2Y") Period afterLastConference,
            @ConfigProperty(name = "mysay.retention.batch-size", defaultValue = "50") int batchSize) {
        this.audit = audit;
        this.zone = zone;
        this.afterLastConference = afterLastConference;
        this.batchSize = batchSize;
        this.purged = Counter.builder("mysay.retention.purged")
                .description("Children whose views and related data the retention purge removed")
                .register(registry);
    }

    @Scheduled(identity = JOB, every = "${mysay.retention.every:1h}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purgeDue().onFailure().recoverWithItem(e -> {
            LOG.warnf("Could not run the retention purge (%s); the next run tries again", e.getClass().getSimpleName());
            return null;
        }).replaceWithVoid();
    }

    /** Purges every child who is due now, a batch at a time, until none is left. */
    public Uni<PurgeRun> purgeDue() {
        return Uni.createFrom().deferred(() -> {
            Instant cutoff = Instant.now().atZone(zone).minus(afterLastConference).toInstant();
            return next(cutoff, 0);
        }).invoke(run -> {
            if (run.children() > 0) {
                LOG.infof("Retention purge: %d child(ren) purged", run.children());
            }
        });
    }

    private Uni<PurgeRun> next(Instant cutoff, int soFar) {
        return Panache.withTransaction(() -> batch(cutoff)).flatMap(taken -> {
            int total = soFar + taken.purged;
            return taken.locked < batchSize ? Uni.createFrom().item(new PurgeRun(total)) : next(cutoff, total);
        });
    }

    private record Batch(int locked, int purged) {
    }

    private Uni<Batch> batch(Instant cutoff) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(DUE, Object.class)
                .setParameter("cutoff", cutoff).setParameter("removed", REMOVED_NAME).setParameter("batch", batchSize)
                .getResultList()
                .map(RetentionService::uuids)
                .flatMap(locked -> locked.isEmpty() ? Uni.createFrom().item(new Batch(0, 0))
                        // A hold committed after the search began is seen here: the children are locked now, so none
                        // can be placed until this transaction ends.
                        : unheld(session, locked).flatMap(due -> purge(session, due)
                                .map(v -> new Batch(locked.size(), due.size())))));
    }

    private Uni<List<UUID>> unheld(Mutiny.Session session, List<UUID> locked) {
        return session.createNativeQuery("select c.id from child c where c.id in (:ids) "
                + "and not exists (select 1 from legal_hold h where h.child_id = c.id)", Object.class)
                .setParameter("ids", locked).getResultList().map(RetentionService::uuids);
    }

    private Uni<Void> purge(Mutiny.Session session, List<UUID> due) {
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery(COUNTS, Object[].class).setParameter("ids", due).getResultList()
                .flatMap(counts -> session.createNativeQuery("select set_config('mysay.purging', 'on', true)")
                        .getSingleResult()
                        .chain(() -> Sequentially.forEach(DELETES, sql -> session.createNativeQuery(sql)
                                .setParameter("ids", due).executeUpdate()))
                        .chain(() -> session.createNativeQuery(MINIMISE).setParameter("ids", due)
                                .setParameter("removed", REMOVED_NAME).executeUpdate())
                        .chain(() -> Sequentially.forEach(counts, row -> audit.record(null, ACTOR_ROLE,
                                AuditAction.VIEWS_PURGED, uuid(row[0]), null, detail(row))))
                        .invoke(() -> purged.increment(due.size())));
    }

    /** Counts only: never a word, a name or a reference. */
    private static String detail(Object[] row) {
        return "views=" + row[1] + " idempotency-keys=" + row[2] + " invitations=" + row[3] + " devices=" + row[4]
                + " messages=" + row[5] + " notifications=" + row[6] + " webhook-deliveries=" + row[7]
                + " attachments=" + row[8];
    }

    private static List<UUID> uuids(List<?> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        for (Object row : rows) {
            ids.add(uuid(row));
        }
        return ids;
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID id ? id : UUID.fromString(String.valueOf(value));
    }
}
