package dev.smartmigration.runtime.internal.ledger.s3;

import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.EXPIRY_WAIT_MS;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertCode;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertUnchanged;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.ledger;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.name;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.raw;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The version-only read of the S3 ledger: one {@code HeadObject} reading the user metadata that every PUT of the
 * ledger writes with its body. Against S3Proxy (which keeps user metadata like S3) made per-object atomic, or the
 * endpoint in {@code SMARTMIGRATION_TEST_S3_ENDPOINT}.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3LedgerVersionTest {

    private static final String CURRENT_FORMAT = "smartmigration-ledger/1";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;
    private S3Client counted;

    @BeforeEach
    void countingClient() {
        counted = server.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request().getClass().getSimpleName().replace("Request", ""));
            }
        });
    }

    /** Reads the version through a client that records each operation it sends. */
    private Optional<String> countedReadVersion(String ledgerName, List<String> expectedRequests) {
        requests.clear();
        Optional<String> version = ledger(counted, server.bucket(), ledgerName).readVersion();
        assertEquals(expectedRequests, List.copyOf(requests));
        return version;
    }

    private HeadObjectResponse head(S3Ledger ledger) {
        return s3.headObject(b -> b.bucket(server.bucket()).key(ledger.key()));
    }

    /** The metadata and the body are one object version: same ETag, and the metadata describes that body. */
    private void assertMetadataMatchesBody(S3Ledger ledger, String what) {
        HeadObjectResponse head = head(ledger);
        S3LedgerFixture.Raw body = raw(s3, server.bucket(), ledger.key()).orElseThrow();
        assertEquals(body.etag(), head.eTag(), what);
        Map<String, String> metadata = head.metadata();
        assertEquals(CURRENT_FORMAT, metadata.get("smartmigration-format"), what + ": " + metadata);
        String bodyVersion = ledger.read().orElseThrow().state().version();
        assertEquals(bodyVersion, metadata.get("smartmigration-version"), what + ": " + metadata);
        assertEquals(Optional.ofNullable(bodyVersion), ledger.readVersion(), what);
    }

    private void putWithMetadata(String key, String body, Map<String, String> metadata) {
        s3.putObject(b -> b.bucket(server.bucket()).key(key).metadata(metadata), RequestBody.fromString(body));
    }

    private static String ledgerJson(String formatVersion, String version) {
        return "{\"format\":\"smartmigration-ledger\",\"formatVersion\":" + formatVersion + ",\"writeId\":\"w\","
                + "\"version\":" + version + ",\"history\":[],\"checkpoints\":[],\"lock\":null}";
    }

    @Test
    void missingLedger_readsNoVersion_confirmedByAGet_andCreatesNothing() {
        String name = name("version-missing");

        assertEquals(Optional.empty(), countedReadVersion(name, List.of("HeadObject", "GetObject")));
        assertEquals(Optional.empty(), raw(s3, server.bucket(), ledger(s3, server.bucket(), name).key()));
    }

    @Test
    void stampedLedger_versionIsReadWithOneHeadObject() {
        String name = name("version-stamped");
        S3Ledger ledger = ledger(s3, server.bucket(), name);
        Lease lease = ledger.tryAcquire("a", Duration.ofSeconds(30)).orElseThrow();
        assertEquals(Optional.empty(), countedReadVersion(name, List.of("HeadObject")));

        ledger.write(lease, LedgerState.EMPTY.withVersion("1.4.0-rc.1"));

        assertEquals(Optional.of("1.4.0-rc.1"), countedReadVersion(name, List.of("HeadObject")));
    }

    @Test
    void everyKindOfLedgerPut_writesMetadataThatDescribesItsBody() {
        String name = name("version-puts");
        S3Ledger ledger = ledger(s3, server.bucket(), name);

        Lease first = ledger.tryAcquire("a", Duration.ofMillis(1)).orElseThrow();
        assertMetadataMatchesBody(ledger, "create");
        ledger.write(first, LedgerState.EMPTY.withVersion("1.0.0"));
        assertMetadataMatchesBody(ledger, "write");
        ledger.renew(first);
        assertMetadataMatchesBody(ledger, "renew");
        sleep(EXPIRY_WAIT_MS);
        Lease takeover = ledger(s3, server.bucket(), name).tryAcquire("b", Duration.ofSeconds(30)).orElseThrow();
        assertMetadataMatchesBody(ledger, "take-over of an expired lock");
        S3Ledger holder = ledger(s3, server.bucket(), name);
        holder.write(takeover, LedgerState.EMPTY.withVersion("1.1.0"));
        holder.release(takeover);
        assertMetadataMatchesBody(ledger, "release");
        Lease free = ledger.tryAcquire("c", Duration.ofSeconds(30)).orElseThrow();
        assertMetadataMatchesBody(ledger, "acquire of a free lock");
        ledger.write(free, LedgerState.EMPTY.withVersion("2.0.0"));
        assertEquals("c", ledger.forceUnlock().orElseThrow().owner());
        assertMetadataMatchesBody(ledger, "force-release");
        assertEquals(Optional.of("2.0.0"), ledger.readVersion());
    }

    @Test
    void objectWithoutMetadata_fallsBackToTheFullRead() {
        String name = name("version-legacy");
        S3Ledger ledger = ledger(s3, server.bucket(), name);
        S3LedgerFixture.putRaw(s3, server.bucket(), ledger.key(), ledgerJson("1", "\"1.2.0\""));

        assertEquals(Optional.of("1.2.0"), countedReadVersion(name, List.of("HeadObject", "GetObject")));
    }

    @Test
    void foreignObjectWithoutMetadata_isLedgerCorruptThroughTheFallback_andLeftByteIdentical() {
        S3Ledger ledger = ledger(s3, server.bucket(), name("version-foreign"));
        S3LedgerFixture.putRaw(s3, server.bucket(), ledger.key(), "{\"version\":\"1.0.0\"}");
        S3LedgerFixture.Raw before = raw(s3, server.bucket(), ledger.key()).orElseThrow();

        SmartMigrationException e = assertCode(ErrorCode.LEDGER_CORRUPT, ledger::readVersion);

        assertTrue(e.details().get("problem").contains("marker"), e.details().toString());
        assertUnchanged(s3, server.bucket(), ledger.key(), before);
    }

    @Test
    void metadataWithAVersionThatIsNotStrictSemver_isLedgerCorrupt_andLeftByteIdentical() {
        S3Ledger ledger = ledger(s3, server.bucket(), name("version-bad"));
        putWithMetadata(ledger.key(), ledgerJson("1", "null"),
                Map.of("smartmigration-format", CURRENT_FORMAT, "smartmigration-version", "v1.0"));
        S3LedgerFixture.Raw before = raw(s3, server.bucket(), ledger.key()).orElseThrow();

        SmartMigrationException e = assertCode(ErrorCode.LEDGER_CORRUPT, ledger::readVersion);

        assertTrue(e.details().get("problem").contains("smartmigration-version"), e.details().toString());
        assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
        assertUnchanged(s3, server.bucket(), ledger.key(), before);
    }

    @Test
    void metadataOfANewerFormat_fallsBackToTheBody_whichNamesTheUpgrade() {
        S3Ledger ledger = ledger(s3, server.bucket(), name("version-newer"));
        putWithMetadata(ledger.key(), ledgerJson("2", "\"3.0.0\""),
                Map.of("smartmigration-format", "smartmigration-ledger/2", "smartmigration-version", "3.0.0"));

        SmartMigrationException e = assertCode(ErrorCode.LEDGER_CORRUPT, ledger::readVersion);

        assertTrue(e.details().get("problem").contains("upgrade"), e.details().toString());
    }

    @Test
    void damagedHistoryBehindValidMetadata_isNotSeenByTheVersionRead_butByTheFullRead() {
        S3Ledger ledger = ledger(s3, server.bucket(), name("version-partial"));
        putWithMetadata(ledger.key(), ledgerJson("1", "\"1.0.0\"").replace("\"history\":[]", "\"history\":7"),
                Map.of("smartmigration-format", CURRENT_FORMAT, "smartmigration-version", "1.0.0"));

        assertEquals(Optional.of("1.0.0"), ledger.readVersion());
        assertCode(ErrorCode.LEDGER_CORRUPT, ledger::read);
    }

    @Test
    void missingBucket_isLedgerUnavailable_notAMissingLedger() {
        S3Ledger ledger = new S3Ledger(s3, S3TestServer.uniqueName("no-such-server.bucket()"), "app",
                S3LedgerOptions.defaults());

        assertCode(ErrorCode.LEDGER_UNAVAILABLE, ledger::readVersion);
    }
}
