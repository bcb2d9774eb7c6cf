package app.mysay.children;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Siblings grouped together, so the chair sees the whole family's views side by side. */
@Entity
@Table(name = "family")
public class Family extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The council's reference for the family; no names. */
    public String reference;

    @Column(name = "social_worker_id")
    public UUID socialWorkerId;

    @Column(name = "created_at")
    public Instant createdAt;
}
