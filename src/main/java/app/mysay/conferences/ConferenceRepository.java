package app.mysay.conferences;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ConferenceRepository implements PanacheRepositoryBase<Conference, UUID> {
}
