package app.mysay.attachments;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import app.mysay.attachments.AttachmentDtos.AttachmentInfo;
import app.mysay.attachments.AttachmentDtos.Content;

/** How attachments are answered, the same for the child and for staff. */
final class AttachmentResponses {

    /**
     * Nothing in an attachment may run: if someone opens its address directly, it is a download (attachment), and were
     * it ever shown, a sandbox with nothing allowed. Its type is the one MySay decided from the bytes; nosniff (on every
     * answer) stops the browser guessing another, and no-store (every API answer) keeps it out of caches.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

    private AttachmentResponses() {
    }

    static Response created(AttachmentInfo info, String base) {
        return Response.created(URI.create(base + "/" + info.id())).entity(info).build();
    }

    static Response content(Content content) {
        String extension = switch (content.mediaType()) {
            case "audio/webm" -> "webm";
            case "audio/ogg" -> "ogg";
            case "audio/mp4" -> "m4a";
            case "image/png" -> "png";
            default -> "jpg";
        };
        String name = (content.kind() == AttachmentKind.VOICE ? "voice-note." : "picture.") + extension;
        return Response.ok(content.bytes(), content.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .build();
    }
}
