package dev.smartmigration.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An {@link Instance} in its own JVM: the same {@code java} and class path as this test JVM, small flags for a
 * fast start on few cores, stdout read line by line (progress and the result), stderr (its log) kept in
 * {@code target/reliability-logs}. Every wait is bounded; {@link #close()} kills the process if it still runs.
 */
final class ChildJvm implements AutoCloseable {

    private static final List<String> JVM_FLAGS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx128m");

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reader = new Thread(this::readStdout, "stdout-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts an instance.
     *
     * @param name a name unique in the run, for its log file
     * @param args the instance's {@code key=value} arguments
     * @return the running child
     */
    static ChildJvm start(String name, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Instance.class.getName());
        command.addAll(args);
        try {
            Path logs = Path.of(System.getProperty("reliability.logs", "target/reliability-logs"));
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectError(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** @return the process id */
    long pid() {
        return process.pid();
    }

    /**
     * Waits for a stdout line.
     *
     * @param wanted  which line
     * @param timeout how long at most
     * @return the line
     * @throws AssertionError when the child exits or the time runs out first
     */
    String awaitLine(Predicate<String> wanted, Duration timeout) {
        return awaitLines(wanted, 1, timeout).get(0);
    }

    /**
     * Waits for several stdout lines.
     *
     * @param wanted  which lines
     * @param count   how many at least
     * @param timeout how long at most
     * @return every matching line so far (at least {@code count}), in order
     * @throws AssertionError when the child exits or the time runs out first
     */
    List<String> awaitLines(Predicate<String> wanted, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                boolean alive = reader.isAlive();
                List<String> found = lines.stream().filter(wanted).toList();
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !alive) {
                    throw new AssertionError(name + ": expected " + (count == 1 ? "line" : count + " lines")
                            + " not seen within " + timeout + "; " + describe());
                }
                try {
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(name + ": interrupted", e);
                }
            }
        }
    }

    /**
     * @param wanted which lines
     * @return the matching stdout lines so far, in order
     */
    List<String> lines(Predicate<String> wanted) {
        synchronized (lines) {
            return lines.stream().filter(wanted).toList();
        }
    }

    /**
     * Waits for the child to exit.
     *
     * @param timeout how long at most
     * @return its result code: {@code OK}, an error code name, or {@code UNEXPECTED ...}
     * @throws AssertionError when it does not exit in time (it is then killed) or printed no result
     */
    String awaitResult(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not exit within " + timeout + "; " + describe());
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted", e);
        }
        String result = awaitLine(l -> l.startsWith("RESULT code="), Duration.ZERO);
        String code = result.substring("RESULT code=".length()).split(" ")[0];
        int expectedStatus = code.equals("OK") ? 0
                : code.equals("UNEXPECTED") ? 2
                : Instance.exitStatus(dev.smartmigration.runtime.ErrorCode.valueOf(code));
        if (process.exitValue() != expectedStatus) {
            throw new AssertionError(name + " printed " + result + " but exited " + process.exitValue());
        }
        return code;
    }

    /**
     * Sends a signal with the {@code kill} command.
     *
     * @param signal e.g. {@code STOP} or {@code CONT}
     */
    void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGKILL, and waits (bounded) until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Kills the process if it still runs (SIGKILL also ends a stopped process). */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** @return the child's name, stdout so far and where its log is */
    String describe() {
        synchronized (lines) {
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return "child " + name + " (pid " + process.pid() + (process.isAlive() ? ", running" : ", exited")
                    + "), last stdout " + tail + ", log " + log.toAbsolutePath();
        }
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream closes when the child dies: the lines so far are all there is
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }
}
