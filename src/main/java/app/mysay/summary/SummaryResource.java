package app.mysay.summary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.common.ApiProblem;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import app.mysay.security.Secrets;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/conferences/{conferenceId}/summary")
@Tag(name = "Chair's summary")
public class SummaryResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance summary(SummaryModel summary, String css, String printCss);
    }

    /** The page's only style sheet, inlined so the printed or saved page stands alone, and allowed by its hash. */
    private static final String CSS = readCss("/summary.css");
    /** Added only to the PDF: page size, running footer, the embedded font, and layout without flexbox. */
    private static final String PDF_CSS = readCss("/summary-pdf.css");
    static final String APPLICATION_PDF = "application/pdf";
    private static final MediaType PDF = MediaType.valueOf(APPLICATION_PDF);
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-"
            + Base64.getEncoder().encodeToString(Secrets.sha256(CSS)) + "'; img-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private final SummaryService service;
    private final SummaryPdf pdf;
    private final CurrentCaller caller;

    SummaryResource(SummaryService service, SummaryPdf pdf, CurrentCaller caller) {
        this.service = service;
        this.pdf = pdf;
        this.caller = caller;
    }

    /**
     * The conference pack in the format asked for: a printable page (text/html, the default), the same page as a PDF
     * for the conference papers (application/pdf), or the data for the council's case-management system
     * (application/json). Each answers the same 404s and writes the same audit: one SUMMARY_READ per child shown.
     */
    @GET
    @Produces({ MediaType.TEXT_HTML, APPLICATION_PDF, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME })
    @Operation(summary = "The conference pack: each child's views in their own words, as a printable page (text/html), "
            + "a PDF (application/pdf) or data (application/json); audited like any read")
    @APIResponse(responseCode = "200", description = "The pack, in the format asked for by Accept", content = {
            @Content(mediaType = MediaType.TEXT_HTML), @Content(mediaType = APPLICATION_PDF),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SummaryExport.class)) })
    public Uni<Response> summary(@PathParam("conferenceId") UUID conferenceId,
            @Parameter(description = "html, pdf or json: overrides Accept, for a plain link that downloads the PDF")
            @QueryParam("format") String formatName, @Context HttpHeaders headers) {
        MediaType format = formatName == null ? format(headers.getAcceptableMediaTypes()) : named(formatName);
        if (format == null) {
            return Uni.createFrom().failure(ApiProblem.invalid("format", "must be html, pdf or json"));
        }
        if (format == MediaType.APPLICATION_JSON_TYPE) {
            return service.export(caller.get(), conferenceId)
                    .map(export -> Response.ok(export, MediaType.APPLICATION_JSON_TYPE).build());
        }
        if (format == PDF) {
            return service.summary(caller.get(), conferenceId, true)
                    .flatMap(model -> Templates.summary(model, CSS, PDF_CSS).createUni())
                    .flatMap(pdf::render)
                    .map(bytes -> Response.ok(bytes, PDF)
                            // A neutral name: the file may sit in a downloads folder or an e-mail; no child is named.
                            .header("Content-Disposition", "attachment; filename=\"conference-views.pdf\"")
                            .build());
        }
        return service.summary(caller.get(), conferenceId)
                .flatMap(model -> Templates.summary(model, CSS, null).createUni())
                .map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .build());
    }

    private static MediaType named(String name) {
        return switch (name) {
            case "html" -> MediaType.TEXT_HTML_TYPE;
            case "pdf" -> PDF;
            case "json" -> MediaType.APPLICATION_JSON_TYPE;
            default -> null;
        };
    }

    /** The first format the caller accepts, by their preference; the page when they accept anything. */
    static MediaType format(List<MediaType> acceptable) {
        for (MediaType wanted : acceptable) {
            if ("0".equals(wanted.getParameters().get("q"))) {
                continue;
            }
            for (MediaType offered : List.of(MediaType.TEXT_HTML_TYPE, PDF, MediaType.APPLICATION_JSON_TYPE)) {
                if (wanted.isCompatible(offered)) {
                    return offered;
                }
            }
        }
        return MediaType.TEXT_HTML_TYPE;
    }

    private static String readCss(String resource) {
        try (InputStream in = SummaryResource.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
