package app.mysay.attachments;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.common.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Uploads per child per clock hour ({@code mysay.attachments.uploads-per-hour}), voice notes and pictures, by the
 * child or their advocate. Each upload adds one with a single atomic {@code INSERT ... ON CONFLICT DO UPDATE ...
 * RETURNING}, committed on its own before the upload is checked or decoded, so the limit holds across instances, a
 * refused or failing upload still counts, and one child session cannot keep the service decoding pictures. Over the
 * limit: 429 {@code too-many-uploads} with Retry-After (the end of the hour), which the app shows in plain words.
 */
@ApplicationScoped
class UploadLimits {

    private static final String COUNT = """
            insert into upload_limit as l (child_id, window_start, uploads)
            values ($1, date_trunc('hour', now()), 1)
            on conflict (child_id, window_start) do update set uploads = l.uploads + 1
            returning l.uploads, ceil(extract(epoch from l.window_start + interval '1 hour' - now()))::bigint as left_s
            """;

    private final Pool pool;
    private final int perHour;

    UploadLimits(Pool pool, AttachmentLimits limits) {
        this.pool = pool;
        this.perHour = limits.uploadsPerHour();
    }

    /** Counts one upload for this child; fails with 429 when it is over the hour's limit. */
    Uni<Void> count(UUID childId) {
        return pool.preparedQuery(COUNT).execute(Tuple.of(childId)).flatMap(rows -> {
            Row row = rows.iterator().next();
            if (row.getInteger("uploads") <= perHour) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().failure(new ApiProblem(429, "too-many-uploads", "Too many voice notes and pictures",
                    "You have added a lot of voice notes and pictures in the last hour. Wait a while, then try again. "
                            + "Writing works now, and nothing you saved is lost.")
                    .withRetryAfter(Math.max(1, row.getLong("left_s"))));
        });
    }

    /** Deletes the counters of hours that have ended: they can no longer refuse anything. Answers how many. */
    Uni<Integer> cleanUp() {
        return pool.preparedQuery("delete from upload_limit where window_start < date_trunc('hour', now())")
                .execute().map(rows -> rows.rowCount());
    }
}
