package app.mysay.views;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Remembers which version a sending made, so a retry with the same Idempotency-Key returns it again. */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKey.Id.class)
public class IdempotencyKey extends PanacheEntityBase {

    @jakarta.persistence.Id
    @Column(name = "caller_id")
    public UUID callerId;

    @jakarta.persistence.Id
    public String key;

    @Column(name = "request_hash")
    public byte[] requestHash;

    @Column(name = "views_id")
    public UUID viewsId;

    @Column(name = "created_at")
    public Instant createdAt;

    public static class Id implements Serializable {
        public UUID callerId;
        public String key;

        public Id() {
        }

        public Id(UUID callerId, String key) {
            this.callerId = callerId;
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && Objects.equals(callerId, other.callerId) && Objects.equals(key, other.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(callerId, key);
        }
    }
}
