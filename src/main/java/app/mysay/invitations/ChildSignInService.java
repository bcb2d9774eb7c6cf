package app.mysay.invitations;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.accounts.AccountDtos.Me;
import app.mysay.accounts.AccountDtos.Session;
import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.children.Child;
import app.mysay.children.ChildRepository;
import app.mysay.common.ApiProblem;
import app.mysay.common.Timestamps;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import app.mysay.security.PasswordHasher;
import app.mysay.security.Role;
import app.mysay.security.Secrets;
import app.mysay.security.TokenService;
import app.mysay.security.TokenService.IssuedToken;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * How a child gets in: redeeming an invitation binds this device (a random secret in an HttpOnly cookie), the child
 * chooses a PIN, and later signs in with the device and the PIN. Too many wrong PINs lock the device until the
 * child's social worker resets it.
 */
@ApplicationScoped
public class ChildSignInService {

    /** A device is bound and its secret must be set as a cookie; the child sets a PIN next. */
    public record Binding(String deviceSecret, String knownAs) {
    }

    public sealed interface PinOutcome {
    }

    public record SignedIn(Session session) implements PinOutcome {
    }

    public record WrongPin(int attemptsLeft) implements PinOutcome {
    }

    public record Locked() implements PinOutcome {
    }

    /** Where a device stands, for the app to choose its screen: it says nothing about the child. */
    public enum DeviceState {
        PIN_SET, PIN_NOT_SET, LOCKED, SET_UP_EXPIRED, REMOVED;

        static DeviceState of(ChildDevice device, Instant now) {
            if (device.removed()) {
                return REMOVED;
            }
            if (device.lockedAt != null) {
                return LOCKED;
            }
            if (device.pinHash != null) {
                return PIN_SET;
            }
            return device.pinSetupUntil != null && !now.isAfter(device.pinSetupUntil) ? PIN_NOT_SET : SET_UP_EXPIRED;
        }
    }

    private static final Duration PIN_SETUP_AFTER_REDEEMING = Duration.ofHours(1);

    private final InvitationRepository invitations;
    private final ChildDeviceRepository devices;
    private final ChildRepository children;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final int pinAttempts;

    ChildSignInService(InvitationRepository invitations, ChildDeviceRepository devices, ChildRepository children,
            PasswordHasher hasher, TokenService tokens, AccessPolicy access, AuditLog audit,
            @ConfigProperty(name = "mysay.child.pin-attempts") int pinAttempts) {
        this.invitations = invitations;
        this.devices = devices;
        this.children = children;
        this.hasher = hasher;
        this.tokens = tokens;
        this.access = access;
        this.audit = audit;
        this.pinAttempts = pinAttempts;
    }

    /** Every way a code can fail gets this same answer, so nobody can learn which codes exist. */
    public static ApiProblem invitationNotValid() {
        return new ApiProblem(400, "invitation-not-valid", "This code does not work",
                "The code is not right, has already been used, or has run out. Check it, or ask your social worker for a new one.");
    }

    /** The child opened their own used link again on the device it set up: the PIN is the way in. */
    public static ApiProblem deviceAlreadySetUp() {
        return new ApiProblem(409, "device-already-set-up", "This phone or tablet is already set up",
                "Type your PIN to open MySay.");
    }

    /** The social worker took this device off MySay: it never opens MySay again, whatever is typed on it. */
    public static ApiProblem deviceRemoved() {
        return new ApiProblem(401, "device-removed", "This phone or tablet no longer opens MySay",
                "It was taken off MySay. If you want to use MySay on it again, ask your social worker for a new invitation.");
    }

    public static ApiProblem deviceNotRecognised() {
        return new ApiProblem(401, "device-not-recognised", "This phone or tablet is not set up",
                "Open the link in your invitation on this phone or tablet to set it up, or ask your social worker for a new invitation.");
    }

