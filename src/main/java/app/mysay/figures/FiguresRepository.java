package app.mysay.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.children.AgeBand;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.views.AdvocateChoice;
import app.mysay.views.AuthorshipKind;
import app.mysay.views.TakingPartWay;
import app.mysay.views.ViewsStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class FiguresRepository {

    /**
     * The facts about one child's place at one conference, and about its newest sent views, that figures are made of.
     * Deliberately no text column: not the child's name or reference, not a word of the views, not the chair's message
     * (only whether there is one). The date of birth stays on the server, to work out the age band on the day.
     */
    public record PlaceFacts(UUID conferenceId, Instant startsAt, ConferenceStatus status, LocalDate dateOfBirth,
            AgeBand ageBand, Integer version, Instant sentAt, AuthorshipKind authorship, Set<TakingPartWay> ways,
            AdvocateChoice advocate, Instant chairReadAt, Integer chairReadVersion, boolean messageToChild) {

        public boolean hasViews() {
            return version != null;
        }
    }

    /** Every place at the non-cancelled conferences starting in [from, until), in one query. */
    public Uni<List<PlaceFacts>> places(Instant from, Instant until) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                "select k.id, k.startsAt, k.status, c.dateOfBirth, c.ageBand, v.version, v.sentAt, v.authorship, "
                        + "v.takingPartWays, v.advocateChoice, cc.chairReadAt, cc.chairReadVersion, "
                        + "case when cc.outcomeMessageEnc is null then false else true end "
                        + "from ConferenceChild cc "
                        + "join Conference k on k.id = cc.conferenceId "
                        + "join Child c on c.id = cc.childId "
                        + "left join Views v on v.conferenceId = cc.conferenceId and v.childId = cc.childId "
                        + "and v.status = :sent and v.version = (select max(w.version) from Views w "
                        + "where w.conferenceId = cc.conferenceId and w.childId = cc.childId and w.status = :sent) "
                        + "where k.status <> :cancelled and k.startsAt >= :from and k.startsAt < :until",
                Object[].class)
                .setParameter("sent", ViewsStatus.SENT)
                .setParameter("cancelled", ConferenceStatus.CANCELLED)
                .setParameter("from", from)
                .setParameter("until", until)
                .getResultList())
                .map(rows -> rows.stream().map(FiguresRepository::facts).toList());
    }

    @SuppressWarnings("unchecked")
    private static PlaceFacts facts(Object[] r) {
        return new PlaceFacts((UUID) r[0], (Instant) r[1], (ConferenceStatus) r[2], (LocalDate) r[3], (AgeBand) r[4],
                (Integer) r[5], (Instant) r[6], (AuthorshipKind) r[7], (Set<TakingPartWay>) r[8],
                (AdvocateChoice) r[9], (Instant) r[10], (Integer) r[11], Boolean.TRUE.equals(r[12]));
    }
}
