package dev.smartmigration.benchmarks;

import dev.smartmigration.benchmarks.apps.SmartMigrationApp;
import dev.smartmigration.testing.MongoTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many instances booting at once with the ledger at the target, against one instance alone. Each instance is
 * its own JVM: it connects, says READY, and calls {@code run()} when told to; all of a storm are told at once.
 * The figure is the instance's own measurement of its first {@code run()} call (cold code, one ledger read); then
 * each instance warms up and all are told at once again, to separate the ledger's contention from the CPU's.
 */
final class BootStormBenchmark {

    private BootStormBenchmark() {
    }

    /**
     * @param scale   sizes and rounds
     * @param server  the MongoDB every instance uses
     * @param classes the compiled chain ({@link Benchmarks#CHAIN_PACKAGE}, with the generated chain)
     * @return the median and the slowest instance of a storm against an instance alone (first run() of the JVM),
     *         and the median instance once warm against an instance alone once warm
     */
    static List<Comparison> run(Scale scale, MongoTestServer server, Path classes) {
        String database = server.newDatabaseName();
        String target = Sources.target(scale.chainSteps());
        List<String> args = List.of(server.uri(), database, target, "generated", "fresh", "wait");
        List<Double> alone = new ArrayList<>();
        List<Double> storm = new ArrayList<>();
        List<Double> slowest = new ArrayList<>();
        List<Double> warmAlone = new ArrayList<>();
        List<Double> warmStorm = new ArrayList<>();
        boot(classes, args, 1, false);
        for (int round = 0; round < scale.rounds(); round++) {
            List<List<Double>> one = boot(classes, args, 1, true);
            alone.addAll(one.get(0));
            warmAlone.addAll(one.get(1));
            List<List<Double>> all = boot(classes, args, scale.stormInstances(), true);
            storm.addAll(all.get(0));
            warmStorm.addAll(all.get(1));
            slowest.add(all.get(0).stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
        String baseline = "one instance alone: its first run() at the target (the instance's own clock, from the "
                + "call to its return), same server, same class path; storm = " + scale.stormInstances()
                + " JVMs told to call run() at the same moment, on " + Runtime.getRuntime().availableProcessors()
                + " cores";
        return List.of(
                new Comparison("boot-storm-median", Summary.of(storm), Summary.of(alone),
                        baseline + ". Ours: every instance of the storms"),
                new Comparison("boot-storm-slowest", Summary.of(slowest), Summary.of(alone),
                        baseline + ". Ours: the slowest instance of each storm"),
                new Comparison("boot-storm-warm-median", Summary.of(warmStorm), Summary.of(warmAlone),
                        baseline.replace("its first run()", "a run() after 200 untimed ones (warm code)")
                                + ". Ours: every instance of the storms, told at once again once warm"));
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
