package app.mysay.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.audit.AuditDtos.AuditPage;
import app.mysay.audit.AuditDtos.AuditVerification;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * The audit trail for managers: who did what to which child (by case reference), and when. The same search answers
 * as JSON pages, or as a CSV download: at GET /api/audit with {@code Accept: text/csv}, or at GET
 * /api/audit/export.csv (a plain link works: the session cookie goes with a same-origin navigation).
 */
@Cancellable(false)
@Path("/audit")
@Tag(name = "Audit")
@RolesAllowed(Role.MANAGER_NAME)
public class AuditResource {

    static final String TEXT_CSV = "text/csv";
    private static final MediaType CSV = MediaType.valueOf(TEXT_CSV);

    private final AuditSearch search;
    private final AuditChain chain;
    private final CurrentCaller caller;
    private final ZoneId zone;

    AuditResource(AuditSearch search, AuditChain chain, CurrentCaller caller,
            @ConfigProperty(name = "mysay.zone") ZoneId zone) {
        this.search = search;
        this.chain = chain;
        this.caller = caller;
        this.zone = zone;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, TEXT_CSV })
    @Operation(summary = "Search the audit trail, newest first, a page at a time (application/json), or download "
            + "every match as CSV (text/csv); audited as AUDIT_SEARCHED or AUDIT_EXPORTED")
    @APIResponse(responseCode = "200", description = "A page of events, or the CSV", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)),
            @Content(mediaType = TEXT_CSV) })
    public Uni<Response> search(@QueryParam("childReference") String childReference,
            @QueryParam("personId") String personId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("action") String action, @QueryParam("before") String before,
            @QueryParam("limit") String limit, @Context HttpHeaders headers) {
        AuditQuery query = AuditQuery.parse(childReference, personId, from, to, action, before, limit);
        if (wantsCsv(headers.getAcceptableMediaTypes())) {
            return csv(query);
        }
        return search.search(caller.get(), query)
                .map(page -> Response.ok(page, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Path("/export.csv")
    @Produces(TEXT_CSV)
    @Operation(summary = "The same search as a CSV download, for a plain link; at most mysay.audit.export-cap rows "
            + "(100,000), with a last line saying so when there were more; 'limit' is ignored")
    public Uni<Response> export(@QueryParam("childReference") String childReference,
            @QueryParam("personId") String personId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("action") String action, @QueryParam("before") String before) {
        return csv(AuditQuery.parse(childReference, personId, from, to, action, before, null));
    }

    @GET
    @Path("/verification")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check that the audit trail has not been changed: walks its hash chain from the first event to "
            + "the newest; audited as AUDIT_VERIFIED")
    public Uni<AuditVerification> verification() {
        return chain.verify(caller.get());
    }

    private Uni<Response> csv(AuditQuery query) {
        return search.export(caller.get(), query).map(export -> {
            Response.ResponseBuilder response = Response.ok(export.csv(), CSV.withCharset("UTF-8"))
                    // A neutral name: the file may be kept or e-mailed; it says what and when, not whom.
                    .header("Content-Disposition", "attachment; filename=\"mysay-audit-" + LocalDate.now(zone) + ".csv\"");
            if (export.capped()) {
                response.header("MySay-Export-Capped", String.valueOf(search.exportCap()));
            }
            return response.build();
        });
    }

    /** CSV only when asked for by name, before JSON; a browser's or client's wildcard gets JSON. */
    static boolean wantsCsv(List<MediaType> acceptable) {
        for (MediaType wanted : acceptable) {
            if ("0".equals(wanted.getParameters().get("q"))) {
                continue;
            }
            if (wanted.getType().equals("text") && wanted.getSubtype().equals("csv")) {
                return true;
            }
            if (wanted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
