package app.mysay.children;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ChildRepository implements PanacheRepositoryBase<Child, UUID> {
}
