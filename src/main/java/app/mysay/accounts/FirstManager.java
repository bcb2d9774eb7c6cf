package app.mysay.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.mysay.common.Timestamps;
import app.mysay.security.PasswordHasher;
import app.mysay.security.Role;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * A new installation has no accounts, and only managers create accounts. When the database has no staff at all,
 * this creates the first manager from {@code mysay.bootstrap.manager-email} and {@code mysay.bootstrap.manager-password}
 * (set them for the first start, then remove them). It never touches a database that already has staff.
 */
@ApplicationScoped
public class FirstManager {

    private static final Logger LOG = Logger.getLogger(FirstManager.class);
    /** An advisory lock key of MySay's own, held only while the first manager is created. */
    private static final long START_UP_LOCK = 0x4d79536179L;

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "mysay.bootstrap.manager-email") Optional<String> email,
            @ConfigProperty(name = "mysay.bootstrap.manager-password") Optional<String> password) throws Throwable {
        if (email.isEmpty() || password.isEmpty()) {
            return;
        }
        PasswordPolicy.problem(password.get(), email.get(), "Manager").ifPresent(why -> {
            throw new IllegalStateException("mysay.bootstrap.manager-password " + why);
        });
        StaffAccount manager = new StaffAccount();
        manager.id = UUID.randomUUID();
        manager.email = email.get().trim().toLowerCase(Locale.ROOT);
        manager.displayName = "Manager";
        manager.role = Role.MANAGER;
        manager.passwordHash = PasswordHasher.hashNow(password.get());
        manager.enabled = true;
        manager.createdAt = Timestamps.now();
        // Instances started together on an empty database would each count no staff and each insert a manager (the
        // second failing its start on the unique e-mail): the lock makes them take turns, so the second sees the first.
        boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select 1 from pg_advisory_xact_lock(" + START_UP_LOCK + ")")
                        .getSingleResult())
                .flatMap(locked -> StaffAccount.count())
                .flatMap(n -> n > 0 ? io.smallrye.mutiny.Uni.createFrom().item(false)
                        : manager.persist().replaceWith(true))));
        if (created) {
            LOG.info("Created the first manager account from mysay.bootstrap.manager-email; remove the bootstrap settings now.");
        }
    }
}
