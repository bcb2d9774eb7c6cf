package app.mysay.accounts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.OptionalLong;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * Time-based one-time passwords (RFC 6238) as every authenticator app makes them: SHA-1, six digits, 30-second steps.
 * A code is accepted from the step before to the step after now (a phone's clock may be a little out), and only for a
 * step after the last one used, so a code seen over someone's shoulder cannot be used again.
 */
final class Totp {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    private static final int STEPS_EITHER_SIDE = 1;
    /** 32 base32 characters: 160 bits, the HMAC-SHA-1 key length RFC 4226 recommends. */
    private static final int SECRET_CHARACTERS = 32;

    private static final DefaultCodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    private Totp() {
    }

    static String newSecret() {
        return new DefaultSecretGenerator(SECRET_CHARACTERS).generate();
    }

    static long stepAt(long epochSecond) {
        return Math.floorDiv(epochSecond, PERIOD_SECONDS);
    }

    /** The step the code belongs to, if it is right, near now, and after {@code lastUsedStep}. */
    static OptionalLong matchingStep(String secret, String code, long nowEpochSecond, Long lastUsedStep) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = stepAt(nowEpochSecond);
        long found = -1;
        // Every candidate is compared, in constant time, so the time taken says nothing about which one matched.
        for (long step = now - STEPS_EITHER_SIDE; step <= now + STEPS_EITHER_SIDE; step++) {
            boolean fresh = lastUsedStep == null || step > lastUsedStep;
            if (MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII)) && fresh && found < 0) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    static String codeAt(String secret, long step) {
        try {
            return CODES.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("Cannot make a TOTP code", e);
        }
    }

    /** The address an authenticator app reads from the QR code (Google Authenticator's key URI format). */
    static String keyUri(String secret, String accountName) {
        String label = URLEncoder.encode("MySay:" + accountName, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=MySay&algorithm=SHA1&digits=" + DIGITS
                + "&period=" + PERIOD_SECONDS;
    }
}
