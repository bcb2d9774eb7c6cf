package app.mysay.summary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import app.mysay.security.Secrets;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

@Path("/conferences/{conferenceId}/summary")
@Tag(name = "Chair's summary")
public class SummaryResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance summary(SummaryModel summary, String css);
    }

    /** The page's only style sheet, inlined so the printed or saved page stands alone, and allowed by its hash. */
    private static final String CSS = readCss();
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-"
            + Base64.getEncoder().encodeToString(Secrets.sha256(CSS)) + "'; img-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private final SummaryService service;
    private final CurrentCaller caller;

    SummaryResource(SummaryService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME })
    @Operation(summary = "A printable page with each child's views in their own words (audited like any read)")
    public Uni<Response> summary(@PathParam("conferenceId") UUID conferenceId) {
        return service.summary(caller.get(), conferenceId)
                .flatMap(model -> Templates.summary(model, CSS).createUni())
                .map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .build());
    }

    private static String readCss() {
        try (InputStream in = SummaryResource.class.getResourceAsStream("/summary.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
