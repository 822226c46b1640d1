package dev.smartmigration.benchmarks;

import dev.smartmigration.benchmarks.apps.ChainInitApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Initialising the generated n-step chain in a fresh JVM (class loading, static initialisation, the step list),
 * against the same chain written with one constructor reference per step, as the processor generated it before:
 * each reference is a lambda bootstrapped at first use, which also loads the step's class.
 */
final class ChainInitBenchmark {

    private ChainInitBenchmark() {
    }

    /**
     * @param scale      sizes and rounds
     * @param classes    the compiled chain ({@link Benchmarks#CHAIN_PACKAGE}, with the generated chain)
     * @param references the compiled constructor-reference chain over the same steps
     * @return the generated chain's initialisation against the constructor-reference chain's
     */
    static Comparison run(Scale scale, Path classes, Path references) {
        String generated = Benchmarks.CHAIN_PACKAGE + ".GeneratedMigrationChain";
        String referenced = Benchmarks.REFERENCE_PACKAGE + "." + Sources.REFERENCE_CHAIN;
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        int warmups = scale.smoke() ? 0 : 1;
        for (int round = 0; round < warmups + scale.rounds(); round++) {
            for (int i = 0; i < 2; i++) {
                boolean generatedChain = (round + i) % 2 == 0;
                Child.Line done = Child.runToEnd(List.of(classes, references), ChainInitApp.class,
                        List.of(generatedChain ? generated : referenced));
                if (!String.valueOf(scale.chainSteps()).equals(done.fields().get("steps"))) {
                    throw new IllegalStateException("expected " + scale.chainSteps() + " steps, got " + done);
                }
                if (round >= warmups) {
                    (generatedChain ? ours : baseline).add(done.runMillis());
                }
            }
        }
        return new Comparison("chain-init", Summary.of(ours), Summary.of(baseline), "the same " + scale.chainSteps()
                + " steps listed with constructor references (Step00001::new, ...), the form the processor "
                + "generated before; the chain class loaded, initialised and its steps() read in a fresh JVM, timed "
                + "inside it, alternating. Ours: the generated chain (one switch creates the steps)");
    }
}
