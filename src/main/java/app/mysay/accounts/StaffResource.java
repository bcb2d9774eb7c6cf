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
import app.mysay.accounts.AccountDtos.ItIsMe;
import app.mysay.accounts.AccountDtos.NewStaffAccount;
import app.mysay.accounts.AccountDtos.StaffMember;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import app.mysay.security.SignInFailures;
import app.mysay.security.SignInLimits;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/staff")
@Tag(name = "Staff")
public class StaffResource {

    private final AccountService accounts;
    private final SignInLimits limits;
    private final SignInResetMetrics resets;
    private final SignInFailures failures;
    private final CurrentCaller caller;

    StaffResource(AccountService accounts, SignInLimits limits, SignInResetMetrics resets, SignInFailures failures,
            CurrentCaller caller) {
        this.accounts = accounts;
        this.failures = failures;
        this.limits = limits;
        this.resets = resets;
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
    @Operation(summary = "Reset someone's sign-in after they lost their phone and recovery codes (managers only). "
            + "Send your own password, and the code from your authenticator app if you use one (403 "
            + "confirm-it-is-you otherwise). Their second factor and their password are removed, every session of "
            + "theirs ends, and they are e-mailed a link to set a new password; then they set up an app again.")
    public Uni<Response> resetSecondFactor(@PathParam("id") UUID id,
            @NotNull(message = "Send your own password, and your code if you use an authenticator app") @Valid ItIsMe
            request, @Context HttpServerRequest http) {
        return reset(id, request, http, true);
    }

    @POST
    @Path("/{id}/password-reset")
    @RolesAllowed(Role.MANAGER_NAME)
    @Operation(summary = "Reset someone's password, or send a new set-password link to an account still waiting "
            + "for one (managers only). Send your own password, and your authenticator code if you use one. Their "
            + "password is removed, every session of theirs ends, and they are e-mailed a link to set a new one.")
    public Uni<Response> resetPassword(@PathParam("id") UUID id,
            @NotNull(message = "Send your own password, and your code if you use an authenticator app") @Valid ItIsMe
            request, @Context HttpServerRequest http) {
        return reset(id, request, http, false);
    }

    private Uni<Response> reset(UUID id, ItIsMe request, HttpServerRequest http, boolean secondFactorToo) {
        return accounts.resetSignIn(caller.get(), id, request.password(), request.code(), limits.clientAddress(http),
                secondFactorToo)
                .invoke(() -> resets.counted(secondFactorToo))
                .map(v -> Response.noContent().build())
                // A manager's wrong password or code counts like a refused sign-in (MySaySignInFailuresHigh).
                .onFailure().invoke(e -> failures.refused(SignInFailures.Kind.STAFF_PASSWORD, e));
    }

    @POST
    @RolesAllowed(Role.MANAGER_NAME)
    @Operation(summary = "Create a staff account (managers only). Nobody chooses a password for it: the holder is "
            + "e-mailed a single-use link to set their own, and until then the account cannot sign in.")
    public Uni<Response> create(@NotNull(message = "Send the new account's details") @Valid NewStaffAccount request) {
        return accounts.create(caller.get(), request)
                .map(member -> Response.created(URI.create("/api/staff/" + member.id())).entity(member).build());
    }
}
