package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.testing.FaultyHttpProxy;
import dev.smartmigration.testing.S3TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The CLI against an S3 ledger on the test server, or on the real store named by
 * {@code SMARTMIGRATION_TEST_S3_ENDPOINT}. The CLI takes credentials and region from the AWS SDK's default sources,
 * as in production; the test hands it the server's through the {@code aws.*} system properties, which come first
 * there, and puts back what was set before.
 */
@Tag("s3")
class SmartMigrationCliS3Test {

    private static final List<String> SDK_PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.region");

    private static S3TestServer server;
    private static Map<String, String> savedProperties;

    @BeforeAll
    static void start() {
        server = S3TestServer.start();
        savedProperties = new HashMap<>();
        SDK_PROPERTIES.forEach(p -> savedProperties.put(p, System.getProperty(p)));
        System.setProperty("aws.accessKeyId", server.credentials().accessKeyId());
        System.setProperty("aws.secretAccessKey", server.credentials().secretAccessKey());
        System.setProperty("aws.region", server.region().id());
    }

    @AfterAll
    static void stop() {
        savedProperties.forEach((p, value) -> {
            if (value == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, value);
            }
        });
        server.close();
    }

    private static SmartMigrationCliTest.Run cli(String ledgerName, String... command) {
        return cliAt(server.endpoint().toString(), server.bucket(), ledgerName, command);
    }

    private static SmartMigrationCliTest.Run cliAt(String endpoint, String bucket, String ledgerName,
                                                   String... command) {
        String[] args = new String[command.length + 7];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(new String[] {"--bucket", bucket, "--s3-endpoint", endpoint, "--path-style", "--ledger",
            ledgerName}, 0, args, command.length, 7);
        return SmartMigrationCliTest.execute("yes\n", args);
    }

    @Test
    void statusOnANewS3Ledger_listsThePendingSteps() {
        SmartMigrationCliTest.Run r = cli(S3TestServer.uniqueName("cli-status"), "status");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Data version: none (new ledger)   Target: 1.3.0   Pending: 3"), r.out());
    }

    @Test
    void unlockOnAnS3Ledger_releasesTheLockOfAnotherInstance() throws Exception {
        String ledgerName = S3TestServer.uniqueName("cli-unlock");
        try (LockHolder dead = new LockHolder(MigrationConfig.builder().s3(server.client(), server.bucket())
                .ledgerName(ledgerName), "dead-host/3")) {
            SmartMigrationCliTest.Run r = cli(ledgerName, "unlock");

            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("Lock: held by " + dead.owner() + " since "), r.out());
            assertTrue(r.out().contains("Released the lock held by " + dead.owner() + "."), r.out());
            assertTrue(cli(ledgerName, "status").out().contains("Lock: free"));
        }
    }

    @Test
    void endpointThatDoesNotAnswer_orAMissingBucket_isReportedBeforeTheCommand_withExitSix() throws Exception {
        SmartMigrationCliTest.Run closed = cliAt("http://127.0.0.1:" + SmartMigrationCliTest.closedPort(),
                server.bucket(), "cli-down", "status", "--connect-timeout", "2s");
        String missingBucket = S3TestServer.uniqueName("no-such-bucket");
        SmartMigrationCliTest.Run missing = cliAt(server.endpoint().toString(), missingBucket, "cli-typo", "status");

        assertEquals(6, closed.exitCode(), closed.out());
        assertTrue(closed.err().contains("did not answer within --connect-timeout 2s"), closed.err());
        assertEquals(6, missing.exitCode(), missing.out());
        assertTrue(missing.err().contains("S3 bucket " + missingBucket + " at " + server.endpoint()
                + " cannot be used: it does not exist"), missing.err());
    }

    /** The store behind a proxy that drops both conditional headers: a store without compare-and-set. */
    @Test
    void storeIgnoringConditionalWrites_isRefused_unlessTheOperatorAcceptsBestEffortLocking() {
        try (FaultyHttpProxy ignoring = FaultyHttpProxy.rewriting(server, FaultyHttpProxy.Rewrite.IGNORE_BOTH)) {
            String ledgerName = S3TestServer.uniqueName("cli-best-effort");
            String endpoint = ignoring.endpoint().toString();
            // An empty bucket: a fresh install stamps the ledger only where there is no data yet.
            String bucket = server.createBucket();

            SmartMigrationCliTest.Run refused = cliAt(endpoint, bucket, ledgerName, "migrate",
                    "--fresh-install-version", "1.3.0");
            SmartMigrationCliTest.Run accepted = cliAt(endpoint, bucket, ledgerName, "migrate",
                    "--fresh-install-version", "1.3.0", "--s3-best-effort-locking");

            assertEquals(1, refused.exitCode(), refused.out());
            assertTrue(refused.err().startsWith("[smartmigration:CONDITIONAL_WRITES_UNSUPPORTED]"), refused.err());
            assertEquals(0, accepted.exitCode(), accepted.err());
            assertTrue(accepted.out().contains("1.3.0"), accepted.out());
            assertTrue(cliAt(server.endpoint().toString(), bucket, ledgerName, "status").out()
                    .contains("Data version: 1.3.0"));
        }
        SmartMigrationCliTest.Run withoutBucket = SmartMigrationCliTest.execute("", "status", "--mongo-uri",
                "mongodb://127.0.0.1:1", "--s3-best-effort-locking");
        assertEquals(1, withoutBucket.exitCode(), withoutBucket.out());
        assertTrue(withoutBucket.err().contains("--s3-best-effort-locking need --bucket"), withoutBucket.err());
    }

    @Test
    void statusFleet_findsTheTenantsAsFoldersOfTheBucket_andCountsThemPerVersion() {
        String root = S3TestServer.uniqueName("cli-fleet") + "/";
        S3Client s3 = server.client();
        for (String tenant : List.of("acme", "globex")) {
            s3.putObject(b -> b.bucket(server.bucket()).key(root + tenant + "/data.json"), RequestBody.fromString("{}"));
        }
        MigrationChain sameVersions = MigrationChain.builder()
                .step("create-things").from("1.0.0").to("1.1.0").up(ctx -> { })
                .step("grow-things").from("1.1.0").to("1.2.0").up(ctx -> { })
                .step("label-things").from("1.2.0").to("1.3.0").up(ctx -> { })
                .build();
        MigrationRuntime.run(MigrationConfig.builder().targetVersion("1.3.0").s3(s3, server.bucket(), root + "acme/")
                .chain(sameVersions).build());

        String[] args = {"status", "--fleet", "--bucket", server.bucket(), "--s3-endpoint", server.endpoint().toString(),
            "--path-style", "--key-prefix", root + "{tenant}/"};
        SmartMigrationCliTest.Run r = SmartMigrationCliTest.execute("", args);

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Fleet: 2 tenant(s), target 1.3.0\n"), r.out());
        assertTrue(r.out().matches("(?s).*\\| 1\\.3\\.0 +\\| 1 +\\|.*\\| none \\(new ledger\\) \\| 1 +\\|.*"),
                r.out());
    }
}
