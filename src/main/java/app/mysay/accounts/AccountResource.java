package app.mysay.accounts;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.accounts.AccountDtos.CodeConfirmation;
import app.mysay.accounts.AccountDtos.PasswordChange;
import app.mysay.accounts.AccountDtos.PasswordConfirmation;
import app.mysay.accounts.AccountDtos.SecondFactorStatus;
import app.mysay.accounts.AccountDtos.SetUpDetails;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import app.mysay.security.SessionCookies;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/** A staff member's own account: the password and the second factor. */
@Cancellable(false)
@Path("/account")
@Tag(name = "Your account")
@RolesAllowed({ Role.SOCIAL_WORKER_NAME, Role.CHAIR_NAME, Role.ADVOCATE_NAME, Role.MANAGER_NAME })
public class AccountResource {

    private final AccountService accounts;
    private final SecondFactorService secondFactor;
    private final CurrentCaller caller;

    AccountResource(AccountService accounts, SecondFactorService secondFactor, CurrentCaller caller) {
        this.accounts = accounts;
        this.secondFactor = secondFactor;
        this.caller = caller;
    }

    @POST
    @Path("/password")
    @Operation(summary = "Change your password (the current one first). Every other session ends; this one goes on "
            + "with a fresh token.")
    public Uni<Response> changePassword(@NotNull(message = "Send your current and new password") @Valid PasswordChange request) {
        return accounts.changePassword(caller.get(), caller.sessionStartedAt(), request.currentPassword(),
                request.newPassword()).map(AuthResource::signedIn);
    }

    @GET
    @Path("/second-factor")
    @Operation(summary = "Whether an authenticator app is set up, how many recovery codes are unused, and whether the "
            + "council requires it")
    public Uni<SecondFactorStatus> secondFactor() {
        return secondFactor.status(caller.get());
    }

    @POST
    @Path("/second-factor/set-up")
    @Operation(summary = "Start setting up (or replacing) the authenticator app, with your password: the new secret "
            + "as a QR code and text, shown once")
    public Uni<SetUpDetails> beginSetUp(@NotNull(message = "Send your password") @Valid PasswordConfirmation request) {
        return secondFactor.beginSetUp(caller.get(), request.password());
    }

    @POST
    @Path("/second-factor/set-up/confirmation")
    @Operation(summary = "The first code from the new app: it is set up, new recovery codes are returned this once, "
            + "and every other session ends")
    public Uni<Response> confirmSetUp(@NotNull(message = "Send the code") @Valid CodeConfirmation request) {
        return secondFactor.confirmSetUp(caller.get(), caller.sessionStartedAt(), request.code())
                .map(done -> Response.ok(done).cookie(SessionCookies.session(done.session().token(),
                        done.session().expiresAt())).build());
    }

    @POST
    @Path("/recovery-codes")
    @Operation(summary = "New recovery codes, with a code from your authenticator app; the old ones stop working")
    public Uni<List<String>> renewRecoveryCodes(@NotNull(message = "Send the code") @Valid CodeConfirmation request) {
        return secondFactor.renewRecoveryCodes(caller.get(), request.code());
    }

    @POST
    @Path("/second-factor/removal")
    @Operation(summary = "Turn the second step off, with your password, where the council does not require it (409 "
            + "where it does)")
    public Uni<Response> remove(@NotNull(message = "Send your password") @Valid PasswordConfirmation request) {
        return secondFactor.remove(caller.get(), caller.sessionStartedAt(), request.password())
                .map(AuthResource::signedIn);
    }
}
