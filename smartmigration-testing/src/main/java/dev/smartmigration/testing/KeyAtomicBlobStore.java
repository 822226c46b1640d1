package dev.smartmigration.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Gives S3Proxy's store the per-object atomicity Amazon S3 guarantees. S3Proxy checks {@code If-Match} by reading
 * the metadata and then writing, with nothing in between held, so two racing writers with the same ETag can both
 * succeed there (measured: several winners in 9-21% of 8-thread rounds), whereas Amazon S3 documents conditional
 * writes as compare-and-swap. Without this wrapper our tests would test S3Proxy's race, not our protocol.
 *
 * <p>Each key gets a lock: a PUT re-checks its {@code If-None-Match: *} / {@code If-Match} condition under it, and
 * reads, metadata reads and deletes take it too, so a GET never sees one write's body with another's ETag. The
 * ledger uses no conditional DELETE, so no per-request view is needed.
 */
final class KeyAtomicBlobStore extends ForwardingBlobStore {

    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    KeyAtomicBlobStore(BlobStore delegate) {
        super(delegate);
    }

    private Object lockOf(String bucket, String key) {
        return locks.computeIfAbsent(bucket + "/" + key, k -> new Object());
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        synchronized (lockOf(request.bucket(), request.key())) {
            HeadObjectResponse current = delegate().blobMetadataIfPresent(request.bucket(), request.key());
            if ("*".equals(request.ifNoneMatch()) && current != null) {
                throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED);
            }
            if (request.ifMatch() != null) {
                if (current == null) {
                    throw new S3ProxyException(S3ErrorCode.NO_SUCH_KEY);
                }
                if (!unquoted(request.ifMatch()).equals(unquoted(current.eTag()))) {
                    throw new S3ProxyException(S3ErrorCode.PRECONDITION_FAILED);
                }
            }
            return delegate().putBlob(request, content);
        }
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        synchronized (lockOf(request.bucket(), request.key())) {
            ResponseInputStream<GetObjectResponse> stream = delegate().getBlob(request);
            if (stream == null) {
                return null;
            }
            try (stream) {
                byte[] bytes = stream.readAllBytes();
                return new ResponseInputStream<>(stream.response(),
                        AbortableInputStream.create(new ByteArrayInputStream(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        synchronized (lockOf(request.bucket(), request.key())) {
            return delegate().blobMetadata(request);
        }
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        synchronized (lockOf(request.bucket(), request.key())) {
            return delegate().removeBlob(request);
        }
    }

    private static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
