package app.mysay.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.mysay.common.Timestamps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keyed checkpoints of the audit chain's head (V23__audit_checkpoints.sql). Every {@code mysay.audit.checkpoint-every}
 * each instance reads the newest link (its position and hash) and seals it with an HMAC-SHA-256 under
 * {@code mysay.audit.checkpoint-key}, a secret from configuration that the database never holds: whoever owns the
 * database can recompute the chain, or cut its newest events off, but cannot make a checkpoint that fits. Each
 * checkpoint is written to the database and exported for the operator to keep outside it, in write-once storage: one
 * log line (category {@code app.mysay.audit.checkpoint}, for the log collector) and, when
 * {@code mysay.audit.checkpoint-directory} is set, one line appended to that day's file there. {@link AuditChain}
 * checks the chain against every checkpoint it can read, from both places. The time of the last export is the metric
 * {@code mysay_audit_checkpoint_last_export_timestamp_seconds}; an alert fires when it stops moving.
 */
@ApplicationScoped
@Startup
public class AuditCheckpoints {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
    private static final Logger EXPORT = Logger.getLogger("app.mysay.audit.checkpoint");
    static final String JOB = "audit-checkpoint";
    private static final String VERSION = "mysay-audit-checkpoint-v1";
    private static final int MIN_KEY_BYTES = 32;
    private static final String HEAD = "select position, hash from audit_seal order by position desc limit 1";
    private static final String INSERT = "insert into audit_checkpoint (position, head_hash, made_at, mac) "
            + "values ($1, $2, $3, $4)";
    private static final String ALL = "select position, head_hash, made_at, mac from audit_checkpoint order by id";

    /** The chain's head at a moment, and the MAC that seals it. {@code headHash} is null for an empty chain. */
    public record Checkpoint(long position, byte[] headHash, Instant madeAt, byte[] mac) {

        /** The exported form, one line: what the operator keeps, and what {@link #parse} reads back. */
        public String line() {
            return "mysay-audit-checkpoint position=" + position + " head="
                    + (headHash == null ? "none" : HexFormat.of().formatHex(headHash)) + " at=" + madeAt
                    + " mac=" + HexFormat.of().formatHex(mac);
        }

        /** A line written by {@link #line}, or null for anything else. */
        static Checkpoint parse(String line) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 5 || !parts[0].equals("mysay-audit-checkpoint")) {
                return null;
            }
            try {
                String head = value(parts[2], "head=");
                return new Checkpoint(Long.parseLong(value(parts[1], "position=")),
                        head.equals("none") ? null : HexFormat.of().parseHex(head),
                        Instant.parse(value(parts[3], "at=")), HexFormat.of().parseHex(value(parts[4], "mac=")));
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static String value(String part, String name) {
            if (!part.startsWith(name)) {
                throw new IllegalArgumentException(name);
            }
            return part.substring(name.length());
        }
    }

    private final Pool pool;
    private final byte[] key;
    private final Optional<Path> directory;
    private final AtomicLong lastExport = new AtomicLong();

    AuditCheckpoints(Pool pool, MeterRegistry registry,
            @ConfigProperty(name = "mysay.audit.checkpoint-key") Optional<String> key,
            @ConfigProperty(name = "mysay.audit.checkpoint-key-location") Optional<String> keyLocation,
            @ConfigProperty(name = "mysay.audit.checkpoint-directory") Optional<String> directory) {
        this.pool = pool;
        this.key = key(key.filter(k -> !k.isBlank()).or(() -> keyLocation.map(AuditCheckpoints::readKey)));
        this.directory = directory.filter(d -> !d.isBlank()).map(Path::of);
        Gauge.builder("mysay.audit.checkpoint.last.export", lastExport, AtomicLong::get)
                .description("When this instance last exported a keyed checkpoint of the audit chain (seconds since "
                        + "1970; 0 before its first)")
                .baseUnit("timestamp_seconds").register(registry);
    }

