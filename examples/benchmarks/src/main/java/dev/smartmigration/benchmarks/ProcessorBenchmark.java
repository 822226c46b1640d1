package dev.smartmigration.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiling the n generated {@code @Migration} classes with the smartmigration processor (which checks the
 * chain and writes {@code GeneratedMigrationChain}, its service entry and index) against the same compilation
 * with {@code -proc:none}, and against a processor that does nothing ({@link NoopProcessor}): javac's own cost of
 * running any processor. In this JVM with {@code javax.tools}, the three in turn, after one warm-up of each,
 * timed in CPU time of the compiling thread.
 */
final class ProcessorBenchmark {

    private ProcessorBenchmark() {
    }

    /**
     * @param scale   sizes and rounds
     * @param sources the n generated step sources
     * @param work    a directory for the class output
     * @return compiling with the processor against without any, and against the no-op processor
     */
    static List<Comparison> run(Scale scale, Path sources, Path work) {
        List<String> modes = java.util.Arrays.asList(Javac.PROCESSOR, null, NoopProcessor.class.getName());
        List<List<Double>> millis = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int warmups = scale.smoke() ? 0 : 2;
        for (int round = 0; round < warmups + scale.compileRounds(); round++) {
            for (int i = 0; i < modes.size(); i++) {
                int mode = (round + i) % modes.size();
                double ms = Javac.compile(sources, work.resolve("javac-" + round + "-" + mode), modes.get(mode),
                        List.of());
                if (round >= warmups) {
                    millis.get(mode).add(ms);
                }
            }
        }
        String same = "javac on the same " + scale.chainSteps() + " @Migration classes, in-process javax.tools, in "
                + "turn, CPU time of the compiling thread; ours: with -processor " + Javac.PROCESSOR;
        return List.of(
                new Comparison("processor-cost", Summary.of(millis.get(0)), Summary.of(millis.get(1)),
                        same + "; baseline: -proc:none"),
                new Comparison("processor-cost-over-any-processor", Summary.of(millis.get(0)),
                        Summary.of(millis.get(2)), same + "; baseline: a processor that claims @Migration and does "
                                + "nothing (javac's own cost of annotation processing: its rounds)"));
    }
}
