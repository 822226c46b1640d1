package dev.smartmigration.runtime;

import com.mongodb.client.MongoClient;
import dev.smartmigration.testing.MongoTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Timings that tests must not assert: the no-op fast path and a 16-instance boot storm. Not run by the build;
 * run it by hand (against the embedded server, or a real one via {@code SMARTMIGRATION_TEST_MONGODB_URI}):
 *
 * <pre>{@code
 * ./mvnw -B -q -pl smartmigration-runtime test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp smartmigration-runtime/target/test-classes:smartmigration-runtime/target/classes:$(cat /tmp/cp.txt) \
 *     dev.smartmigration.runtime.RuntimeBenchmark
 * }</pre>
 */
public final class RuntimeBenchmark {

    private RuntimeBenchmark() {
    }

    /** @param args ignored */
    public static void main(String[] args) throws Exception {
        try (MongoTestServer server = MongoTestServer.start()) {
            MongoClient client = server.newClient();
            String db = server.newDatabaseName();
            MigrationChain.Builder builder = MigrationChain.builder();
            for (int i = 0; i < 20; i++) {
                builder.step("s" + i).from("1." + i + ".0").to("1." + (i + 1) + ".0").up(ctx -> { });
            }
            MigrationChain chain = builder.build();
            MigrationConfig config = MigrationConfig.builder().targetVersion("1.20.0").mongo(client, db)
                    .chain(chain).build();
            long t0 = System.nanoTime();
            MigrationRuntime.run(config);
            System.out.printf("first run, 20 steps: %.1f ms%n", (System.nanoTime() - t0) / 1e6);

            int rounds = 200;
            long[] noop = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long s = System.nanoTime();
                MigrationRuntime.run(config);
                noop[i] = System.nanoTime() - s;
            }
            Arrays.sort(noop);
            System.out.printf("no-op run: median %.2f ms, p99 %.2f ms%n", noop[rounds / 2] / 1e6,
                    noop[rounds * 99 / 100] / 1e6);

            String stormDb = server.newDatabaseName();
            int instances = 16;
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            try {
                CyclicBarrier start = new CyclicBarrier(instances);
                List<Future<?>> all = new ArrayList<>();
                long s = System.nanoTime();
                for (int i = 0; i < instances; i++) {
                    MigrationConfig c = MigrationConfig.builder().targetVersion("1.20.0")
                            .mongo(server.newClient(), stormDb).chain(chain).lockWait(Duration.ofMinutes(1))
                            .owner("pod-" + i).build();
                    all.add(pool.submit(() -> {
                        start.await();
                        return MigrationRuntime.run(c);
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
                System.out.printf("16 instances booting at once, 20 steps: %.1f ms until all returned%n",
                        (System.nanoTime() - s) / 1e6);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
