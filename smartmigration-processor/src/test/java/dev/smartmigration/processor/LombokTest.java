package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lombok 1.18.48 and this processor on one processor path, in either order, as javac discovers them there: a
 * migration whose no-arg constructor, logger and getter Lombok writes compiles into the chain without warnings, with
 * the same fingerprint.
 */
class LombokTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void migrationUsingLombok_isInTheChain_withLombokFirstOrLast(boolean lombokFirst, @TempDir Path dir)
            throws IOException {
        Path classes = compile(lombokFirst, dir);

        assertThat(Javac.loadChain(classes)).containsExactly("with-lombok 1.0.0->1.1.0");
    }

    /** The members Lombok adds to the syntax tree are not in the fingerprint, whether it runs before or after. */
    @Test
    void fingerprint_isTheSameWithLombokFirstOrLast(@TempDir Path dir) throws IOException {
        List<String> first = Javac.loadFingerprints(compile(true, dir.resolve("first")));
        List<String> last = Javac.loadFingerprints(compile(false, dir.resolve("last")));

        assertThat(first).hasSize(1);
        assertThat(first.get(0)).matches("with-lombok v1:[0-9a-f]{64}");
        assertThat(last).isEqualTo(first);
    }

    /** @return the class output of a compilation of one migration that uses Lombok, which must be clean */
    private static Path compile(boolean lombokFirst, Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/com/acme"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = src.resolve("WithLombok.java");
        Files.writeString(file, String.join("\n",
                "package com.acme;",
                "",
                "import dev.smartmigration.annotations.Migration;",
                "import dev.smartmigration.runtime.MigrationContext;",
                "import dev.smartmigration.runtime.MigrationStep;",
                "import lombok.Getter;",
                "import lombok.NoArgsConstructor;",
                "import lombok.extern.slf4j.Slf4j;",
                "",
                "@Migration(id = \"with-lombok\", from = \"1.0.0\", to = \"1.1.0\")",
                "@NoArgsConstructor",
                "@Slf4j",
                "public class WithLombok implements MigrationStep {",
                "    @Getter",
                "    private String collection = \"users\";",
                "",
                "    public WithLombok(String collection) {",
                "        this.collection = collection;",
                "    }",
                "",
                "    @Override",
                "    public void up(MigrationContext ctx) {",
                "        log.debug(\"migrating {}\", collection);",
                "    }",
                "}"));

        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> lombok = entries.stream().filter(e -> e.contains("lombok")).collect(Collectors.toList());
        List<String> others = entries.stream().filter(e -> !e.contains("lombok")).collect(Collectors.toList());
        assertThat(lombok).hasSize(1);
        List<String> processorPath = new ArrayList<>(lombokFirst ? lombok : others);
        processorPath.addAll(lombokFirst ? others : lombok);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            ok = javac.getTask(null, files, diagnostics, List.of("-Xlint:all", "-Werror",
                            "-d", classes.toString(),
                            "-classpath", System.getProperty("java.class.path"),
                            "-processorpath", String.join(File.pathSeparator, processorPath)),
                    null, files.getJavaFileObjects(file)).call();
        }

        List<String> reported = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(d -> d.getKind() + ": " + d.getMessage(Locale.ROOT)).collect(Collectors.toList());
        assertThat(reported).isEmpty();
        assertThat(ok).isTrue();
        return classes;
    }
}
