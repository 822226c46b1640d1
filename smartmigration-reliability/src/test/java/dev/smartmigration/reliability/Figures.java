package dev.smartmigration.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a scenario ran and found, appended as one line to {@code target/reliability-figures/figures.txt} (and
 * printed), the source of the table in {@code docs/reliability.md}.
 */
final class Figures {

    private Figures() {
    }

    /**
     * @param scenario the scenario
     * @param store    the ledger's store
     * @param figures  name, value, name, value, ... in order
     */
    static void record(String scenario, String store, Object... figures) {
        StringBuilder line = new StringBuilder(scenario).append(" | ").append(store).append(" |");
        for (int i = 0; i + 1 < figures.length; i += 2) {
            line.append(i == 0 ? " " : ", ").append(figures[i]).append('=').append(figures[i + 1]);
        }
        System.out.println("FIGURES " + line);
        try {
            Path dir = Path.of(System.getProperty("reliability.figures", "target/reliability-figures"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("figures.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name    the system property
     * @param fallback the value when it is not set
     * @return the property as a number
     */
    static int setting(String name, int fallback) {
        return Integer.getInteger(name, fallback);
    }
}
