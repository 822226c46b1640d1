package dev.smartmigration.benchmarks;

import dev.smartmigration.benchmarks.apps.SmartMigrationApp;
import dev.smartmigration.testing.MongoTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole processes: time from launching a JVM to {@code run()} returning at the target with an n-step generated
 * chain on the class path, against the same {@code @Migration} classes found by classpath scanning, and against
 * a process that only reads the ledger document.
 */
final class ChainLoadBenchmark {

    private static final List<String> MODES = List.of("generated", "loaded", "scan:" + Benchmarks.CHAIN_PACKAGE,
            "find-only");

    private ChainLoadBenchmark() {
    }

    /**
     * @param scale   sizes and rounds
     * @param server  the MongoDB the children connect to
     * @param classes the compiled chain ({@link Benchmarks#CHAIN_PACKAGE}, with the generated chain)
     * @return the fast path and the eagerly loaded chain, each against scanning; the fast path against a bare read
     */
    static List<Comparison> run(Scale scale, MongoTestServer server, Path classes) {
        String database = server.newDatabaseName();
        String target = Sources.target(scale.chainSteps());
        requireAtTarget(launch(classes, server, database, target, "generated", "fresh"), target, classes);
        Map<String, List<Double>> millis = new HashMap<>();
        MODES.forEach(mode -> millis.put(mode, new ArrayList<>()));
        int warmups = scale.smoke() ? 0 : 1;
        for (int round = 0; round < warmups + scale.rounds(); round++) {
            for (int i = 0; i < MODES.size(); i++) {
                String mode = MODES.get((round + i) % MODES.size());
                Child.Line done = launch(classes, server, database, target, mode);
                if (!mode.equals("find-only")) {
                    requireAtTarget(done, target, classes);
                } else if (!"true".equals(done.fields().get("found"))) {
                    throw new IllegalStateException("the ledger document was not found: " + done);
                }
                if (round >= warmups) {
                    millis.get(mode).add(done.millisSinceLaunch());
                }
            }
        }
        String scanning = "the same " + scale.chainSteps() + " @Migration classes found at every boot by ClassGraph "
                + "classpath scanning (annotation values read from bytecode, classes loaded only to run), passed as "
                + "the chain; JVM launch to run() returning at the target, whole processes, alternating";
        return List.of(
                new Comparison("chain-load-fast-path", Summary.of(millis.get(MODES.get(0))), Summary.of(millis.get(MODES.get(2))),
                        scanning + ". Ours: generated chain on the class path, loaded at the target only to compare "
                                + "the digest of the applied steps' code with the ledger's (fingerprints)"),
                new Comparison("chain-load-chain-loaded", Summary.of(millis.get(MODES.get(1))), Summary.of(millis.get(MODES.get(2))),
                        scanning + ". Ours: the generated chain loaded through ServiceLoader before run(), as when "
                                + "steps are pending"),
                new Comparison("cold-boot-noop", Summary.of(millis.get(MODES.get(0))),
                        Summary.of(millis.get(MODES.get(3))), "the same process without smartmigration: JVM launch, "
                                + "connect, one find({_id}) of the ledger document, same class path, alternating. "
                                + "Ours: run() at the target (the chain-load-fast-path samples)"));
    }

    private static Child.Line launch(Path classes, MongoTestServer server, String database, String target,
                                     String... modeAndFlags) {
        List<String> args = new ArrayList<>(List.of(server.uri(), database, target));
        args.addAll(List.of(modeAndFlags));
        return Child.runToEnd(List.of(classes), SmartMigrationApp.class, args);
    }

    private static void requireAtTarget(Child.Line done, String target, Path classes) {
        if (!target.equals(done.fields().get("version")) || !"0".equals(done.fields().get("applied"))) {
            throw new IllegalStateException("expected a run at " + target + " with " + classes + ", got " + done);
        }
    }
}
