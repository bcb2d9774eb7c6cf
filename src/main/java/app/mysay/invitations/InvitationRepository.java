package app.mysay.invitations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import app.mysay.security.ConferenceSelection;
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

    /** What the workspace needs to know of an invitation: whose it is, when it was made and what became of it. */
    public record InvitationStatus(UUID conferenceId, UUID childId, Instant createdAt, Instant expiresAt,
            Instant redeemedAt, Instant revokedAt) {

        public InvitationState stateAt(Instant now) {
            return Invitation.stateAt(now, expiresAt, redeemedAt, revokedAt);
        }
    }

    /** The invitations for these conferences, as a projection: the status lines need no codes and no entities. */
    public Uni<List<InvitationStatus>> statuses(ConferenceSelection conferences) {
        return getSession().flatMap(session -> {
            var query = session.createSelectionQuery("select i.conferenceId, i.childId, i.createdAt, i.expiresAt, "
                    + "i.redeemedAt, i.revokedAt from Invitation i where " + conferences.contains("i.conferenceId"),
                    Object[].class);
            conferences.parameters().map().forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> new InvitationStatus((UUID) r[0], (UUID) r[1], (Instant) r[2],
                (Instant) r[3], (Instant) r[4], (Instant) r[5])).toList());
    }

    /** Re-inviting replaces any invitation not yet used, so only the newest code works. */
    public Uni<Integer> revokeOpen(UUID childId, UUID conferenceId, Instant now) {
        return update("revokedAt = ?1 where childId = ?2 and conferenceId = ?3 and redeemedAt is null and revokedAt is null",
                now, childId, conferenceId);
    }
}
