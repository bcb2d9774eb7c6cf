package app.mysay.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.mysay.security.FieldEncryption.Place;
import app.mysay.security.FieldEncryption.UndecryptableException;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * After a key rotation (see docs/architecture.md, "Encryption at rest"): re-encrypts, under the primary key, every
 * stored ciphertext made under another key, found by its Tink prefix. A batch at a time in id order, each row by a
 * compare-and-set update (only if its ciphertexts are still those read), so it is idempotent, never overwrites a
 * change made meanwhile (that one is already under the primary key), and can be run again at any time. The database
 * lets it through the immutability of sent views (V9__field_encryption.sql) because it changes only ciphertexts.
 */
@ApplicationScoped
public class Reencryption {

    private static final Logger LOG = Logger.getLogger(Reencryption.class);
    static final String JOB = "field-reencryption";
    private static final UUID FIRST = new UUID(0, 0);

    /**
     * A table with encrypted columns. {@code key} is its primary key (a uuid); {@code owner} is the column the
     * ciphertexts are bound to: the child, or for staff secrets the account, for a conference the conference;
     * {@code batchFactor} divides the batch size (attachments are large).
     */
    record Table(String name, String key, String owner, List<String> columns, int batchFactor) {

        Table(String name, String owner, List<String> columns, int batchFactor) {
            this(name, "id", owner, columns, batchFactor);
        }
    }

    static final List<Table> TABLES = List.of(
            new Table("views", "child_id", List.of("good_things_enc", "worries_enc", "wishes_enc", "who_with_me_enc",
                    "questions_for_chair_enc", "tell_chair_first_enc", "helper_name_enc", "helper_role_enc",
                    "not_read_back_reason_enc", "good_things_picture_text_enc", "worries_picture_text_enc",
                    "wishes_picture_text_enc", "safety_score_enc"), 1),
            new Table("conference_child", "child_id", List.of("outcome_message_enc"), 1),
            new Table("child", "id", List.of("communication_needs_enc"), 1),
            new Table("conference", "id", List.of("place_enc"), 1),
            new Table("legal_hold", "child_id", "child_id", List.of("reason_enc"), 1),
            new Table("staff_account", "id", List.of("totp_secret_enc", "totp_pending_enc"), 1),
            new Table("child_device", "child_id", List.of("draft_key_enc"), 1),
            // Up to a few MB each: a batch of 200 would hold hundreds of MB in memory; 200 / 20 = 10 at a time.
            new Table("attachment", "child_id", List.of("content_enc"), 20));

    /** What one run did. Rows that cannot be decrypted are logged (by id) and left as they are. */
    public record Outcome(int reencrypted, int undecryptable) {

        Outcome plus(Outcome other) {
            return new Outcome(reencrypted + other.reencrypted, undecryptable + other.undecryptable);
        }
    }

    private final Pool pool;
    private final FieldEncryption crypto;
    private final int batchSize;

    Reencryption(Pool pool, FieldEncryption crypto,
            @ConfigProperty(name = "mysay.encryption.reencrypt-batch", defaultValue = "200") int batchSize) {
        this.pool = pool;
        this.crypto = crypto;
        this.batchSize = batchSize;
    }

    @Scheduled(identity = JOB, every = "${mysay.encryption.reencrypt-every:1h}",
            concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().invoke(outcome -> {
            if (outcome.reencrypted() > 0 || outcome.undecryptable() > 0) {
                LOG.infof("Re-encrypted %d row(s) under the primary key; %d could not be decrypted",
                        outcome.reencrypted(), outcome.undecryptable());
            }
        }).onFailure().invoke(e -> LOG.warnf("Re-encryption stopped (%s); the next run goes on",
                e.getClass().getSimpleName())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Re-encrypts everything not under the primary key, table by table. */
    public Uni<Outcome> run() {
        Uni<Outcome> all = Uni.createFrom().item(new Outcome(0, 0));
        for (Table table : TABLES) {
            all = all.flatMap(sum -> batches(table, FIRST, crypto.primaryPrefix()).map(sum::plus));
        }
        return all;
    }

    private Uni<Outcome> batches(Table table, UUID after, byte[] primary) {
        String stale = table.columns().stream()
                .map(c -> "(" + c + " is not null and substr(" + c + ", 1, 5) <> $2)")
                .collect(Collectors.joining(" or "));
        String select = "select " + table.key() + " as id, " + table.owner() + " as owner_id, "
                + String.join(", ", table.columns()) + " from " + table.name()
                + " where " + table.key() + " > $1 and (" + stale + ") order by " + table.key() + " limit $3";
        int batch = Math.max(1, batchSize / table.batchFactor());
        return pool.preparedQuery(select).execute(Tuple.of(after, Buffer.buffer(primary), batch))
                .flatMap(rows -> reencrypt(table, rows).flatMap(outcome -> {
                    if (rows.size() < batch) {
                        return Uni.createFrom().item(outcome);
                    }
                    UUID last = null;
                    for (Row row : rows) {
                        last = row.getUUID("id");
                    }
                    return batches(table, last, primary).map(outcome::plus);
                }));
    }

    private Uni<Outcome> reencrypt(Table table, RowSet<Row> rows) {
        List<String> columns = table.columns();
        int n = columns.size();
        // set c1 = $2, ... where id = $1 and c1 is not distinct from $(n+2) ...
        String update = "update " + table.name() + " set "
                + IntStream.range(0, n).mapToObj(i -> columns.get(i) + " = $" + (i + 2)).collect(Collectors.joining(", "))
                + " where " + table.key() + " = $1 and "
                + IntStream.range(0, n).mapToObj(i -> columns.get(i) + " is not distinct from $" + (i + n + 2) + "::bytea")
                        .collect(Collectors.joining(" and "));
        List<Tuple> updates = new ArrayList<>();
        int undecryptable = 0;
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            UUID childId = row.getUUID("owner_id");
            List<Object> fresh = new ArrayList<>();
            List<Object> old = new ArrayList<>();
            try {
                for (String column : columns) {
                    var stored = row.getBuffer(column);
                    byte[] ciphertext = stored == null ? null : stored.getBytes();
                    Place place = new Place(table.name(), column, id, childId);
                    byte[] again = crypto.underPrimary(ciphertext) ? ciphertext : crypto.reencrypt(ciphertext, place);
                    fresh.add(again == null ? null : Buffer.buffer(again));
                    old.add(ciphertext == null ? null : Buffer.buffer(ciphertext));
                }
            } catch (UndecryptableException e) {
                undecryptable++;
                continue;
            }
            Tuple tuple = Tuple.of(id);
            fresh.forEach(tuple::addValue);
            old.forEach(tuple::addValue);
            updates.add(tuple);
        }
        int skipped = undecryptable;
        if (updates.isEmpty()) {
            return Uni.createFrom().item(new Outcome(0, skipped));
        }
        return pool.preparedQuery(update).executeBatch(updates).map(result -> {
            int changed = 0;
            for (RowSet<Row> r = result; r != null; r = r.next()) {
                changed += r.rowCount();
            }
            return new Outcome(changed, skipped);
        });
    }
}
