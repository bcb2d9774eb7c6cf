package app.mysay.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Single-use codes for signing in when the authenticator app is lost: ten of them, each 12 characters of Crockford's
 * base32 (60 random bits) in groups of four. Typed back, case, spaces and dashes do not matter, and the letters easily
 * mistaken for digits (o, i, l) are read as the digits.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final int LENGTH = 12;
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The typed code in its one form, or null if it cannot be a recovery code. */
    static String normalised(String typed) {
        if (typed == null) {
            return null;
        }
        String code = typed.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "")
                .replace('o', '0').replace('i', '1').replace('l', '1');
        if (code.length() != LENGTH) {
            return null;
        }
        for (char c : code.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
        }
        return code;
    }

    /** What is stored: SHA-256 over the account id and the code (60 random bits need no slow hash). */
    static byte[] hash(UUID accountId, String normalisedCode) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ByteBuffer.allocate(16).putLong(accountId.getMostSignificantBits())
                    .putLong(accountId.getLeastSignificantBits()).array());
            digest.update(normalisedCode.getBytes(StandardCharsets.US_ASCII));
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
