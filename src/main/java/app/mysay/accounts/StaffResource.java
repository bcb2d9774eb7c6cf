package app.mysay.accounts;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.accounts.AccountDtos.NewStaffAccount;
import app.mysay.accounts.AccountDtos.StaffMember;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;

@Path("/staff")
@Tag(name = "Staff")
public class StaffResource {

    private final AccountService accounts;
    private final CurrentCaller caller;

    StaffResource(AccountService accounts, CurrentCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
    @Operation(summary = "The staff directory (names and roles), e.g. to choose a chair or an advocate")
    public Uni<List<StaffMember>> directory(@QueryParam("role") Role role) {
        return accounts.directory(role);
    }

    @POST
    @RolesAllowed(Role.MANAGER_NAME)
    @Operation(summary = "Create a staff account (managers only)")
    public Uni<Response> create(@NotNull(message = "Send the new account's details") @Valid NewStaffAccount request) {
        return accounts.create(caller.get(), request)
                .map(member -> Response.created(URI.create("/api/staff/" + member.id())).entity(member).build());
    }
}
