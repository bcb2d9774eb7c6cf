package app.mysay.attachments;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.mysay.security.FieldEncryption;
import app.mysay.security.FieldEncryption.Place;
import app.mysay.security.Role;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A voice note or a picture, for one child and one conference, uploaded by the child or their advocate. The bytes are
 * stored encrypted ({@link #content()} decrypts them); the row never changes after it is written, except by
 * re-encryption under a new key (V11__attachments.sql). Lists use {@link AttachmentRepository.Info}, which never reads
 * the bytes.
 */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {

    static final String CONTENT = "content_enc";

    @Id
    public UUID id;

    @Column(name = "child_id")
    public UUID childId;

    @Column(name = "conference_id")
    public UUID conferenceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_role")
    public Role authorRole;

    @Column(name = "author_id")
    public UUID authorId;

    @Enumerated(EnumType.STRING)
    public AttachmentKind kind;

    @Column(name = "media_type")
    public String mediaType;

    @Column(name = "byte_size")
    public int byteSize;

    public Integer width;

    public Integer height;

    @Column(name = CONTENT)
    byte[] contentEnc;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Encrypts and keeps the bytes; the id and child must be set first (the ciphertext is bound to them). */
    void setContent(byte[] bytes) {
        contentEnc = FieldEncryption.current().encryptBytes(bytes, place());
        byteSize = bytes.length;
    }

    public byte[] content() {
        return FieldEncryption.current().decryptBytes(contentEnc, place());
    }

    private Place place() {
        return new Place("attachment", CONTENT, id, childId);
    }
}
