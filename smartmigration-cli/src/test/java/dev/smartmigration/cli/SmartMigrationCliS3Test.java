package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.testing.S3TestServer;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI against an S3 ledger on the embedded S3Proxy. The CLI takes credentials and region from the AWS SDK's
 * default sources, as in production; the build passes the test server's fixed keys as the {@code aws.*} system
 * properties (see this module's pom). Always embedded: those keys are the embedded server's.
 */
class SmartMigrationCliS3Test {

    private static S3TestServer server;

    @BeforeAll
    static void start() {
        server = S3TestServer.startEmbedded(AuthenticationType.AWS_V4);
    }

    @AfterAll
    static void stop() {
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
        SmartMigrationCliTest.Run r = cli("cli-status", "status");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Data version: none (new ledger)   Target: 1.3.0   Pending: 3"), r.out());
    }

    @Test
    void unlockOnAnS3Ledger_releasesTheLockOfAnotherInstance() throws Exception {
        try (LockHolder dead = new LockHolder(MigrationConfig.builder().s3(server.client(), server.bucket())
                .ledgerName("cli-unlock"), "dead-host/3")) {
            SmartMigrationCliTest.Run r = cli("cli-unlock", "unlock");

            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("Lock: held by " + dead.owner() + " since "), r.out());
            assertTrue(r.out().contains("Released the lock held by " + dead.owner() + "."), r.out());
            assertTrue(cli("cli-unlock", "status").out().contains("Lock: free"));
        }
    }

    @Test
    void endpointThatDoesNotAnswer_orAMissingBucket_isReportedBeforeTheCommand_withExitSix() throws Exception {
        SmartMigrationCliTest.Run closed = cliAt("http://127.0.0.1:" + SmartMigrationCliTest.closedPort(),
                server.bucket(), "cli-down", "status", "--connect-timeout", "2s");
        SmartMigrationCliTest.Run missing = cliAt(server.endpoint().toString(), "no-such-bucket", "cli-typo", "status");

        assertEquals(6, closed.exitCode(), closed.out());
        assertTrue(closed.err().contains("did not answer within --connect-timeout 2s"), closed.err());
        assertEquals(6, missing.exitCode(), missing.out());
        assertTrue(missing.err().contains("S3 bucket no-such-bucket at " + server.endpoint()
                + " cannot be used: it does not exist"), missing.err());
    }
}
