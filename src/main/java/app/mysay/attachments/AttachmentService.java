package app.mysay.attachments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.attachments.AttachmentDtos.AttachmentInfo;
import app.mysay.attachments.AttachmentDtos.Content;
import app.mysay.attachments.MediaSniffer.Sniffed;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.ApiProblem;
import app.mysay.common.Sequentially;
import app.mysay.common.Timestamps;
import app.mysay.conferences.ConferenceRepository;
import app.mysay.conferences.ConferenceStatus;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import app.mysay.views.ViewsContent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Voice notes and pictures beside a child's words: uploading (checked by content, pictures cleaned of metadata,
 * encrypted), hearing and seeing them (each fetch audited), deleting an unsent one, and checking that the views name
 * only attachments their author may use.
 */
@ApplicationScoped
public class AttachmentService {

    private final AttachmentRepository attachments;
    private final ConferenceRepository conferences;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Vertx vertx;
    private final AttachmentLimits limits;
    private final PictureDecodes decodes;
    private final UploadLimits uploadLimits;

    AttachmentService(AttachmentRepository attachments, ConferenceRepository conferences, AccessPolicy access,
            AuditLog audit, Vertx vertx, AttachmentLimits limits, PictureDecodes decodes, UploadLimits uploadLimits) {
        this.attachments = attachments;
        this.conferences = conferences;
        this.access = access;
        this.audit = audit;
        this.vertx = vertx;
        this.limits = limits;
        this.decodes = decodes;
        this.uploadLimits = uploadLimits;
    }

    // ---- uploading ----

    /**
     * Counts it against the child's uploads this hour ({@link UploadLimits}), checks the upload by its bytes (what it
     * is, how big, and for a picture how many pixels and how much memory decoding takes, from its header, before
     * decoding), cleans a picture by decoding and re-encoding it on a worker thread, a bounded number at a time
     * ({@link PictureDecodes}), and stores it encrypted for this
     * child and conference, uploaded by the caller. The declared Content-Type is never used. Nothing is stored unless
     * every check passes; nothing else the child saved is touched either way.
     */
    public Uni<AttachmentInfo> upload(Caller author, UUID conferenceId, UUID childId, byte[] body) {
        // Who may write these views is asked first, so nobody else can make the service decode a picture.
        return Panache.withSession(() -> writable(author, conferenceId, childId))
                .flatMap(ignored -> uploadLimits.count(childId))
                .flatMap(ignored -> checked(body))
                .flatMap(upload -> Panache.withTransaction(() -> writable(author, conferenceId, childId)
                        .flatMap(link -> {
                            Attachment a = new Attachment();
                            a.id = UUID.randomUUID();
                            a.childId = childId;
                            a.conferenceId = conferenceId;
                            a.authorRole = author.role();
                            a.authorId = author.id();
                            a.kind = upload.kind();
                            a.mediaType = upload.mediaType();
                            a.width = upload.kind() == AttachmentKind.PICTURE ? upload.width() : null;
                            a.height = upload.kind() == AttachmentKind.PICTURE ? upload.height() : null;
                            a.createdAt = Timestamps.now();
                            a.setContent(upload.bytes());
                            return attachments.persist(a)
                                    .call(() -> audit.record(author, AuditAction.ATTACHMENT_UPLOADED, childId,
                                            conferenceId, detail(a.kind, a.id)))
                                    .map(AttachmentInfo::of);
                        })));
    }

    private record Upload(AttachmentKind kind, String mediaType, byte[] bytes, int width, int height) {
    }

    private Uni<Object> writable(Caller author, UUID conferenceId, UUID childId) {
        return access.viewsWritable(author, conferenceId, childId)
                .flatMap(link -> conferences.findById(conferenceId))
                .map(conference -> {
                    if (conference.status != ConferenceStatus.SCHEDULED) {
                        throw ApiProblem.conflict("This conference is not taking views any more, so nothing can be "
                                + "added to them.");
                    }
                    return conference;
                });
    }

