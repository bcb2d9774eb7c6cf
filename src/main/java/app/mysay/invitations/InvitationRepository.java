package app.mysay.invitations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    public Uni<Invitation> lockByCodeHash(byte[] codeHash) {
        return find("codeHash", codeHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Invitation>> forChildAndConference(UUID childId, UUID conferenceId) {
        return list("childId = ?1 and conferenceId = ?2", Sort.descending("createdAt"), childId, conferenceId);
    }

    /** Re-inviting replaces any invitation not yet used, so only the newest code works. */
    public Uni<Integer> revokeOpen(UUID childId, UUID conferenceId, Instant now) {
        return update("revokedAt = ?1 where childId = ?2 and conferenceId = ?3 and redeemedAt is null and revokedAt is null",
                now, childId, conferenceId);
    }
}
