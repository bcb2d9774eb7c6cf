package app.mysay.attachments;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.mysay.views.ViewsStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {

    /** An attachment's facts, without its bytes. */
    public record Info(UUID id, UUID childId, UUID conferenceId, UUID authorId, AttachmentKind kind, String mediaType,
            int byteSize, Integer width, Integer height, Instant createdAt) {
    }

    /** The views columns that name attachments. */
    static final List<String> VIEWS_COLUMNS = List.of("goodThingsVoiceId", "goodThingsPictureId", "worriesVoiceId",
            "worriesPictureId", "wishesVoiceId", "wishesPictureId");

    /** HQL: a version of the views (alias {@code v}) names the attachment whose id is {@code idExpression}. */
    public static String names(String v, String idExpression) {
        return "(" + String.join(" or ", VIEWS_COLUMNS.stream().map(c -> v + "." + c + " = " + idExpression).toList())
                + ")";
    }

    /**
     * HQL: the attachment (alias {@code a}) is bound, i.e. named by a sent version of its own child's views for its own
     * conference; such an attachment stays as long as that version does.
     */
    public static String bound(String a) {
        return "exists (select 1 from Views bv where bv.status = " + ViewsStatus.class.getName() + ".SENT"
                + " and bv.childId = " + a + ".childId and bv.conferenceId = " + a + ".conferenceId and "
                + names("bv", a + ".id") + ")";
    }

    /** The facts of these attachments (never their bytes), for showing them with the views. */
    public Uni<List<Info>> infos(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().flatMap(session -> session.createSelectionQuery("select a.id, a.childId, a.conferenceId, "
                + "a.authorId, a.kind, a.mediaType, a.byteSize, a.width, a.height, a.createdAt from Attachment a "
                + "where a.id in :ids order by a.createdAt", Object[].class)
                .setParameter("ids", ids)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Info((UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3],
                        (AttachmentKind) r[4], (String) r[5], (Integer) r[6], (Integer) r[7], (Integer) r[8],
                        (Instant) r[9])).toList());
    }
}
