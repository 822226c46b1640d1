package dev.smartmigration.benchmarks;

import dev.smartmigration.benchmarks.apps.SmartMigrationApp;
import dev.smartmigration.runtime.testing.MongoTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many instances booting at once with the ledger at the target, against one instance alone. Each instance is
 * its own JVM: it connects, says READY, and calls {@code run()} when told to; all of a storm are told at once.
 * The figure is the instance's own measurement of its first {@code run()} call (cold code, one ledger read).
 */
final class BootStormBenchmark {

    private BootStormBenchmark() {
    }

    /**
     * @param scale   sizes and rounds
     * @param server  the MongoDB every instance uses
     * @param classes the compiled chain ({@link Benchmarks#CHAIN_PACKAGE}, with the generated chain)
     * @return the median instance and the slowest instance of a storm, each against an instance alone
     */
    static List<Comparison> run(Scale scale, MongoTestServer server, Path classes) {
        String database = server.newDatabaseName();
        String target = Sources.target(scale.chainSteps());
        List<String> args = List.of(server.uri(), database, target, "generated", "fresh", "wait");
        List<Double> alone = new ArrayList<>();
        List<Double> storm = new ArrayList<>();
        List<Double> slowest = new ArrayList<>();
        boot(classes, args, 1, false);
        for (int round = 0; round < scale.rounds(); round++) {
            alone.addAll(boot(classes, args, 1, true));
            List<Double> all = boot(classes, args, scale.stormInstances(), true);
            storm.addAll(all);
            slowest.add(all.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
        String baseline = "one instance alone: its first run() at the target (the instance's own clock, from the "
                + "call to its return), same server, same class path; storm = " + scale.stormInstances()
                + " JVMs told to call run() at the same moment, on " + Runtime.getRuntime().availableProcessors()
                + " cores";
        return List.of(
                new Comparison("boot-storm-median", Summary.of(storm), Summary.of(alone),
                        baseline + ". Ours: every instance of the storms"),
                new Comparison("boot-storm-slowest", Summary.of(slowest), Summary.of(alone),
                        baseline + ". Ours: the slowest instance of each storm"));
    }

    private static List<Double> boot(Path classes, List<String> args, int instances, boolean requireNoop) {
        List<Child> children = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                children.add(Child.launch(List.of(classes), SmartMigrationApp.class, args.toArray(String[]::new)));
            }
            children.forEach(c -> c.await("READY"));
            children.forEach(Child::go);
            for (Child child : children) {
                Child.Line done = child.await("DONE");
                if (requireNoop && !"true".equals(done.fields().get("upToDate"))) {
                    throw new IllegalStateException("an instance was not a no-op: " + done);
                }
                millis.add(done.runMillis());
            }
        } catch (RuntimeException e) {
            children.forEach(c -> c.closeAfter(e));
            throw e;
        }
        children.forEach(Child::close);
        return millis;
    }
}
