package dev.smartmigration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ledger.s3.S3Ledger;
import dev.smartmigration.runtime.ledger.s3.S3LedgerOptions;
import dev.smartmigration.runtime.testing.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
        SmartMigrationCliTest.Run r = cli(S3TestServer.uniqueName("cli-status"), "status");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Data version: none (new ledger)   Target: 1.3.0   Pending: 3"), r.out());
    }

    @Test
    void unlockOnAnS3Ledger_releasesAnAbandonedLock() {
        String ledgerName = S3TestServer.uniqueName("cli-unlock");
        S3Ledger ledger = new S3Ledger(server.client(), server.bucket(), ledgerName, S3LedgerOptions.defaults());
        ledger.tryAcquire("dead-host/3", Duration.ofMinutes(5)).orElseThrow();

        SmartMigrationCliTest.Run r = cli(ledgerName, "unlock");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Lock: held by dead-host/3 since "), r.out());
        assertTrue(r.out().contains("Released the lock held by dead-host/3."), r.out());
        assertTrue(ledger.read().orElseThrow().lockInfo().isEmpty());
    }
}
