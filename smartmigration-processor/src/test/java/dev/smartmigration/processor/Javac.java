package dev.smartmigration.processor;

import dev.smartmigration.runtime.MigrationChain;
import dev.smartmigration.runtime.MigrationDefinition;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** The real compiler on real files, with this module's processor, and the chain it generated loaded as the runtime does. */
final class Javac {

    private Javac() {
    }

    /**
     * @param args javac's command line: options, then source files
     * @return what javac reported
     */
    static IncrementalBuildTest.TestProject.Result run(List<String> args) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.endsWith(".java")) {
                files.add(Path.of(arg));
            } else {
                options.add(arg);
            }
        }
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            task.setProcessors(List.of(new MigrationProcessor()));
            task.call();
        }
        List<String> all = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> errorLines = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            all.add(d.getKind() + ": " + message);
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(message);
                if (d.getSource() != null) {
                    errorLines.add(Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber());
                }
            }
        }
        return new IncrementalBuildTest.TestProject.Result(all, errors, errorLines);
    }

    /**
     * @param classes a class output directory
     * @return its generated chain's steps as {@code id from->to}, each created once (so every class is there)
     */
    static List<String> loadChain(Path... classes) throws IOException {
        List<String> steps = new ArrayList<>();
        for (MigrationDefinition d : load(classes)) {
            steps.add(d.id() + " " + d.from() + "->" + d.to());
        }
        return steps;
    }

    /**
     * @param classes a class output directory
     * @return its generated chain's steps as {@code id fingerprint} ({@code null} when not known), in chain order
     */
    static List<String> loadFingerprints(Path... classes) throws IOException {
        List<String> steps = new ArrayList<>();
        for (MigrationDefinition d : load(classes)) {
            steps.add(d.id() + " " + d.fingerprint());
        }
        return steps;
    }

    private static List<MigrationDefinition> load(Path... classes) throws IOException {
        URL[] urls = new URL[classes.length];
        for (int i = 0; i < classes.length; i++) {
            urls[i] = classes[i].toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, Javac.class.getClassLoader())) {
            String service = Files.readString(classes[0].resolve(ChainWriter.SERVICE_FILE));
            String name = service.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
            MigrationChain chain = (MigrationChain) Class.forName(name, true, loader).getConstructor().newInstance();
            for (MigrationDefinition d : chain.steps()) {
                d.factory().get();
            }
            return chain.steps();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
