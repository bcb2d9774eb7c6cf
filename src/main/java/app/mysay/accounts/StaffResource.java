package app.mysay.accounts;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.accounts.AccountDtos.AccountSummary;
import app.mysay.accounts.AccountDtos.EnabledChange;
import app.mysay.accounts.AccountDtos.NewStaffAccount;
import app.mysay.accounts.AccountDtos.StaffMember;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/staff")
@Tag(name = "Staff")
public class StaffResource {

    private final AccountService accounts;
    private final SecondFactorService secondFactor;
    private final CurrentCaller caller;

    StaffResource(AccountService accounts, SecondFactorService secondFactor, CurrentCaller caller) {
        this.accounts = accounts;
        this.secondFactor = secondFactor;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
    @Operation(summary = "The staff directory (names and roles), e.g. to choose a chair or an advocate")
    public Uni<List<StaffMember>> directory(@QueryParam("role") Role role) {
        return accounts.directory(role);
    }

    @GET
    @Path("/accounts")
    @RolesAllowed(Role.MANAGER_NAME)
    @Operation(summary = "Every staff account, enabled or not, with whether a second factor is set up (managers only)")
    public Uni<List<AccountSummary>> accounts() {
        return accounts.allAccounts();
    }

    @PUT
    @Path("/{id}/enabled")
    @RolesAllowed(Role.MANAGER_NAME)
    @Operation(summary = "Disable an account (every session ends at once) or enable it again (managers only; not "
            + "your own)")
    public Uni<AccountSummary> setEnabled(@PathParam("id") UUID id,
            @NotNull(message = "Send enabled: true or false") @Valid EnabledChange request) {
        return accounts.setEnabled(caller.get(), id, request.enabled());
    }

    @DELETE
    @Path("/{id}/second-factor")
    @RolesAllowed(Role.MANAGER_NAME)
    @Operation(summary = "Remove someone's second factor after they lost their phone and recovery codes: every "
            + "session ends, and they set up an app again at their next sign-in (managers only)")
    public Uni<Response> resetSecondFactor(@PathParam("id") UUID id) {
        return secondFactor.resetByManager(caller.get(), id).map(v -> Response.noContent().build());
    }

    @POST
    @RolesAllowed(Role.MANAGER_NAME)
    @Operation(summary = "Create a staff account (managers only)")
    public Uni<Response> create(@NotNull(message = "Send the new account's details") @Valid NewStaffAccount request) {
        return accounts.create(caller.get(), request)
                .map(member -> Response.created(URI.create("/api/staff/" + member.id())).entity(member).build());
    }
}
