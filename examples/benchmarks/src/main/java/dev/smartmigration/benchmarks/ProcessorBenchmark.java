package dev.smartmigration.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiling the n generated {@code @Migration} classes with the smartmigration processor (which checks the
 * chain and writes {@code GeneratedMigrationChain} and its service entry) against the same compilation with
 * {@code -proc:none}. In this JVM with {@code javax.tools}, alternating, after one warm-up of each.
 */
final class ProcessorBenchmark {

    private ProcessorBenchmark() {
    }

    /**
     * @param scale   sizes and rounds
     * @param sources the n generated step sources
     * @param work    a directory for the class output
     * @return compiling with the processor against without
     */
    static Comparison run(Scale scale, Path sources, Path work) {
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        int warmups = scale.smoke() ? 0 : 1;
        for (int round = 0; round < warmups + scale.compileRounds(); round++) {
            for (int i = 0; i < 2; i++) {
                boolean processor = (round + i) % 2 == 0;
                double millis = Javac.compile(sources, work.resolve("javac-" + round + "-" + processor), processor);
                if (round >= warmups) {
                    (processor ? with : without).add(millis);
                }
            }
        }
        return new Comparison("processor-cost", Summary.of(with), Summary.of(without), "javac on the same "
                + scale.chainSteps() + " @Migration classes with -proc:none (ours: with -processor "
                + Javac.PROCESSOR + "), in-process javax.tools, alternating");
    }
}
