package app.mysay.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * Encrypts the free-text parts of a child's views and the chair's message to the child before they reach the
 * database: Tink AEAD, AES-256-GCM. The associated data binds each ciphertext to its table, column, row and child, so
 * a ciphertext copied to another row or child does not decrypt.
 * <p>
 * The keyset (Tink JSON) comes from {@code mysay.encryption.keyset} or the file at
 * {@code mysay.encryption.keyset-location}; only in dev and test mode, when neither is set, a throwaway key is
 * generated. It may hold several keys: the primary encrypts, every key decrypts. Each ciphertext starts with its key's
 * 5-byte Tink prefix, which is how {@link Reencryption} finds the ones made under a key that is no longer primary.
 * <p>
 * Entities reach it statically ({@link #current()}), because Hibernate's entity callbacks are not CDI beans.
 */
@Singleton
@Startup
public class FieldEncryption {

    private static final Logger LOG = Logger.getLogger(FieldEncryption.class);
    private static final String AAD_VERSION = "mysay-field-v1";
    /** A Tink prefix: one version byte (1, "TINK") and the key id, big-endian. */
    static final int PREFIX_LENGTH = 5;

    private static volatile FieldEncryption current;

    private volatile Keys keys;

    private record Keys(KeysetHandle keyset, Aead aead, byte[] primaryPrefix) {
    }

    /** Where a value lives: the associated data its ciphertext is bound to. */
    public record Place(String table, String column, UUID rowId, UUID childId) {

        byte[] associatedData() {
            if (rowId == null || childId == null) {
                throw new IllegalStateException("An encrypted value needs its row id and child id first: " + this);
            }
            return String.join("|", AAD_VERSION, table, column, rowId.toString(), childId.toString())
                    .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return table + "." + column + " of row " + rowId;
        }
    }

    FieldEncryption(@ConfigProperty(name = "mysay.encryption.keyset") Optional<String> keyset,
            @ConfigProperty(name = "mysay.encryption.keyset-location") Optional<String> keysetLocation) {
        register();
        KeysetHandle handle;
        if (keyset.filter(k -> !k.isBlank()).isPresent() || keysetLocation.isPresent()) {
            String json;
            try {
                json = keyset.filter(k -> !k.isBlank()).isPresent() ? keyset.get()
                        : Files.readString(Path.of(keysetLocation.get()));
                handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // Never the keyset itself in the message.
                throw new IllegalStateException("Cannot read the encryption keyset from mysay.encryption.keyset or "
                        + "mysay.encryption.keyset-location: " + e.getClass().getSimpleName(), e);
            }
        } else if (LaunchMode.current() != LaunchMode.NORMAL) {
            handle = generateKeyset();
            LOG.info("Field encryption: generated a throwaway AES-256-GCM keyset (" + LaunchMode.current()
                    + " mode only); views saved now cannot be read after a restart with another keyset");
        } else {
            throw new IllegalStateException("Set mysay.encryption.keyset (MYSAY_ENCRYPTION_KEYSET, a Tink JSON "
                    + "keyset) or mysay.encryption.keyset-location (a file holding one) to run MySay in production: "
                    + "the children's words are stored encrypted under it. See README.md.");
        }
        use(handle);
        current = this;
    }

    /** The instance the entities use. */
    public static FieldEncryption current() {
        FieldEncryption instance = current;
        if (instance == null) {
            throw new IllegalStateException("Field encryption is not started yet");
        }
        return instance;
    }

    /** A new keyset with one AES-256-GCM key, as the dev and test modes use; also for making a production one. */
    public static KeysetHandle generateKeyset() {
        register();
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void register() {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts using this keyset: at start-up, and in tests that rotate keys. */
    void use(KeysetHandle handle) {
        for (int i = 0; i < handle.size(); i++) {
            if (!(handle.getAt(i).getKey() instanceof AesGcmKey key) || key.getParameters().getKeySizeBytes() != 32
                    || key.getParameters().getVariant() != AesGcmParameters.Variant.TINK) {
                throw new IllegalStateException("The encryption keyset must hold only AES-256-GCM keys with Tink "
                        + "prefixes (key " + handle.getAt(i).getId() + " is not one)");
            }
        }
        try {
            Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            keys = new Keys(handle, aead, prefix(handle.getPrimary().getId()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use the encryption keyset: " + e.getClass().getSimpleName(), e);
        }
    }

    KeysetHandle keyset() {
        return keys.keyset();
    }

    static byte[] prefix(int keyId) {
        return ByteBuffer.allocate(PREFIX_LENGTH).put((byte) 1).putInt(keyId).array();
    }

    /** The 5-byte prefix every new ciphertext starts with. */
    public byte[] primaryPrefix() {
        return keys.primaryPrefix().clone();
    }

    /** Whether this ciphertext was made under the primary key (null, having nothing to re-encrypt, counts as yes). */
    public boolean underPrimary(byte[] ciphertext) {
        return ciphertext == null || ciphertext.length >= PREFIX_LENGTH
                && Arrays.equals(ciphertext, 0, PREFIX_LENGTH, keys.primaryPrefix(), 0, PREFIX_LENGTH);
    }

    public byte[] encrypt(String plaintext, Place place) {
        if (plaintext == null) {
            return null;
        }
        try {
            return keys.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), place.associatedData());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt " + place, e);
        }
    }

    /** Encrypts bytes (an attachment's content) bound to their place, as {@link #encrypt(String, Place)} does text. */
    public byte[] encryptBytes(byte[] plaintext, Place place) {
        if (plaintext == null) {
            return null;
        }
        try {
            return keys.aead().encrypt(plaintext, place.associatedData());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt " + place, e);
        }
    }

    /** The bytes of a ciphertext made by {@link #encryptBytes}; fails as {@link #decrypt} does. */
    public byte[] decryptBytes(byte[] ciphertext, Place place) {
        if (ciphertext == null) {
            return null;
        }
        try {
            return keys.aead().decrypt(ciphertext, place.associatedData());
        } catch (GeneralSecurityException e) {
            throw undecryptable(ciphertext, place);
        }
    }

    /** The same plaintext encrypted again under the primary key (text or bytes alike), for {@link Reencryption}. */
    byte[] reencrypt(byte[] ciphertext, Place place) {
        return encryptBytes(decryptBytes(ciphertext, place), place);
    }

    /**
     * The text of a ciphertext. Failing is loud, in the log and as an exception (an API caller sees only a 500), and
     * never shows content: a wrong or missing key, or a ciphertext moved from another row or child.
     */
    public String decrypt(byte[] ciphertext, Place place) {
        if (ciphertext == null) {
            return null;
        }
        try {
            return new String(keys.aead().decrypt(ciphertext, place.associatedData()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw undecryptable(ciphertext, place);
        }
    }

    private static UndecryptableException undecryptable(byte[] ciphertext, Place place) {
        String key = ciphertext.length >= PREFIX_LENGTH
                ? Integer.toUnsignedString(ByteBuffer.wrap(ciphertext, 1, 4).getInt())
                : "none";
        LOG.errorf("CANNOT DECRYPT %s (key id %s): the key is not in the keyset, or the ciphertext was altered or "
                + "moved from another row or child", place, key);
        return new UndecryptableException(place);
    }

    /** A stored ciphertext that this keyset cannot decrypt for its place. */
    public static final class UndecryptableException extends IllegalStateException {

        UndecryptableException(Place place) {
            super("Cannot decrypt " + place);
        }
    }
}
