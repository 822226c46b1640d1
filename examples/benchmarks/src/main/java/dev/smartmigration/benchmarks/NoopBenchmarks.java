package dev.smartmigration.benchmarks;

import dev.smartmigration.runtime.MigrationResult;
import java.util.Collection;
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

    /**
     * @param scale     sizes and iterations
     * @param name      the comparison's name
     * @param benchmark the JMH class; its methods are {@code noopRun} (ours) and the baseline
     * @param baseline  the baseline method's name
     * @param baselineIs what the baseline is
     * @return ours against the baseline, per call, sampled by JMH
     */
    static Comparison run(Scale scale, String name, Class<?> benchmark, String baseline, String baselineIs) {
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
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + benchmark.getName(), e);
        }
        return new Comparison(name, summary(results, "noopRun"), summary(results, baseline), baselineIs);
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

    private static Summary summary(Collection<RunResult> results, String method) {
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().endsWith("." + method)) {
                Statistics s = result.getPrimaryResult().getStatistics();
                double toMillis = 1e-3;
                return new Summary(s.getPercentile(50) * toMillis, s.getPercentile(25) * toMillis,
                        s.getPercentile(75) * toMillis, s.getMin() * toMillis, s.getMax() * toMillis, s.getN());
            }
        }
        throw new IllegalStateException("JMH produced no result for " + method);
    }
}
