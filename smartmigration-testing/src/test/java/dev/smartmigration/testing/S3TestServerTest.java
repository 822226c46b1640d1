package dev.smartmigration.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The test server is the one the run was pointed at, and carries what the S3 ledger relies on beyond conditional
 * writes (those are checked by the ledger's own probe, see {@code S3ConditionalWriteProbeTest}).
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3TestServerTest {

    @TestResource private S3TestServer server;

    @TestResource private TestBucket bucket;

    @Test
    void aTestBucket_isEmpty_ownedByTheTest_andTheSameAsAParameterOfIt(TestBucket parameter, S3Client s3) {
        assertEquals(bucket, parameter);
        assertNotEquals(server.bucket(), bucket.name());
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket.name())).keyCount());
        s3.putObject(b -> b.bucket(bucket.name()).key("mine"), RequestBody.fromString("x"));
        assertEquals(1, s3.listObjectsV2(b -> b.bucket(bucket.name())).keyCount());
    }

    @Test
    void requests_goToTheEndpointFromTheEnvironment_orToTheEmbeddedServerWhenNoneIsSet() {
        List<URI> sentTo = new CopyOnWriteArrayList<>();
        S3Client observed = server.client(new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                sentTo.add(context.httpRequest().getUri());
            }
        });

        observed.putObject(b -> b.bucket(server.bucket()).key(S3TestServer.uniqueName("where")),
                RequestBody.fromString("x"));

        String configured = System.getenv(S3TestServer.ENDPOINT_ENV);
        URI expected = configured == null || configured.isBlank() ? server.endpoint() : URI.create(configured);
        assertEquals(configured == null || configured.isBlank(), server.isEmbedded());
        assertEquals(1, sentTo.size());
        assertEquals(expected.getHost(), sentTo.get(0).getHost());
        assertEquals(expected.getPort(), sentTo.get(0).getPort());
        String required = System.getProperty(S3TestServer.REQUIRED_ENDPOINT_PROPERTY);
        if (required != null) {
            assertFalse(server.isEmbedded(), "this run must test " + required);
            assertEquals(URI.create(required), server.endpoint());
        }
    }

    @Test
    void get_carriesLastModifiedAndServerDate() {
        S3Client s3 = server.client();
        String key = S3TestServer.uniqueName("dates");
        s3.putObject(b -> b.bucket(server.bucket()).key(key), RequestBody.fromString("x"));

        GetObjectResponse response = s3.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key)).response();

        assertNotNull(response.lastModified());
        Optional<String> date = response.sdkHttpResponse().firstMatchingHeader("Date");
        assertTrue(date.isPresent(), "the store's clock is read from the Date header");
    }
}
