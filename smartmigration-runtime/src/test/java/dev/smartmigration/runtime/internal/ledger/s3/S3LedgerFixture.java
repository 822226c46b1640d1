package dev.smartmigration.runtime.internal.ledger.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.testing.S3TestServer;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Helpers shared by the S3 ledger tests: raw object access that bypasses the ledger. */
final class S3LedgerFixture {

    private S3LedgerFixture() {
    }

    /** Enough for any lease of ttl 1 ms to be judged expired: one second of margin plus header resolution. */
    static final long EXPIRY_WAIT_MS = 2_300;

    static S3Ledger ledger(S3Client s3, String bucket, String name) {
        return new S3Ledger(s3, bucket, name, S3LedgerOptions.defaults());
    }

    /** The object as stored: its bytes and ETag, or empty when absent. */
    record Raw(byte[] bytes, String etag) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static Optional<Raw> raw(S3Client s3, String bucket, String key) {
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(new Raw(object.asByteArray(), object.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Asserts the object is still exactly {@code before}: same ETag, same bytes. */
    static void assertUnchanged(S3Client s3, String bucket, String key, Raw before) {
        Raw after = raw(s3, bucket, key).orElseThrow();
        assertEquals(before.etag(), after.etag());
        assertArrayEquals(before.bytes(), after.bytes());
    }

    static void putRaw(S3Client s3, String bucket, String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    static SmartMigrationException assertCode(ErrorCode code, Executable call) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String name(String prefix) {
        return S3TestServer.uniqueName(prefix);
    }
}
