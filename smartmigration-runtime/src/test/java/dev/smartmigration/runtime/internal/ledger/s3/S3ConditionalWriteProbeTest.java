package dev.smartmigration.runtime.internal.ledger.s3;

import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.assertCode;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.name;
import static dev.smartmigration.runtime.internal.ledger.s3.S3LedgerFixture.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.ErrorCode;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.SmartMigrationException;
import dev.smartmigration.runtime.internal.ledger.Lease;
import dev.smartmigration.runtime.internal.ledger.LedgerState;
import dev.smartmigration.testing.FaultyHttpProxy.Rewrite;
import dev.smartmigration.testing.FaultyHttpProxy;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The conditional-write probe on the test server or the real store, as it is and made to misbehave: a loopback
 * proxy drops or corrupts {@code If-None-Match} / {@code If-Match} on the way and signs each request again, so the
 * store behind it (S3Proxy or Ceph RGW) really ignores or refuses the condition.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3ConditionalWriteProbeTest {

    @TestResource private S3TestServer server;
    @TestResource private S3Client direct;

    private S3Ledger ledgerVia(FaultyHttpProxy proxy, String name, S3LedgerOptions options) {
        return new S3Ledger(server.client(proxy.endpoint(), true), server.bucket(), name, options);
    }

    @Test
    void storeAsItIs_passesTheProbe_learningTheIfMatchFormItTakes_andOnlyTheProbeObjectIsAdded() {
        S3Ledger ledger = new S3Ledger(direct, server.bucket(), name("probe-ok"), S3LedgerOptions.defaults());

        IfMatchForm form = ledger.ensureConditionalWrites();

        String probeKey = S3Ledger.KEY_PREFIX + ledger.name() + ".probe";
        String etag = raw(direct, server.bucket(), probeKey).orElseThrow().etag();
        direct.putObject(b -> b.bucket(server.bucket()).key(probeKey).ifMatch(form.render(etag)),
                RequestBody.fromString("{}"));
        assertEquals(Optional.empty(), raw(direct, server.bucket(), ledger.key()));
        if (server.isEmbedded()) {
            assertEquals(IfMatchForm.QUOTED, form, "S3Proxy takes If-Match quoted, as Amazon S3 does");
        }
        if (form == IfMatchForm.UNQUOTED) {
            String current = raw(direct, server.bucket(), probeKey).orElseThrow().etag();
            S3Exception quoted = assertThrows(S3Exception.class, () -> direct.putObject(
                    b -> b.bucket(server.bucket()).key(probeKey).ifMatch(IfMatchForm.QUOTED.render(current)),
                    RequestBody.fromString("{}")));
            assertEquals(412, quoted.statusCode(), "the store refuses a matching quoted If-Match, as Ceph RGW 16.2");
        }
        assertTrue(ledger.tryAcquire("me", Duration.ofSeconds(10)).isPresent());
    }

    @Test
    void storeRefusingQuotedIfMatch_likeCephRgw_isProbedToTheUnquotedForm_andTheLedgerWorks() {
        try (FaultyHttpProxy rgwLike = FaultyHttpProxy.rewriting(server, Rewrite.REFUSE_QUOTED_IF_MATCH)) {
            String name = name("probe-unquoted");
            S3Ledger ledger = ledgerVia(rgwLike, name, S3LedgerOptions.defaults());

            assertEquals(IfMatchForm.UNQUOTED, ledger.ensureConditionalWrites());
            Lease lease = ledger.tryAcquire("me", Duration.ofSeconds(10)).orElseThrow();
            ledger.write(lease, LedgerState.EMPTY.withVersion("1.0.0"));
            ledger.renew(lease);
            ledger.release(lease);

            S3Ledger other = ledgerVia(rgwLike, name, S3LedgerOptions.defaults());
            Lease next = other.tryAcquire("other", Duration.ofSeconds(10)).orElseThrow();
            assertEquals("1.0.0", other.read().orElseThrow().state().version());
            assertEquals(next.token(), other.forceUnlock().orElseThrow().token());
        }
    }

    @Test
    void storeIgnoringIfMatch_isRefusedWithConditionalWritesUnsupported_namingTheStaleIfMatch() {
        try (FaultyHttpProxy ignoring = FaultyHttpProxy.rewriting(server, Rewrite.IGNORE_IF_MATCH)) {
            S3Ledger ledger = ledgerVia(ignoring, name("probe-no-if-match"), S3LedgerOptions.defaults());

            SmartMigrationException e = assertCode(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED,
                    () -> ledger.tryAcquire("me", Duration.ofSeconds(10)));

            assertTrue(e.getMessage().contains("If-Match is ignored: a PUT with If-Match: \""), e.getMessage());
            assertTrue(e.getMessage().contains("although its ETag had changed"), e.getMessage());
            assertFalse(e.getMessage().contains("If-None-Match"), e.getMessage());
            assertTrue(e.getMessage().contains("bestEffortLocking"), e.getMessage());
            assertEquals(Optional.empty(), raw(direct, server.bucket(), ledger.key()));
        }
    }

    @Test
    void storeIgnoringIfNoneMatch_isRefusedWithConditionalWritesUnsupported_namingCreateIfAbsent() {
        try (FaultyHttpProxy ignoring = FaultyHttpProxy.rewriting(server, Rewrite.IGNORE_IF_NONE_MATCH)) {
            S3Ledger ledger = ledgerVia(ignoring, name("probe-no-if-none-match"), S3LedgerOptions.defaults());

            SmartMigrationException e = assertCode(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED, ledger::forceUnlock);

            assertTrue(e.getMessage().contains("create-if-absent is ignored: a PUT with If-None-Match: * replaced "
                    + "the existing object s3://" + server.bucket() + "/.smartmigration/"), e.getMessage());
            assertFalse(e.getMessage().contains("If-Match is ignored"), e.getMessage());
            assertEquals(Optional.empty(), raw(direct, server.bucket(), ledger.key()));
        }
    }

    @Test
    void storeIgnoringBoth_isRefused_namingBoth_beforeAnyLedgerWrite() {
        try (FaultyHttpProxy ignoring = FaultyHttpProxy.rewriting(server, Rewrite.IGNORE_BOTH)) {
            S3Ledger ledger = ledgerVia(ignoring, name("probe-bad"), S3LedgerOptions.defaults());

            SmartMigrationException e = assertCode(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED,
                    () -> ledger.tryAcquire("me", Duration.ofSeconds(10)));

            assertTrue(e.getMessage().contains("create-if-absent is ignored"), e.getMessage());
            assertTrue(e.getMessage().contains("If-Match is ignored"), e.getMessage());
            assertEquals(ledger.name(), e.details().get("ledger"));
            assertEquals(S3Ledger.KEY_PREFIX + ledger.name() + ".probe", e.details().get("probeKey"));
            assertEquals(Optional.empty(), raw(direct, server.bucket(), ledger.key()));
        }
    }

    @Test
    void storeRefusingEveryIfMatch_isRefused_evenWithBestEffort_becauseTheLedgerCouldNeverBeUpdated() {
        try (FaultyHttpProxy refusing = FaultyHttpProxy.rewriting(server, Rewrite.REFUSE_IF_MATCH)) {
            S3Ledger ledger = ledgerVia(refusing, name("probe-refusing"),
                    S3LedgerOptions.builder().bestEffortLocking(true).build());

            SmartMigrationException e = assertCode(ErrorCode.CONDITIONAL_WRITES_UNSUPPORTED,
                    () -> ledger.tryAcquire("me", Duration.ofSeconds(10)));

            assertTrue(e.getMessage().contains("a matching If-Match is refused: PUTs with If-Match of the object's "
                    + "current ETag, quoted (\""), e.getMessage());
            assertTrue(e.getMessage().contains("even with bestEffortLocking"), e.getMessage());
            assertEquals(Optional.empty(), raw(direct, server.bucket(), ledger.key()));
        }
    }

    @Test
    void storeIgnoringConditionalWrites_withBestEffortOptIn_stillLocksForASingleInstance() {
        try (FaultyHttpProxy ignoring = FaultyHttpProxy.rewriting(server, Rewrite.IGNORE_BOTH)) {
            S3LedgerOptions bestEffort = S3LedgerOptions.builder().bestEffortLocking(true).build();
            String name = name("probe-best-effort");
            S3Ledger ledger = ledgerVia(ignoring, name, bestEffort);

            Lease lease = ledger.tryAcquire("only-instance", Duration.ofSeconds(10)).orElseThrow();

            assertEquals(Optional.empty(), ledgerVia(ignoring, name, bestEffort)
                    .tryAcquire("other", Duration.ofSeconds(10)));
            assertEquals(lease.token(), ledger.read().orElseThrow().lockInfo().orElseThrow().token());
        }
    }

    @Test
    void sixteenInstancesProbingAtOnce_allPass_andLearnTheSameForm() throws Exception {
        String name = name("probe-crowd");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<IfMatchForm>> probes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                S3Ledger ledger = new S3Ledger(direct, server.bucket(), name, S3LedgerOptions.defaults());
                probes.add(pool.submit(() -> {
                    go.await();
                    return ledger.ensureConditionalWrites();
                }));
            }
            go.countDown();
            IfMatchForm first = probes.get(0).get(60, TimeUnit.SECONDS);
            for (Future<IfMatchForm> probe : probes) {
                assertEquals(first, probe.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void probeObjectLeftByAnEarlierRelease_isReused() {
        String name = name("probe-old");
        String probeKey = S3Ledger.KEY_PREFIX + name + ".probe";
        direct.putObject(b -> b.bucket(server.bucket()).key(probeKey),
                RequestBody.fromString("{\"format\":\"smartmigration-probe\"}"));
        S3ConditionalWriteProbe probe = new S3ConditionalWriteProbe(direct, server.bucket(), probeKey, Map.of());

        S3ConditionalWriteProbe.Result result = probe.run();

        assertEquals(List.of(), result.failures());
        assertNotNull(result.ifMatchForm());
    }
}