    /**
     * Null when the invitation exists but cannot be used (the refusal is audited, so this must commit). A used (or
     * old) code opened again on a device already bound to the same child fails with 409 device-already-set-up, so the
     * app can go to the PIN, or with 401 device-removed if the social worker removed that device; anywhere else it
     * gets the same answer as any code that does not work. A new code opened on a browser that holds one of the
     * child's devices replaces that device: its cookie is overwritten, so it could never be used again, and it is
     * removed rather than left in the social worker's list as if it were still in use.
     */
    @WithTransaction
    public Uni<Binding> redeem(String typedCode, String deviceSecret, String userAgent) {
        String code = Secrets.normaliseInvitationCode(typedCode);
        if (code == null) {
            return Uni.createFrom().failure(invitationNotValid());
        }
        return invitations.lockByCodeHash(Secrets.sha256(code)).flatMap(invitation -> {
            if (invitation == null) {
                return Uni.createFrom().failure(invitationNotValid());
            }
            Instant now = Timestamps.now();
            if (invitation.stateAt(now) != InvitationState.OPEN) {
                return access.deviceOf(deviceSecret, invitation.childId).flatMap(own -> {
                    if (own != null) {
                        return Uni.createFrom().failure(own.removed() ? deviceRemoved() : deviceAlreadySetUp());
                    }
                    return audit.record(null, AuditLog.ANONYMOUS, AuditAction.INVITATION_REFUSED, invitation.childId,
                            invitation.conferenceId, invitation.stateAt(now).name().toLowerCase(Locale.ROOT))
                            .replaceWith(Uni.createFrom().item((Binding) null));
                });
            }
            return access.deviceOf(deviceSecret, invitation.childId)
                    .call(replaced -> replaced == null || replaced.removed() ? Uni.createFrom().voidItem()
                            : replace(replaced, now))
                    .flatMap(replaced -> bind(invitation, now, userAgent));
        });
    }

    /** The child's device whose cookie a new invitation opened in the same browser is about to overwrite. */
    private Uni<Void> replace(ChildDevice replaced, Instant now) {
        replaced.remove(now);
        return audit.record(replaced.childId, Role.CHILD.name(), AuditAction.CHILD_DEVICE_REMOVED, replaced.childId,
                null, "replaced by a new invitation opened in the same browser");
    }

    private Uni<Binding> bind(Invitation invitation, Instant now, String userAgent) {
        invitation.redeemedAt = now;
        String secret = Secrets.newDeviceSecret();
        ChildDevice device = new ChildDevice();
        device.id = UUID.randomUUID();
        device.childId = invitation.childId;
        device.invitationId = invitation.id;
        device.secretHash = Secrets.sha256(secret);
        device.pinSetupUntil = now.plus(PIN_SETUP_AFTER_REDEEMING);
        device.createdAt = now;
        device.kind = DeviceKind.of(userAgent);
        return devices.persist(device)
                .call(() -> audit.record(invitation.childId, Role.CHILD.name(), AuditAction.INVITATION_REDEEMED,
                        invitation.childId, invitation.conferenceId, null))
                .flatMap(d -> children.findById(invitation.childId))
                .map(child -> new Binding(secret, child.knownAs));
    }

    /** Where this device stands; 401 device-not-recognised if it is not set up (or no longer is). */
    @WithSession
    public Uni<DeviceState> deviceState(String deviceSecret) {
        if (deviceSecret == null || deviceSecret.isBlank() || deviceSecret.length() > 100) {
            return Uni.createFrom().failure(deviceNotRecognised());
        }
        return devices.find("secretHash", Secrets.sha256(deviceSecret)).<ChildDevice>firstResult()
                .onItem().ifNull().failWith(ChildSignInService::deviceNotRecognised)
                .map(device -> DeviceState.of(device, Timestamps.now()));
    }

    /** Sets the PIN on a bound device that has none (just redeemed, or reset by the social worker). */
    @WithTransaction
    public Uni<Session> setPin(String deviceSecret, String pin) {
        if (isTooEasy(pin)) {
            return Uni.createFrom().failure(ApiProblem.invalid("pin",
                    "Choose a PIN that is harder to guess: not all the same number, and not counting up or down"));
        }
        return device(deviceSecret).flatMap(device -> {
            Instant now = Timestamps.now();
            if (device.pinHash != null) {
                return Uni.createFrom().failure(new ApiProblem(409, "pin-already-set", "A PIN is already set",
                        "A PIN is already set on this phone or tablet. Sign in with it."));
            }
            if (device.pinSetupUntil == null || now.isAfter(device.pinSetupUntil)) {
                return Uni.createFrom().failure(new ApiProblem(409, "pin-setup-expired", "Too late to choose a PIN",
                        "It is too long since this was set up. Ask your social worker for a new invitation."));
            }
            return hasher.hash(pin).flatMap(hash -> {
                device.pinHash = hash;
                device.pinSetupUntil = null;
                device.failedPinAttempts = 0;
                device.lockedAt = null;
                device.lastSignInAt = now;
                return audit.record(device.childId, Role.CHILD.name(), AuditAction.CHILD_PIN_SET, device.childId, null,
                        null).flatMap(v -> session(device));
            });
        });
    }

