package dev.smartmigration.benchmarks;

import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.runtime.internal.ledger.s3.S3Ledger;
import dev.smartmigration.runtime.S3LedgerOptions;
import dev.smartmigration.testing.S3TestServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * JMH: {@link MigrationRuntime#run} with the S3 ledger already at the target, against a bare {@code HeadObject}
 * of the ledger object on the same endpoint and client: the one request a no-op run cannot avoid. The endpoint
 * is S3Proxy in the forked JVM, or the real one named by {@code SMARTMIGRATION_TEST_S3_ENDPOINT}.
 */
@State(Scope.Benchmark)
public class S3Noop {

    /**
     * Steps already applied, so entries in the ledger's history, which a no-op run does not fetch.
     * {@link Benchmarks} sets it; these are the values when JMH runs this class by itself.
     */
    @Param({"1", "1000"})
    public int history;

    private S3TestServer server;
    private S3Client s3;
    private MigrationConfig config;
    private HeadObjectRequest headLedger;

    /** Brings a new ledger to the target, so every measured run is a no-op. */
    @Setup(Level.Trial)
    public void setUp() {
        server = S3TestServer.start();
        s3 = server.client();
        config = MigrationConfig.builder().targetVersion(Sources.target(history)).s3(s3, server.bucket())
                .ledgerName(S3TestServer.uniqueName("bench")).chain(NoopBenchmarks.emptySteps(history)).build();
        MigrationRuntime.run(config);
        NoopBenchmarks.requireUpToDate(MigrationRuntime.run(config));
        String key = new S3Ledger(s3, server.bucket(), config.ledgerName(), S3LedgerOptions.defaults()).key();
        headLedger = HeadObjectRequest.builder().bucket(server.bucket()).key(key).build();
        bareHead();
    }

    /** Removes the ledger object (it matters on a real endpoint) and stops the embedded server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            s3.deleteObject(b -> b.bucket(headLedger.bucket()).key(headLedger.key()));
        } finally {
            server.close();
        }
    }

    /** @return the result of a run that finds the ledger at the target */
    @Benchmark
    public MigrationResult noopRun() {
        return MigrationRuntime.run(config);
    }

    /** @return the ledger object's metadata, fetched the cheapest way there is */
    @Benchmark
    public HeadObjectResponse bareHead() {
        return s3.headObject(headLedger);
    }
}
