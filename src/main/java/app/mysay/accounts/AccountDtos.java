package app.mysay.accounts;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import app.mysay.security.Role;

public final class AccountDtos {

    private AccountDtos() {
    }

    public record SignInRequest(
            @NotBlank(message = "Enter your e-mail address") @Size(max = 254, message = "must be at most 254 characters") String email,
            @NotBlank(message = "Enter your password") @Size(max = 200, message = "must be at most 200 characters") String password) {
    }

    /** Who is signed in. For a child, the name is the one they are known by. */
    public record Me(UUID id, Role role, String displayName) {
    }

    /** The token is also set as an HttpOnly cookie; API clients use it as a Bearer token. */
    public record Session(String token, Instant expiresAt, Me me) {
    }

    public record StaffMember(UUID id, String displayName, Role role) {
        static StaffMember of(StaffAccount a) {
            return new StaffMember(a.id, a.displayName, a.role);
        }
    }

    public record NewStaffAccount(
            @NotBlank(message = "Enter an e-mail address") @Email(message = "must be an e-mail address, like name@council.gov.uk")
            @Size(max = 254, message = "must be at most 254 characters") String email,
            @NotBlank(message = "Enter the person's name") @Size(max = 100, message = "must be at most 100 characters") String displayName,
            @NotNull(message = "Choose a role") Role role,
            @NotNull(message = "Enter a password")
            @Size(min = 12, max = 128, message = "must be between 12 and 128 characters") String password) {
    }
}
