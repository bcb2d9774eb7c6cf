package app.mysay.invitations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.mysay.audit.AuditAction;
import app.mysay.audit.AuditLog;
import app.mysay.common.ApiProblem;
import app.mysay.common.Timestamps;
import app.mysay.invitations.ChildSignInService.DeviceState;
import app.mysay.invitations.InvitationDtos.ChildDevices;
import app.mysay.invitations.InvitationDtos.DeviceView;
import app.mysay.security.AccessPolicy;
import app.mysay.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The child's social worker looks after the child's devices one by one: sees them, resets the PIN of the one the
 * child forgot it on (the others keep theirs: a shared family phone is not reopened for whoever holds it), and
 * removes a lost one, which stops working at once. Who may do this is {@link AccessPolicy}'s to say.
 */
@ApplicationScoped
public class ChildDeviceService {

    private final ChildDeviceRepository devices;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Duration pinSetupAfterReset;

    ChildDeviceService(ChildDeviceRepository devices, AccessPolicy access, AuditLog audit,
            @ConfigProperty(name = "mysay.child.pin-setup-window") Duration pinSetupAfterReset) {
        this.devices = devices;
        this.access = access;
        this.audit = audit;
        this.pinSetupAfterReset = pinSetupAfterReset;
    }

    public static ApiProblem removedForGood() {
        return new ApiProblem(409, "device-removed", "This device was removed",
                "A removed device cannot be used again. To let the child use it, invite them again and open the new "
                        + "invitation on it.");
    }

    /** Every device bound to the child, removed ones too, oldest first (the looking is audited). */
    @WithTransaction
    public Uni<ChildDevices> list(Caller socialWorker, UUID childId) {
        return access.manageableChild(socialWorker, childId)
                .flatMap(child -> access.manageableDevices(socialWorker, childId).flatMap(list -> {
                    Instant now = Timestamps.now();
                    List<DeviceView> views = list.stream().map(d -> view(d, list, now)).toList();
                    return audit.record(socialWorker, AuditAction.CHILD_DEVICES_READ, childId, null,
                            list.size() + " device(s)").replaceWith(new ChildDevices(childId, child.knownAs, views));
                }));
    }

    /**
     * Clears the PIN of this one device and unlocks it: the child chooses a new PIN on it within the set-up window
     * (the social worker should be with the child). The child's other devices are not touched.
     */
    @WithTransaction
    public Uni<DeviceView> resetPin(Caller socialWorker, UUID childId, UUID deviceId) {
        return access.manageableDevice(socialWorker, childId, deviceId).flatMap(device -> {
            if (device.removed()) {
                return Uni.createFrom().failure(removedForGood());
            }
            Instant now = Timestamps.now();
            device.resetPin(now.plus(pinSetupAfterReset));
            return devices.forChild(childId).flatMap(list -> audit.record(socialWorker, AuditAction.CHILD_PIN_RESET,
                    childId, null, describe(device, list)).replaceWith(view(device, list, now)));
        });
    }

    /**
     * Takes a lost (or no longer wanted) device off MySay: its sessions end at once, a PIN can no longer be chosen or
     * typed on it, and the secret its drafts are kept under is forgotten. Removing it again changes nothing.
     */
    @WithTransaction
    public Uni<Void> remove(Caller socialWorker, UUID childId, UUID deviceId) {
        return access.manageableDevice(socialWorker, childId, deviceId).flatMap(device -> {
            if (device.removed()) {
                return Uni.createFrom().voidItem();
            }
            device.remove(Timestamps.now());
            return devices.forChild(childId).flatMap(list -> audit.record(socialWorker,
                    AuditAction.CHILD_DEVICE_REMOVED, childId, null, describe(device, list)));
        });
    }

    private static DeviceView view(ChildDevice d, List<ChildDevice> ofChild, Instant now) {
        DeviceState state = DeviceState.of(d, now);
        return new DeviceView(d.id, name(d, ofChild), d.kind, d.createdAt, d.lastSignInAt, state,
                state == DeviceState.PIN_NOT_SET ? d.pinSetupUntil : null, d.removedAt);
    }

    /** "Device 2": by the order the child's devices were set up, removed ones counted, so a name never changes. */
    static String name(ChildDevice device, List<ChildDevice> ofChild) {
        for (int i = 0; i < ofChild.size(); i++) {
            if (ofChild.get(i).id.equals(device.id)) {
                return "Device " + (i + 1);
            }
        }
        return "Device";
    }

    /** For the audit trail: the device's name and kind, which say nothing about who holds it. */
    private static String describe(ChildDevice device, List<ChildDevice> ofChild) {
        return name(device, ofChild) + (device.kind == null ? "" : " (" + device.kind + ")");
    }
}