    private static String readKey(String location) {
        try {
            return Files.readString(Path.of(location), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            // Never the key itself in the message.
            throw new IllegalStateException("Cannot read mysay.audit.checkpoint-key-location: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] key(Optional<String> configured) {
        if (configured.filter(k -> !k.isBlank()).isPresent()) {
            byte[] bytes = configured.get().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_KEY_BYTES) {
                throw new IllegalStateException("mysay.audit.checkpoint-key must be at least " + MIN_KEY_BYTES
                        + " bytes");
            }
            return bytes;
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("Set mysay.audit.checkpoint-key (MYSAY_AUDIT_CHECKPOINT_KEY, at least 32 "
                    + "random bytes, kept where the database's owner cannot read it) or mysay.audit.checkpoint-key-"
                    + "location (a file holding one) to run MySay in production: it "
                    + "seals the audit trail's checkpoints. See docs/security.md.");
        }
        byte[] bytes = new byte[MIN_KEY_BYTES];
        RANDOM.nextBytes(bytes);
        LOG.info("Audit checkpoints: generated a throwaway key (" + LaunchMode.current() + " mode only)");
        return bytes;
    }

    @Scheduled(identity = JOB, every = "${mysay.audit.checkpoint-every}", delayed = "${mysay.audit.checkpoint-delay}",
            concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return write().onFailure().invoke(e -> LOG.warnf("Could not write an audit checkpoint (%s); the next run "
                + "tries again", e.getClass().getSimpleName())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Seals the chain's head now: written to the database, then exported. */
    public Uni<Checkpoint> write() {
        return pool.query(HEAD).execute().flatMap(rows -> {
            long position = 0;
            byte[] hash = null;
            for (Row row : rows) {
                position = row.getLong("position");
                hash = row.getBuffer("hash").getBytes();
            }
            Instant madeAt = Timestamps.now();
            Checkpoint checkpoint = new Checkpoint(position, hash, madeAt, mac(position, hash, madeAt));
            return pool.preparedQuery(INSERT).execute(Tuple.of(position, hash == null ? null : Buffer.buffer(hash),
                    madeAt.atOffset(ZoneOffset.UTC), Buffer.buffer(checkpoint.mac())))
                    .replaceWith(checkpoint);
        }).call(this::export);
    }

    private Uni<Void> export(Checkpoint checkpoint) {
        String line = checkpoint.line();
        return Uni.createFrom().item(() -> {
            EXPORT.info(line);
            directory.ifPresent(dir -> append(dir, checkpoint, line));
            lastExport.set(checkpoint.madeAt().getEpochSecond());
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static void append(Path dir, Checkpoint checkpoint, String line) {
        Path file = dir.resolve("audit-checkpoints-" + checkpoint.madeAt().atOffset(ZoneOffset.UTC).toLocalDate()
                + ".log");
        try {
            Files.writeString(file, line + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every checkpoint there is: the database's, then the exported directory's (when set). */
    public Uni<List<Checkpoint>> all() {
        return pool.query(ALL).execute().map(rows -> {
            List<Checkpoint> found = new ArrayList<>();
            for (Row row : rows) {
                var head = row.getBuffer("head_hash");
                found.add(new Checkpoint(row.getLong("position"), head == null ? null : head.getBytes(),
                        row.getOffsetDateTime("made_at").toInstant(), row.getBuffer("mac").getBytes()));
            }
            return found;
        }).flatMap(found -> directory.isEmpty() ? Uni.createFrom().item(found)
                : Uni.createFrom().item(() -> {
                    found.addAll(exported(directory.get()));
                    return found;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private static List<Checkpoint> exported(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Checkpoint> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("audit-checkpoints-"))
                    .sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    Checkpoint c = Checkpoint.parse(line);
                    if (c != null) {
                        found.add(c);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the audit checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** Whether this checkpoint was sealed under this instance's key. */
    public boolean authentic(Checkpoint c) {
        return MessageDigest.isEqual(c.mac(), mac(c.position(), c.headHash(), c.madeAt()));
    }

    private byte[] mac(long position, byte[] headHash, Instant madeAt) {
        String sealed = String.join("|", VERSION, Long.toString(position),
                headHash == null ? "none" : HexFormat.of().formatHex(headHash),
                Long.toString(Math.addExact(Math.multiplyExact(madeAt.getEpochSecond(), 1_000_000L),
                        madeAt.getNano() / 1_000)));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(sealed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
