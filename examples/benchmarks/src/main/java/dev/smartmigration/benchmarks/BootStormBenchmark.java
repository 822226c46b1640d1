package dev.smartmigration.benchmarks;

import dev.smartmigration.benchmarks.apps.SmartMigrationApp;
import dev.smartmigration.testing.MongoTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many instances booting at once with the ledger at the target, against as many processes doing only the bare
 * ledger read at once. Each instance is its own JVM: it connects, says READY, and calls {@code run()} (or does the
 * bare {@code find}) when told to; all of a storm are told at once. The figure is the instance's own measurement of
 * its first call (cold code); then each instance warms up and all are told at once again. Both sides compete for
 * the same cores and the same server in the same way, so the ratio shows what smartmigration adds to a storm.
 */
final class BootStormBenchmark {

    private BootStormBenchmark() {
    }

    /**
     * @param scale   sizes and rounds
     * @param server  the MongoDB every instance uses
     * @param classes the compiled chain ({@link Benchmarks#CHAIN_PACKAGE}, with the generated chain)
     * @return the median and the slowest instance of a storm, cold, and the median once warm, each against a
     *         storm of bare reads
     */
    static List<Comparison> run(Scale scale, MongoTestServer server, Path classes) {
        String database = server.newDatabaseName();
        String target = Sources.target(scale.chainSteps());
        List<String> ours = List.of(server.uri(), database, target, "generated", "fresh", "wait");
        List<String> bare = List.of(server.uri(), database, target, "find-only", "wait");
        List<Double> storm = new ArrayList<>();
        List<Double> slowest = new ArrayList<>();
        List<Double> warmStorm = new ArrayList<>();
        List<Double> bareStorm = new ArrayList<>();
        List<Double> bareSlowest = new ArrayList<>();
        List<Double> bareWarmStorm = new ArrayList<>();
        boot(classes, ours, 1, false);
        for (int round = 0; round < scale.rounds(); round++) {
            for (int i = 0; i < 2; i++) {
                boolean oursFirst = (round + i) % 2 == 0;
                List<List<Double>> all = boot(classes, oursFirst ? ours : bare, scale.stormInstances(), true);
                (oursFirst ? storm : bareStorm).addAll(all.get(0));
                (oursFirst ? warmStorm : bareWarmStorm).addAll(all.get(1));
                (oursFirst ? slowest : bareSlowest).add(all.get(0).stream().mapToDouble(Double::doubleValue).max()
                        .orElseThrow());
            }
        }
        String baseline = scale.stormInstances() + " JVMs told at the same moment to do only a bare "
                + "find({_id: ledgerName}) of the ledger document (each instance's own clock, from the call to its "
                + "return), same server, same class path; ours: " + scale.stormInstances() + " JVMs told at the same "
                + "moment to call run() at the target; storms alternate, on " + Runtime.getRuntime()
                .availableProcessors() + " cores";
        return List.of(
                new Comparison("boot-storm-median", Summary.of(storm), Summary.of(bareStorm),
                        baseline + ". Every instance of the storms, first call of the JVM"),
                new Comparison("boot-storm-slowest", Summary.of(slowest), Summary.of(bareSlowest),
                        baseline + ". The slowest instance of each storm, first call of the JVM"),
                new Comparison("boot-storm-warm-median", Summary.of(warmStorm), Summary.of(bareWarmStorm),
                        baseline + ". Every instance of the storms, told at once again after 200 untimed calls "
                                + "(warm code)"));
    }

    /** @return per phase (cold, warm), each instance's own measurement of its run() */
    private static List<List<Double>> boot(Path classes, List<String> args, int instances, boolean requireNoop) {
        List<Child> children = new ArrayList<>();
        List<List<Double>> phases = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                children.add(Child.launch(List.of(classes), SmartMigrationApp.class, args.toArray(String[]::new)));
            }
            for (int phase = 0; phase < 2; phase++) {
                children.forEach(c -> c.await("READY"));
                children.forEach(Child::go);
                List<Double> millis = new ArrayList<>();
                for (Child child : children) {
                    Child.Line done = child.await("DONE");
                    if (requireNoop && !"true".equals(done.fields().get("upToDate"))) {
                        throw new IllegalStateException("an instance was not a no-op: " + done);
                    }
                    millis.add(done.runMillis());
                }
                phases.add(millis);
            }
        } catch (RuntimeException e) {
            children.forEach(c -> c.closeAfter(e));
            throw e;
        }
        children.forEach(Child::close);
        return phases;
    }
}
