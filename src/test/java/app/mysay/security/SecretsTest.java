package app.mysay.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void invitationCodesAreLongRandomAndReadable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = Secrets.newInvitationCode();
            assertTrue(code.matches("([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}"), code);
            assertTrue(seen.add(code), "codes repeat");
        }
    }

    @Test
    void aTypedCodeIsForgivingAboutSpacesCaseAndLookAlikeLetters() {
        String code = "7KQ2-M9XD-0AB1-CDEF-GHJK";
        String canonical = Secrets.normaliseInvitationCode(code);
        assertEquals("7KQ2M9XD0AB1CDEFGHJK", canonical);
        assertEquals(canonical, Secrets.normaliseInvitationCode(" 7kq2 m9xd oab1 cdef ghjk "));
        assertEquals(canonical, Secrets.normaliseInvitationCode("7KQ2M9XD0ABlCDEFGHJK"));
        assertArrayEquals(Secrets.sha256(canonical), Secrets.sha256(Secrets.normaliseInvitationCode(code.toLowerCase())));
    }

    @Test
    void somethingThatCannotBeACodeIsRefusedBeforeAnyLookup() {
        assertNull(Secrets.normaliseInvitationCode(null));
        assertNull(Secrets.normaliseInvitationCode("7KQ2-M9XD"));
        assertNull(Secrets.normaliseInvitationCode("7KQ2-M9XD-0AB1-CDEF-GHJU"));
        assertNull(Secrets.normaliseInvitationCode("7KQ2-M9XD-0AB1-CDEF-GHJK-1"));
        assertNull(Secrets.normaliseInvitationCode("'; drop table child; --"));
    }

    @Test
    void deviceSecretsAreLongAndDistinct() {
        String a = Secrets.newDeviceSecret();
        String b = Secrets.newDeviceSecret();
        assertEquals(43, a.length());
        assertNotEquals(a, b);
        assertFalse(a.contains("="));
    }
}
