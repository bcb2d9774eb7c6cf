package app.mysay.figures;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.figures.FiguresDtos.Figures;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/figures")
@Tag(name = "Figures")
@RolesAllowed(Role.MANAGER_NAME)
public class FiguresResource {

    private final FiguresService service;
    private final CurrentCaller caller;

    FiguresResource(FiguresService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Participation figures for the non-cancelled conferences starting in a date range: counts, "
            + "shares and times only, never a child's name or words (managers only; audited as FIGURES_READ)")
    public Uni<Figures> figures(
            @Parameter(description = "First day, YYYY-MM-DD; by default the first day of the month 11 months ago")
            @QueryParam("from") String from,
            @Parameter(description = "Last day, YYYY-MM-DD, at most 5 years after from; by default today")
            @QueryParam("to") String to) {
        return service.figures(caller.get(), service.range(from, to));
    }
}
