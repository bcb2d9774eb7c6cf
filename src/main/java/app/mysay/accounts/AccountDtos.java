package app.mysay.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

import app.mysay.common.QrCodes;
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

    /** What a right password leads to: a session, or a second step first. */
    public sealed interface SignInStep permits Session, SecondStepNeeded {
    }

    /**
     * The token goes only into the HttpOnly session cookie, never into the body, where a script could read it; an API
     * client takes it from Set-Cookie and may send it as a Bearer token.
     */
    public record Session(@JsonIgnore @Schema(hidden = true) String token, Instant expiresAt, Me me)
            implements SignInStep {
    }

    /** What the second step is: entering a code, or setting up an authenticator app first (a staff must). */
    public enum SecondStep {
        ENTER_CODE, SET_UP
    }

    /**
     * The password was right; no session yet. The challenge (single use, short-lived) carries the sign-in to the
     * second step, so the password is not sent again.
     */
    public record SecondStepNeeded(SecondStep secondStep, String challenge, Instant expiresAt) implements SignInStep {
    }

    public record CodeRequest(
            @NotBlank(message = "Start signing in again") @Size(max = 100, message = "is not a sign-in in progress") String challenge,
            @NotBlank(message = "Enter the code") @Size(max = 40, message = "must be at most 40 characters") String code) {
    }

    public record ChallengeRequest(
            @NotBlank(message = "Start signing in again") @Size(max = 100, message = "is not a sign-in in progress") String challenge) {
    }

    /** What an authenticator app needs: the secret as a QR code and, for typing in, as text. Shown once. */
    public record SetUpDetails(String secret, String keyUri, QrCodes.QrCodePath qrCode) {
    }

    /** A second factor set up: the recovery codes, shown this once, and a fresh session. */
    public record SetUpDone(Session session, List<String> recoveryCodes) {
    }

    /** Whether this account has a second factor, how many recovery codes are unused, and whether it must. */
    public record SecondFactorStatus(boolean setUp, Instant setUpAt, int recoveryCodesLeft, boolean required) {
    }

    public record PasswordConfirmation(
            @NotBlank(message = "Enter your password") @Size(max = 200, message = "must be at most 200 characters") String password) {
    }

    public record CodeConfirmation(
            @NotBlank(message = "Enter the code from your authenticator app") @Size(max = 40, message = "must be at most 40 characters") String code) {
    }

    public record PasswordChange(
            @NotBlank(message = "Enter your current password") @Size(max = 200, message = "must be at most 200 characters") String currentPassword,
            @NotNull(message = "Enter a new password")
            @Size(min = 12, max = 128, message = "must be between 12 and 128 characters") String newPassword) {
    }

    /** A staff account as a manager sees it: no password, no secret. */
    /** passwordSet false: the holder has not yet set their password through the e-mailed link (pending). */
    public record AccountSummary(UUID id, String email, String displayName, Role role, boolean enabled,
            boolean secondFactorSetUp, boolean passwordSet) {
        static AccountSummary of(StaffAccount a) {
            return new AccountSummary(a.id, a.email, a.displayName, a.role, a.enabled, a.hasSecondFactor(),
                    a.passwordHash != null);
        }
    }

    /** A manager confirming it is them before resetting someone's sign-in: their own password, and code if they use one. */
    public record ItIsMe(
            @NotBlank(message = "Enter your own password") @Size(max = 200, message = "must be at most 200 characters") String password,
            @Size(max = 40, message = "must be at most 40 characters") String code) {
    }

    /** Setting a password through the e-mailed link. */
    public record PasswordByLink(
            @NotBlank(message = "Open the link from your e-mail again") @Size(max = 100, message = "is not a link MySay sent") String token,
            @NotNull(message = "Enter a password")
            @Size(min = 12, max = 128, message = "must be between 12 and 128 characters") String password) {
    }

    public record EnabledChange(@NotNull(message = "Say true or false") Boolean enabled) {
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
            @NotNull(message = "Choose a role") Role role) {
    }
}
