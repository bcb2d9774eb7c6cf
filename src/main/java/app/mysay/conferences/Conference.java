package app.mysay.conferences;

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

@Entity
@Table(name = "conference")
public class Conference extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public ConferenceType type;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "attendance_mode")
    public AttendanceMode attendanceMode;

    /** Where it is held, as free text: stored encrypted, as place_enc, bound to this conference. */
    @Transient
    public String place;

    @Column(name = "place_enc")
    byte[] placeEnc;

    @Column(name = "chair_id")
    public UUID chairId;

    @Column(name = "social_worker_id")
    public UUID socialWorkerId;

    @Column(name = "views_due")
    public LocalDate viewsDue;

    @Enumerated(EnumType.STRING)
    public ConferenceStatus status;

    @Column(name = "next_review_date")
    public LocalDate nextReviewDate;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Encrypts the place into its stored column; whoever changes {@link #place} calls it, and persisting does. */
    @PrePersist
    public void encrypt() {
        placeEnc = FieldEncryption.current().encrypt(place, place());
    }

    @PostLoad
    void decrypt() {
        place = FieldEncryption.current().decrypt(placeEnc, place());
    }

    private Place place() {
        return new Place("conference", "place_enc", id, id);
    }
}
