package dev.smartmigration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the documentation honest: every {@code ```java} block in README.md and docs/*.md must appear, line for
 * line (indentation and blank lines aside), in a Java source file that the build compiles (any module's
 * {@code src/main/java} or {@code src/test/java}, or the chain the processor generates for this module, which
 * docs/processor.md shows). A sample that no longer compiles therefore fails the build
 * where its source lives, and a sample edited only in the docs fails here. Console output, XML and shell
 * commands go in blocks of another language.
 */
class DocSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Path ROOT = repositoryRoot();

    @Test
    void everyJavaSampleInTheDocs_isPartOfCompiledSource() throws IOException {
        List<String> sources = compiledSources();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
            while (m.find()) {
                checked++;
                String block = normalise(m.group(1));
                if (sources.stream().noneMatch(s -> s.contains(block))) {
                    missing.add(ROOT.relativize(doc) + ":\n" + m.group(1));
                }
            }
        }
        assertTrue(checked > 0, "no ```java blocks found in README.md or docs/ under " + ROOT);
        assertTrue(missing.isEmpty(), "Java samples in the docs that no compiled source contains "
                + "(copy them from, or into, a file under a module's src/main/java or src/test/java):\n\n"
                + String.join("\n\n", missing));
    }

    @Test
    void normalise_ignoresIndentationAndBlankLines_butNotContent() {
        assertEquals(normalise("a();\nb();"), normalise("    a();\n\n        b();\n"));
        assertNotEquals(normalise("a();\nb();"), normalise("a();\nc();"));
        assertNotEquals(normalise("a(); // one"), normalise("a(); // two"));
    }

    @Test
    void compiledSources_includeNestedModules_andLeaveOutSourcesTheBuildDoesNotCompile() throws IOException {
        List<Path> trees = sourceTrees();

        assertTrue(trees.contains(ROOT.resolve("smartmigration-runtime/src/main/java")), trees::toString);
        assertTrue(trees.contains(ROOT.resolve("examples/quickstart/src/test/java")), trees::toString);
        assertTrue(trees.stream().noneMatch(t -> t.toString().contains("broken-chain")), trees::toString);
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /**
     * The {@code src/main/java} and {@code src/test/java} of every module, at any depth, outside build output, and
     * this module's generated sources.
     */
    private static List<Path> sourceTrees() throws IOException {
        List<Path> trees = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(ROOT) && (name.equals("target") || name.startsWith("."))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                boolean sourceTree = dir.endsWith(Path.of("src", "main", "java"))
                        || dir.endsWith(Path.of("src", "test", "java"));
                if (sourceTree && Files.isRegularFile(dir.getParent().getParent().getParent().resolve("pom.xml"))) {
                    trees.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        trees.sort(null);
        // The chain the processor generated while this module compiled: compiled too, and docs/processor.md shows it.
        Path generated = Path.of("target", "generated-sources", "annotations").toAbsolutePath();
        if (Files.isDirectory(generated)) {
            trees.add(generated);
        }
        return trees;
    }

    private static List<String> compiledSources() throws IOException {
        List<String> sources = new ArrayList<>();
        for (Path tree : sourceTrees()) {
            try (Stream<Path> files = Files.walk(tree)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(normalise(read(p))));
            }
        }
        return sources;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (with mvnw and README.md) above "
                + Path.of("").toAbsolutePath());
    }

    static String normalise(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