    private Uni<Upload> checked(byte[] body) {
        if (body == null || body.length == 0) {
            return Uni.createFrom().failure(new ApiProblem(400, "empty-upload", "Nothing was sent",
                    "Record a voice note or make a picture, then keep it again."));
        }
        Sniffed sniffed = MediaSniffer.sniff(body);
        if (sniffed == null) {
            return Uni.createFrom().failure(new ApiProblem(415, "unsupported-attachment",
                    "MySay cannot take this kind of file",
                    "Only voice notes recorded in MySay and pictures (PNG or JPEG photos and drawings) can be added. "
                            + "Nothing you saved is lost."));
        }
        if (sniffed.kind() == AttachmentKind.VOICE) {
            if (body.length > limits.voiceMaxBytes()) {
                return Uni.createFrom().failure(tooLarge("This voice note is too long",
                        "A voice note can be up to 3 minutes. Record a shorter one. Nothing you saved is lost."));
            }
            // Audio cannot be decoded and re-encoded here; it is kept as recorded (see docs/architecture.md).
            return Uni.createFrom().item(new Upload(AttachmentKind.VOICE, sniffed.mediaType(), body, 0, 0));
        }
        if (body.length > limits.pictureMaxBytes()) {
            return Uni.createFrom().failure(tooLarge("This picture is too big",
                    "A picture can be up to " + (limits.pictureMaxBytes() / (1024 * 1024))
                            + " MB. Choose a smaller one. Nothing you saved is lost."));
        }
        long pixels = (long) sniffed.width() * sniffed.height();
        if (sniffed.width() < 1 || sniffed.height() < 1 || sniffed.width() > limits.pictureMaxSide()
                || sniffed.height() > limits.pictureMaxSide() || pixels > limits.pictureMaxPixels()
                || sniffed.decodedBytes() > limits.pictureMaxDecodedBytes()) {
            // Refused from the header alone: a small file can claim a huge picture (a decompression bomb), or one
            // whose deep colour (16 bits a sample, alpha) would take far more memory than its pixels suggest.
            return Uni.createFrom().failure(ApiProblem.unprocessable("picture-too-large", "This picture is too big",
                    "This picture is too big for MySay to open. Choose a smaller one, or draw it. Nothing you saved "
                            + "is lost."));
        }
        // Not on the event loop, and never more than decodes-at-once at a time (each may take the whole budget).
        return vertx.executeBlocking(Uni.createFrom().item(() -> decodes.run(() -> {
            try {
                PictureCleaner.Cleaned cleaned = PictureCleaner.clean(body, sniffed.mediaType());
                return new Upload(AttachmentKind.PICTURE, sniffed.mediaType(), cleaned.bytes(), cleaned.width(),
                        cleaned.height());
            } catch (PictureCleaner.UnreadablePicture e) {
                throw new ApiProblem(415, "unreadable-picture", "MySay cannot open this picture",
                        "The picture may be damaged. Try another one, or draw it again. Nothing you saved is lost.");
            }
        })), false);
    }

    private static ApiProblem tooLarge(String title, String detail) {
        return new ApiProblem(413, "too-large", title, detail);
    }

    // ---- hearing and seeing ----

    /** The bytes, for someone who may hear or see them ({@link AccessPolicy#attachment}); every fetch is audited. */
    @WithTransaction
    public Uni<Content> fetch(Caller caller, UUID conferenceId, UUID childId, UUID attachmentId) {
        return access.attachment(caller, conferenceId, childId, attachmentId)
                .call(a -> audit.record(caller, a.kind == AttachmentKind.VOICE ? AuditAction.VOICE_NOTE_PLAYED
                        : AuditAction.PICTURE_VIEWED, childId, conferenceId, detail(a.kind, a.id)))
                .map(a -> new Content(a.kind, a.mediaType, a.content()));
    }

    /**
     * The pictures a sent version names, for printing them in the pack's PDF, by id: only pictures of this child and
     * conference (anything else is left out). The caller has already been allowed to read that version; each
     * picture printed is audited as a view ({@code PICTURE_VIEWED}, "printed in the pack").
     */
    public Uni<Map<UUID, Content>> picturesToPrint(Caller caller, UUID conferenceId, UUID childId,
            Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return attachments.list("id in ?1 and childId = ?2 and conferenceId = ?3 and kind = ?4", List.copyOf(ids),
                childId, conferenceId, AttachmentKind.PICTURE)
                .call(found -> Sequentially.forEach(found, a -> audit.record(caller, AuditAction.PICTURE_VIEWED,
                        childId, conferenceId, detail(a.kind, a.id) + ", printed in the pack")))
                .map(found -> {
                    Map<UUID, Content> pictures = new java.util.HashMap<>();
                    found.forEach(a -> pictures.put(a.id, new Content(a.kind, a.mediaType, a.content())));
                    return pictures;
                });
    }

