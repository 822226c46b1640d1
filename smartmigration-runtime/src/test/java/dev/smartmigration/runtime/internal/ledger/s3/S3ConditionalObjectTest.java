package dev.smartmigration.runtime.internal.ledger.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Condition;
import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Outcome;
import dev.smartmigration.runtime.internal.ledger.s3.S3ConditionalObject.Version;
import dev.smartmigration.testing.S3TestServer;
import dev.smartmigration.testing.S3TestServerExtension;
import dev.smartmigration.testing.TestResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The compare-and-set protocol on its own, against the test server or the real store: racing writers, where Ceph
 * RGW answers some losers {@code 500 UnknownError} and Amazon S3 may answer {@code 409}, and refused writes.
 */
@Tag("s3")
@ExtendWith(S3TestServerExtension.class)
class S3ConditionalObjectTest {

    private static final int RACERS = 16;
    private static final int ROUNDS = 30;

    /** The body is the write id itself. */
    private static final S3ConditionalObject.Format<String> TEXT = new S3ConditionalObject.Format<>() {
        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String writeId(String value) {
            return value;
        }
    };

    private static IfMatchForm form;
    @TestResource private S3TestServer server;
    @TestResource private S3Client s3;

    @BeforeAll
    static void learnTheIfMatchForm(S3TestServer server, S3Client s3) {
        String probeKey = S3Ledger.KEY_PREFIX + S3TestServer.uniqueName("cas") + ".probe";
        form = new S3ConditionalWriteProbe(s3, server.bucket(), probeKey, Map.of()).run().ifMatchForm();
    }

    private S3ConditionalObject<String> object(String key) {
        return new S3ConditionalObject<>(s3, server.bucket(), key, "the test object", TEXT, Map.of("key", key));
    }

    private static Outcome<String> put(S3ConditionalObject<String> object, Condition condition) {
        String writeId = UUID.randomUUID().toString();
        return object.put(writeId.getBytes(StandardCharsets.UTF_8), Map.of(), writeId, condition);
    }

    @Test
    void racingCompareAndSetWriters_haveExactlyOneWinnerEveryRound_andEveryLoserIsToldItLost() throws Exception {
        S3ConditionalObject<String> object = object(S3TestServer.uniqueName("race") + ".json");
        assertTrue(put(object, Condition.absent()).written());
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Version<String> seen = object.read();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome<String>>> racers = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    racers.add(pool.submit(() -> {
                        go.await();
                        return put(object, Condition.matching(seen.etag(), form));
                    }));
                }
                go.countDown();
                List<Outcome<String>> outcomes = new ArrayList<>();
                for (Future<Outcome<String>> racer : racers) {
                    outcomes.add(racer.get(60, TimeUnit.SECONDS));
                }
                List<Outcome<String>> winners = outcomes.stream().filter(Outcome::written).toList();
                assertEquals(1, winners.size(), "round " + round);
                Version<String> after = object.read();
                assertEquals(IfMatchForm.bare(winners.get(0).etag()), IfMatchForm.bare(after.etag()),
                        "round " + round + ": the winner's write is the object");
                for (Outcome<String> lost : outcomes) {
                    if (!lost.written()) {
                        assertFalse(lost.current().sameAs(seen), "round " + round + ": a loser sees the new object");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writeOnAStaleEtag_isRefused_andReturnsTheObjectAsItIsNow() {
        S3ConditionalObject<String> object = object(S3TestServer.uniqueName("stale") + ".json");
        Outcome<String> first = put(object, Condition.absent());
        Outcome<String> second = put(object, Condition.matching(first.etag(), form));

        Outcome<String> stale = put(object, Condition.matching(first.etag(), form));
        Outcome<String> create = put(object, Condition.absent());

        assertTrue(second.written());
        assertFalse(stale.written());
        assertEquals(IfMatchForm.bare(second.etag()), IfMatchForm.bare(stale.current().etag()));
        assertFalse(create.written());
        assertTrue(create.current().sameAs(stale.current()));
    }

    @Test
    void writeOnAMissingObject_withIfMatch_isRefused_andSeesItAbsent() {
        S3ConditionalObject<String> object = object(S3TestServer.uniqueName("missing") + ".json");
        Outcome<String> created = put(object(S3TestServer.uniqueName("other") + ".json"), Condition.absent());

        // Amazon S3 and S3Proxy answer 404 here, Ceph RGW 412: both are a refusal.
        Outcome<String> replace = put(object, Condition.matching(created.etag(), form));

        assertFalse(replace.written());
        assertFalse(replace.current().exists());
    }
}
