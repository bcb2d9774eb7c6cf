package app.mysay.conferences;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    public String place;

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
}
