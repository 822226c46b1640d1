package dev.smartmigration.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark for about a second so none of them can rot. Asserts only that each produced a finite,
 * positive ratio and its report line: never a timing. Uses the embedded MongoDB and S3Proxy unless
 * {@code SMARTMIGRATION_TEST_MONGODB_URI} / {@code SMARTMIGRATION_TEST_S3_ENDPOINT} name real ones.
 */
class BenchmarksSmokeTest {

    private static final List<String> EXPECTED = List.of("noop-run-mongo", "noop-run-mongo-long-history",
            "noop-run-s3", "noop-run-s3-long-history",
            "chain-load-fast-path",
            "chain-load-chain-loaded", "cold-boot-noop", "chain-init", "mongock-first-run", "mongock-noop-rerun",
            "mongock-noop-call", "processor-cost", "processor-cost-over-any-processor",
            "processor-cost-over-generating-processor",
            "boot-storm-median", "boot-storm-slowest",
            "boot-storm-warm-median", "fleet-2-instances", "fleet-4-instances", "fleet-noop-boot",
            "fleet-noop-boot-large", "fleet-noop-boot-s3", "walk-mongo-vs-keyset-loop", "keyset-loop-vs-update-one",
            "walk-s3-copy-vs-loop", "walk-mongo-all-vs-keyset-loop");

    @Test
    void smokeRun_everyBenchmarkReportsAFiniteRatio() {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        List<Comparison> results;
        try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
            results = Benchmarks.run(Scale.smokeRun(), Set.copyOf(Benchmarks.NAMES), out);
        }
        String printed = report.toString(StandardCharsets.UTF_8);
        System.out.print(printed);

        assertEquals(EXPECTED, results.stream().map(Comparison::name).toList());
        for (Comparison c : results) {
            assertTrue(Double.isFinite(c.ratio()) && c.ratio() > 0, c.name() + " ratio " + c.ratio());
            assertTrue(printed.contains(c.name() + ": "), "report line for " + c.name());
        }
        assertTrue(printed.contains("machine: "), "machine line");
    }

    @Test
    void unknownBenchmarkName_isRejectedBeforeAnythingRuns() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Benchmarks.run(Scale.smokeRun(), Set.of("nope"), new PrintStream(new ByteArrayOutputStream(),
                        true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
