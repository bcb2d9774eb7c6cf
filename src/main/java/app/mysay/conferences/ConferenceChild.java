package app.mysay.conferences;

import java.time.Instant;
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

/** A child covered by a conference: the chair's "I have read this" and, afterwards, the decision and message. */
@Entity
@Table(name = "conference_child")
public class ConferenceChild extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "conference_id")
    public UUID conferenceId;

    @Column(name = "child_id")
    public UUID childId;

    @Column(name = "chair_read_at")
    public Instant chairReadAt;

    @Column(name = "chair_read_version")
    public Integer chairReadVersion;

    @Column(name = "plan_needed")
    public Boolean planNeeded;

    @Enumerated(EnumType.STRING)
    @Column(name = "harm_category")
    public HarmCategory harmCategory;

    /**
     * The chair's message, decrypted. Private, with accessors, so that every change goes through
     * {@link #setOutcomeMessage}, which encrypts it: Hibernate writes only the encrypted column.
     */
    @Transient
    private String outcomeMessage;

    /** The message as stored: encrypted (app.mysay.security.FieldEncryption). */
    @Column(name = "outcome_message_enc")
    byte[] outcomeMessageEnc;

    @Column(name = "outcome_at")
    public Instant outcomeAt;

    public String getOutcomeMessage() {
        return outcomeMessage;
    }

    public void setOutcomeMessage(String message) {
        outcomeMessage = message;
        encrypt();
    }

    @PrePersist
    void encrypt() {
        outcomeMessageEnc = FieldEncryption.current().encrypt(outcomeMessage, place());
    }

    @PostLoad
    void decrypt() {
        outcomeMessage = FieldEncryption.current().decrypt(outcomeMessageEnc, place());
    }

    private Place place() {
        return new Place("conference_child", "outcome_message_enc", id, childId);
    }
}
