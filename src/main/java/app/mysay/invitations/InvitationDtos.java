package app.mysay.invitations;

import app.mysay.common.QrCodes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public final class InvitationDtos {

    private InvitationDtos() {
    }

    /** The code is shown once, here; only its digest is kept. The link carries it after '#', so it never reaches a server log. */
    public record InvitationCreated(UUID id, UUID childId, UUID conferenceId, String code, String link, Instant expiresAt,
            QrCodes.QrCodePath qrCode) {
    }

    public record InvitationView(UUID id, Instant createdAt, Instant expiresAt, InvitationState state, Instant redeemedAt) {
    }

    public record RedeemRequest(
            @NotBlank(message = "Enter the code from your invitation") @Size(max = 64, message = "is too long to be a code") String code) {
    }

    public record Redeemed(String knownAs, boolean pinNeeded) {
    }

    /** Where a child's device stands (see ChildSignInService.DeviceState); nothing about the child. */
    public record DeviceStatus(ChildSignInService.DeviceState state) {
    }

    /** The secret that unlocks the drafts kept on this device (base64url); only for the child signed in on it. */
    public record DeviceKey(String key) {
    }

    public record PinRequest(
            @NotBlank(message = "Enter your PIN")
            @Pattern(regexp = "\\d{4,8}", message = "must be 4 to 8 numbers") String pin) {
    }

    /**
     * A device bound to a child, as the social worker sees it: a name MySay gives it ("Device 2", by the order the
     * devices were set up), the kind of device its browser said it was, when it was set up and last signed in on,
     * and where it stands (with, while a new PIN may be chosen on it, until when). Nothing that identifies the
     * device or its owner, and nothing the child wrote.
     */
    public record DeviceView(UUID id, String name, String kind, Instant setUpAt, Instant lastSignedInAt,
            ChildSignInService.DeviceState state, Instant newPinUntil, Instant removedAt) {
    }

    public record ChildDevices(UUID childId, String knownAs, List<DeviceView> devices) {
    }
}
