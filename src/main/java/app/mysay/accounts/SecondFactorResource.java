package app.mysay.accounts;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.accounts.AccountDtos.ChallengeRequest;
import app.mysay.accounts.AccountDtos.CodeRequest;
import app.mysay.accounts.AccountDtos.SetUpDetails;
import app.mysay.accounts.SecondFactorService.Attempt;
import app.mysay.security.SessionCookies;
import app.mysay.security.SignInFailures;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.Cancellable;

/** The second step of staff sign-in, carried by the challenge the password step returned. */
@Cancellable(false)
@Path("/auth/second-factor")
@Tag(name = "Sign-in")
@PermitAll
public class SecondFactorResource {

    private final SecondFactorService secondFactor;
    private final SignInFailures failures;

    SecondFactorResource(SecondFactorService secondFactor, SignInFailures failures) {
        this.secondFactor = secondFactor;
        this.failures = failures;
    }

    @POST
    @Operation(summary = "The code from the authenticator app, or a recovery code: sets the session cookie and returns "
            + "the session. A wrong code answers 401 second-factor-failed; after five, or ten minutes, the challenge "
            + "ends (401 sign-in-expired) and the password is asked again.")
    public Uni<Response> enterCode(@NotNull(message = "Send the challenge and the code") @Valid CodeRequest request) {
        return secondFactor.enterCode(request.challenge(), request.code()).map(Attempt::orThrow)
                .map(AuthResource::signedIn)
                .onFailure().invoke(e -> failures.refused(SignInFailures.Kind.SECOND_FACTOR, e));
    }

    @POST
    @Path("/set-up")
    @Operation(summary = "First sign-in where a second factor is required: a new authenticator secret (QR code and "
            + "text), shown once. Asking again replaces it.")
    public Uni<SetUpDetails> beginSetUp(
            @NotNull(message = "Send the challenge") @Valid ChallengeRequest request) {
        return secondFactor.beginSetUpAtSignIn(request.challenge());
    }

    @POST
    @Path("/set-up/confirmation")
    @Operation(summary = "The first code from the new authenticator app: the second factor is set up, the session "
            + "cookie set, and the recovery codes returned, this once.")
    public Uni<Response> confirmSetUp(@NotNull(message = "Send the challenge and the code") @Valid CodeRequest request) {
        return secondFactor.confirmSetUpAtSignIn(request.challenge(), request.code()).map(Attempt::orThrow)
                .map(done -> Response.ok(done).cookie(SessionCookies.session(done.session().token(),
                        done.session().expiresAt())).build())
                .onFailure().invoke(e -> failures.refused(SignInFailures.Kind.SECOND_FACTOR, e));
    }
}
