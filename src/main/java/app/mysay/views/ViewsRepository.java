package app.mysay.views;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.security.ConferenceSelection;
import app.mysay.security.FieldEncryption;
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
            boolean hasWordsForChairFirst, String urgentReasons) {
    }

    public record DraftStarted(UUID conferenceId, UUID childId) {
    }

    /*
     * A draft is found by the partial unique index views_one_draft_per_author (... where status = 'DRAFT'). PostgreSQL
     * can use a partial index only when the query's condition is known when it is planned, so the status is written
     * into these queries as a literal, not bound: with a bound status, the generic plan that a prepared statement
     * settles on scans every version of the child's views for the conference (the benchmark saw 1.2 ms a sending).
     * SendingTransaction deletes the draft by the same rule, in SQL.
     */
    private static final String DRAFT = "status = app.mysay.views.ViewsStatus.DRAFT";
    private static final String AUTHORS_DRAFT = "conferenceId = ?1 and childId = ?2 and authorId = ?3 and " + DRAFT;

    public Uni<Views> draft(UUID conferenceId, UUID childId, UUID authorId) {
        return find(AUTHORS_DRAFT, conferenceId, childId, authorId).firstResult();
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

    /**
     * The newest sent version of each child's views in these conferences: facts only, no content. Read as a projection,
     * not as entities: a workspace lists every conference of a chair or social worker, and loading each newest version
     * as an entity decrypted all its words (which this never shows) and made the session dirty-check every one of them.
     * Sent text is never blank (ViewsContent.normalised), so "words for the chair to hear first" is a non-null column.
     */
    public Uni<List<LatestSent>> latestSent(ConferenceSelection conferences) {
        return getSession().flatMap(session -> {
            var query = session.createSelectionQuery(
                    "select v.conferenceId, v.childId, v.version, v.sentAt, v.safetyScoreEnc, v.takingPartWays, "
                            + "v.advocateChoice, v.authorship, "
                            + "case when v.tellChairFirstEnc is not null then true else false end, v.urgentReasons, v.id "
                            + "from Views v where v.status = :sent and " + conferences.contains("v.conferenceId")
                            + " and v.version = (select max(w.version) from Views w where w.childId = v.childId "
                            + "and w.conferenceId = v.conferenceId and w.status = :sent)",
                    Object[].class)
                    .setParameter("sent", ViewsStatus.SENT);
            conferences.parameters().map().forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(ViewsRepository::latestSentOf).toList());
    }

    @SuppressWarnings("unchecked")
    private static LatestSent latestSentOf(Object[] r) {
        Set<TakingPartWay> ways = (Set<TakingPartWay>) r[5];
        String urgentReasons = (String) r[9];
        Short safetyScore = Views.safetyScore(FieldEncryption.current(), (byte[]) r[4], (UUID) r[10], (UUID) r[1]);
        return new LatestSent((UUID) r[0], (UUID) r[1], (Integer) r[2], (Instant) r[3], safetyScore,
                ways == null ? Set.of() : Set.copyOf(ways), (AdvocateChoice) r[6], (AuthorshipKind) r[7],
                Boolean.TRUE.equals(r[8]), urgentReasons);
    }

    /** Which children in these conferences have views started but not sent, by anyone. */
    public Uni<List<DraftStarted>> draftsStarted(ConferenceSelection conferences) {
        return getSession().flatMap(session -> {
            var query = session.createSelectionQuery("select distinct v.conferenceId, v.childId from Views v where v."
                    + DRAFT + " and " + conferences.contains("v.conferenceId"), Object[].class);
            conferences.parameters().map().forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> new DraftStarted((UUID) r[0], (UUID) r[1])).toList());
    }

    /** One conference's newest safety-scale answer, for the trend: the number and whether parents may see it. */
    public record NewestSafety(UUID conferenceId, Short safetyScore, boolean safetyShared) {
    }

    /**
     * The safety-scale answer of one child's newest sent version in each of these conferences: read as a projection,
     * as the trend needs one number from each, where loading each version decrypted all of its words.
     */
    public Uni<List<NewestSafety>> newestSafetyPerConference(UUID childId, Collection<UUID> conferenceIds) {
        if (conferenceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select v.conferenceId, v.safetyScoreEnc, v.safetyShared, v.id from Views v where v.childId = :child "
                        + "and v.status = :sent and v.conferenceId in :ids and v.version = (select max(w.version) "
                        + "from Views w where w.childId = :child and w.conferenceId = v.conferenceId and w.status = :sent)",
                Object[].class)
                .setParameter("child", childId).setParameter("sent", ViewsStatus.SENT).setParameter("ids", conferenceIds)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new NewestSafety((UUID) r[0],
                                Views.safetyScore(FieldEncryption.current(), (byte[]) r[1], (UUID) r[3], childId),
                                Boolean.TRUE.equals(r[2]))).toList());
    }

    /** The conferences in which this child has a draft of their own started (which, not what it says). */
    public Uni<List<UUID>> conferencesWithOwnDraft(UUID childId) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select v.conferenceId from Views v where v.childId = :child and v.authorId = :child and v." + DRAFT,
                UUID.class).setParameter("child", childId).getResultList());
    }
}
