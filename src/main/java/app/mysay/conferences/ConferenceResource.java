package app.mysay.conferences;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.common.QueryParams;
import app.mysay.conferences.ConferenceDtos.ConferenceMove;
import app.mysay.conferences.ConferenceDtos.ConferenceView;
import app.mysay.conferences.ConferenceDtos.Decision;
import app.mysay.conferences.ConferenceDtos.NewConference;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestResponse.ResponseBuilder;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/conferences")
@Tag(name = "Conferences")
@RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
public class ConferenceResource {

    static final int PAGE = 100;
    static final int MOST_PER_PAGE = 500;

    private final ConferenceService service;
    private final CurrentCaller caller;

    ConferenceResource(ConferenceService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The conferences the caller may see, soonest first, with each child's status (never content)",
            description = "scope=current gives only those still scheduled and those decided within the last "
                    + "mysay.conferences.recently-held (28 days unless set); scope=all, the default, gives every one. "
                    + "A page holds at most `limit` conferences (100 unless given, up to 500); when more follow, the "
                    + "answer has a `Link` header with rel=\"next\", the address of the next page, to follow as it is.")
    public Uni<RestResponse<List<ConferenceView>>> list(@QueryParam("scope") String scope,
            @QueryParam("limit") String limit, @QueryParam("after") String after, @Context UriInfo request) {
        QueryParams params = new QueryParams();
        String chosen = params.choice("scope", scope, "current", "all");
        Long most = params.number("limit", limit, 1, MOST_PER_PAGE);
        ConferenceCursor from = null;
        if (after != null && !after.isBlank()) {
            from = ConferenceCursor.decode(after).orElse(null);
            if (from == null) {
                params.invalid("after", "must be copied from the Link header of the page before");
            }
        }
        params.check();
        return service.list(caller.get(), "current".equals(chosen), from, most == null ? PAGE : most.intValue())
                .map(page -> {
                    ResponseBuilder<List<ConferenceView>> answer = ResponseBuilder.ok(page.conferences());
                    if (page.next() != null) {
                        URI next = request.getRequestUriBuilder()
                                .replaceQueryParam("after", page.next().encoded()).build();
                        answer.header(HttpHeaders.LINK, "<" + next.getRawPath() + "?" + next.getRawQuery()
                                + ">; rel=\"next\"");
                    }
                    return answer.build();
                });
    }

    @GET
    @Path("/{id}")
    public Uni<ConferenceView> get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id);
    }

    @POST
    @RolesAllowed(Role.SOCIAL_WORKER_NAME)
    @Operation(summary = "Arrange a conference for children allocated to the caller")
    public Uni<Response> create(@NotNull(message = "Send the conference's details") @Valid NewConference request) {
        return service.create(caller.get(), request)
                .map(c -> Response.created(URI.create("/api/conferences/" + c.id())).entity(c).build());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME })
    public Uni<ConferenceView> cancel(@PathParam("id") UUID id) {
        return service.cancel(caller.get(), id);
    }

    @PUT
    @Path("/{id}/time")
    @RolesAllowed(Role.SOCIAL_WORKER_NAME)
    @Operation(summary = "Move a scheduled conference to another time (and place, or way of joining). The views-due "
            + "date follows (the usual one for the new time, unless one is sent); the chair and the children's "
            + "advocates are told by a content-free e-mail; audited for each child")
    public Uni<ConferenceView> move(@PathParam("id") UUID id,
            @NotNull(message = "Send the new date and time") @Valid ConferenceMove request) {
        return service.move(caller.get(), id, request);
    }

    @PUT
    @Path("/{id}/decision")
    @RolesAllowed(Role.CHAIR_NAME)
    @Operation(summary = "The chair records the decision for each child, and a message each child will see")
    public Uni<ConferenceView> decision(@PathParam("id") UUID id,
            @NotNull(message = "Send the decision") @Valid Decision decision) {
        return service.recordDecision(caller.get(), id, decision);
    }
}
