package dev.smartmigration.benchmarks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Projections;
import dev.smartmigration.runtime.FleetConfig;
import dev.smartmigration.runtime.FleetResult;
import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationContext;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.TenantOutcome;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.runtime.internal.ledger.s3.ConditionalWriteProbes;
import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.S3TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bson.Document;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * Tenant fleets ({@link MigrationRuntime#runFleet}) on MongoDB, a database per tenant, one server.
 *
 * <ul>
 *   <li><b>Scale-out.</b> A fleet of new tenants, each migrated through 3 steps, by 1, 2 or 4 instances told to
 *       start at the same moment; wall time from the start to the last instance's return. An instance is a thread
 *       with its own MongoDB client (its own connection pool) and its own lock owner name, calling
 *       {@code runFleet} as an application instance would: the instances share nothing but the server, so they
 *       share the work only through the tenants' locks. Each step inserts one document and then waits
 *       {@link Scale#fleetStepMillis()} ms, standing for the store's work on a remote server, so the figure shows
 *       how the instances share a latency-bound fleet rather than how fast two cores run an in-process server.
 *       Every round checks that each step ran exactly once per tenant and every tenant is at the target.
 *   <li><b>No-op boot.</b> A fleet already at the target (1,000 tenants, then 10,000): {@code runFleet} at parallelism 8, against the
 *       bare version read of every tenant's ledger ({@code find({_id})} projected to format and version) done by 8
 *       threads, same client. Both sides alternate. The same on S3 with 1,000 tenants as key prefixes of one
 *       bucket, against a bare {@code HeadObject} of each tenant's ledger object.
 * </ul>
 */
final class FleetBenchmark {

    private static final List<Integer> INSTANCES = List.of(1, 2, 4);
    private static final int SCALE_OUT_PARALLELISM = 2;
    private static final int NOOP_PARALLELISM = 8;
    private static final String TARGET = "1.3.0";

    private FleetBenchmark() {
    }

    /**
     * @param scale  sizes and rounds
     * @param server the MongoDB every instance uses
     * @param s3     the S3 store of the no-op boot with tenants as key prefixes
     * @return the wall time of 2 and 4 instances against 1, and the no-op boots against the bare reads
     */
    static List<Comparison> run(Scale scale, MongoTestServer server, S3TestServer s3) {
        List<List<Double>> walls = new ArrayList<>();
        INSTANCES.forEach(n -> walls.add(new ArrayList<>()));
        scaleOut(server, Math.max(10, scale.fleetTenants() / 10), scale.fleetStepMillis(), 2);   // warm-up
        for (int round = 0; round < scale.fleetRounds(); round++) {
            for (int i = 0; i < INSTANCES.size(); i++) {
                int which = (round + i) % INSTANCES.size();
                walls.get(which).add(scaleOut(server, scale.fleetTenants(), scale.fleetStepMillis(),
                        INSTANCES.get(which)));
            }
        }
        String scaleOut = scale.fleetTenants() + " new tenants (a database each) x 3 steps (one insert and "
                + scale.fleetStepMillis() + " ms of waiting each), parallelism " + SCALE_OUT_PARALLELISM
                + " per instance; instances are threads of this JVM with their own client and owner name, told "
                + "to start at once; wall time to the last instance's return; counts in turn";
        List<Comparison> results = new ArrayList<>();
        for (int i = 1; i < INSTANCES.size(); i++) {
            results.add(new Comparison("fleet-" + INSTANCES.get(i) + "-instances", Summary.of(walls.get(i)),
                    Summary.of(walls.get(0)), "the same fleet migrated by 1 instance. " + scaleOut + ". Ours: "
                            + INSTANCES.get(i) + " instances (ideal ratio " + String.format(Locale.ROOT, "%.2f",
                            1.0 / INSTANCES.get(i)) + ")"));
        }
        results.add(noopBoot("fleet-noop-boot", scale.fleetTenants(), scale.rounds(), server));
        results.add(noopBoot("fleet-noop-boot-large", scale.fleetLargeTenants(), scale.rounds(), server));
        results.add(noopBootS3(scale.fleetTenants(), scale.rounds(), s3));
        return results;
    }

    /** @return milliseconds from the start to the last instance's return */
    private static double scaleOut(MongoTestServer server, int tenantCount, int stepMillis, int instances) {
        String base = server.newDatabaseName();
        List<String> tenants = tenants(tenantCount);
        AtomicInteger stepsRun = new AtomicInteger();
        MigrationChain chain = chain(stepsRun, stepMillis);
        List<MongoClient> clients = IntStream.range(0, instances).mapToObj(i -> server.newClient()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<FleetResult>> runs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                MongoClient client = clients.get(i);
                String owner = "instance-" + i;
                FleetConfig fleet = FleetConfig.builder().tenants(tenants).parallelism(SCALE_OUT_PARALLELISM)
                        .config(t -> MigrationConfig.builder().targetVersion(TARGET).mongo(client, base + "_" + t)
                                .chain(chain).owner(owner).lockWait(Duration.ofMinutes(5)).build())
                        .build();
                runs.add(pool.submit(() -> {
                    go.await();
                    return MigrationRuntime.runFleet(fleet);
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            int migrated = 0;
            for (Future<FleetResult> run : runs) {
                FleetResult result = run.get();
                if (!result.failed().isEmpty()) {
                    throw new IllegalStateException("a tenant failed: " + result.failed().get(0));
                }
                migrated += result.count(TenantOutcome.MIGRATED);
            }
            double millis = (System.nanoTime() - start) / 1e6;
            if (migrated != tenants.size() || stepsRun.get() != 3 * tenants.size()) {
                throw new IllegalStateException(instances + " instance(s): " + migrated + " tenants migrated and "
                        + stepsRun.get() + " steps run, expected " + tenants.size() + " and " + 3 * tenants.size());
            }
            return millis;
        } catch (Exception e) {
            throw new IllegalStateException("fleet of " + instances + " instance(s) failed", e);
        } finally {
            pool.shutdownNow();
            tenants.forEach(t -> clients.get(0).getDatabase(base + "_" + t).drop());
            clients.forEach(MongoClient::close);
        }
    }

    private static Comparison noopBoot(String name, int tenantCount, int rounds, MongoTestServer server) {
        String base = server.newDatabaseName();
        List<String> tenants = tenants(tenantCount);
        MongoClient client = server.newClient();
        MigrationChain chain = chain(new AtomicInteger(), 0);
        FleetConfig fleet = FleetConfig.builder().tenants(tenants).parallelism(NOOP_PARALLELISM)
                .config(t -> MigrationConfig.builder().targetVersion(TARGET).mongo(client, base + "_" + t)
                        .chain(chain).build())
                .build();
        try {
            MigrationRuntime.runFleet(fleet);
            List<Double> ours = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            noopFleet(fleet);
            bareReads(client, base, tenants);
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < 2; i++) {
                    if ((round + i) % 2 == 0) {
                        ours.add(noopFleet(fleet));
                    } else {
                        bare.add(bareReads(client, base, tenants));
                    }
                }
            }
            return new Comparison(name, Summary.of(ours), Summary.of(bare), tenants.size()
                    + " bare version reads of the tenants' ledgers (find({_id: ledgerName}) projected to format, "
                    + "formatVersion and version), " + NOOP_PARALLELISM + " threads, same client; ours: runFleet "
                    + "at parallelism " + NOOP_PARALLELISM + " with every tenant at the target (plain list), "
                    + "alternating; wall time of the call");
        } finally {
            tenants.forEach(t -> client.getDatabase(base + "_" + t).drop());
        }
    }

    /**
     * The no-op boot with each tenant's data and ledger under its own key prefix of one bucket
     * ({@code <run>/<tenant>/}), against a bare {@code HeadObject} of each tenant's ledger object: what a no-op run
     * reads on S3.
     */
    private static Comparison noopBootS3(int tenantCount, int rounds, S3TestServer server) {
        String base = S3TestServer.uniqueName("fleet");
        List<String> tenants = tenants(tenantCount);
        S3Client s3 = server.client();
        MigrationChain chain = MigrationChain.builder()
                .step("add-things").from("1.0.0").to("1.1.0").up(ctx -> { })
                .step("grow-things").from("1.1.0").to("1.2.0").up(ctx -> { })
                .step("label-things").from("1.2.0").to(TARGET).up(ctx -> { })
                .build();
        FleetConfig fleet = FleetConfig.builder().tenants(tenants).parallelism(NOOP_PARALLELISM)
                .config(t -> MigrationConfig.builder().targetVersion(TARGET)
                        .s3(s3, server.bucket(), base + "/" + t + "/").chain(chain).build())
                .build();
        List<HeadObjectRequest> heads = tenants.stream().map(t -> HeadObjectRequest.builder()
                .bucket(server.bucket()).key(new S3Ledger(s3, server.bucket(), base + "/" + t + "/",
                        MigrationConfig.DEFAULT_LEDGER_NAME, S3LedgerOptions.defaults(),
                        new ConditionalWriteProbes()).key()).build()).toList();
        MigrationRuntime.runFleet(fleet);
        List<Double> ours = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        noopFleet(fleet);
        bareHeads(s3, heads);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 2; i++) {
                if ((round + i) % 2 == 0) {
                    ours.add(noopFleet(fleet));
                } else {
                    bare.add(bareHeads(s3, heads));
                }
            }
        }
        return new Comparison("fleet-noop-boot-s3", Summary.of(ours), Summary.of(bare), tenants.size()
                + " bare HeadObject requests of the tenants' ledger objects (a key prefix per tenant, one bucket), "
                + NOOP_PARALLELISM + " threads, same client; ours: runFleet at parallelism " + NOOP_PARALLELISM
                + " with every tenant at the target (plain list), alternating; wall time of the call; S3Proxy in "
                + "this JVM");
    }

    private static double bareHeads(S3Client s3, List<HeadObjectRequest> heads) {
        return timedOnPool(heads.stream().<Callable<Object>>map(h -> () -> s3.headObject(h)).toList());
    }

    private static double noopFleet(FleetConfig fleet) {
        long start = System.nanoTime();
        FleetResult result = MigrationRuntime.runFleet(fleet);
        double millis = (System.nanoTime() - start) / 1e6;
        if (result.count(TenantOutcome.UP_TO_DATE) != result.tenants().size()) {
            throw new IllegalStateException("the no-op fleet was not a no-op: " + result);
        }
        return millis;
    }

    private static double bareReads(MongoClient client, String base, List<String> tenants) {
        return timedOnPool(tenants.stream().<Callable<Object>>map(t -> () -> client.getDatabase(base + "_" + t)
                .getCollection(MigrationConfig.DEFAULT_MONGO_LEDGER_COLLECTION)
                .find(eq("_id", MigrationConfig.DEFAULT_LEDGER_NAME))
                .projection(Projections.include("format", "formatVersion", "version")).first()).toList());
    }

    /** @return the milliseconds {@value #NOOP_PARALLELISM} threads take to make every read; each must find its ledger */
    private static double timedOnPool(List<Callable<Object>> reads) {
        ExecutorService pool = Executors.newFixedThreadPool(NOOP_PARALLELISM);
        long start = System.nanoTime();
        try {
            for (Future<Object> read : pool.invokeAll(reads)) {
                if (read.get() == null) {
                    throw new IllegalStateException("a tenant has no ledger");
                }
            }
            return (System.nanoTime() - start) / 1e6;
        } catch (Exception e) {
            throw new IllegalStateException("bare reads failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> tenants(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format(Locale.ROOT, "t%05d", i)).toList();
    }

    private static MigrationChain chain(AtomicInteger stepsRun, int stepMillis) {
        return MigrationChain.builder()
                .step("add-things").from("1.0.0").to("1.1.0").up(ctx -> step(ctx, stepsRun, stepMillis))
                .step("grow-things").from("1.1.0").to("1.2.0").up(ctx -> step(ctx, stepsRun, stepMillis))
                .step("label-things").from("1.2.0").to(TARGET).up(ctx -> step(ctx, stepsRun, stepMillis))
                .build();
    }

    private static void step(MigrationContext ctx, AtomicInteger stepsRun, int stepMillis) throws Exception {
        ctx.mongo().getCollection("things").insertOne(new Document("step", ctx.step().id()));
        stepsRun.incrementAndGet();
        if (stepMillis > 0) {
            Thread.sleep(stepMillis);
        }
    }
}
