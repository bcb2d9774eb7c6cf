package app.mysay.views;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ViewsRepository implements PanacheRepositoryBase<Views, UUID> {

    /**
     * The newest sent version of one child's views, as facts a status line may show: never the words themselves, only
     * whether there are words for the chair to hear first.
     */
    public record LatestSent(UUID conferenceId, UUID childId, int version, Instant sentAt, Short safetyScore,
            Set<TakingPartWay> takingPartWays, AdvocateChoice advocateChoice, AuthorshipKind authorship,
            boolean hasWordsForChairFirst, boolean flaggedUrgent) {
    }

    public record DraftStarted(UUID conferenceId, UUID childId) {
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
        return list("from Views v where v.status = ?1 and v.conferenceId in ?2 and v.version = (select max(w.version) "
                + "from Views w where w.childId = v.childId and w.conferenceId = v.conferenceId and w.status = ?1)",
                ViewsStatus.SENT,
                conferenceIds)
                .map(rows -> rows.stream()
                        .map(v -> new LatestSent(v.conferenceId, v.childId, v.version, v.sentAt, v.safetyScore,
                                v.takingPartWays == null ? Set.of() : Set.copyOf(v.takingPartWays), v.advocateChoice,
                                v.authorship, v.tellChairFirst != null && !v.tellChairFirst.isBlank(),
                                v.flaggedUrgent()))
                        .toList());
    }

    /** Which children in these conferences have views started but not sent, by anyone. */
    public Uni<List<DraftStarted>> draftsStarted(Collection<UUID> conferenceIds) {
        if (conferenceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select distinct v.conferenceId, v.childId from Views v where v.status = :draft and v.conferenceId in :ids",
                Object[].class)
                .setParameter("draft", ViewsStatus.DRAFT)
                .setParameter("ids", conferenceIds)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new DraftStarted((UUID) r[0], (UUID) r[1])).toList());
    }

    /** The newest sent version of one child's views in each of these conferences. */
    public Uni<List<Views>> newestSentPerConference(UUID childId, Collection<UUID> conferenceIds) {
        if (conferenceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("from Views v where v.childId = ?1 and v.status = ?2 and v.conferenceId in ?3 and v.version = "
                + "(select max(w.version) from Views w where w.childId = ?1 and w.conferenceId = v.conferenceId "
                + "and w.status = ?2)", childId, ViewsStatus.SENT,
                conferenceIds);
    }

    /** Whether anyone has a draft started for this child and conference (a fact for staff, never its content). */
    public Uni<Boolean> hasDraft(UUID conferenceId, UUID childId) {
        return count("conferenceId = ?1 and childId = ?2 and status = ?3", conferenceId, childId, ViewsStatus.DRAFT)
                .map(n -> n > 0);
    }
}
