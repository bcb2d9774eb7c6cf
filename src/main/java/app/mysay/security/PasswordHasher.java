package app.mysay.security;

import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Argon2id hashing of staff passwords and children's PINs (OWASP's parameters: 19 MiB, 2 passes).
 * Hashing is deliberately slow, so it runs on a worker thread and the answer comes back on the caller's context.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);
    /** Checked against when an account does not exist, so that a wrong e-mail takes as long as a wrong password. */
    private static final String DECOY_HASH = Password.hash("decoy password, never matches").with(ARGON2ID).getResult();

    private final Vertx vertx;

    PasswordHasher(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<String> hash(String secret) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hashNow(secret)));
    }

    /** True when the secret matches; when {@code storedHash} is null the decoy is checked and false returned. */
    public Uni<Boolean> verify(String secret, String storedHash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            if (storedHash == null) {
                Password.check(secret, DECOY_HASH).with(ARGON2ID);
                return false;
            }
            return Password.check(secret, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
        }));
    }

    /** For start-up work that is not serving a request (demo data). */
    public static String hashNow(String secret) {
        return Password.hash(secret).with(ARGON2ID).getResult();
    }
}
