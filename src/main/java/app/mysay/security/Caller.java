package app.mysay.security;

import java.util.UUID;

/**
 * The signed-in caller of one request: a staff account, or a child on a bound device.
 * For a child, {@code id} is the child's id and {@code deviceId} the device they signed in on.
 */
public record Caller(UUID id, Role role, UUID deviceId) {

    public boolean is(Role other) {
        return role == other;
    }
}
