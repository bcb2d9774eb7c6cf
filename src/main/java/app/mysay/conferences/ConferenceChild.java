package app.mysay.conferences;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    @Column(name = "outcome_message")
    public String outcomeMessage;

    @Column(name = "outcome_at")
    public Instant outcomeAt;
}
