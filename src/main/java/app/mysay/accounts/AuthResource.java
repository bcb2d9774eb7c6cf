package app.mysay.accounts;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.accounts.AccountDtos.Me;
import app.mysay.accounts.AccountDtos.PasswordByLink;
import app.mysay.accounts.AccountDtos.SecondStepNeeded;
import app.mysay.accounts.AccountDtos.Session;
import app.mysay.accounts.AccountDtos.SignInRequest;
import app.mysay.accounts.AccountDtos.SignInStep;
import app.mysay.common.ApiProblem;
import app.mysay.invitations.ChildSignInService;
import app.mysay.security.Caller;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import app.mysay.security.SignInFailures;
import app.mysay.security.SignInLimits;
import app.mysay.security.SessionCookies;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.Cancellable;

@Cancellable(false)
@Path("/auth")
@Tag(name = "Sign-in")
public class AuthResource {

    private final AccountService accounts;
    private final ChildSignInService children;
    private final SignInLimits limits;
    private final SignInFailures failures;
    private final CurrentCaller caller;

    AuthResource(AccountService accounts, ChildSignInService children, SignInLimits limits, SignInFailures failures,
            CurrentCaller caller) {
        this.accounts = accounts;
        this.children = children;
        this.limits = limits;
        this.failures = failures;
        this.caller = caller;
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Staff sign-in with e-mail and password. With no second factor to give, sets the session "
            + "cookie (the token is in the cookie only) and returns the session (expiresAt, me). Otherwise returns the second step (secondStep: "
            + "ENTER_CODE or SET_UP, and a challenge for /api/auth/second-factor). Too many tries for one e-mail "
            + "address, or from one client address, answer 429 with Retry-After; only failed sign-ins count.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(oneOf = { Session.class,
            SecondStepNeeded.class })))
    public Uni<Response> signIn(@NotNull(message = "Send your e-mail address and password") @Valid SignInRequest request,
            @Context HttpServerRequest http) {
        return limits.staffSignIn(request.email(), limits.clientAddress(http))
                .chain(attempt -> accounts.signIn(request.email(), request.password())
                        .call(step -> step.isPresent() ? limits.succeeded(attempt) : Uni.createFrom().voidItem()))
                .map(step -> step
                .map(AuthResource::signedIn)
                .orElseThrow(() -> new ApiProblem(401, "sign-in-failed", "Sign-in details not recognised",
                        "The e-mail address or password is not right. Check them and try again.")))
                .onFailure().invoke(e -> failures.refused(SignInFailures.Kind.STAFF_PASSWORD, e));
    }

    @POST
    @Path("/password")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set your password with the token from the link e-mailed to you (a new account, or after a "
            + "manager reset your sign-in). Works once, before the link expires (410 password-link-not-valid "
            + "otherwise); a weak or commonly used password is refused (400) without using the link up. Then sign in.")
    public Uni<Response> setPasswordByLink(
            @NotNull(message = "Send the token from your link and a new password") @Valid PasswordByLink request) {
        return accounts.setPasswordByLink(request.token(), request.password()).map(v -> Response.noContent().build());
    }

    /** A session also sets the cookie; a second step does not (there is no session yet). */
    static Response signedIn(SignInStep step) {
        Response.ResponseBuilder ok = Response.ok(step);
        return step instanceof Session s ? ok.cookie(SessionCookies.session(s.token(), s.expiresAt())).build()
                : ok.build();
    }

    @POST
    @Path("/refresh")
    @Authenticated
    @Operation(summary = "A fresh short-lived token for the same session (staff and children)")
    public Uni<Response> refresh() {
        boolean child = caller.get().is(Role.CHILD);
        return accounts.refresh(caller.get(), caller.sessionStartedAt(), caller.issuedAt())
                .map(s -> Response.ok(s).cookie(child ? SessionCookies.childSession(s.token())
                        : SessionCookies.session(s.token(), s.expiresAt())).build());
    }

    @POST
    @Path("/sign-out")
    @PermitAll
    @Operation(summary = "Sign out: removes the session cookie, ends the session at once (for staff, every session of the "
            + "account; for a child, the sessions on this device), and tells the browser what else to forget")
    public Uni<Response> signOut() {
        return caller.ifSignedIn().flatMap(signedIn -> signedIn
                .map(c -> c.is(Role.CHILD) ? children.signOut(c) : accounts.signOut(c))
                .orElseGet(() -> Uni.createFrom().voidItem())
                .map(v -> Response.noContent().cookie(SessionCookies.clearSession())
                        .header("Clear-Site-Data", clearSiteData(signedIn.map(Caller::role).orElse(null)))
                        .build()));
    }

    /**
     * What the browser forgets on signing out. The HTTP cache always (API answers and staff pages are never stored,
     * so this is a second line). Stored data only for staff who keep nothing on the device: a child's and an
     * advocate's drafts and unsent views wait there, encrypted, until they are sent, and must survive signing out;
     * so must the child's "this device is set up" mark. Unknown (the session had already ended): the cache only.
     */
    static String clearSiteData(Role role) {
        return role == null || role == Role.CHILD || role == Role.ADVOCATE ? "\"cache\"" : "\"cache\", \"storage\"";
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who is signed in")
    public Uni<Me> me() {
        return accounts.me(caller.get());
    }
}
