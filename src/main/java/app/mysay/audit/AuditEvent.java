package app.mysay.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    @Column(name = "actor_id")
    public UUID actorId;

    /** A Role name, or ANONYMOUS before anyone is signed in. */
    @Column(name = "actor_role")
    public String actorRole;

    @Enumerated(EnumType.STRING)
    public AuditAction action;

    @Column(name = "child_id")
    public UUID childId;

    @Column(name = "conference_id")
    public UUID conferenceId;

    /** A short fact such as "version 2"; never anything a person wrote. */
    public String detail;
}
