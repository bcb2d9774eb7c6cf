package app.mysay.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Random secrets and their stored form. Invitation codes and device secrets are high-entropy random values,
 * so a SHA-256 digest is enough to store them: unlike a password, they cannot be guessed from a dictionary.
 */
public final class Secrets {

    /** Crockford's base32: no I, L, O or U, so a code read from a letter is hard to mistype. */
    private static final char[] CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    /** 20 symbols of 5 bits: 100 bits of entropy. */
    public static final int CODE_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A new invitation code, shown in groups of four: "7KQ2-M9XD-...". */
    public static String newInvitationCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /**
     * The canonical form of a typed code: spaces and dashes dropped, upper case, and the letters people
     * confuse with digits read as those digits. Returns null when what is left cannot be a code.
     */
    public static String normaliseInvitationCode(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder code = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == ' ' || c == '-') {
                continue;
            }
            char mapped = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (new String(CODE_ALPHABET).indexOf(mapped) < 0) {
                return null;
            }
            code.append(mapped);
        }
        return code.length() == CODE_LENGTH ? code.toString() : null;
    }

    public static String newDeviceSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