    // ---- deleting one that was not sent ----

    /**
     * Deletes the caller's own upload while no sent version names it (and takes it out of their draft). One that was
     * sent stays with the version that names it: 409. Anyone else's: 404.
     */
    @WithTransaction
    public Uni<Void> delete(Caller author, UUID conferenceId, UUID childId, UUID attachmentId) {
        return access.viewsWritable(author, conferenceId, childId)
                .flatMap(link -> access.attachment(author, conferenceId, childId, attachmentId))
                .flatMap(a -> boundNow(a.id).flatMap(bound -> {
                    if (bound) {
                        return Uni.createFrom().failure(ApiProblem.conflict("This was sent with your views, so it "
                                + "stays with the version you sent. To leave it out, take it out of your views and "
                                + "send them again."));
                    }
                    if (!a.authorId.equals(author.id())) {
                        return Uni.createFrom().failure(ApiProblem.notFound());
                    }
                    return unnameInDrafts(a.id)
                            .chain(() -> attachments.delete(a))
                            .chain(() -> audit.record(author, AuditAction.ATTACHMENT_DELETED, childId, conferenceId,
                                    detail(a.kind, a.id)));
                }));
    }

    private Uni<Boolean> boundNow(UUID attachmentId) {
        return attachments.count("from Attachment a where a.id = ?1 and " + AttachmentRepository.bound("a"),
                attachmentId).map(n -> n > 0);
    }

    private Uni<Void> unnameInDrafts(UUID attachmentId) {
        return Panache.getSession().flatMap(session -> Sequentially.forEach(List.of("good_things_voice_id",
                "good_things_picture_id", "worries_voice_id", "worries_picture_id", "wishes_voice_id",
                "wishes_picture_id"), column -> session.createNativeQuery("update views set " + column
                        + " = null where status = 'DRAFT' and " + column + " = :id")
                        .setParameter("id", attachmentId).executeUpdate()))
                .replaceWithVoid();
    }

    // ---- the views naming attachments ----

    /**
     * Views may name only attachments of the right kind, in the parts that can have them, that this author may use:
     * for this child and conference, uploaded by the author or already sent in a version of these views. Anything
     * else is refused as invalid, the same whether it does not exist or is someone else's.
     */
    public Uni<Void> checkNamed(Caller author, UUID conferenceId, UUID childId, ViewsContent content) {
        Map<String, UUID> named = content.attachments();
        List<ApiProblem.InvalidParam> wrong = new ArrayList<>();
        return Sequentially.forEach(named.entrySet(), e -> {
            String field = e.getKey();
            String part = field.substring(0, field.indexOf('.'));
            boolean voice = field.endsWith(".voiceNote");
            if (!ViewsContent.PARTS_WITH_ATTACHMENTS.contains(part)) {
                wrong.add(new ApiProblem.InvalidParam(field, "cannot have a voice note or a picture"));
                return Uni.createFrom().voidItem();
            }
            return access.attachmentKind(author, conferenceId, childId, e.getValue())
                    .map(kind -> kind == (voice ? AttachmentKind.VOICE : AttachmentKind.PICTURE))
                    .onFailure(ApiProblem.class).recoverWithItem(false)
                    .invoke(usable -> {
                        if (!usable) {
                            wrong.add(new ApiProblem.InvalidParam(field, voice
                                    ? "is not a voice note here: record it again"
                                    : "is not a picture here: add it again"));
                        }
                    });
        }).flatMap(v -> wrong.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ApiProblem(400, "validation", "Some answers need changing",
                        "Please correct the highlighted answers and try again.", wrong, null)));
    }

    /** The facts of these attachments, in the order given (unknown ids left out). */
    public Uni<List<AttachmentInfo>> infos(Collection<UUID> ids) {
        return attachments.infos(ids).map(found -> {
            List<AttachmentInfo> ordered = new ArrayList<>();
            for (UUID id : ids) {
                found.stream().filter(i -> i.id().equals(id)).findFirst().map(AttachmentInfo::of)
                        .ifPresent(ordered::add);
            }
            return ordered;
        });
    }

    /** The audit detail: what kind, and which; never anything of its content. */
    private static String detail(AttachmentKind kind, UUID id) {
        return (kind == AttachmentKind.VOICE ? "voice note " : "picture ") + id;
    }
}
