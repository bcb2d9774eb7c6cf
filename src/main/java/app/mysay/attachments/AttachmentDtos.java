package app.mysay.attachments;

import java.util.UUID;

public final class AttachmentDtos {

    private AttachmentDtos() {
    }

    /**
     * An attachment's facts, as the API gives them beside the views: never its bytes, which are fetched (and each fetch
     * audited) from its own address. Width and height only for pictures, as stored (after cleaning).
     */
    public record AttachmentInfo(UUID id, AttachmentKind kind, String mediaType, int bytes, Integer width,
            Integer height) {

        public static AttachmentInfo of(AttachmentRepository.Info i) {
            return new AttachmentInfo(i.id(), i.kind(), i.mediaType(), i.byteSize(), i.width(), i.height());
        }

        static AttachmentInfo of(Attachment a) {
            return new AttachmentInfo(a.id, a.kind, a.mediaType, a.byteSize, a.width, a.height);
        }
    }

    /** The bytes of one attachment, for the answer to a fetch. */
    public record Content(AttachmentKind kind, String mediaType, byte[] bytes) {
    }
}
