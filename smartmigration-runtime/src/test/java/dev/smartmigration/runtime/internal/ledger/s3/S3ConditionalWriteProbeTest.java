package dev.smartmigration.runtime.internal.ledger.s3;

import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertCode;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.name;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.testing.FaultyHttpProxy;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import java.time.Duration;
import java.util.Optional;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ledger refuses a store that ignores conditional writes. Such a store is played by S3Proxy behind a proxy
 * that strips {@code If-None-Match} / {@code If-Match}; because that changes signed headers, this server runs
 * without authentication and always embedded (a real S3 endpoint cannot be made to ignore the headers). The
 * positive case runs against the real endpoint when one is configured.
 */
class S3ConditionalWriteProbeTest {

    @Test
    @ExtendWith(S3TestServerExtension.class)
    void storeHonouringConditionalWrites_passesTheProbe_andLeavesOnlyTheProbeObjectBesideTheLedger(
            S3TestServer server) {
        S3Client s3 = server.client();
        S3Ledger ledger = new S3Ledger(s3, server.bucket(), name("probe-ok"), S3LedgerOptions.defaults());

        assertTrue(ledger.tryAcquire("me", Duration.ofSeconds(10)).isPresent());

        String probeKey = S3Ledger.KEY_PREFIX + ledger.name() + ".probe";
        assertTrue(raw(s3, server.bucket(), probeKey).isPresent());
    }

    @Test
    void storeIgnoringConditionalWrites_isRefusedWithConditionalWritesUnsupported_beforeAnyLedgerWrite() {
        try (S3TestServer server = S3TestServer.startEmbedded(AuthenticationType.NONE);
             FaultyHttpProxy stripping = FaultyHttpProxy.start(server.endpoint(), true)) {
            S3Client viaProxy = server.client(stripping.endpoint(), true);
            S3Ledger ledger = new S3Ledger(viaProxy, server.bucket(), name("probe-bad"), S3LedgerOptions.defaults());

            SmartMigrationException e = assertCode(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED,
                    () -> ledger.tryAcquire("me", Duration.ofSeconds(10)));
            assertCode(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED, ledger::forceUnlock);

            assertTrue(e.getMessage().contains("If-None-Match"), e.getMessage());
            assertTrue(e.getMessage().contains("If-Match"), e.getMessage());
            assertTrue(e.getMessage().contains("bestEffortLocking"), e.getMessage());
            assertEquals(Optional.empty(), raw(server.client(), server.bucket(), ledger.key()));
        }
    }

    @Test
    void storeIgnoringConditionalWrites_withBestEffortOptIn_stillLocksForASingleInstance() {
        try (S3TestServer server = S3TestServer.startEmbedded(AuthenticationType.NONE);
             FaultyHttpProxy stripping = FaultyHttpProxy.start(server.endpoint(), true)) {
            S3Client viaProxy = server.client(stripping.endpoint(), true);
            S3LedgerOptions bestEffort = S3LedgerOptions.builder().bestEffortLocking(true).build();
            String name = name("probe-best-effort");
            S3Ledger ledger = new S3Ledger(viaProxy, server.bucket(), name, bestEffort);

            Lease lease = ledger.tryAcquire("only-instance", Duration.ofSeconds(10)).orElseThrow();

            assertEquals(Optional.empty(),
                    new S3Ledger(viaProxy, server.bucket(), name, bestEffort).tryAcquire("other", Duration.ofSeconds(10)));
            assertEquals(lease.token(), ledger.read().orElseThrow().lockInfo().orElseThrow().token());
        }
    }
}
