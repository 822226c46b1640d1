package dev.smartmigration.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of the {@code apps}: the same {@code java}, this JVM's class path plus extra entries,
 * logging at WARN. Its timings are taken here, from just before the process is launched.
 */
final class Child implements AutoCloseable {

    private static final long EXIT_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final BufferedReader out;
    private final Path errFile;
    private final long launchedAt;

    private Child(Process process, Path errFile, long launchedAt) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errFile = errFile;
        this.launchedAt = launchedAt;
    }

    /**
     * @param classpath entries put before this JVM's class path (e.g. freshly compiled classes)
     * @param main      the app's main class
     * @param args      its arguments
     * @return the running child
     */
    static Child launch(List<Path> classpath, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", Classpath.with(classpath),
                main.getName()));
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("smartmigration-bench-child", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
            long launchedAt = System.nanoTime();
            return new Child(builder.start(), err, launchedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + main.getName(), e);
        }
    }

    /**
     * Launches a child, waits for its {@code DONE} line and for it to end successfully.
     *
     * @param classpath entries put before this JVM's class path
     * @param main      the app's main class
     * @param args      its arguments
     * @return the {@code DONE} line, timed from launch
     */
    static Line runToEnd(List<Path> classpath, Class<?> main, List<String> args) {
        try (Child child = launch(classpath, main, args.toArray(String[]::new))) {
            return child.await("DONE");
        }
    }

    /**
     * Reads lines until one starts with {@code prefix}.
     *
     * @param prefix e.g. {@code DONE}
     * @return the milliseconds from launch until the line arrived, and its {@code key=value} fields
     */
    Line await(String prefix) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(prefix)) {
                    double millis = (System.nanoTime() - launchedAt) / 1e6;
                    return new Line(millis, fields(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(failure("its output could not be read"), e);
        }
        throw new IllegalStateException(failure("it ended without printing " + prefix));
    }

    /** Sends one line to the child's standard input (the {@code wait} apps start on it). */
    void go() {
        try {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(failure("it could not be told to go"), e);
        }
    }

    /** Waits for the child to end and checks that it succeeded. */
    @Override
    public void close() {
        try {
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(failure("it did not end within " + EXIT_TIMEOUT_SECONDS + " s"));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(failure("it exited with " + process.exitValue()));
            }
            Files.deleteIfExists(errFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes this child after {@code primary} went wrong elsewhere, keeping any failure of its own as suppressed.
     *
     * @param primary the failure being reported
     */
    void closeAfter(RuntimeException primary) {
        try {
            close();
        } catch (RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private String failure(String what) {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        String err;
        try {
            err = Files.readString(errFile);
        } catch (IOException e) {
            err = "(stderr unreadable: " + e + ")";
        }
        return "child JVM " + process.pid() + " failed: " + what + ". Its stderr:\n" + err;
    }

    /**
     * One line a child printed.
     *
     * @param millisSinceLaunch milliseconds from just before launch until the line arrived
     * @param fields            its {@code key=value} pairs
     */
    record Line(double millisSinceLaunch, Map<String, String> fields) {

        /** @return the child's own measurement of its {@code run} call, in milliseconds */
        double runMillis() {
            return Long.parseLong(fields.get("runNanos")) / 1e6;
        }
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return Map.copyOf(fields);
    }
}
