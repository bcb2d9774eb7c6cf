package app.mysay.invitations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinRulesTest {

    @ParameterizedTest
    @ValueSource(strings = { "0000", "1111", "1234", "4321", "9876", "12345678", "3456" })
    void theFirstPinsAnyoneWouldTryAreRefused(String pin) {
        assertTrue(ChildSignInService.isTooEasy(pin));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2580", "1357", "9071", "1122", "90817263" })
    void otherPinsAreAllowed(String pin) {
        assertFalse(ChildSignInService.isTooEasy(pin));
    }
}
