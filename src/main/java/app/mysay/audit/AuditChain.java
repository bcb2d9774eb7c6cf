package app.mysay.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.audit.AuditCheckpoints.Checkpoint;
import app.mysay.audit.AuditDtos.AuditVerification;
import app.mysay.common.Timestamps;
import app.mysay.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Checks the audit trail's hash chain. The database links each event into the chain as its transaction commits (the
 * seal trigger in V15__audit_chain_sealed_at_commit.sql); this class encodes the same fields on its own and walks the
 * links in order, a batch at a time, so the check does not rest on the database's function being what it was. Then it
 * looks for events that have no link at all, which only someone going behind the app's back can make.
 */
@ApplicationScoped
public class AuditChain {

    static final int BATCH = 1_000;
    private static final String VERSION = "mysay-audit-v1";
    private static final String NEXT_BATCH = "select s.position, s.event_id, s.prev_hash, s.hash, e.id, e.at, "
            + "e.actor_id, e.actor_role, e.action, e.child_id, e.conference_id, e.detail "
            + "from audit_seal s left join audit_event e on e.id = s.event_id "
            + "where s.position > $1 order by s.position limit $2";
    private static final String FIRST_UNSEALED = "select min(e.id) as id from audit_event e "
            + "where not exists (select 1 from audit_seal s where s.event_id = e.id)";

    private final Pool pool;
    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;

    AuditChain(Pool pool, AuditLog audit, AuditCheckpoints checkpoints) {
        this.pool = pool;
        this.audit = audit;
        this.checkpoints = checkpoints;
    }

    /**
     * Walks the whole chain, comparing it with every keyed checkpoint (AuditCheckpoints), then records that this
     * manager checked it, and the outcome. A checkpoint not sealed under MySay's key, a link whose hash differs from a
     * checkpoint's at its position (the chain was recomputed), or a chain that ends before a checkpoint's position (its
     * newest events were cut off) is a broken chain, as a link that does not fit is.
     */
    public Uni<AuditVerification> verify(Caller manager) {
        Instant checkedAt = Timestamps.now();
        return checkpoints.all().flatMap(found -> {
            Walk start = new Walk();
            Checkpoint newest = null;
            for (Checkpoint c : found) {
                if (!checkpoints.authentic(c)) {
                    start.problem = "a checkpoint (position " + c.position() + ", " + c.madeAt()
                            + ") was not sealed under MySay's key";
                }
                start.checkpoints.computeIfAbsent(c.position(), p -> new ArrayList<>()).add(c);
                if (newest == null || c.position() > newest.position()
                        || c.position() == newest.position() && c.madeAt().isAfter(newest.madeAt())) {
                    newest = c;
                }
            }
            Checkpoint last = newest;
            return walk(start).flatMap(this::findUnsealed).map(walk -> {
                if (walk.broken == null && walk.problem == null && last != null
                        && last.position() > walk.lastPosition) {
                    walk.problem = "the chain ends at position " + walk.lastPosition + ", but the checkpoint of "
                            + last.madeAt() + " reached position " + last.position() + ": its newest events are missing";
                }
                boolean verified = walk.broken == null && walk.problem == null;
                return new AuditVerification(verified, walk.records, walk.broken, checkedAt, walk.problem,
                        found.size(), last == null ? null : last.position(), last == null ? null : last.madeAt());
            });
        }).call(result -> Panache.withTransaction(() -> audit.record(manager, AuditAction.AUDIT_VERIFIED, null,
                null, "records=" + result.records() + " checkpoints=" + result.checkpoints()
                        + (result.verified() ? " verified"
                                : result.firstBrokenId() != null ? " broken at " + result.firstBrokenId()
                                        : " broken: " + result.problem()))));
    }

    /** Where the walk has got to. It stops at the first link that does not fit: everything after it is suspect. */
    private static final class Walk {
        long lastPosition;
        byte[] lastHash;
        long records;
        Long broken;
        String problem;
        final Map<Long, List<Checkpoint>> checkpoints = new HashMap<>();
    }

    private Uni<Walk> walk(Walk walk) {
        return pool.preparedQuery(NEXT_BATCH).execute(Tuple.of(walk.lastPosition, BATCH)).flatMap(rows -> {
            check(rows, walk);
            if (walk.broken != null || rows.size() < BATCH) {
                return Uni.createFrom().item(walk);
            }
            return walk(walk);
        });
    }

    /**
     * Each link must come straight after the one before (no position missing), point at that link's hash, and hash
     * an event that is still there with exactly the fields it had. A broken link is reported by its event's id.
     */
    private static void check(RowSet<Row> rows, Walk walk) {
        for (Row row : rows) {
            long position = row.getLong("position");
            long eventId = row.getLong("event_id");
            byte[] prevHash = bytes(row, "prev_hash");
            byte[] stored = bytes(row, "hash");
            walk.records++;
            boolean fits = position == walk.lastPosition + 1 && Arrays.equals(prevHash, walk.lastHash)
                    && row.getLong("id") != null
                    && Arrays.equals(stored, hash(eventId, row.getOffsetDateTime("at").toInstant(),
                            row.getUUID("actor_id"), row.getString("actor_role"), row.getString("action"),
                            row.getUUID("child_id"), row.getUUID("conference_id"), row.getString("detail"), prevHash));
            if (fits) {
                for (Checkpoint c : walk.checkpoints.getOrDefault(position, List.of())) {
                    fits &= Arrays.equals(stored, c.headHash());
                }
            }
            if (!fits) {
                walk.broken = eventId;
                return;
            }
            walk.lastPosition = position;
            walk.lastHash = stored;
        }
    }

    /**
     * Every committed event is linked in the same commit, so an event without a link was put there with the triggers
     * off. Only asked when the links themselves all fit.
     */
    private Uni<Walk> findUnsealed(Walk walk) {
        if (walk.broken != null) {
            return Uni.createFrom().item(walk);
        }
        return pool.query(FIRST_UNSEALED).execute().map(rows -> {
            Long unsealed = rows.iterator().next().getLong("id");
            if (unsealed != null) {
                walk.broken = unsealed;
            }
            return walk;
        });
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    /**
     * SHA-256 over the version tag and the fields in order, each as '~' when null or as its length in UTF-8 bytes,
     * ':' and those bytes; the time in microseconds since 1970, ids as lower-case UUIDs, the previous hash as
     * lower-case hex. The same as audit_event_hash in V6__audit_chain.sql.
     */
    static byte[] hash(long id, Instant at, UUID actorId, String actorRole, String action, UUID childId,
            UUID conferenceId, String detail, byte[] prevHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, VERSION);
        field(out, Long.toString(id));
        field(out, Long.toString(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
                at.getNano() / 1_000)));
        field(out, actorId == null ? null : actorId.toString());
        field(out, actorRole);
        field(out, action);
        field(out, childId == null ? null : childId.toString());
        field(out, conferenceId == null ? null : conferenceId.toString());
        field(out, detail);
        field(out, prevHash == null ? null : HexFormat.of().formatHex(prevHash));
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write('~');
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }
}
