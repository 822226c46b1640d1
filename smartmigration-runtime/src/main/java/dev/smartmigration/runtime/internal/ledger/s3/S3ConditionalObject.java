package dev.smartmigration.runtime.internal.ledger.s3;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.SmartMigrationException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One S3 object changed only by compare-and-set: every write is a {@code PutObject} conditioned on the object being
 * absent ({@code If-None-Match: *}) or still having the ETag the writer last saw ({@code If-Match}), so that of
 * several writers holding the same view at most one succeeds.
 *
 * <p>Every write carries a fresh write id inside the object. A write whose reply is lost (I/O error, timeout,
 * {@code 5xx}) or that is refused is settled by reading the object back: the write's id there means it landed. A
 * refusal is a {@code 412}, a {@code 409 ConditionalRequestConflict} (Amazon S3 under concurrency) or a {@code 404}
 * ({@code If-Match} on an object that is gone); a {@code 5xx} is an unknown outcome, which is also how Ceph RGW
 * answers some losers of an {@code If-Match} race ({@code 500 UnknownError}). If an unknown write did not land and
 * the condition still holds, the identical write is sent once more: at most one of the two can land, and both are
 * the same write.
 *
 * @param <T> what the object holds
 */
final class S3ConditionalObject<T> {

    /** Reads the object's bytes and names the write that stored them. */
    interface Format<T> {

        /**
         * @param bytes the object's body
         * @return the value
         * @throws SmartMigrationException when the body is not a readable value (it is then never written over)
         */
        T decode(byte[] bytes);

        /**
         * @param value a decoded value
         * @return the id of the write that stored it, or {@code null} when it carries none
         */
        String writeId(T value);
    }

    private static final Logger LOG = LoggerFactory.getLogger(S3ConditionalObject.class);

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String what;
    private final Format<T> format;
    private final Map<String, String> details;

