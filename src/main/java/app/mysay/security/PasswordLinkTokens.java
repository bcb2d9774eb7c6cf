package app.mysay.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The tokens of staff set-password links: 256 random bits, URL-safe. Only their SHA-256 is stored (the token has too
 * much entropy for a slow hash to add anything), so a copy of the database sets nobody's password.
 */
public final class PasswordLinkTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordLinkTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