    /** Checks the PIN. Wrong answers are counted even though the request fails, so they commit. */
    @WithTransaction
    public Uni<PinOutcome> signIn(String deviceSecret, String pin) {
        return device(deviceSecret).flatMap(device -> {
            if (device.lockedAt != null) {
                return Uni.createFrom().item((PinOutcome) new Locked());
            }
            if (device.pinHash == null) {
                return Uni.createFrom().failure(new ApiProblem(409, "pin-not-set", "Choose a PIN first",
                        "There is no PIN on this phone or tablet yet. Choose one to carry on."));
            }
            return hasher.verify(pin, device.pinHash).flatMap(matches -> {
                if (matches) {
                    device.failedPinAttempts = 0;
                    device.lastSignInAt = Timestamps.now();
                    return audit.record(device.childId, Role.CHILD.name(), AuditAction.CHILD_SIGNED_IN, device.childId,
                            null, null).flatMap(v -> session(device)).map(s -> (PinOutcome) new SignedIn(s));
                }
                device.failedPinAttempts++;
                if (device.failedPinAttempts >= pinAttempts) {
                    device.lockedAt = Timestamps.now();
                    device.endSessions();
                    return audit.record(device.childId, Role.CHILD.name(), AuditAction.CHILD_LOCKED, device.childId,
                            null, null).replaceWith((PinOutcome) new Locked());
                }
                return audit.record(device.childId, Role.CHILD.name(), AuditAction.CHILD_PIN_FAILED, device.childId,
                        null, "attempt " + device.failedPinAttempts)
                        .replaceWith((PinOutcome) new WrongPin(pinAttempts - device.failedPinAttempts));
            });
        });
    }

    /**
     * The secret that unlocks the drafts kept on the device the child signed in on (with the PIN: only a child's
     * session reaches this). Made on first use, and again after a PIN reset.
     */
    @WithTransaction
    public Uni<String> draftKey(Caller child) {
        return access.ownDevice(child).map(ChildDevice::draftKey);
    }

    /**
     * Ends the child's sessions on the device they sign out on, at once; their other devices stay signed in (a shared
     * family phone is signed out without signing the child out on their own tablet). The device stays bound, and
     * the child signs in again with the PIN.
     */
    @WithTransaction
    public Uni<Void> signOut(Caller child) {
        return access.ownDevice(child).onFailure(ApiProblem.class).recoverWithNull().flatMap(device -> {
            if (device == null) {
                return Uni.createFrom().voidItem();
            }
            device.endSessions();
            return audit.record(child, AuditAction.SIGNED_OUT, child.id(), null, null);
        });
    }

    /** The device this cookie was bound as, locked; 401 if there is none, or if it was removed. */
    private Uni<ChildDevice> device(String deviceSecret) {
        if (deviceSecret == null || deviceSecret.isBlank() || deviceSecret.length() > 100) {
            return Uni.createFrom().failure(deviceNotRecognised());
        }
        return devices.lockBySecretHash(Secrets.sha256(deviceSecret))
                .onItem().ifNull().failWith(ChildSignInService::deviceNotRecognised)
                .invoke(device -> {
                    if (device.removed()) {
                        throw deviceRemoved();
                    }
                });
    }

    private Uni<Session> session(ChildDevice device) {
        return children.findById(device.childId).map((Child child) -> {
            IssuedToken token = tokens.forChild(child.id, device.id, Timestamps.now().getEpochSecond(),
                    device.tokensValidAfter);
            return new Session(token.token(), token.expiresAt(), new Me(child.id, Role.CHILD, child.knownAs));
        });
    }

    /** All one digit, or a run counting up or down (1234, 9876): the first PINs anyone would try. */
    static boolean isTooEasy(String pin) {
        if (pin == null || pin.length() < 2) {
            return false;
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length(); i++) {
            int step = pin.charAt(i) - pin.charAt(i - 1);
            same &= step == 0;
            up &= step == 1;
            down &= step == -1;
        }
        return same || up || down;
    }
}
