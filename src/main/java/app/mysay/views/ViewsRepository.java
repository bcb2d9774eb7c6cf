package app.mysay.views;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ViewsRepository implements PanacheRepositoryBase<Views, UUID> {

    public record LatestSent(UUID conferenceId, UUID childId, int version, Instant sentAt) {
    }

    public Uni<Views> draft(UUID conferenceId, UUID childId, UUID authorId) {
        return find("conferenceId = ?1 and childId = ?2 and authorId = ?3 and status = ?4",
                conferenceId, childId, authorId, ViewsStatus.DRAFT).firstResult();
    }

    public Uni<Views> latestSent(UUID conferenceId, UUID childId) {
        return find("conferenceId = ?1 and childId = ?2 and status = ?3", Sort.descending("version"),
                conferenceId, childId, ViewsStatus.SENT).firstResult();
    }

    public Uni<Views> sentVersion(UUID conferenceId, UUID childId, int version) {
        return find("conferenceId = ?1 and childId = ?2 and status = ?3 and version = ?4",
                conferenceId, childId, ViewsStatus.SENT, version).firstResult();
    }

    /** Every sent version, newest first. */
    public Uni<List<Views>> history(UUID conferenceId, UUID childId) {
        return list("conferenceId = ?1 and childId = ?2 and status = ?3", Sort.descending("version"),
                conferenceId, childId, ViewsStatus.SENT);
    }

    /** The newest sent version of each child's views in these conferences: facts only, no content. */
    public Uni<List<LatestSent>> latestSent(Collection<UUID> conferenceIds) {
        if (conferenceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select v.conferenceId, v.childId, max(v.version), max(v.sentAt) from Views v "
                        + "where v.status = :sent and v.conferenceId in :ids group by v.conferenceId, v.childId",
                Object[].class)
                .setParameter("sent", ViewsStatus.SENT)
                .setParameter("ids", conferenceIds)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new LatestSent((UUID) r[0], (UUID) r[1], (Integer) r[2], (Instant) r[3]))
                        .toList());
    }

    /** The newest sent version of one child's views in each of these conferences. */
    public Uni<List<Views>> newestSentPerConference(UUID childId, Collection<UUID> conferenceIds) {
        if (conferenceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("childId = ?1 and status = ?2 and conferenceId in ?3 and version = (select max(w.version) from Views w "
                + "where w.childId = ?1 and w.conferenceId = conferenceId and w.status = ?2)", childId, ViewsStatus.SENT,
                conferenceIds);
    }

    /** Whether anyone has a draft started for this child and conference (a fact for staff, never its content). */
    public Uni<Boolean> hasDraft(UUID conferenceId, UUID childId) {
        return count("conferenceId = ?1 and childId = ?2 and status = ?3", conferenceId, childId, ViewsStatus.DRAFT)
                .map(n -> n > 0);
    }
}
