package dev.smartmigration.benchmarks;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import dev.smartmigration.runtime.MigrationConfig;
import dev.smartmigration.runtime.MigrationResult;
import dev.smartmigration.runtime.MigrationRuntime;
import dev.smartmigration.testing.MongoTestServer;
import org.bson.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: {@link MigrationRuntime#run} with the MongoDB ledger already at the target, against a bare
 * {@code find({_id: ledgerName})} of the ledger document projected to its format marker and version, on the same
 * server and client: the one round trip a no-op run cannot avoid. The server is mongo-java-server in the forked
 * JVM, or the real one named by {@code SMARTMIGRATION_TEST_MONGODB_URI}.
 */
@State(Scope.Benchmark)
public class MongoNoop {

    /**
     * Steps already applied, so entries in the ledger's history, which a no-op run does not fetch.
     * {@link Benchmarks} sets it; these are the values when JMH runs this class by itself.
     */
    @Param({"1", "1000"})
    public int history;

    private MongoTestServer server;
    private MigrationConfig config;
    private MongoCollection<Document> ledger;

    /** Brings a new ledger to the target, so every measured run is a no-op. */
    @Setup(Level.Trial)
    public void setUp() {
        server = MongoTestServer.start();
        MongoClient client = server.newClient();
        String database = server.newDatabaseName();
        config = MigrationConfig.builder().targetVersion(Sources.target(history)).mongo(client, database)
                .chain(NoopBenchmarks.emptySteps(history)).build();
        MigrationRuntime.run(config);
        NoopBenchmarks.requireUpToDate(MigrationRuntime.run(config));
        ledger = client.getDatabase(database).getCollection(config.mongoLedgerCollection());
        if (bareFind() == null) {
            throw new IllegalStateException("no ledger document at _id " + config.ledgerName());
        }
    }

    /** Stops the embedded server (or drops the database on a real one). */
    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
    }

    /** @return the result of a run that finds the ledger at the target */
    @Benchmark
    public MigrationResult noopRun() {
        return MigrationRuntime.run(config);
    }

    /** @return the ledger document's version and format marker, fetched the cheapest way there is */
    @Benchmark
    public Document bareFind() {
        return ledger.find(eq("_id", config.ledgerName()))
                .projection(Projections.include("format", "formatVersion", "version")).first();
    }
}
