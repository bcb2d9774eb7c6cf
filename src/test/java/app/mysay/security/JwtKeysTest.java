package app.mysay.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outside dev and test mode (this plain unit test runs as production would), keys must come from configuration. */
class JwtKeysTest {

    @Test
    void productionRefusesToStartWithoutConfiguredKeys() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JwtKeys(Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("mysay.jwt.private-key-location"), e.getMessage());
    }

    @Test
    void productionReadsThePemKeysItIsGiven(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        JwtKeys keys = new JwtKeys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()));

        assertEquals(pair.getPublic(), keys.publicKey());
        assertEquals(pair.getPrivate(), keys.privateKey());
    }

    @Test
    void anUnreadableKeyFileStopsStartWithAClearMessage(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JwtKeys(Optional.of(dir.resolve("missing.pem").toString()),
                        Optional.of(dir.resolve("missing-too.pem").toString())));
        assertTrue(e.getMessage().contains("Cannot read the token keys"), e.getMessage());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
