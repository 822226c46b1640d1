package dev.smartmigration.benchmarks;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationDefinition;
import dev.smartmigration.runtime.MigrationResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.MultisetStatistics;

/** Runs a JMH no-op benchmark class and turns its two methods into a {@link Comparison} per history size. */
final class NoopBenchmarks {

    private NoopBenchmarks() {
    }

    private static final String OURS = "noopRun";

    /**
     * Runs ours and the baseline in separate JMH runs, alternating their order round by round so that both share
     * the machine's noise, and pools every sampled call of each side.
     *
     * @param scale     sizes and iterations; {@link Scale#jmhForks()} rounds of one fork per method and history
     * @param name      the comparison's name; {@code -long-history} is appended for the second case
     * @param benchmark the JMH class; its methods are {@code noopRun} (ours) and the baseline, with a
     *                  {@code history} parameter
     * @param baseline  the baseline method's name
     * @param baselineIs what the baseline is
     * @return ours against the baseline per history size, per call, sampled by JMH
     */
    static List<Comparison> run(Scale scale, String name, Class<?> benchmark, String baseline, String baselineIs) {
        List<String> history = List.of("1", String.valueOf(scale.longHistory()));
        Map<String, MultisetStatistics> pooled = new HashMap<>();
        List<String> methods = List.of(OURS, baseline);
        for (int round = 0; round < scale.jmhForks(); round++) {
            for (int i = 0; i < methods.size(); i++) {
                String method = methods.get((round + i) % methods.size());
                for (RunResult result : runOneFork(scale, benchmark, method, history)) {
                    String key = method + "/" + result.getParams().getParam("history");
                    MultisetStatistics into = pooled.computeIfAbsent(key, k -> new MultisetStatistics());
                    result.getPrimaryResult().getStatistics().getRawData()
                            .forEachRemaining(e -> into.addValue(e.getKey(), e.getValue()));
                }
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (String entries : history) {
            comparisons.add(new Comparison(entries.equals(history.get(0)) ? name : name + "-long-history",
                    summary(pooled, OURS + "/" + entries), summary(pooled, baseline + "/" + entries),
                    baselineIs + "; ledger history of " + entries + " step(s)"));
        }
        return List.copyOf(comparisons);
    }

    private static Collection<RunResult> runOneFork(Scale scale, Class<?> benchmark, String method,
                                                    List<String> history) {
        Options options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\." + method + "$")
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .warmupIterations(scale.jmhWarmups())
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(scale.jmhIterations())
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .shouldFailOnError(true)
                .param("history", history.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .build();
        try {
            return new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + benchmark.getName() + "." + method, e);
        }
    }

    /**
     * @param steps how many
     * @return a chain of steps that do nothing, from {@code 1.0.0} to {@link Sources#target(int)}
     */
    static MigrationChain emptySteps(int steps) {
        MigrationChain.Builder chain = MigrationChain.builder();
        for (int i = 1; i <= steps; i++) {
            chain.add(new MigrationDefinition("step-" + i, "1." + (i - 1) + ".0", "1." + i + ".0", "", false,
                    () -> ctx -> { }, fingerprint(i)));
        }
        return chain.build();
    }

    /**
     * @return a fingerprint as the processor writes them, different for each step, so that a no-op run compares a
     *         real digest of the applied steps' code ({@code docs/fingerprints.md})
     */
    private static String fingerprint(int step) {
        return "v1:" + String.format("%064x", step);
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

    private static Summary summary(Map<String, MultisetStatistics> pooled, String key) {
        MultisetStatistics s = pooled.get(key);
        if (s == null || s.getN() == 0) {
            throw new IllegalStateException("JMH produced no samples for " + key);
        }
        double toMillis = 1e-3;
        return new Summary(s.getPercentile(50) * toMillis, s.getPercentile(25) * toMillis,
                s.getPercentile(75) * toMillis, s.getMin() * toMillis, s.getMax() * toMillis, s.getN());
    }
}
