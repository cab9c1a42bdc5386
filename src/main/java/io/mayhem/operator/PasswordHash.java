package io.mayhem.operator;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash, written {@code PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>}
 * (salt and hash in Base64), the format of Jakarta Security's {@code Pbkdf2PasswordHash}.
 */
public final class PasswordHash {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int MIN_ITERATIONS = 10_000;
    static final int MIN_SALT_BYTES = 8;
    static final int MIN_HASH_BYTES = 16;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Parses the written form; the message of the exception never repeats the salt or the hash. */
    public static PasswordHash parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            throw new IllegalArgumentException("not of the form " + ALGORITHM + ":<iterations>:<salt>:<hash>");
        }
        int iterations;
        byte[] salt;
        byte[] hash;
        try {
            iterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("iterations must be a number and salt and hash Base64");
        }
        if (iterations < MIN_ITERATIONS || salt.length < MIN_SALT_BYTES || hash.length < MIN_HASH_BYTES) {
            throw new IllegalArgumentException("needs at least " + MIN_ITERATIONS + " iterations, a salt of "
                    + MIN_SALT_BYTES + " bytes and a hash of " + MIN_HASH_BYTES + " bytes");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** Whether the password hashes to this hash; compares in constant time. */
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password));
    }

    private byte[] derive(String password) {
        // the JDK hashes the password's UTF-8 bytes, as Python's hashlib.pbkdf2_hmac does (docs/operations.md "Manual restarts")
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, hash.length * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
