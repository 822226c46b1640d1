package dev.smartmigration.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a source tree in this JVM with the JDK's compiler, with the smartmigration processor, another one, or
 * none. Times the compiling thread's CPU time, which javac spends in that thread: less disturbed by other load on
 * the machine than wall time.
 */
final class Javac {

    static final String PROCESSOR = "dev.smartmigration.processor.MigrationProcessor";

    private Javac() {
    }

    /**
     * @param sources       the source root
     * @param output        the class output directory (created)
     * @param withProcessor whether the smartmigration processor runs; otherwise {@code -proc:none}
     * @return the CPU milliseconds the compilation took
     * @throws IllegalStateException when the sources do not compile, with the compiler's diagnostics
     */
    static double compile(Path sources, Path output, boolean withProcessor) {
        return compile(sources, output, withProcessor ? PROCESSOR : null, List.of());
    }

    /**
     * @param sources       the source root
     * @param output        the class output directory (created)
     * @param processor     the processor class to run, or {@code null} for {@code -proc:none}
     * @param extra         entries put before this JVM's class path
     * @return the CPU milliseconds the compilation took
     */
    static double compile(Path sources, Path output, String processor, List<Path> extra) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": run the benchmarks on a JDK, not a JRE");
        }
        String classpath = Classpath.with(extra);
        List<String> options = new ArrayList<>(List.of("-d", output.toString(), "-classpath", classpath,
                "-implicit:none", "-nowarn", "-encoding", "UTF-8"));
        options.addAll(processor != null ? List.of("-processor", processor, "-processorpath", classpath)
                : List.of("-proc:none"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
             Stream<Path> walk = Files.walk(sources)) {
            Files.createDirectories(output);
            List<File> javaFiles = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromFiles(javaFiles)).call();
            double millis = (threads.getCurrentThreadCpuTime() - start) / 1e6;
            if (!ok) {
                throw new IllegalStateException("compiling " + sources + " failed:\n" + diagnostics.getDiagnostics()
                        .stream().limit(20).map(Object::toString).collect(Collectors.joining("\n")));
            }
            return millis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + sources, e);
        }
    }
}
