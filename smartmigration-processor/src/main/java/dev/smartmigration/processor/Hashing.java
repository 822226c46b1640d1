package dev.smartmigration.processor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the digest of the chain's content key and of the migrations' fingerprints. Not thread-safe. */
final class Hashing {

    private final MessageDigest digest;

    Hashing() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return the SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex digits */
    String hex(String text) {
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex digits */
    static String sha256Hex(String text) {
        return new Hashing().hex(text);
    }
}
