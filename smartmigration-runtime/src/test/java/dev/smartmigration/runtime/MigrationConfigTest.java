package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builder validation only: the clients are never used, so they point at a closed loopback port. */
class MigrationConfigTest {

    private static MongoClient mongo;
    private static S3Client s3;

    @BeforeAll
    static void clients() {
        mongo = MongoClients.create("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100");
        s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    @AfterAll
    static void close() {
        mongo.close();
        s3.close();
    }

    private static MigrationConfig.Builder valid() {
        return MigrationConfig.builder().targetVersion("1.0.0").mongo(mongo, "appdb");
    }

    private static void assertCode(ErrorCode code, Executable call) {
        SmartMigrationException e = assertThrows(SmartMigrationException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith(code.tag() + " "), e.getMessage());
    }

    @Test
    void s3KeyPrefix_isKept_defaultsToTheWholeBucket_andAnUnusableOneIsRefused() {
        assertEquals("", MigrationConfig.builder().s3(s3, "b").build().s3KeyPrefix());
        assertEquals("tenants/acme/", MigrationConfig.builder().s3(s3, "b", "tenants/acme/").build().s3KeyPrefix());
        assertCode(ErrorCode.INVALID_OPTIONS, () -> MigrationConfig.builder().s3(s3, "b", "tenants/acme"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> MigrationConfig.builder().s3(s3, "b", null));
    }

    @Test
    void minimalConfig_hasDocumentedDefaults() {
        MigrationConfig c = valid().build();
        assertEquals(Optional.of("1.0.0"), c.targetVersion());
        assertEquals(LedgerBackend.MONGO, c.ledgerBackend());
        assertEquals("smartmigration", c.ledgerName());
        assertEquals("smartmigration_ledger", c.mongoLedgerCollection());
        assertEquals(Duration.ofSeconds(60), c.lockWait());
        assertEquals(Duration.ofMinutes(10), c.lockTtl());
        assertFalse(c.dryRun());
        assertFalse(c.failIfAheadOfTarget());
        assertTrue(c.chain().isEmpty());
        assertTrue(c.freshInstallVersion().isEmpty());
        assertTrue(c.owner().contains(":" + ProcessHandle.current().pid()), c.owner());
    }

    @Test
    void onlyS3Configured_defaultsToS3Backend() {
        MigrationConfig c = MigrationConfig.builder().targetVersion("1.0.0").s3(s3, "bucket").build();
        assertEquals(LedgerBackend.S3, c.ledgerBackend());
        assertEquals("bucket", c.bucket().orElseThrow());
    }

    @Test
    void bothStoresConfigured_defaultsToMongoBackend() {
        assertEquals(LedgerBackend.MONGO, valid().s3(s3, "bucket").build().ledgerBackend());
    }

    @Test
    void withoutTarget_theConfigBuildsForOperatorCalls_butRunAndPlanReportMissingTargetVersion() {
        MigrationConfig operator = MigrationConfig.builder().mongo(mongo, "db").build();
        assertEquals(Optional.empty(), operator.targetVersion());
        assertCode(ErrorCode.MISSING_TARGET_VERSION, () -> MigrationRuntime.run(operator));
        assertCode(ErrorCode.MISSING_TARGET_VERSION, () -> MigrationRuntime.plan(operator));
        assertCode(ErrorCode.MISSING_TARGET_VERSION, () -> MigrationConfig.builder().targetVersion(null));
    }

    @Test
    void ledgerName_followsOneRuleForBothStores_upToTheDocumentedLength() throws IOException {
        String longest = "x".repeat(MigrationConfig.MAX_LEDGER_NAME_LENGTH);
        assertEquals(longest, valid().ledgerName(longest).build().ledgerName());
        assertCode(ErrorCode.INVALID_OPTIONS, () -> valid().ledgerName(longest + "x"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> valid().ledgerName("a..b"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> valid().ledgerName(".hidden"));
        String rule = "1 to " + MigrationConfig.MAX_LEDGER_NAME_LENGTH + " letters, digits";
        for (String doc : new String[] {"../docs/runtime.md", "../docs/errors.md"}) {
            assertTrue(Files.readString(Path.of(doc)).contains(rule), doc + " should quote the rule: " + rule);
        }
    }

    @Test
    void defaultOwner_isTheMachinesHostNameAndThePid_evenWithoutHostnameInTheEnvironment() throws IOException {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        String expected = Files.isReadable(kernel) ? Files.readString(kernel).strip()
                : InetAddress.getLocalHost().getHostName();
        assertEquals(expected, MigrationConfig.hostName(Map.of(), kernel));
        assertEquals("pod-7", MigrationConfig.hostName(Map.of("HOSTNAME", "pod-7"), kernel));
        assertEquals(MigrationConfig.hostName(System.getenv(), kernel) + ":" + ProcessHandle.current().pid(),
                MigrationConfig.defaultOwner());
        assertFalse(MigrationConfig.defaultOwner().startsWith("unknown-host"), MigrationConfig.defaultOwner());
    }

    @Test
    void nonStrictTarget_reportsInvalidVersion() {
        assertCode(ErrorCode.INVALID_VERSION, () -> MigrationConfig.builder().targetVersion("v1.0.0"));
        assertCode(ErrorCode.INVALID_VERSION, () -> MigrationConfig.builder().targetVersion("1.0"));
        assertCode(ErrorCode.INVALID_VERSION, () -> MigrationConfig.builder().freshInstallVersion("1.0.0+build"));
    }

    @Test
    void noStore_reportsNoResources() {
        assertCode(ErrorCode.NO_RESOURCES, () -> MigrationConfig.builder().targetVersion("1.0.0").build());
    }

    @Test
    void backendWithoutItsStore_reportsLedgerBackendMismatch() {
        assertCode(ErrorCode.LEDGER_BACKEND_MISMATCH, () -> valid().ledgerBackend(LedgerBackend.S3).build());
        assertCode(ErrorCode.LEDGER_BACKEND_MISMATCH, () -> MigrationConfig.builder().targetVersion("1.0.0")
                .s3(s3, "b").ledgerBackend(LedgerBackend.MONGO).build());
    }

    @Test
    void freshInstallVersionAfterTarget_reportsInvalidOptions() {
        assertCode(ErrorCode.INVALID_OPTIONS, () -> valid().freshInstallVersion("1.1.0").build());
    }

    @Test
    void badArguments_reportInvalidOptionsAsSet() {
        MigrationConfig.Builder b = MigrationConfig.builder();
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.mongo(null, "db"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.mongo(mongo, " "));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.mongo(mongo, "app.db"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.s3(null, "bucket"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.s3(s3, ""));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.ledgerName("has space"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.ledgerName(""));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.ledgerBackend(null));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.mongoLedgerCollection("system.ledger"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.mongoLedgerCollection("a$b"));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.freshInstallVersion(null));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.lockWait(Duration.ofSeconds(-1)));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.lockWait(null));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.lockTtl(Duration.ofMillis(999)));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.lockTtl(Duration.ofDays(2)));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.chain(null));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.clock(null));
        assertCode(ErrorCode.INVALID_OPTIONS, () -> b.owner(" "));
    }

    @Test
    void everySetting_isKept() {
        Clock clock = Clock.systemDefaultZone();
        MigrationChain chain = MigrationChain.builder().build();
        MigrationConfig c = valid().s3(s3, "bucket").ledgerName("app-1").ledgerBackend(LedgerBackend.MONGO)
                .mongoLedgerCollection("ledgers").freshInstallVersion("1.0.0").lockWait(Duration.ZERO)
                .lockTtl(Duration.ofSeconds(1)).dryRun(true).failIfAheadOfTarget(true).chain(chain).clock(clock)
                .owner("pod-7").build();
        assertEquals("app-1", c.ledgerName());
        assertEquals("ledgers", c.mongoLedgerCollection());
        assertEquals("1.0.0", c.freshInstallVersion().orElseThrow());
        assertEquals(Duration.ZERO, c.lockWait());
        assertEquals(Duration.ofSeconds(1), c.lockTtl());
        assertTrue(c.dryRun());
        assertTrue(c.failIfAheadOfTarget());
        assertEquals(chain, c.chain().orElseThrow());
        assertEquals(clock, c.clock());
        assertEquals("pod-7", c.owner());
        assertEquals("appdb", c.mongoDatabase().orElseThrow());
        assertEquals(mongo, c.mongoClient().orElseThrow());
        assertEquals(s3, c.s3Client().orElseThrow());
    }
}
