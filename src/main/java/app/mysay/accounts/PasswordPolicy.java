package app.mysay.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a staff password must not be: shorter than 12 characters or longer than 128; one of the commonly used and
 * breached passwords shipped with the build ({@code passwords/common.txt}, read offline), also with digits and symbols
 * added around it or letters swapped for look-alikes; one character repeated, a run like {@code abcdef...} or
 * {@code 98765...}, or a short piece repeated; the person's e-mail address, the part before the {@code @}, or their
 * name. No rules about mixing letters, digits and symbols (NIST SP 800-63B): length and the list do the work.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** Why this password is refused for this person (to show next to the field), or empty when it is fine. */
    public static Optional<String> problem(String password, String email, String displayName) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Enter a password");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.codePoints().distinct().count() == 1 || repeatsAShortPiece(lower) || isARun(lower)) {
            return Optional.of("is too easy to guess: not one character or a short piece repeated, and not a run "
                    + "like abcdef or 123456");
        }
        if (common(lower)) {
            return Optional.of("is one of the passwords most often used or leaked, which people try first. Choose "
                    + "another: a few unrelated words are easy to remember and hard to guess");
        }
        if (aboutThePerson(lower, email, displayName)) {
            return Optional.of("must not be your e-mail address or your name");
        }
        return Optional.empty();
    }

    static boolean common(String lower) {
        String squeezed = lower.replaceAll("[\\s_.-]+", "");
        for (String candidate : java.util.List.of(lower, squeezed, core(lower), core(squeezed),
                unswapped(core(squeezed)), core(unswapped(squeezed)))) {
            if (!candidate.isEmpty() && COMMON.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Without leading and trailing digits and symbols: "password2024!" is "password". */
    private static String core(String s) {
        return s.replaceAll("^[^\\p{L}]+", "").replaceAll("[^\\p{L}]+$", "");
    }

    private static String unswapped(String s) {
        return s.replace('@', 'a').replace('4', 'a').replace('0', 'o').replace('3', 'e').replace('1', 'i')
                .replace('$', 's').replace('5', 's').replace('7', 't').replace('!', 'i');
    }

    private static boolean repeatsAShortPiece(String s) {
        for (int piece = 1; piece <= 4; piece++) {
            if (s.length() % piece == 0 && s.substring(0, piece).repeat(s.length() / piece).equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** Each character one on (or one back) from the one before, digits wrapping round: 1234567890, zyxwvu... */
    private static boolean isARun(String s) {
        for (int direction : new int[] { 1, -1 }) {
            boolean run = true;
            for (int i = 1; i < s.length() && run; i++) {
                char before = s.charAt(i - 1);
                char now = s.charAt(i);
                boolean digits = Character.isDigit(before) && Character.isDigit(now);
                run = digits ? Math.floorMod(before - '0' + direction, 10) == now - '0' : before + direction == now;
            }
            if (run) {
                return true;
            }
        }
        return false;
    }

    private static boolean aboutThePerson(String lower, String email, String displayName) {
        String squeezed = lower.replaceAll("[^\\p{L}\\p{N}]+", "");
        if (email != null && !email.isBlank()) {
            String address = email.trim().toLowerCase(Locale.ROOT);
            String local = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
            if (lower.contains(address) || (local.length() >= 4 && (lower.contains(local)
                    || squeezed.contains(local.replaceAll("[^\\p{L}\\p{N}]+", ""))))) {
                return true;
            }
        }
        if (displayName != null && !displayName.isBlank()) {
            String name = displayName.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
            return name.length() >= 4 && core(squeezed).equals(name) || squeezed.equals(name);
        }
        return false;
    }

    private static Set<String> load() {
        Set<String> common = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/passwords/common.txt")) {
            if (in == null) {
                throw new IllegalStateException("passwords/common.txt is missing from the build");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String entry = line.strip().toLowerCase(Locale.ROOT);
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    common.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(common);
    }
}
