package dev.smartmigration.benchmarks;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

/** Runs a JMH no-op benchmark class and turns its two methods into one {@link Comparison}. */
final class NoopBenchmarks {

    private NoopBenchmarks() {
    }

    /** The {@code history} parameter of the JMH classes: steps recorded in the ledger before measuring. */
    static final List<String> HISTORY = List.of("1", "1000");

    /**
     * @param scale     sizes and iterations
     * @param name      the comparison's name; {@code -history-N} is appended for each history size but the first
     * @param benchmark the JMH class; its methods are {@code noopRun} (ours) and the baseline, with a
     *                  {@code history} parameter
     * @param baseline  the baseline method's name
     * @param baselineIs what the baseline is
     * @return ours against the baseline per history size, per call, sampled by JMH
     */
    static List<Comparison> run(Scale scale, String name, Class<?> benchmark, String baseline, String baselineIs) {
        Options options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(scale.jmhForks())
                .warmupIterations(scale.jmhWarmups())
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(scale.jmhIterations())
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .shouldFailOnError(true)
                .param("history", HISTORY.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + benchmark.getName(), e);
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (String history : HISTORY) {
            comparisons.add(new Comparison(history.equals(HISTORY.get(0)) ? name : name + "-history-" + history,
                    summary(results, "noopRun", history), summary(results, baseline, history),
                    baselineIs + "; ledger history of " + history + " step(s)"));
        }
        return List.copyOf(comparisons);
    }

    /**
     * @param steps how many
     * @return a chain of steps that do nothing, from {@code 1.0.0} to {@link Sources#target(int)}
     */
    static MigrationChain emptySteps(int steps) {
        MigrationChain.Builder chain = MigrationChain.builder();
        for (int i = 1; i <= steps; i++) {
            chain.step("step-" + i).from("1." + (i - 1) + ".0").to("1." + i + ".0").up(ctx -> { });
        }
        return chain.build();
    }

    /**
     * @param result a run that should have found the ledger at the target
     * @return the result
     * @throws IllegalStateException when it was not a no-op
     */
    static MigrationResult requireUpToDate(MigrationResult result) {
        if (!result.wasUpToDate()) {
            throw new IllegalStateException("expected a no-op run, got " + result);
        }
        return result;
    }

    private static Summary summary(Collection<RunResult> results, String method, String history) {
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().endsWith("." + method)
                    && history.equals(result.getParams().getParam("history"))) {
                Statistics s = result.getPrimaryResult().getStatistics();
                double toMillis = 1e-3;
                return new Summary(s.getPercentile(50) * toMillis, s.getPercentile(25) * toMillis,
                        s.getPercentile(75) * toMillis, s.getMin() * toMillis, s.getMax() * toMillis, s.getN());
            }
        }
        throw new IllegalStateException("JMH produced no result for " + method + " with history " + history);
    }
}
