package org.electora.accreditation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals the commission's private signing keys with AES-256-GCM under a key-encryption key kept outside the
 * database (a file next to the data directory, created owner-only on first use), so that a database dump or
 * replica alone cannot forge badges. The kid is the additional authenticated data: a sealed key cannot be
 * swapped onto another row.
 */
@Component
class KeyEncryption {

    private static final String PREFIX = "A256GCM.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private volatile SecretKeySpec kek;

    KeyEncryption(@Value("${electora.accreditation.key-encryption-key-file:data/accreditation-kek}") String file) {
        this.file = Path.of(file).toAbsolutePath().normalize();
    }

    String seal(String kid, String privateJwk) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, kid, iv, privateJwk.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + b64.encodeToString(iv) + "." + b64.encodeToString(sealed);
    }

    String open(String kid, String sealed) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("Signing key " + kid + " is not sealed");
        }
        String[] parts = sealed.substring(PREFIX.length()).split("\\.");
        Base64.Decoder b64 = Base64.getUrlDecoder();
        return new String(crypt(Cipher.DECRYPT_MODE, kid, b64.decode(parts[0]), b64.decode(parts[1])), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, String kid, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, kek(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open")
                    + " signing key " + kid + " with " + file + " (wrong key-encryption key?)", e);
        }
    }

    private SecretKeySpec kek() {
        if (kek == null) {
            synchronized (this) {
                if (kek == null) {
                    kek = new SecretKeySpec(readOrCreate(), "AES");
                }
            }
        }
        return kek;
    }

    private byte[] readOrCreate() {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, Base64.getEncoder().encode(key));
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it first: use theirs
                } catch (UnsupportedOperationException notPosix) {
                    Files.write(file, Base64.getEncoder().encode(key));
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
            if (key.length != 32) {
                throw new IllegalStateException(file + " must hold 32 bytes in base64");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key-encryption key " + file, e);
        }
    }
}
