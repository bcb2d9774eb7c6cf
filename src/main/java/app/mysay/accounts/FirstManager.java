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

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "mysay.bootstrap.manager-email") Optional<String> email,
            @ConfigProperty(name = "mysay.bootstrap.manager-password") Optional<String> password) throws Throwable {
        if (email.isEmpty() || password.isEmpty()) {
            return;
        }
        if (password.get().length() < 12) {
            throw new IllegalStateException("mysay.bootstrap.manager-password must be at least 12 characters");
        }
        StaffAccount manager = new StaffAccount();
        manager.id = UUID.randomUUID();
        manager.email = email.get().trim().toLowerCase(Locale.ROOT);
        manager.displayName = "Manager";
        manager.role = Role.MANAGER;
        manager.passwordHash = PasswordHasher.hashNow(password.get());
        manager.enabled = true;
        manager.createdAt = Timestamps.now();
        boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> StaffAccount.count()
                .flatMap(n -> n > 0 ? io.smallrye.mutiny.Uni.createFrom().item(false)
                        : manager.persist().replaceWith(true))));
        if (created) {
            LOG.info("Created the first manager account from mysay.bootstrap.manager-email; remove the bootstrap settings now.");
        }
    }
}
