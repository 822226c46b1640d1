package dev.smartmigration.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the quickstart plus {@code src/broken-chain/java} with the real processor, as
 * {@code ./mvnw compile -Pbroken-chain} does, and checks the error a user sees.
 */
class BrokenChainTest {

    private static final Path BROKEN = Path.of("src/broken-chain/java/dev/smartmigration/examples/quickstart/"
            + "AddOrdersCustomerIndex.java");

    @Test
    void migrationStartingAfterTheChainEnds_failsWithChainGapOnItsFromValue(@TempDir Path out) throws IOException {
        List<Diagnostic<? extends JavaFileObject>> errors = compile(out);

        assertEquals(1, errors.size(), () -> "errors: " + errors);
        Diagnostic<? extends JavaFileObject> error = errors.get(0);
        assertEquals("[smartmigration:CHAIN_GAP] migration chain has a gap between 1.3.0 and 1.4.0: "
                + "dev.smartmigration.examples.quickstart.AddOrdersCustomerIndex starts at from = \"1.4.0\" but the "
                + "preceding migration dev.smartmigration.examples.quickstart.DropLegacyNameFields ends at "
                + "to = \"1.3.0\". Add a migration from 1.3.0 to 1.4.0, or change AddOrdersCustomerIndex to "
                + "from = \"1.3.0\".", error.getMessage(Locale.ROOT));
        assertEquals(BROKEN.toAbsolutePath().normalize(), Path.of(error.getSource().toUri()).normalize());
        List<String> lines = Files.readAllLines(BROKEN, StandardCharsets.UTF_8);
        String line = lines.get((int) error.getLineNumber() - 1);
        assertTrue(line.contains("from = \"1.4.0\""), line);
        assertEquals(line.indexOf("\"1.4.0\"") + 1, error.getColumnNumber(), line);
        assertFalse(Files.exists(out.resolve("dev/smartmigration/examples/quickstart/GeneratedMigrationChain.java")));
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(Path.of("target").toAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
             Stream<Path> main = Files.walk(Path.of("src/main/java"))) {
            List<File> sources = Stream.concat(main, Stream.of(BROKEN))
                    .filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toFile)
                    .collect(Collectors.toList());
            List<String> options = List.of("--release", "17", "-classpath", classpath,
                    "-d", out.toString(), "-s", out.toString());
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromFiles(sources)).call();
            assertFalse(compiled);
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .collect(Collectors.toList());
    }
}
