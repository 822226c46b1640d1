package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Store faults: the store disappears under a running migration (inside a step, or just as a ledger write is
 * sent) and comes back; or a proxy resets connections at random. Each run either succeeds or fails with a clear
 * code ({@link InProcessRun#STORE_FAULT_CODES}) that keeps its root cause; the ledger then reads back clean, the
 * next run completes, and per item the crash rules hold. The run executes in the test JVM so the fault can be
 * timed from the test's thread; the faults themselves are real (server shutdown, refused and reset TCP
 * connections). Rounds: {@code reliability.faultRounds} and {@code reliability.proxyRounds}; seed
 * {@code reliability.seed}.
 */
class StoreFaultTest {

    @TempDir
    Path dir;

    /** How a test pulls the store out from under a run and brings it back. */
    private interface Outage {
        /** A configuration whose client goes through the outage. */
        MigrationConfig.Builder config(String ns);

        /** Calls {@code callback} as each ledger write (checkpoint, record, heartbeat) is sent. */
        void onLedgerWrite(Runnable callback);

        void stop();

        void restart();
    }

    /**
     * mongo-java-server itself is shut down and started again on the same port over its H2 file. Always the
     * embedded server: a test cannot stop a real one.
     */
    @Test
    void mongo_serverStoppedMidStepOrMidLedgerWrite_failsClearlyOrSucceedsAndNextRunCompletes() throws Exception {
        try (RestartableMongoStore store = RestartableMongoStore.start(dir)) {
            stopAndRestart(store, new Outage() {
                @Override
                public MigrationConfig.Builder config(String ns) {
                    return store.config(ns);
                }

                @Override
                public void onLedgerWrite(Runnable callback) {
                    store.onCommand(e -> {
                        if (e.getCommandName().equals("update") && e.getCommand().getString("update").getValue()
                                .equals(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)) {
                            callback.run();
                        }
                    });
                }

                @Override
                public void stop() {
                    store.stop();
                }

                @Override
                public void restart() {
                    store.restart();
                }
            });
        }
    }

    /**
     * The store keeps running (S3Proxy's atomic store is in memory; a real store is not ours to stop); the endpoint
     * the run talks to goes away instead: a loopback proxy stops accepting and resets every open connection, then
     * listens again on the same port. To the SDK this is a stopped server. The proxy passes bytes through
     * unchanged, so SigV4 signatures (made for the proxy's address) still hold; it needs a plain-http endpoint.
     */
    @Test
    @Tag("s3")
    void s3_endpointGoneMidStepOrMidLedgerWrite_failsClearlyOrSucceedsAndNextRunCompletes() throws Exception {
        try (S3Store store = S3Store.start(); DroppingProxy proxy = DroppingProxy.start(address(store.endpoint()), 0,
                new Random(0))) {
            Assumptions.assumeTrue(isPlainHttp(store), "the proxy cannot sit in front of an https endpoint");
            LedgerWriteInterceptor interceptor = new LedgerWriteInterceptor();
            S3Client client = store.clientVia(URI.create("http://127.0.0.1:" + proxy.port()), List.of(interceptor));
            stopAndRestart(store, new Outage() {
                @Override
                public MigrationConfig.Builder config(String ns) {
                    return MigrationConfig.builder().s3(client, store.bucket()).ledgerName(ns);
                }

                @Override
                public void onLedgerWrite(Runnable callback) {
                    interceptor.callback = callback;
                }

                @Override
                public void stop() {
                    proxy.cutOff();
                }

                @Override
                public void restart() {
                    proxy.restore();
                }
            });
        }
    }

    /** The embedded server, or the one named by {@code SMARTMIGRATION_TEST_MONGODB_URI}, behind the proxy. */
    @Test
    void mongo_proxyResettingConnectionsAtRandom_failsClearlyOrSucceedsAndNextRunCompletes() {
        long seed = Figures.setting("reliability.seed", 20261101);
        try (MongoStore store = MongoStore.start()) {
            ConnectionString real = new ConnectionString(store.uri());
            ServerAddress server = new ServerAddress(real.getHosts().get(0));
            try (DroppingProxy proxy = DroppingProxy.start(new InetSocketAddress(server.getHost(), server.getPort()),
                    0.004, new Random(seed));
                 MongoClient viaProxy = MongoClients.create(MongoClientSettings.builder()
                         .applyConnectionString(real)
                         .applyToClusterSettings(b -> b.hosts(List.of(new ServerAddress("127.0.0.1", proxy.port())))
                                 .mode(ClusterConnectionMode.SINGLE).serverSelectionTimeout(2, TimeUnit.SECONDS))
                         .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS))
                         .build())) {
                proxyResets(store, proxy, ns -> MigrationConfig.builder().mongo(viaProxy, ns).ledgerName(ns), seed);
            }
        }
    }

    /** Needs a plain-http endpoint, like the test above. */
    @Test
    @Tag("s3")
    void s3_proxyResettingConnectionsAtRandom_failsClearlyOrSucceedsAndNextRunCompletes() {
        long seed = Figures.setting("reliability.seed", 20261101);
        try (S3Store store = S3Store.start(); DroppingProxy proxy = DroppingProxy.start(address(store.endpoint()),
                0.004, new Random(seed))) {
            Assumptions.assumeTrue(isPlainHttp(store), "the proxy cannot sit in front of an https endpoint");
            S3Client client = store.clientVia(URI.create("http://127.0.0.1:" + proxy.port()), List.of());
            proxyResets(store, proxy, ns -> MigrationConfig.builder().s3(client, store.bucket()).ledgerName(ns), seed);
        }
    }

    private static void stopAndRestart(StoreUnderTest store, Outage outage) throws InterruptedException {
        int rounds = Figures.setting("reliability.faultRounds", 6);
        long seed = Figures.setting("reliability.seed", 20261101);
        Random random = new Random(seed);
        int redone = 0;
        int midLedgerWrite = 0;
        try (InProcessRun runs = new InProcessRun()) {
            for (int round = 1; round <= rounds; round++) {
                String ns = store.newNamespace();
                int stopAfter = ItemsRun.BATCH * (2 + random.nextInt(ItemsRun.ITEMS / ItemsRun.BATCH - 6));
                boolean duringLedgerWrite = round % 2 == 0;
                midLedgerWrite += duringLedgerWrite ? 1 : 0;
                CountDownLatch reached = new CountDownLatch(1);
                AtomicBoolean armed = new AtomicBoolean();
                outage.onLedgerWrite(() -> {
                    if (armed.compareAndSet(true, false)) {
                        reached.countDown();
                    }
                });
                Future<String> run = runs.start(store, outage.config(ns), ns, 1, checkpoint -> {
                    if (checkpoint == stopAfter) {
                        if (duringLedgerWrite) {
                            armed.set(true);
                        } else {
                            reached.countDown();
                        }
                    }
                });
                if (!reached.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("round " + round + ": the step never reached " + stopAfter);
                }
                if (!duringLedgerWrite) {
                    Thread.sleep(random.nextInt(10));
                }
                outage.stop();
                Thread.sleep(100 + random.nextInt(2500));
                outage.restart();
                outage.onLedgerWrite(() -> { });
                int last = InProcessRun.progressAfterFault(store, ns, runs.awaitFaulted(run));
                assertEquals("OK", runs.await(runs.start(store, store.config(ns), ns, 0, c -> { })),
                        "round " + round + ": the run after the fault");
                redone += ItemsRun.checkItems(store, ns, last);
            }
            Figures.record("store stopped and restarted", store.name(), "seed", seed, "rounds", rounds,
                    "stops inside a step", rounds - midLedgerWrite, "stops as a ledger write was sent",
                    midLedgerWrite, "outcomes", runs.outcomes(), "ledgers corrupt", 0, "next runs completed",
                    rounds, "items skipped", 0, "items before last checkpoint redone", 0,
                    "items of the in-flight batch redone", redone);
        }
    }

    private static void proxyResets(StoreUnderTest store, DroppingProxy proxy,
                                    Function<String, MigrationConfig.Builder> viaProxy, long seed) {
        int rounds = Figures.setting("reliability.proxyRounds", 20);
        int redone = 0;
        int roundsWithResets = 0;
        try (InProcessRun runs = new InProcessRun()) {
            for (int round = 1; round <= rounds; round++) {
                String ns = store.newNamespace();
                int resetsBefore = proxy.drops();
                String outcome = runs.awaitFaulted(runs.start(store, viaProxy.apply(ns), ns, 0, c -> { }));
                roundsWithResets += proxy.drops() > resetsBefore ? 1 : 0;
                int last = InProcessRun.progressAfterFault(store, ns, outcome);
                assertEquals("OK", runs.await(runs.start(store, store.config(ns), ns, 0, c -> { })),
                        "round " + round + ": the run after the faults");
                redone += ItemsRun.checkItems(store, ns, last);
            }
            assertTrue(roundsWithResets > 0, "the proxy reset no connection in " + rounds + " rounds, so the "
                    + "scenario exercised nothing (" + proxy.drops() + " resets)");
            Figures.record("proxy resetting connections (p=0.004 per chunk)", store.name(), "seed", seed, "rounds",
                    rounds, "connections reset", proxy.drops(), "rounds with a reset", roundsWithResets,
                    "outcomes", runs.outcomes(), "ledgers corrupt", 0,
                    "next runs completed", rounds, "items skipped", 0, "items before last checkpoint redone", 0,
                    "items done twice (in-flight batch)", redone);
        }
    }

    private static boolean isPlainHttp(S3Store store) {
        return "http".equals(store.endpoint().getScheme());
    }

    private static InetSocketAddress address(URI endpoint) {
        return new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
    }

    /** Sees each write of a ledger object just before it is sent. */
    private static final class LedgerWriteInterceptor implements ExecutionInterceptor {
        private volatile Runnable callback = () -> { };

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest put && put.key().startsWith(S3Ledger.KEY_PREFIX)
                    && put.key().endsWith(".json")) {
                callback.run();
            }
        }
    }
}
