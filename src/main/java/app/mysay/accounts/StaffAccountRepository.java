package app.mysay.accounts;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.security.Role;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class StaffAccountRepository implements PanacheRepositoryBase<StaffAccount, UUID> {

    public Uni<StaffAccount> findByEmail(String email) {
        return find("email", email.trim().toLowerCase(Locale.ROOT)).firstResult();
    }

    public Uni<List<StaffAccount>> listEnabled(Role role) {
        return role == null
                ? list("enabled = true", Sort.by("displayName"))
                : list("enabled = true and role = ?1", Sort.by("displayName"), role);
    }

    /** The account if it exists, is enabled and has the given role; otherwise null. */
    public Uni<StaffAccount> findEnabledWithRole(UUID id, Role role) {
        return find("id = ?1 and role = ?2 and enabled = true", id, role).firstResult();
    }
}
