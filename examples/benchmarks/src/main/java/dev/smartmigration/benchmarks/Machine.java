package dev.smartmigration.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Describes the machine the figures come from, since absolute times are only comparable on one machine. */
final class Machine {

    private Machine() {
    }

    /** @return e.g. {@code machine: 2 cores (Intel Xeon ...), 23.4 GiB, OpenJDK 64-Bit Server VM 17.0.15, Linux amd64} */
    static String describe() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        return String.format(Locale.ROOT, "machine: %d cores%s, %.1f GiB, %s %s, %s %s",
                Runtime.getRuntime().availableProcessors(), cpuModel().map(m -> " (" + m + ")").orElse(""),
                memory / (1024.0 * 1024 * 1024), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
