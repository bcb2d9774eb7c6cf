package app.mysay.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key pair that signs and verifies MySay's tokens. In production both keys come from configuration
 * (PEM files, typically a mounted secret), so that every instance verifies every other instance's tokens.
 * Only in dev and test mode, when none are configured, a throwaway pair is generated at start.
 */
@Singleton
@Startup
public class JwtKeys {

    private static final Logger LOG = Logger.getLogger(JwtKeys.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    JwtKeys(@ConfigProperty(name = "mysay.jwt.private-key-location") Optional<String> privateKeyLocation,
            @ConfigProperty(name = "mysay.jwt.public-key-location") Optional<String> publicKeyLocation) {
        if (privateKeyLocation.isPresent() && publicKeyLocation.isPresent()) {
            try {
                privateKey = KeyUtils.decodePrivateKey(Files.readString(Path.of(privateKeyLocation.get())));
                publicKey = KeyUtils.decodePublicKey(Files.readString(Path.of(publicKeyLocation.get())));
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the token keys from mysay.jwt.private-key-location "
                        + "and mysay.jwt.public-key-location: " + e.getMessage(), e);
            }
        } else if (LaunchMode.current() != LaunchMode.NORMAL) {
            KeyPair pair = generate();
            privateKey = pair.getPrivate();
            publicKey = pair.getPublic();
            LOG.info("Token keys: generated a throwaway RSA key pair (" + LaunchMode.current() + " mode only)");
        } else {
            throw new IllegalStateException("Set mysay.jwt.private-key-location and mysay.jwt.public-key-location "
                    + "(PEM files) to run MySay in production; see README.md.");
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }
}
