package dev.smartmigration.benchmarks;

import dev.smartmigration.testing.MongoTestServer;
import dev.smartmigration.testing.S3TestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The single entry point: runs every benchmark and prints {@code name: ratio (ours / baseline; minima: ratio)}
 * lines with the medians, spreads and what each baseline is, plus a machine line.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl examples/benchmarks -am package -DskipTests
 * java -jar examples/benchmarks/target/benchmarks.jar            # the full run, a few minutes
 * java -jar examples/benchmarks/target/benchmarks.jar --smoke    # about a second each: proves they still work
 * java -jar examples/benchmarks/target/benchmarks.jar --only=chain-init,boot-storm,fleet
 * java -jar examples/benchmarks/target/benchmarks.jar --only=large-data-all --large-documents=200000 --large-rounds=5
 * }</pre>
 *
 * <p>Set {@code SMARTMIGRATION_TEST_MONGODB_URI} to measure against a real MongoDB instead of the embedded one, and
 * {@code SMARTMIGRATION_TEST_S3_ENDPOINT} (with {@code SMARTMIGRATION_TEST_S3_BUCKET}, {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}) for a real S3 endpoint instead of S3Proxy.
 */
public final class Benchmarks {

    /** The benchmarks, in the order they run; names for {@code --only}. */
    public static final List<String> NAMES = List.of("noop", "chain-load", "chain-init", "mongock", "processor",
            "boot-storm", "fleet", "large-data", "large-data-all");

    static final String CHAIN_PACKAGE = "bench.chain";
    static final String STEPS_PACKAGE = "bench.steps";
    static final String MONGOCK_PACKAGE = "bench.mongock";
    static final String REFERENCE_PACKAGE = "bench.refs";

    private Benchmarks() {
    }

    /**
     * @param args {@code [--smoke] [--only=name,name] [--large-documents=n] [--large-rounds=n]} (the large-data
     *             benchmarks' 20,000 documents and 3 measured rounds; mongo-java-server scans the collection for
     *             each batch's query, so there the time grows with the square of the size)
     */
    public static void main(String[] args) {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        Set<String> only = Arrays.stream(args).filter(a -> a.startsWith("--only=")).findFirst()
                .map(a -> Set.of(a.substring("--only=".length()).split(","))).orElse(Set.copyOf(NAMES));
        Scale scale = smoke ? Scale.smokeRun() : Scale.fullRun();
        Optional<String> documents = Arrays.stream(args).filter(a -> a.startsWith("--large-documents=")).findFirst();
        if (documents.isPresent()) {
            scale = scale.withLargeDocuments(Integer.parseInt(documents.get().substring("--large-documents=".length())));
        }
        Optional<String> rounds = Arrays.stream(args).filter(a -> a.startsWith("--large-rounds=")).findFirst();
        if (rounds.isPresent()) {
            scale = scale.withLargeRounds(Integer.parseInt(rounds.get().substring("--large-rounds=".length())));
        }
        run(scale, only, System.out);
    }

    /**
     * @param scale what to measure and how long
     * @param only  the benchmarks to run (see {@link #NAMES})
     * @param out   where the report goes
     * @return every comparison made, in order
     */
    static List<Comparison> run(Scale scale, Set<String> only, PrintStream out) {
        if (!NAMES.containsAll(only)) {
            throw new IllegalArgumentException("unknown benchmark in " + only + "; known: " + NAMES);
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // mongo-java-server logs each duplicate key (a lock race lost, as expected) at ERROR with a stack trace
        System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel", "off");
        out.println("smartmigration benchmarks" + (scale.smoke() ? " (smoke run: the figures mean nothing)" : "")
                + ", " + LocalDate.now());
        out.println(Machine.describe());
        List<Comparison> results = new ArrayList<>();
        Path work = createWorkDirectory();
        try (MongoTestServer server = MongoTestServer.start()) {
            out.println("mongodb: " + (server.isEmbedded() ? "mongo-java-server in this JVM, loopback" : server.uri()));
            if (only.contains("noop")) {
                NoopBenchmarks.run(scale, "noop-run-mongo", MongoNoop.class, "bareFind",
                        "a bare find({_id: ledgerName}).first() of the ledger document projected to format, "
                                + "formatVersion and version, same server and client (the single round trip a "
                                + "no-op run cannot avoid); JMH sample time per call")
                        .forEach(c -> report(out, results, c));
                NoopBenchmarks.run(scale, "noop-run-s3", S3Noop.class, "bareHead",
                        "a bare HeadObject of the ledger object, same endpoint and client (the single request a "
                                + "no-op run cannot avoid); JMH sample time per call")
                        .forEach(c -> report(out, results, c));
            }
            Path chainSources = work.resolve("chain-src");
            Path chainClasses = work.resolve("chain-classes");
            if (only.contains("chain-load") || only.contains("chain-init") || only.contains("processor")
                    || only.contains("boot-storm")) {
                Sources.smartmigrationSteps(chainSources, CHAIN_PACKAGE, scale.chainSteps());
                Javac.compile(chainSources, chainClasses, true);
            }
            if (only.contains("chain-load")) {
                ChainLoadBenchmark.run(scale, server, chainClasses).forEach(c -> report(out, results, c));
            }
            if (only.contains("chain-init")) {
                Path references = work.resolve("refs-classes");
                Sources.constructorReferenceChain(work.resolve("refs-src"), REFERENCE_PACKAGE, CHAIN_PACKAGE,
                        scale.chainSteps());
                Javac.compile(work.resolve("refs-src"), references, null, List.of(chainClasses));
                report(out, results, ChainInitBenchmark.run(scale, chainClasses, references));
            }
            if (only.contains("mongock")) {
                Path steps = work.resolve("steps-classes");
                Path changeUnits = work.resolve("mongock-classes");
                Sources.smartmigrationSteps(work.resolve("steps-src"), STEPS_PACKAGE, scale.mongockSteps());
                Sources.mongockChangeUnits(work.resolve("mongock-src"), MONGOCK_PACKAGE, scale.mongockSteps());
                Javac.compile(work.resolve("steps-src"), steps, true);
                Javac.compile(work.resolve("mongock-src"), changeUnits, false);
                MongockBenchmark.run(scale, server, steps, changeUnits).forEach(c -> report(out, results, c));
            }
            if (only.contains("processor")) {
                ProcessorBenchmark.run(scale, chainSources, work).forEach(c -> report(out, results, c));
            }
            if (only.contains("boot-storm")) {
                BootStormBenchmark.run(scale, server, chainClasses).forEach(c -> report(out, results, c));
            }
            if (only.contains("fleet")) {
                try (S3TestServer s3 = S3TestServer.start()) {
                    FleetBenchmark.run(scale, server, s3).forEach(c -> report(out, results, c));
                }
            }
            if (only.contains("large-data")) {
                try (S3TestServer s3 = S3TestServer.start()) {
                    LargeDataBenchmark.run(scale, server, s3).forEach(c -> report(out, results, c));
                }
            }
            if (only.contains("large-data-all")) {
                report(out, results, LargeDataBenchmark.runUnfiltered(scale, server));
            }
        } finally {
            delete(work);
        }
        return List.copyOf(results);
    }

    private static void report(PrintStream out, List<Comparison> results, Comparison comparison) {
        results.add(comparison);
        out.println(comparison.line());
        out.flush();
    }

    private static Path createWorkDirectory() {
        try {
            return Files.createTempDirectory("smartmigration-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory", e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
