package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new JDK must give an unchanged migration the same fingerprint, or upgrading the JDK would report every applied
 * step as edited. The same source, one migration written with every form of Java 17 syntax, is compiled by the JDK
 * that runs the tests and by every other JDK found (the directories listed in {@code SMARTMIGRATION_TEST_JDKS},
 * else the JDKs installed beside this one), with {@code --release 17} and with the JDK's own language level, and
 * the fingerprints must be equal.
 */
class FingerprintStabilityTest {

    private static final String CORPUS = "/fingerprint-corpus/com/acme/EverySyntax.java";
    private static final String PROCESSOR = "dev.smartmigration.processor.MigrationProcessor";

    @Test
    void migrationWithEveryFormOfSyntax_hasTheSameFingerprintOnEveryJdkFound(@TempDir Path dir) throws Exception {
        Path source = Path.of(FingerprintStabilityTest.class.getResource(CORPUS).toURI());
        String here = fingerprint(Javac.run(options(dir.resolve("here"), source)), dir.resolve("here"));
        assertThat(here).matches("v1:[0-9a-f]{64}");

        List<Path> others = otherJdks();
        assumeFalse(others.isEmpty(), "no other JDK found: set SMARTMIGRATION_TEST_JDKS to JDK directories");
        Map<String, String> there = new LinkedHashMap<>();
        for (Path jdk : others) {
            for (List<String> level : List.of(List.of("--release", "17"), List.<String>of())) {
                Path out = dir.resolve("jdk" + there.size());
                List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/javac").toString(), "-processor",
                        PROCESSOR));
                command.addAll(level);
                command.addAll(options(out, source));
                there.put(jdk + " " + level, fingerprint(run(command), out));
            }
        }
        there.forEach((jdk, fingerprint) -> assertThat(jdk + " " + fingerprint).isEqualTo(jdk + " " + here));
    }

    /** JDK 25's module imports ({@code import module java.sql;}) have no API in JDK 17, for which this is built. */
    @Test
    void moduleImport_onAJdkThatHasThem_isPartOfTheFingerprint(@TempDir Path dir) throws Exception {
        Optional<Path> jdk = otherJdks().stream().filter(j -> major(j) >= 25).findFirst();
        assumeFalse(jdk.isEmpty(), "no JDK 25 or later found: set SMARTMIGRATION_TEST_JDKS");
        List<String> fingerprints = new ArrayList<>();
        for (String module : List.of("java.sql", "java.sql", "java.logging")) {
            Path out = dir.resolve("out" + fingerprints.size());
            Path source = Files.createDirectories(out.resolve("src/com/acme")).resolve("EverySyntax.java");
            Files.writeString(source, String.join("\n",
                    "package com.acme;",
                    "import module " + module + ";",
                    "@dev.smartmigration.annotations.Migration(id = \"every-syntax\", from = \"1.0.0\", to = \"1.1.0\")",
                    "public class EverySyntax implements dev.smartmigration.runtime.MigrationStep {",
                    "    @Override public void up(dev.smartmigration.runtime.MigrationContext ctx) {",
                    "        System.out.println(Level.INFO);",
                    "    }",
                    "    static final class Level { static final String INFO = \"info\"; }",
                    "}"));
            List<String> command = new ArrayList<>(List.of(jdk.get().resolve("bin/javac").toString(), "-processor",
                    PROCESSOR));
            command.addAll(options(out, source));
            fingerprints.add(fingerprint(run(command), out));
        }

        assertThat(fingerprints.get(1)).isEqualTo(fingerprints.get(0));
        assertThat(fingerprints.get(2)).isNotEqualTo(fingerprints.get(0));
    }

    private static int major(Path jdk) {
        try {
            return Integer.parseInt(version(jdk).orElse("0").split("[.-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> options(Path out, Path source) throws IOException {
        Files.createDirectories(out.resolve("classes"));
        Files.createDirectories(out.resolve("generated"));
        String classpath = System.getProperty("java.class.path");
        return List.of("-Xlint:all", "-d", out.resolve("classes").toString(), "-s", out.resolve("generated").toString(),
                "-classpath", classpath, "-processorpath", classpath, source.toString());
    }

    private static String fingerprint(IncrementalBuildTest.TestProject.Result result, Path out) throws IOException {
        assertThat(result.errors()).isEmpty();
        List<String> lines = Files.readAllLines(out.resolve("classes/com/acme/" + FingerprintFile.NAME));
        assertThat(lines).hasSize(3);
        String[] words = lines.get(2).split(" ");
        assertThat(words[0]).isEqualTo("every-syntax");
        return words[1];
    }

    private static IncrementalBuildTest.TestProject.Result run(List<String> command)
            throws IOException, InterruptedException {
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(javac.waitFor(5, TimeUnit.MINUTES)).isTrue();
        List<String> errors = javac.exitValue() == 0 ? List.of() : List.of(output);
        return new IncrementalBuildTest.TestProject.Result(List.of(output), errors, List.of());
    }

    /** @return the JDKs to compare with: not this one, one per Java version, each with a javac */
    private static List<Path> otherJdks() throws IOException {
        String listed = System.getenv("SMARTMIGRATION_TEST_JDKS");
        List<Path> candidates = new ArrayList<>();
        Path home = Path.of(System.getProperty("java.home")).toRealPath();
        if (listed != null && !listed.isBlank()) {
            for (String entry : listed.split(File.pathSeparator)) {
                candidates.add(Path.of(entry));
            }
        } else if (home.getParent() != null) {
            try (Stream<Path> siblings = Files.list(home.getParent())) {
                siblings.sorted().forEach(candidates::add);
            }
        }
        Map<String, Path> byVersion = new LinkedHashMap<>();
        String current = version(home).orElse(System.getProperty("java.version"));
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate.resolve("bin/javac"))) {
                continue;
            }
            Path real = candidate.toRealPath();
            version(real).filter(v -> !v.equals(current)).ifPresent(v -> byVersion.putIfAbsent(v, real));
        }
        return List.copyOf(byVersion.values());
    }

    /** @return {@code JAVA_VERSION} from the JDK's {@code release} file */
    private static Optional<String> version(Path jdk) throws IOException {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        return Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).findFirst();
    }
}
