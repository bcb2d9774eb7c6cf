package app.mysay.retention;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** While a child is held, the retention purge leaves everything of theirs alone. */
@Entity
@Table(name = "legal_hold")
public class LegalHold extends PanacheEntityBase {

    @Id
    @Column(name = "child_id")
    public UUID childId;

    /** A manager's short note (e.g. which proceedings); shown to managers only, never written to the audit trail. */
    public String reason;

    @Column(name = "placed_by")
    public UUID placedBy;

    @Column(name = "placed_at")
    public Instant placedAt;
}
