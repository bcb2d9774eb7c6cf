package app.mysay.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
 * Checks the audit trail's hash chain. The database computes each event's hash as it is appended (the trigger in
 * V6__audit_chain.sql); this class encodes the same fields on its own and walks the table in id order, a batch at a
 * time, so the check does not rest on the database's function being what it was.
 */
@ApplicationScoped
public class AuditChain {

    static final int BATCH = 1_000;
    private static final String VERSION = "mysay-audit-v1";
    private static final String NEXT_BATCH = "select id, at, actor_id, actor_role, action, child_id, conference_id, "
            + "detail, prev_hash, hash from audit_event where id > $1 order by id limit $2";

    private final Pool pool;
    private final AuditLog audit;

    AuditChain(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /** Walks the whole chain, then records that this manager checked it, and the outcome. */
    public Uni<AuditVerification> verify(Caller manager) {
        Instant checkedAt = Timestamps.now();
        return walk(new Walk()).map(walk -> new AuditVerification(walk.broken == null, walk.records, walk.broken,
                checkedAt))
                .call(result -> Panache.withTransaction(() -> audit.record(manager, AuditAction.AUDIT_VERIFIED, null,
                        null, "records=" + result.records()
                                + (result.verified() ? " verified" : " broken at " + result.firstBrokenId()))));
    }

    /** Where the walk has got to. It stops at the first event that does not fit: everything after it is suspect. */
    private static final class Walk {
        long lastId;
        byte[] lastHash;
        long records;
        Long broken;
    }

    private Uni<Walk> walk(Walk walk) {
        return pool.preparedQuery(NEXT_BATCH).execute(Tuple.of(walk.lastId, BATCH)).flatMap(rows -> {
            check(rows, walk);
            if (walk.broken != null || rows.size() < BATCH) {
                return Uni.createFrom().item(walk);
            }
            return walk(walk);
        });
    }

    private static void check(RowSet<Row> rows, Walk walk) {
        for (Row row : rows) {
            long id = row.getLong("id");
            byte[] prevHash = bytes(row, "prev_hash");
            byte[] stored = bytes(row, "hash");
            walk.records++;
            byte[] expected = hash(id, row.getOffsetDateTime("at").toInstant(), row.getUUID("actor_id"),
                    row.getString("actor_role"), row.getString("action"), row.getUUID("child_id"),
                    row.getUUID("conference_id"), row.getString("detail"), prevHash);
            if (!Arrays.equals(prevHash, walk.lastHash) || !Arrays.equals(stored, expected)) {
                walk.broken = id;
                return;
            }
            walk.lastId = id;
            walk.lastHash = stored;
        }
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
