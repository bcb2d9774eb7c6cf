package app.mysay.invitations;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ChildDeviceRepository implements PanacheRepositoryBase<ChildDevice, UUID> {

    /** Locked, so that concurrent PIN guesses are counted one by one and cannot slip past the limit. */
    public Uni<ChildDevice> lockBySecretHash(byte[] secretHash) {
        return find("secretHash", secretHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Every device of the child, removed ones too, oldest first: the order their names count in. */
    public Uni<List<ChildDevice>> forChild(UUID childId) {
        return list("childId", Sort.by("createdAt").and("id"), childId);
    }
}
