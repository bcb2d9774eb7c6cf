package app.mysay.attachments;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;

/**
 * Uploads that no version of the views names (a voice note kept and then recorded again, a picture left out before
 * sending, an upload whose draft was never saved) are deleted once they are older than
 * {@code mysay.attachments.keep-unnamed-for}. One named by a draft stays while the draft does; one named by a sent
 * version stays while that version does (until the retention purge). The same run deletes the upload counters of
 * hours that have ended ({@link UploadLimits}).
 */
@ApplicationScoped
public class AttachmentCleanup {

    public static final String JOB = "mysay-attachment-cleanup";
    private static final Logger LOG = Logger.getLogger(AttachmentCleanup.class);

    private final Duration keepUnnamedFor;
    private final UploadLimits uploadLimits;

    AttachmentCleanup(AttachmentLimits settings, UploadLimits uploadLimits) {
        this.keepUnnamedFor = settings.keepUnnamedFor();
        this.uploadLimits = uploadLimits;
    }

    @Scheduled(identity = JOB, every = "${mysay.attachments.cleanup-every:1h}", concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return cleanUp().call(() -> uploadLimits.cleanUp()).onFailure().recoverWithItem(e -> {
            LOG.warnf("Could not clean up unnamed attachments (%s); the next run tries again",
                    e.getClass().getSimpleName());
            return 0;
        }).replaceWithVoid();
    }

    /** Deletes every unnamed attachment older than the period; answers how many. */
    public Uni<Integer> cleanUp() {
        Instant cutoff = Instant.now().minus(keepUnnamedFor);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "delete from attachment a where a.created_at < :cutoff and not exists (select 1 from views v where "
                        + "v.good_things_voice_id = a.id or v.good_things_picture_id = a.id or v.worries_voice_id = a.id "
                        + "or v.worries_picture_id = a.id or v.wishes_voice_id = a.id or v.wishes_picture_id = a.id)")
                .setParameter("cutoff", cutoff).executeUpdate()))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Deleted %d attachment(s) that no views named", n);
                    }
                });
    }
}