    /**
     * @param what    how messages name the object, e.g. {@code "the S3 ledger"}
     * @param details the details every error carries
     */
    S3ConditionalObject(S3Client s3, String bucket, String key, String what, Format<T> format,
                        Map<String, String> details) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.what = what;
        this.format = format;
        this.details = Map.copyOf(details);
    }

    /** @return {@code s3://<bucket>/<key>} */
    String location() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * One {@code GetObject}.
     *
     * @return the object as it is now, or an absent version
     * @throws SmartMigrationException {@code LEDGER_UNAVAILABLE} when it cannot be read; whatever
     *                                 {@link Format#decode} throws for an unreadable body
     */
    Version<T> read() {
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (NoSuchKeyException e) {
            return Version.absent(e.awsErrorDetails() == null ? null : storeDate(e.awsErrorDetails().sdkHttpResponse()));
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
        GetObjectResponse response = object.response();
        T value = format.decode(object.asByteArray());
        if (response.eTag() == null || response.lastModified() == null) {
            throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "the S3 store returned " + location() + " without an ETag or Last-Modified header, which "
                            + "conditional writes and lease expiry need.",
                    details(), null);
        }
        return new Version<>(value, format.writeId(value), response.eTag(), response.lastModified(),
                storeDate(response.sdkHttpResponse()));
    }

    /**
     * One {@code HeadObject}.
     *
     * @return the object's user metadata, or empty when the store answers {@code 404}
     * @throws SmartMigrationException {@code LEDGER_UNAVAILABLE} for any other failure
     */
    Optional<Map<String, String>> metadata() {
        try {
            HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return Optional.of(head.metadata());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("read", e);
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
    }

    /**
     * Sends one conditional write and settles its outcome, sending the identical write once more when its outcome
     * was unknown and the object shows it did not land.
     *
     * @param body      the object's new body; it must carry {@code writeId} where {@link Format#writeId} finds it
     * @param metadata  user metadata stored with the body
     * @param writeId   this write's id, new for every write
     * @param condition when the store may apply it
     * @return written, with the new ETag; or refused, with the object as it is now
     * @throws SmartMigrationException {@code LEDGER_UNAVAILABLE} when the store fails the write definitely
     *                                 ({@code 403}, {@code 400}, ...) or its outcome stays unknown
     */
    Outcome<T> put(byte[] body, Map<String, String> metadata, String writeId, Condition condition) {
        SdkException unknown = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            boolean refused;
            try {
                PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                        .contentType("application/json").metadata(metadata);
                condition.applyTo(request);
                PutObjectResponse response = s3.putObject(request.build(), RequestBody.fromBytes(body));
                return Outcome.written(response.eTag(), storeDate(response.sdkHttpResponse()));
            } catch (S3Exception e) {
                refused = isRefusal(e);
                if (!refused && e.statusCode() < 500) {
                    throw unavailable("write", e);
                }
                unknown = e;
            } catch (SdkClientException e) {
                refused = false;
                unknown = e;
            }
            // A refusal can also answer the SDK's own retry of a write of ours that had landed: read back.
            Version<T> now = readBack(unknown);
            if (now.carries(writeId)) {
                if (!refused) {
                    LOG.info("A write to {} had an unknown outcome ({}); reading back showed it landed",
                            location(), unknown.toString());
                }
                return Outcome.written(now.etag(), now.storeNow());
            }
            if (refused || !condition.holdsFor(now)) {
                return Outcome.refused(now);
            }
            LOG.info("A write to {} had an unknown outcome ({}); it has not landed, sending it once more",
                    location(), unknown.toString());
        }
        throw new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                "a write to " + what + " " + location() + " failed twice without a reply, and reading the object "
                        + "back showed it had not landed. Check the network and the store, then retry.",
                details(), unknown);
    }

    /**
     * @param e a store's error reply to a conditional write
     * @return whether it says the condition failed: {@code 412}; {@code 409 ConditionalRequestConflict}, Amazon
     *         S3's answer to a concurrent conditional write; {@code 404}, {@code If-Match} on an object that is gone
     */
    private static boolean isRefusal(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404;
    }

    private Version<T> readBack(SdkException unknown) {
        try {
            return read();
        } catch (SmartMigrationException e) {
            if (e.code() != ErrorCode.LEDGER_UNAVAILABLE) {
                e.addSuppressed(unknown);
                throw e;
            }
            SmartMigrationException unsettled = new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                    "a write to " + what + " " + location() + " got no usable reply and reading the object back "
                            + "failed too, so whether it landed is unknown; the next run settles it. Check the "
                            + "network and the store.",
                    details(), unknown);
            unsettled.addSuppressed(e);
            throw unsettled;
        }
    }

    private SmartMigrationException unavailable(String action, SdkException cause) {
        boolean checksumRefused = cause instanceof S3Exception e && e.awsErrorDetails() != null
                && "XAmzContentSHA256Mismatch".equals(e.awsErrorDetails().errorCode());
        String advice = checksumRefused
                ? "The store refused the checksum the AWS SDK sends with uploads by default, as Ceph RGW before 18 "
                        + "does: build the S3Client with .requestChecksumCalculation(RequestChecksumCalculation"
                        + ".WHEN_REQUIRED)."
                : "Check the bucket, the credentials and the network.";
        return new SmartMigrationException(ErrorCode.LEDGER_UNAVAILABLE,
                "could not " + action + " " + location() + ": " + cause.getMessage() + ". " + advice,
                details(), cause);
    }

    private Map<String, String> details() {
        return new LinkedHashMap<>(details);
    }

    private static Instant storeDate(SdkHttpResponse response) {
        if (response == null) {
            return null;
        }
        return response.firstMatchingHeader("Date").map(value -> {
            try {
                return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value));
            } catch (DateTimeParseException e) {
                LOG.debug("Unusable Date header {}", value, e);
                return null;
            }
        }).orElse(null);
    }

    /**
     * The object as one read saw it.
     *
     * @param value        its content, {@code null} when the object does not exist
     * @param writeId      the id of the write that stored it, if it carries one
     * @param etag         its ETag as the store returned it
     * @param lastModified when the store last wrote it
     * @param storeNow     the store's clock at the read ({@code Date} header), if it sent a usable one
     */
    record Version<T>(T value, String writeId, String etag, Instant lastModified, Instant storeNow) {

        static <T> Version<T> absent(Instant storeNow) {
            return new Version<>(null, null, null, null, storeNow);
        }

        boolean exists() {
            return value != null;
        }

        boolean carries(String id) {
            return exists() && id.equals(writeId);
        }

        /** @return whether {@code other} is the same version of the object (both absent, or the same ETag) */
        boolean sameAs(Version<?> other) {
            return exists() ? other.exists() && IfMatchForm.bare(etag).equals(IfMatchForm.bare(other.etag()))
                    : !other.exists();
        }
    }

    /**
     * When a write may be applied: the object must be absent, or must still have an ETag, sent in a given form.
     *
     * @param etag the ETag the object must still have, {@code null} for "must be absent"
     * @param form how {@code etag} is written in {@code If-Match}
     */
    record Condition(String etag, IfMatchForm form) {

        static Condition absent() {
            return new Condition(null, null);
        }

        static Condition matching(String etag, IfMatchForm form) {
            return new Condition(etag, form);
        }

        void applyTo(PutObjectRequest.Builder request) {
            if (etag == null) {
                request.ifNoneMatch("*");
            } else {
                request.ifMatch(form.render(etag));
            }
        }

        boolean holdsFor(Version<?> now) {
            return etag == null ? !now.exists()
                    : now.exists() && IfMatchForm.bare(etag).equals(IfMatchForm.bare(now.etag()));
        }
    }

    /**
     * The settled result of a conditional write.
     *
     * @param written  whether it landed
     * @param etag     when written, the object's new ETag
     * @param storeNow when written, the store's clock at the reply, if known
     * @param current  when refused, the object as read after the refusal
     */
    record Outcome<T>(boolean written, String etag, Instant storeNow, Version<T> current) {

        static <T> Outcome<T> written(String etag, Instant storeNow) {
            return new Outcome<>(true, etag, storeNow, null);
        }

        static <T> Outcome<T> refused(Version<T> current) {
            return new Outcome<>(false, null, null, current);
        }
    }
}
