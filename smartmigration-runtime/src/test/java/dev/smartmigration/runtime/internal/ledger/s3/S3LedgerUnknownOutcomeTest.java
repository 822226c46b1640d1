package dev.smartmigration.runtime.internal.ledger.s3;

import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertCode;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.name;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerSnapshot;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.testing.FaultyHttpProxy.Fault;
import dev.smartmigration.testing.FaultyHttpProxy;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes whose reply is lost, with real connection faults from a loopback proxy between the client and the store:
 * the ledger settles them by reading the object back and looking for its own writeId, never by guessing.
 * Most tests use a client without SDK retries so that the ledger itself sees the I/O error; one keeps the SDK's
 * retries, where the retry of a write that had landed comes back refused. Skipped on an https endpoint.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3LedgerUnknownOutcomeTest {

    private static final String LEDGER_PUTS = S3Ledger.KEY_PREFIX;

    private static S3TestServer server;
    private static S3Client direct;
    private FaultyHttpProxy proxy;

    @BeforeAll
    static void start(S3TestServer shared) {
        server = shared;
        direct = server.client();
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultyHttpProxy.start(server.endpoint());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private S3Ledger ledgerViaProxy(String name, boolean sdkRetries) {
        S3Ledger ledger = new S3Ledger(server.client(proxy.endpoint(), sdkRetries), server.bucket(), name,
                S3LedgerOptions.defaults());
        ledger.prepareLock();
        return ledger;
    }

    @Test
    void createWhoseReplyIsLost_isFoundByReadBack_andTheLeaseIsGranted() {
        S3Ledger ledger = ledgerViaProxy(name("lost-reply-create"), false);
        proxy.failNext(Fault.DROP_RESPONSE, "PUT", LEDGER_PUTS, 1);

        Lease lease = ledger.tryAcquire("me", Duration.ofSeconds(60)).orElseThrow();

        assertEquals(1, proxy.injected());
        assertEquals(lease.token(), ledger.read().orElseThrow().lockInfo().orElseThrow().token());
        ledger.write(lease, LedgerState.EMPTY.withVersion("1.0.0"));
        assertEquals("1.0.0", ledger.read().orElseThrow().state().version());
    }

    @Test
    void createThatNeverArrived_isSentOnceMore_andTheLeaseIsGranted() {
        S3Ledger ledger = ledgerViaProxy(name("lost-request-create"), false);
        proxy.failNext(Fault.DROP_REQUEST, "PUT", LEDGER_PUTS, 1);

        Lease lease = ledger.tryAcquire("me", Duration.ofSeconds(60)).orElseThrow();

        assertEquals(1, proxy.injected());
        assertEquals(lease.token(), ledger.read().orElseThrow().lockInfo().orElseThrow().token());
    }

    @Test
    void stateWriteWhoseReplyIsLost_isFoundByReadBack_andLaterWritesBuildOnIt() {
        S3Ledger ledger = ledgerViaProxy(name("lost-reply-write"), false);
        Lease lease = ledger.tryAcquire("me", Duration.ofSeconds(60)).orElseThrow();
        proxy.failNext(Fault.DROP_RESPONSE, "PUT", LEDGER_PUTS, 1);

        ledger.write(lease, LedgerState.EMPTY.withVersion("1.1.0"));
        ledger.renew(lease);
        ledger.write(lease, LedgerState.EMPTY.withVersion("1.2.0"));

        assertEquals(1, proxy.injected());
        LedgerSnapshot after = ledger.read().orElseThrow();
        assertEquals("1.2.0", after.state().version());
        assertEquals(lease.token(), after.lockInfo().orElseThrow().token());
    }

    @Test
    void stateWriteLostTwiceOnTheWay_failsWithLedgerUnavailable_leavesTheObjectUnchanged_andTheLeaseUsable() {
        S3Ledger ledger = ledgerViaProxy(name("lost-request-write"), false);
        Lease lease = ledger.tryAcquire("me", Duration.ofSeconds(60)).orElseThrow();
        S3LedgerFixture.Raw before = raw(direct, server.bucket(), ledger.key()).orElseThrow();
        proxy.failNext(Fault.DROP_REQUEST, "PUT", LEDGER_PUTS, 2);

        SmartMigrationException e = assertCode(ErrorCode.LEDGER_UNAVAILABLE,
                () -> ledger.write(lease, LedgerState.EMPTY.withVersion("1.1.0")));

        assertEquals(2, proxy.injected());
        assertInstanceOf(SdkClientException.class, e.getCause());
        S3LedgerFixture.Raw after = raw(direct, server.bucket(), ledger.key()).orElseThrow();
        assertEquals(before.etag(), after.etag());
        assertArrayEquals(before.bytes(), after.bytes());
        ledger.write(lease, LedgerState.EMPTY.withVersion("1.1.0"));
        assertEquals("1.1.0", ledger.read().orElseThrow().state().version());
    }

    @Test
    void sdkRetryOfAWriteThatHadLanded_isRefused_butReadBackShowsItWasOurs() {
        S3Ledger ledger = ledgerViaProxy(name("sdk-retry"), true);
        Lease lease = ledger.tryAcquire("me", Duration.ofSeconds(60)).orElseThrow();
        int before = proxy.forwarded();
        proxy.failNext(Fault.DROP_RESPONSE, "PUT", LEDGER_PUTS, 1);

        ledger.write(lease, LedgerState.EMPTY.withVersion("2.0.0"));

        assertEquals(1, proxy.injected());
        assertEquals(before + 3, proxy.forwarded(), "the write, the SDK's refused retry, the read-back");
        assertEquals("2.0.0", ledger.read().orElseThrow().state().version());
        ledger.renew(lease);
    }

    @Test
    void takeOverWhoseReplyIsLost_isFoundByReadBack_andExactlyThisLeaseHoldsTheLock() {
        String name = name("lost-reply-takeover");
        S3Ledger crashed = new S3Ledger(direct, server.bucket(), name, S3LedgerOptions.defaults());
        Lease old = crashed.tryAcquire("crashed", Duration.ofMillis(1)).orElseThrow();
        S3LedgerFixture.sleep(S3LedgerFixture.EXPIRY_WAIT_MS);
        S3Ledger ledger = ledgerViaProxy(name, false);
        proxy.failNext(Fault.DROP_RESPONSE, "PUT", LEDGER_PUTS, 1);

        Lease lease = ledger.tryAcquire("me", Duration.ofSeconds(60)).orElseThrow();

        assertEquals(1, proxy.injected());
        assertEquals(lease.token(), ledger.read().orElseThrow().lockInfo().orElseThrow().token());
        assertCode(ErrorCode.LOCK_LOST, () -> crashed.renew(old));
    }
}
