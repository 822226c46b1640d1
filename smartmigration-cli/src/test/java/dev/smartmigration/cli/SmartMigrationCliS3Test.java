package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.testing.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        String[] args = new String[command.length + 7];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(new String[] {"--bucket", server.bucket(), "--s3-endpoint", server.endpoint().toString(),
            "--path-style", "--ledger", ledgerName}, 0, args, command.length, 7);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SmartMigrationCli.execute(args, new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream("yes\n".getBytes(StandardCharsets.UTF_8)));
        return new SmartMigrationCliTest.Run(code, out.toString(), err.toString());
    }

    @Test
    void statusOnANewS3Ledger_listsThePendingSteps() {
        SmartMigrationCliTest.Run r = cli("cli-status", "status");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Data version: none (new ledger)   Target: 1.3.0   Pending: 3"), r.out());
    }

    @Test
    void unlockOnAnS3Ledger_releasesAnAbandonedLock() {
        S3Ledger ledger = new S3Ledger(server.client(), server.bucket(), "cli-unlock", S3LedgerOptions.defaults());
        ledger.tryAcquire("dead-host/3", Duration.ofMinutes(5)).orElseThrow();

        SmartMigrationCliTest.Run r = cli("cli-unlock", "unlock");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Lock: held by dead-host/3 since "), r.out());
        assertTrue(r.out().contains("Released the lock held by dead-host/3."), r.out());
        assertTrue(ledger.read().orElseThrow().lockInfo().isEmpty());
    }
}
