package app.mysay.conferences;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConferenceChildRepository implements PanacheRepositoryBase<ConferenceChild, UUID> {

    public Uni<ConferenceChild> findLink(UUID conferenceId, UUID childId) {
        return find("conferenceId = ?1 and childId = ?2", conferenceId, childId).firstResult();
    }

    public Uni<List<ConferenceChild>> forConference(UUID conferenceId) {
        return list("conferenceId", conferenceId);
    }
}
