package app.mysay.children;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import app.mysay.security.FieldEncryption;
import app.mysay.security.FieldEncryption.Place;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Only what the conference needs to hear the child: no address, no surname, no school. */
@Entity
@Table(name = "child")
public class Child extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "known_as")
    public String knownAs;

    @Column(name = "date_of_birth")
    public LocalDate dateOfBirth;

    @Enumerated(EnumType.STRING)
    @Column(name = "age_band")
    public AgeBand ageBand;

    @Column(name = "preferred_language")
    public String preferredLanguage;

    /** Free text about the child (how they communicate): stored encrypted, as communication_needs_enc. */
    @Transient
    public String communicationNeeds;

    @Column(name = "communication_needs_enc")
    byte[] communicationNeedsEnc;

    @Column(name = "case_reference")
    public String caseReference;

    @Column(name = "family_id")
    public UUID familyId;

    @Column(name = "social_worker_id")
    public UUID socialWorkerId;

    @Column(name = "advocate_id")
    public UUID advocateId;

    @Column(name = "created_at")
    public Instant createdAt;

    /**
     * Encrypts the free text into its stored column (app.mysay.security.FieldEncryption), bound to this child. Whoever
     * changes {@link #communicationNeeds} calls it, so that Hibernate sees the change; persisting calls it too.
     */
    @PrePersist
    public void encrypt() {
        communicationNeedsEnc = FieldEncryption.current().encrypt(communicationNeeds, place());
    }

    @PostLoad
    void decrypt() {
        communicationNeeds = FieldEncryption.current().decrypt(communicationNeedsEnc, place());
    }

    private Place place() {
        return new Place("child", "communication_needs_enc", id, id);
    }

    public AgeBand ageBandOn(LocalDate today) {
        return dateOfBirth != null ? AgeBand.of(dateOfBirth, today) : ageBand;
    }
}
