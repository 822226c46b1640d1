package dev.smartmigration.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import dev.smartmigration.runtime.MigrationConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store faults: the store disappears under a running migration (stopped inside a step, or just as a ledger
 * write is sent) and comes back; or a proxy resets connections at random. Each run either succeeds or fails
 * with a clear code ({@link InProcessRun#STORE_FAULT_CODES}) that keeps its root cause; the ledger then reads
 * back clean, the next run completes, and per item the crash rules hold. The run executes in the test JVM so
 * the fault can be timed from the test's thread; the faults themselves are real (server shutdown, TCP resets).
 * Rounds: {@code reliability.faultRounds} and {@code reliability.proxyRounds}; seed {@code reliability.seed}.
 */
class StoreFaultTest {

    @TempDir
    Path dir;

    /** Always the embedded server: a test cannot stop a real one. */
    @Test
    void mongo_serverStoppedMidStepOrMidLedgerWrite_failsClearlyOrSucceedsAndNextRunCompletes() throws Exception {
        int rounds = Figures.setting("reliability.faultRounds", 6);
        long seed = Figures.setting("reliability.seed", 20261101);
        Random random = new Random(seed);
        int redone = 0;
        int midLedgerWrite = 0;
        try (RestartableMongoStore store = RestartableMongoStore.start(dir); InProcessRun runs = new InProcessRun()) {
            for (int round = 1; round <= rounds; round++) {
                String ns = store.newNamespace();
                int stopAfter = ItemsRun.BATCH * (2 + random.nextInt(ItemsRun.ITEMS / ItemsRun.BATCH - 6));
                boolean duringLedgerWrite = round % 2 == 0;
                midLedgerWrite += duringLedgerWrite ? 1 : 0;
                CountDownLatch reached = new CountDownLatch(1);
                AtomicBoolean armed = new AtomicBoolean();
                store.onCommand(e -> {
                    if (e.getCommandName().equals("update")
                            && e.getCommand().getString("update").getValue()
                                    .equals(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
                            && armed.compareAndSet(true, false)) {
                        reached.countDown();
                    }
                });
                Future<String> run = runs.start(store, store.config(ns), ns, 1, checkpoint -> {
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
                store.stop();
                Thread.sleep(100 + random.nextInt(2500));
                store.restart();
                store.onCommand(e -> { });
                runs.awaitFaulted(run);
                int last = InProcessRun.progressAfterFault(store, ns);
                assertEquals("OK", runs.await(runs.start(store, store.config(ns), ns, 0, c -> { })),
                        "round " + round + ": the run after the fault");
                redone += ItemsRun.checkItems(store, ns, last);
            }
            Figures.record("store stopped and restarted", "MongoDB", "seed", seed, "rounds", rounds,
                    "stops inside a step", rounds - midLedgerWrite, "stops as a ledger write was sent",
                    midLedgerWrite, "outcomes", runs.outcomes(), "ledgers corrupt", 0, "next runs completed",
                    rounds, "items skipped", 0, "items before last checkpoint redone", 0,
                    "items of the in-flight batch redone", redone);
        }
    }

    /** The embedded server, or the one named by {@code SMARTMIGRATION_TEST_MONGODB_URI}, behind the proxy. */
    @Test
    void mongo_proxyResettingConnectionsAtRandom_failsClearlyOrSucceedsAndNextRunCompletes() {
        int rounds = Figures.setting("reliability.proxyRounds", 20);
        long seed = Figures.setting("reliability.seed", 20261101);
        Random random = new Random(seed);
        AtomicInteger drops = new AtomicInteger();
        int redone = 0;
        try (MongoStore store = MongoStore.start(); InProcessRun runs = new InProcessRun()) {
            ConnectionString real = new ConnectionString(store.uri());
            ServerAddress server = new ServerAddress(real.getHosts().get(0));
            for (int round = 1; round <= rounds; round++) {
                String ns = store.newNamespace();
                try (DroppingProxy proxy = DroppingProxy.start(
                        new InetSocketAddress(server.getHost(), server.getPort()), 0.004, random);
                     MongoClient viaProxy = MongoClients.create(MongoClientSettings.builder()
                             .applyConnectionString(real)
                             .applyToClusterSettings(b -> b.hosts(List.of(new ServerAddress("127.0.0.1", proxy.port())))
                                     .mode(ClusterConnectionMode.SINGLE).serverSelectionTimeout(2, TimeUnit.SECONDS))
                             .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS))
                             .build())) {
                    runs.awaitFaulted(runs.start(store, MigrationConfig.builder().mongo(viaProxy, ns).ledgerName(ns), ns, 0,
                            c -> { }));
                    drops.addAndGet(proxy.drops());
                }
                int last = InProcessRun.progressAfterFault(store, ns);
                assertEquals("OK", runs.await(runs.start(store, store.config(ns), ns, 0, c -> { })),
                        "round " + round + ": the run after the faults");
                redone += ItemsRun.checkItems(store, ns, last);
            }
            Figures.record("proxy resetting connections (p=0.004 per chunk)", "MongoDB", "seed", seed, "rounds",
                    rounds, "connections reset", drops.get(), "outcomes", runs.outcomes(), "ledgers corrupt", 0,
                    "next runs completed", rounds, "items skipped", 0, "items before last checkpoint redone", 0,
                    "items done twice (in-flight batch)", redone);
        }
    }
}
