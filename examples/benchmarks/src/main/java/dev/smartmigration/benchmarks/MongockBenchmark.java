package dev.smartmigration.benchmarks;

import com.mongodb.client.MongoClient;
import dev.smartmigration.benchmarks.apps.MongockApp;
import dev.smartmigration.benchmarks.apps.SmartMigrationApp;
import dev.smartmigration.testing.MongoTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole processes against Mongock 5.5.1 (standalone runner, MongoDB sync driver): the same n migrations, each
 * inserting one document, as smartmigration steps and as Mongock change units, on the same embedded MongoDB.
 * Cold process for the first run on an empty database, then a cold process for the no-op re-run; and the no-op
 * call alone, timed inside a warm process.
 */
final class MongockBenchmark {

    private MongockBenchmark() {
    }

    /**
     * @param scale    sizes and rounds
     * @param server   the MongoDB both tools use
     * @param ours     the compiled smartmigration steps (package {@link Benchmarks#STEPS_PACKAGE})
     * @param mongock  the compiled change units (package {@link Benchmarks#MONGOCK_PACKAGE})
     * @return first run, no-op re-run and no-op call, each against Mongock's
     */
    static List<Comparison> run(Scale scale, MongoTestServer server, Path ours, Path mongock) {
        int n = scale.mongockSteps();
        String target = Sources.target(n);
        MongoClient client = server.newClient();
        List<Double> oursFirst = new ArrayList<>();
        List<Double> oursAgain = new ArrayList<>();
        List<Double> theirsFirst = new ArrayList<>();
        List<Double> theirsAgain = new ArrayList<>();
        int warmups = scale.smoke() ? 0 : 1;
        for (int round = 0; round < warmups + scale.rounds(); round++) {
            boolean measured = round >= warmups;
            String oursDb = server.newDatabaseName();
            String theirsDb = server.newDatabaseName();
            List<String> oursArgs = List.of(server.uri(), oursDb, target, "generated");
            List<String> theirsArgs = List.of(server.uri(), theirsDb, Benchmarks.MONGOCK_PACKAGE);
            for (int i = 0; i < 2; i++) {
                if ((round + i) % 2 == 0) {
                    Child.Line first = Child.runToEnd(List.of(ours), SmartMigrationApp.class, oursArgs);
                    requireItems(client, oursDb, n);
                    if (!String.valueOf(n).equals(first.fields().get("applied"))) {
                        throw new IllegalStateException("expected " + n + " steps applied, got " + first);
                    }
                    Child.Line again = Child.runToEnd(List.of(ours), SmartMigrationApp.class, oursArgs);
                    if (!"true".equals(again.fields().get("upToDate"))) {
                        throw new IllegalStateException("expected a no-op re-run, got " + again);
                    }
                    record(measured, oursFirst, first, oursAgain, again);
                } else {
                    Child.Line first = Child.runToEnd(List.of(mongock), MongockApp.class, theirsArgs);
                    requireItems(client, theirsDb, n);
                    Child.Line again = Child.runToEnd(List.of(mongock), MongockApp.class, theirsArgs);
                    requireItems(client, theirsDb, n);
                    record(measured, theirsFirst, first, theirsAgain, again);
                }
            }
        }
        List<Double> oursCall = new ArrayList<>();
        List<Double> theirsCall = new ArrayList<>();
        String calls = "calls=" + (scale.smoke() ? 2 : 50);
        for (int round = 0; round < scale.rounds(); round++) {
            for (int i = 0; i < 2; i++) {
                String database = server.newDatabaseName();
                if ((round + i) % 2 == 0) {
                    oursCall.add(Child.runToEnd(List.of(ours), SmartMigrationApp.class,
                            List.of(server.uri(), database, target, "generated", calls)).runMillis());
                } else {
                    theirsCall.add(Child.runToEnd(List.of(mongock), MongockApp.class,
                            List.of(server.uri(), database, Benchmarks.MONGOCK_PACKAGE, calls)).runMillis());
                }
                requireItems(client, database, n);
            }
        }
        String how = " Same " + n + " migrations (one insertOne each), same embedded MongoDB, a new database per round; "
                + "JVM launch to the call returning; Mongock non-transactional (the embedded server has no sessions)";
        return List.of(
                new Comparison("mongock-first-run", Summary.of(oursFirst), Summary.of(theirsFirst),
                        "Mongock 5.5.1 standalone executing " + n + " change units on an empty database." + how),
                new Comparison("mongock-noop-rerun", Summary.of(oursAgain), Summary.of(theirsAgain),
                        "Mongock 5.5.1 standalone re-run with all " + n + " change units already recorded." + how),
                new Comparison("mongock-noop-call", Summary.of(oursCall), Summary.of(theirsCall),
                        "Mongock 5.5.1 in a warm JVM: builder, scan of the " + n + " change units and execute() with "
                                + "all of them recorded, the call an application makes at boot; the median of "
                                + calls.substring("calls=".length()) + " calls after as many untimed ones, one "
                                + "process per sample; ours: MigrationRuntime.run(config) at the target in the same "
                                + "way. The in-process cost of a no-op call, without the JVM's start."));
    }

    private static void record(boolean measured, List<Double> first, Child.Line firstLine, List<Double> again,
                               Child.Line againLine) {
        if (measured) {
            first.add(firstLine.millisSinceLaunch());
            again.add(againLine.millisSinceLaunch());
        }
    }

    private static void requireItems(MongoClient client, String database, int n) {
        long count = client.getDatabase(database).getCollection(Sources.ITEMS).countDocuments();
        if (count != n) {
            throw new IllegalStateException("expected " + n + " documents in " + database + "." + Sources.ITEMS
                    + ", found " + count);
        }
    }
}
