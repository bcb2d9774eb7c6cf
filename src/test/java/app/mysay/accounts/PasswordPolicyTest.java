package app.mysay.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The passwords staff may not choose (issue 19, item 1), from the list shipped with the build and a few rules. */
class PasswordPolicyTest {

    static final String EMAIL = "sam.jones@council.example";
    static final String NAME = "Sam Jones";

    @Test
    void weakAndCommonlyBreachedPasswordsAreRefused() {
        for (String weak : List.of("aaaaaaaaaaaa", "111111111111", "abcdefghijkl", "123456789012", "987654321098",
                "abcabcabcabc", "121212121212", "password1234", "Password2024!", "P@ssw0rd2025!!", "qwertyuiop12",
                "1q2w3e4r5t6y", "iloveyou1234", "Liverpool2024", "letmein123456", "welcome12345",
                "correct horse battery staple", "sunshine2026!", "short")) {
            assertTrue(PasswordPolicy.problem(weak, EMAIL, NAME).isPresent(), weak + " must be refused");
        }
    }

    @Test
    void thePersonsOwnAddressOrNameIsRefused() {
        for (String own : List.of(EMAIL, "sam.jones2024!", "SamJones12345", "Sam Jones 2024")) {
            assertTrue(PasswordPolicy.problem(own, EMAIL, NAME).isPresent(), own + " must be refused");
        }
    }

    @Test
    void longUnusualPasswordsAreAccepted() {
        for (String fine : List.of("Plum tree by the canal 42", "violet-otter-harbour-ninety", "my cat Tibbles eats kale",
                "Zq8!vR2#pL0@wX")) {
            assertEquals(Optional.empty(), PasswordPolicy.problem(fine, EMAIL, NAME), fine);
        }
    }

    /** The demo's and the bench's seeded staff passwords, set straight in the database, are not on the list. */
    @Test
    void theSeededPasswordsAreNotOnTheList() {
        for (String seeded : List.of("demo-password-1" /* DemoData.PASSWORD */, "bench-password-1",
                "a long enough password for tests")) {
            assertEquals(Optional.empty(), PasswordPolicy.problem(seeded, "first.manager@it.mysay.example",
                    "Manager"), seeded);
        }
    }
}
