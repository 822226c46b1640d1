package dev.smartmigration.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the S3 ledger relies on from the store, checked on the test server (or the real endpoint if set). */
@ExtendWith(S3TestServerExtension.class)
class S3TestServerTest {

    private static final int RACERS = 16;

    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;

    @Test
    void conditionalPuts_refuseExistingCreateAndStaleEtag() {
        String key = S3TestServer.uniqueName("cond");
        PutObjectResponse created = s3.putObject(b -> b.bucket(server.bucket()).key(key).ifNoneMatch("*"),
                RequestBody.fromString("one"));

        S3Exception again = assertThrows(S3Exception.class, () -> s3.putObject(
                b -> b.bucket(server.bucket()).key(key).ifNoneMatch("*"), RequestBody.fromString("two")));
        assertEquals(412, again.statusCode());

        PutObjectResponse replaced = s3.putObject(b -> b.bucket(server.bucket()).key(key).ifMatch(created.eTag()),
                RequestBody.fromString("three"));
        S3Exception stale = assertThrows(S3Exception.class, () -> s3.putObject(
                b -> b.bucket(server.bucket()).key(key).ifMatch(created.eTag()), RequestBody.fromString("four")));
        assertEquals(412, stale.statusCode());

        ResponseBytes<GetObjectResponse> read = s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key));
        assertEquals("three", read.asUtf8String());
        assertEquals(replaced.eTag(), read.response().eTag());
    }

    /** S3Proxy alone fails this (several winners in some rounds); the server's KeyAtomicBlobStore makes it pass. */
    @Test
    void racingIfMatchPuts_haveExactlyOneWinnerEveryRound() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < 30; round++) {
                String key = S3TestServer.uniqueName("cas");
                String etag = s3.putObject(b -> b.bucket(server.bucket()).key(key), RequestBody.fromString("v0"))
                        .eTag();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    String body = "v" + (i + 1);
                    attempts.add(pool.submit(() -> {
                        go.await();
                        try {
                            s3.putObject(b -> b.bucket(server.bucket()).key(key).ifMatch(etag),
                                    RequestBody.fromString(body));
                            return true;
                        } catch (S3Exception e) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> attempt : attempts) {
                    winners += attempt.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void get_carriesLastModifiedAndServerDate() {
        String key = S3TestServer.uniqueName("dates");
        s3.putObject(b -> b.bucket(server.bucket()).key(key), RequestBody.fromString("x"));

        GetObjectResponse response = s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key)).response();

        assertNotNull(response.lastModified());
        Optional<String> date = response.sdkHttpResponse().firstMatchingHeader("Date");
        assertTrue(date.isPresent(), "the store's clock is read from the Date header");
    }
}
