package dev.smartmigration.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiling the n generated {@code @Migration} classes with the smartmigration processor (which checks the
 * chain and writes {@code GeneratedMigrationChain}, its service entry, index and fingerprints) against three
 * baselines: the same compilation with {@code -proc:none}; with a processor that claims {@code @Migration} and
 * does nothing ({@link NoopProcessor}: javac's own cost of running any processor, its rounds); and with one that
 * writes a single tiny source in the first round ({@link OneFileProcessor}: javac's cost of any processor that
 * generates a source, which adds a round). Against the last, the ratio is what our processor itself costs: its
 * checks and fingerprints, writing the chain, and compiling it.
 *
 * <p>In this JVM with {@code javax.tools}, timed in CPU time of the compiling thread. The four variants run in
 * turn, their order rotating every round, after warm-ups of each; before each compilation a forced garbage
 * collection and a short pause, so that no variant pays for the garbage of the one before.
 */
final class ProcessorBenchmark {

    private static final long PAUSE_MILLIS = 150;

    private ProcessorBenchmark() {
    }

    /**
     * @param scale   sizes and rounds
     * @param sources the n generated step sources
     * @param work    a directory for the class output
     * @return compiling with the processor against without any, against the no-op processor and against the
     *         processor that generates one file
     */
    static List<Comparison> run(Scale scale, Path sources, Path work) {
        List<String> modes = Arrays.asList(Javac.PROCESSOR, null, NoopProcessor.class.getName(),
                OneFileProcessor.class.getName());
        List<List<Double>> millis = new ArrayList<>();
        modes.forEach(m -> millis.add(new ArrayList<>()));
        int warmups = scale.smoke() ? 0 : 3;
        for (int round = 0; round < warmups + scale.compileRounds(); round++) {
            for (int i = 0; i < modes.size(); i++) {
                int mode = (round + i) % modes.size();
                if (!scale.smoke()) {
                    settle();
                }
                double ms = Javac.compile(sources, work.resolve("javac-" + round + "-" + mode), modes.get(mode),
                        List.of());
                if (round >= warmups) {
                    millis.get(mode).add(ms);
                }
            }
        }
        String same = "javac on the same " + scale.chainSteps() + " @Migration classes, in-process javax.tools, the "
                + "four variants in turn, GC and pause before each, CPU time of the compiling thread; ours: with "
                + "-processor " + Javac.PROCESSOR;
        Summary ours = Summary.of(millis.get(0));
        return List.of(
                new Comparison("processor-cost", ours, Summary.of(millis.get(1)), same + "; baseline: -proc:none"),
                new Comparison("processor-cost-over-any-processor", ours, Summary.of(millis.get(2)),
                        same + "; baseline: a processor that claims @Migration and does nothing (javac's own cost "
                                + "of annotation processing: its rounds)"),
                new Comparison("processor-cost-over-generating-processor", ours, Summary.of(millis.get(3)),
                        same + "; baseline: a processor that claims @Migration and writes one tiny source in the "
                                + "first round (javac's own cost of any processor that generates a source: one "
                                + "round more)"));
    }

    /** Collects the garbage of the compilation before and lets the collector's and compiler's threads finish. */
    private static void settle() {
        System.gc();
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between compilations", e);
        }
    }
}
