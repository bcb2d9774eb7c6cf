package app.mysay.invitations;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.mysay.common.ApiProblem;
import app.mysay.invitations.ChildSignInService.Locked;
import app.mysay.invitations.ChildSignInService.SignedIn;
import app.mysay.invitations.ChildSignInService.WrongPin;
import app.mysay.invitations.InvitationDtos.DeviceKey;
import app.mysay.invitations.InvitationDtos.DeviceStatus;
import app.mysay.invitations.InvitationDtos.PinRequest;
import app.mysay.invitations.InvitationDtos.RedeemRequest;
import app.mysay.invitations.InvitationDtos.Redeemed;
import app.mysay.security.CurrentCaller;
import app.mysay.security.Role;
import app.mysay.security.SessionCookies;
import app.mysay.security.SignInFailures;
import app.mysay.security.SignInLimits;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * The child's way in: redeem the invitation on a device, choose a PIN, and sign in with it later. JSON only (415
 * otherwise): a form on another site can post text/plain or a form without a preflight, never JSON.
 */
@Cancellable(false)
@Consumes(MediaType.APPLICATION_JSON)
@Path("/child")
@Tag(name = "Child sign-in")
@PermitAll
public class ChildSignInResource {

    private final ChildSignInService service;
    private final SignInLimits limits;
    private final SignInFailures failures;
    private final CurrentCaller caller;

    ChildSignInResource(ChildSignInService service, SignInLimits limits, SignInFailures failures, CurrentCaller caller) {
        this.service = service;
        this.limits = limits;
        this.failures = failures;
        this.caller = caller;
    }

    @POST
    @Path("/redeem")
    @Operation(summary = "Redeem an invitation code: binds this device (HttpOnly cookie); choose a PIN next. A used "
            + "code opened again on the device it set up answers 409 device-already-set-up (sign in with the PIN), or "
            + "401 device-removed if the social worker removed that device")
    public Uni<Response> redeem(@CookieParam(SessionCookies.DEVICE_COOKIE) String deviceSecret,
            @NotNull(message = "Enter the code from your invitation") @Valid RedeemRequest request,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, @Context HttpServerRequest http) {
        return limits.redeem(limits.clientAddress(http))
                .chain(attempt -> service.redeem(request.code(), deviceSecret, userAgent)
                .call(binding -> binding != null ? limits.succeeded(attempt) : Uni.createFrom().voidItem()))
                .map(binding -> {
            if (binding == null) {
                throw ChildSignInService.invitationNotValid();
            }
            return Response.ok(new Redeemed(binding.knownAs(), true))
                    .cookie(SessionCookies.device(binding.deviceSecret())).build();
        }).onFailure().invoke(e -> failures.refused(SignInFailures.Kind.INVITATION_REDEEM, e));
    }

    @GET
    @Path("/device")
    @Operation(summary = "Where this device stands, so the app knows which screen to open: PIN_SET (sign in with the "
            + "PIN), PIN_NOT_SET (choose one: just set up, or reset by the social worker), LOCKED (too many wrong PINs), "
            + "SET_UP_EXPIRED (no PIN was chosen in time), REMOVED (the social worker took it off MySay: it opens MySay "
            + "no more). Nothing about the child; 401 device-not-recognised if this device is not set up")
    public Uni<DeviceStatus> device(@CookieParam(SessionCookies.DEVICE_COOKIE) String deviceSecret) {
        return service.deviceState(deviceSecret).map(DeviceStatus::new);
    }

    @GET
    @Path("/device/key")
    @RolesAllowed(Role.CHILD_NAME)
    @Operation(summary = "The secret the app wraps the drafts kept on this device under; only for the child signed in "
            + "on this device with the PIN, never kept by the app beyond its memory. A PIN reset replaces it")
    public Uni<DeviceKey> deviceKey() {
        return service.draftKey(caller.get()).map(DeviceKey::new);
    }

    @POST
    @Path("/pin")
    @Operation(summary = "Choose the PIN on a newly bound (or reset) device; signs the child in. 401 device-removed on "
            + "a device the social worker removed")
    public Uni<Response> setPin(@CookieParam(SessionCookies.DEVICE_COOKIE) String deviceSecret,
            @NotNull(message = "Enter your PIN") @Valid PinRequest request, @Context HttpServerRequest http) {
        return limits.pin(deviceSecret, limits.clientAddress(http))
                .chain(attempt -> service.setPin(deviceSecret, request.pin()).call(() -> limits.succeeded(attempt)))
                .map(session -> Response.ok(session).cookie(SessionCookies.childSession(session.token())).build())
                .onFailure().invoke(e -> failures.refused(SignInFailures.Kind.CHILD_PIN, e));
    }

    @POST
    @Path("/sign-in")
    @Operation(summary = "Sign in with this device and the PIN; after 5 wrong PINs the device is locked. 401 "
            + "device-removed on a device the social worker removed")
    public Uni<Response> signIn(@CookieParam(SessionCookies.DEVICE_COOKIE) String deviceSecret,
            @NotNull(message = "Enter your PIN") @Valid PinRequest request, @Context HttpServerRequest http) {
        return limits.pin(deviceSecret, limits.clientAddress(http))
                .chain(attempt -> service.signIn(deviceSecret, request.pin()).call(outcome -> outcome instanceof SignedIn
                        ? limits.succeeded(attempt) : Uni.createFrom().voidItem()))
                .map(outcome -> {
            if (outcome instanceof SignedIn signedIn) {
                return Response.ok(signedIn.session())
                        .cookie(SessionCookies.childSession(signedIn.session().token()))
                        .build();
            }
            if (outcome instanceof WrongPin wrong) {
                throw new ApiProblem(401, "pin-not-right", "That PIN is not right",
                        wrong.attemptsLeft() == 1 ? "Please try again. You have 1 more try before this is locked."
                                : "Please try again. You have " + wrong.attemptsLeft() + " more tries.",
                        null, java.util.Map.of("attemptsLeft", wrong.attemptsLeft()));
            }
            if (outcome instanceof Locked) {
                throw new ApiProblem(423, "locked", "This is locked",
                        "Too many wrong PINs were tried. Ask your social worker to unlock it. You have not lost anything.");
            }
            throw new IllegalStateException("unknown outcome " + outcome);
        }).onFailure().invoke(e -> failures.refused(SignInFailures.Kind.CHILD_PIN, e));
    }
}
