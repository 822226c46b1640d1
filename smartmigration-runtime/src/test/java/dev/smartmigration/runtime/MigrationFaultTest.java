package dev.smartmigration.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import dev.smartmigration.testing.MongoTestServer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ledger store that disappears. Each test stops its own server, so these always use the embedded
 * mongo-java-server (a real server named by {@code SMARTMIGRATION_TEST_MONGODB_URI} cannot be stopped by a
 * test); the driver reports a stopped server the same way for both.
 */
class MigrationFaultTest {

    private MongoTestServer server;
    private MongoClient client;

    @BeforeEach
    void startServer() {
        server = MongoTestServer.startEmbedded();
        client = server.newClient();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private MigrationConfig.Builder config(String target, MigrationChain chain) {
        return MigrationConfig.builder().targetVersion(target).mongo(client, "app").chain(chain)
                .lockTtl(Duration.ofSeconds(2)).lockWait(Duration.ofSeconds(5));
    }

    @Test
    void serverStopped_isLedgerUnavailableWithTheDriverErrorAsCause() {
        MigrationConfig config = config("1.0.0", MigrationChain.builder().build()).build();
        server.stop();
        SmartMigrationException e = assertThrows(SmartMigrationException.class, () -> MigrationRuntime.run(config));
        assertEquals(ErrorCode.LEDGER_UNAVAILABLE, e.code(), e.getMessage());
        assertTrue(e.getCause() instanceof MongoException, String.valueOf(e.getCause()));
    }

    @Test
    void serverLostDuringFailingStep_stepErrorStaysPrimaryWithRecordAndReleaseFailuresSuppressed() {
        IllegalStateException stepError = new IllegalStateException("step broke");
        MigrationChain chain = MigrationChain.builder()
                .step("doomed").from("1.0.0").to("1.1.0").up(ctx -> {
                    server.stop();
                    throw stepError;
                })
                .build();
        SmartMigrationException e = assertThrows(SmartMigrationException.class,
                () -> MigrationRuntime.run(config("1.1.0", chain).build()));
        assertEquals(ErrorCode.STEP_FAILED, e.code(), e.getMessage());
        assertSame(stepError, e.getCause());
        assertEquals(2, e.getSuppressed().length, Arrays.toString(e.getSuppressed()));
        assertTrue(Arrays.stream(e.getSuppressed()).allMatch(s -> s instanceof SmartMigrationException sme
                && sme.code() == ErrorCode.LEDGER_UNAVAILABLE), Arrays.toString(e.getSuppressed()));
    }
}
