package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain is complete whatever subset of the sources javac is given. Each test compiles real directories with
 * the real compiler, as the maven-compiler-plugin does with {@code useIncrementalCompilation=false} (only the stale
 * sources, {@code target/classes} on the class path, the source roots as {@code -sourcepath}) and as an IDE does
 * (only the changed sources, the output on the class path, no source path), with {@code -Xlint:all}.
 *
 * <p>Where a partial compilation must write the chain again, javac's {@code -Xlint:processing} notes that the
 * chain's class from the earlier build is on the class path ("already exists"), as it does for every processor that
 * regenerates a type; the tests assert that this is the only thing javac reports.
 */
class IncrementalBuildTest {

    private static final List<String> REGENERATED = List.of(
            "WARNING: A file for type 'com.acme.GeneratedMigrationChain' already exists on the sourcepath or classpath");

    private TestProject project;

    @BeforeEach
    void createProject(@TempDir Path dir) throws IOException {
        project = new TestProject(dir);
        project.write("M1", "m1", "1.0.0", "1.1.0");
        project.write("M2", "m2", "1.1.0", "1.2.0");
        project.write("M3", "m3", "1.2.0", "1.3.0");
        project.write("App", "public class App { }");
        TestProject.Result full = project.compile(true, "M1", "M2", "M3", "App");
        assertThat(full.errors()).isEmpty();
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2 1.1.0->1.2.0", "m3 1.2.0->1.3.0").inOrder();
    }

    @Test
    void recompilingOneChangedMigration_keepsTheOthersInTheChain() throws IOException {
        project.write("M2", "m2-renamed", "1.1.0", "1.2.0");

        TestProject.Result result = project.compile(true, "M2");

        assertThat(result.diagnostics()).isEqualTo(REGENERATED);
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2-renamed 1.1.0->1.2.0", "m3 1.2.0->1.3.0")
                .inOrder();
    }

    @Test
    void recompilingOneChangedMigration_withoutSourcePathAsAnIdeDoes_keepsTheOthersInTheChain() throws IOException {
        project.write("M1", "m1-renamed", "1.0.0", "1.1.0");

        TestProject.Result result = project.compile(false, "M1");

        assertThat(result.diagnostics()).isEqualTo(REGENERATED);
        assertThat(project.chain()).containsExactly("m1-renamed 1.0.0->1.1.0", "m2 1.1.0->1.2.0", "m3 1.2.0->1.3.0")
                .inOrder();
    }

    @Test
    void compilingOneAddedMigration_appendsItToTheWholeChain() throws IOException {
        project.write("M4", "m4", "1.3.0", "1.4.0");

        TestProject.Result result = project.compile(true, "M4");

        assertThat(result.diagnostics()).isEqualTo(REGENERATED);
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2 1.1.0->1.2.0", "m3 1.2.0->1.3.0",
                "m4 1.3.0->1.4.0").inOrder();
    }

    @Test
    void afterDeletingOneMigrationWithItsClassFile_theChainNoLongerHasIt() throws IOException {
        project.delete("M3");
        project.write("M4", "m4", "1.2.0", "1.3.0");

        TestProject.Result result = project.compile(true, "M4");

        assertThat(result.diagnostics()).isEqualTo(REGENERATED);
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2 1.1.0->1.2.0", "m4 1.2.0->1.3.0").inOrder();
    }

    @Test
    void afterDeletingOnlyTheSourceOfAMigration_itsLeftoverClassFileFailsTheBuild() throws IOException {
        project.deleteSource("M3");
        project.write("M1", "m1-renamed", "1.0.0", "1.1.0");

        TestProject.Result result = project.compile(true, "M1");

        assertThat(result.errors()).containsExactly("[smartmigration:STALE_BUILD_OUTPUT] com.acme.M3 is in the "
                + "migration chain of an earlier compilation and its class file is still in the class output, but its "
                + "source com/acme/M3.java is on no source path, so it may have been deleted. If it was, its class "
                + "file is stale: rebuild the module from clean (mvn clean compile). If the class is declared in a "
                + "file of another name, move it to com/acme/M3.java.");
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2 1.1.0->1.2.0", "m3 1.2.0->1.3.0").inOrder();
    }

    @Test
    void removingMigrationFromAClass_compiledWithAnotherMigration_leavesItOutOfTheChain() throws IOException {
        project.write("M2", "public class M2 { }");
        project.write("M3", "m3", "1.1.0", "1.2.0");

        TestProject.Result result = project.compile(true, "M2", "M3");

        assertThat(result.diagnostics()).isEqualTo(REGENERATED);
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m3 1.1.0->1.2.0").inOrder();
    }

    @Test
    void editingAFromInOneFile_checksTheRulesOverTheWholeChain() throws IOException {
        project.write("M2", "m2", "1.1.5", "1.2.0");

        TestProject.Result result = project.compile(true, "M2");

        assertThat(result.errors()).containsExactly("[smartmigration:CHAIN_GAP] migration chain has a gap between "
                + "1.1.0 and 1.1.5: com.acme.M2 starts at from = \"1.1.5\" but the preceding migration com.acme.M1 ends "
                + "at to = \"1.1.0\". Add a migration from 1.1.0 to 1.1.5, or change M2 to from = \"1.1.0\".");
        assertThat(result.errorLines()).containsExactly("M2.java:8");
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2 1.1.0->1.2.0", "m3 1.2.0->1.3.0").inOrder();

        project.write("M3", "m3", "1.2.0", "1.3.0");
        project.write("M2", "m2", "1.1.0", "1.2.5");
        TestProject.Result overlap = project.compile(true, "M2");

        assertThat(overlap.errors()).hasSize(1);
        assertThat(overlap.errors().get(0)).startsWith("[smartmigration:CHAIN_OVERLAP] migration com.acme.M3 "
                + "(1.2.0 -> 1.3.0) overlaps com.acme.M2 (1.1.0 -> 1.2.5)");
    }

    @Test
    void editingAFromAndTheNextStepTogether_regeneratesTheChain() throws IOException {
        project.write("M2", "m2", "1.1.0", "1.2.5");
        project.write("M3", "m3", "1.2.5", "1.3.0");

        TestProject.Result result = project.compile(true, "M2", "M3");

        assertThat(result.diagnostics()).isEqualTo(REGENERATED);
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2 1.1.0->1.2.5", "m3 1.2.5->1.3.0").inOrder();
    }

    @Test
    void recompilingWithNoChangeToAnyMigration_leavesTheChainUntouched() throws IOException {
        FileTime generated = project.chainSourceTime();
        project.write("M2", "m2", "1.1.0", "1.2.0");

        TestProject.Result result = project.compile(true, "M2", "App");

        assertThat(result.diagnostics()).isEmpty();
        assertThat(project.chainSourceTime()).isEqualTo(generated);
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2 1.1.0->1.2.0", "m3 1.2.0->1.3.0").inOrder();
    }

    @Test
    void generatedChainPassedAgainAfterAFailedBuild_compilesWhenStillCurrent_failsClearlyWhenNot() throws IOException {
        project.write("M4", "m4", "1.3.0", "1.4.0", "int broken = \"not an int\";");
        TestProject.Result failed = project.compile(true, "M4");
        assertThat(failed.errors()).hasSize(1);
        assertThat(failed.errors().get(0)).contains("incompatible types");

        project.write("M4", "m4", "1.3.0", "1.4.0");
        TestProject.Result fixed = project.compile(true, "M4", TestProject.GENERATED_CHAIN);

        assertThat(fixed.diagnostics()).isEmpty();
        assertThat(fixed.errors()).isEmpty();
        assertThat(project.chain()).containsExactly("m1 1.0.0->1.1.0", "m2 1.1.0->1.2.0", "m3 1.2.0->1.3.0",
                "m4 1.3.0->1.4.0").inOrder();

        project.write("M5", "m5", "1.4.0", "1.5.0", "int broken = \"not an int\";");
        assertThat(project.compile(true, "M5").errors()).hasSize(1);
        project.write("M5", "m5", "1.4.0", "1.6.0");
        TestProject.Result changed = project.compile(true, "M5", TestProject.GENERATED_CHAIN);

        assertThat(changed.errors()).hasSize(1);
        assertThat(changed.errors().get(0)).startsWith("[smartmigration:STALE_BUILD_OUTPUT] the sources of this "
                + "compilation include com.acme.GeneratedMigrationChain as an earlier build generated it, and it no "
                + "longer matches the @Migration classes");
    }

    @Test
    void editingTheBodyOfOneMigration_leavesTheChainAlone_rewritesItsFingerprint_carriesTheOthers()
            throws IOException {
        List<String> before = project.fingerprints();
        FileTime generated = project.chainSourceTime();
        project.write("M2", "m2", "1.1.0", "1.2.0", "private final int batch = 500;");

        TestProject.Result result = project.compile(true, "M2");

        assertThat(result.diagnostics()).isEmpty();
        assertThat(project.chainSourceTime()).isEqualTo(generated);
        List<String> after = project.fingerprints();
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(1)).isNotEqualTo(before.get(1));
        assertThat(after.get(2)).isEqualTo(before.get(2));
        assertThat(after).isEqualTo(project.fingerprintsOfACleanBuild());
    }

    @Test
    void editingOnlyTheCommentsOfAMigration_changesNoFingerprint() throws IOException {
        List<String> before = project.fingerprints();
        project.write("M2", "m2", "1.1.0", "1.2.0", "// the batch size is the default", "/* nothing else */");

        TestProject.Result result = project.compile(true, "M2");

        assertThat(result.diagnostics()).isEmpty();
        assertThat(project.fingerprints()).isEqualTo(before);
    }

    @Test
    void fixingACompileErrorInAMigration_recordsTheFingerprintOfTheFixedCode() throws IOException {
        project.write("M2", "m2", "1.1.0", "1.2.0", "int broken = \"not an int\";");
        assertThat(project.compile(true, "M2").errors()).hasSize(1);

        project.write("M2", "m2", "1.1.0", "1.2.0", "int fixed = 1;");
        TestProject.Result fixed = project.compile(true, "M2", TestProject.GENERATED_CHAIN);

        assertThat(fixed.errors()).isEmpty();
        assertThat(project.fingerprints()).isEqualTo(project.fingerprintsOfACleanBuild());
    }

    @Test
    void earlierBuildWithoutFingerprints_leavesTheCarriedOnesUnknown_withoutFailing() throws IOException {
        Files.delete(project.fingerprintFile());
        project.write("M2", "m2", "1.1.0", "1.2.0", "private final int batch = 500;");

        TestProject.Result result = project.compile(true, "M2");

        assertThat(result.errors()).isEmpty();
        List<String> fingerprints = project.fingerprints();
        assertThat(fingerprints.get(0)).isEqualTo("m1 null");
        assertThat(fingerprints.get(1)).matches("m2 v1:[0-9a-f]{64}");
        assertThat(fingerprints.get(2)).isEqualTo("m3 null");
    }

    @Test
    void fingerprintFileOfAnotherChainContent_isNotUsedByTheChain() throws IOException {
        Path file = project.fingerprintFile();
        Files.writeString(file, Files.readString(file).replaceFirst("content sha256:[0-9a-f]{8}",
                "content sha256:00000000"));

        assertThat(project.fingerprints()).containsExactly("m1 null", "m2 null", "m3 null").inOrder();
    }

    @Test
    void indexThatCannotBeRead_failsTheBuildInsteadOfGuessing() throws IOException {
        Files.writeString(project.classes().resolve(ChainIndex.PATH), "something else\n");
        project.write("M2", "m2", "1.1.0", "1.2.0");

        TestProject.Result result = project.compile(true, "M2");

        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0)).startsWith("[smartmigration:STALE_BUILD_OUTPUT] cannot tell which "
                + "@Migration classes an earlier compilation put in the chain: META-INF/smartmigration/chain-index.txt "
                + "is not a chain index of this version of the processor.");
    }

    /** A project directory compiled the way build tools do it. */
    static final class TestProject {
        static final String GENERATED_CHAIN = "GeneratedMigrationChain";

        private final Path src;
        private final Path generated;
        private final Path classes;
        private Instant clock = Instant.now().minusSeconds(3_600);

        TestProject(Path dir) throws IOException {
            src = Files.createDirectories(dir.resolve("src/com/acme"));
            generated = Files.createDirectories(dir.resolve("generated"));
            classes = Files.createDirectories(dir.resolve("classes"));
        }

        Path classes() {
            return classes;
        }

        void write(String type, String id, String from, String to, String... members) throws IOException {
            write(type, String.join("\n",
                    "import dev.smartmigration.annotations.Migration;",
                    "import dev.smartmigration.runtime.MigrationContext;",
                    "import dev.smartmigration.runtime.MigrationStep;",
                    "",
                    "@Migration(id = \"" + id + "\",",
                    "        from = \"" + from + "\", to = \"" + to + "\")",
                    "public class " + type + " implements MigrationStep {",
                    "    " + String.join("\n    ", members),
                    "    @Override public void up(MigrationContext ctx) { }",
                    "}"));
        }

        void write(String type, String body) throws IOException {
            Path file = src.resolve(type + ".java");
            Files.writeString(file, "package com.acme;\n\n" + body + "\n");
            // Every file is newer than the last compilation's output, as an edit between two builds makes it.
            clock = clock.plusSeconds(10);
            Files.setLastModifiedTime(file, FileTime.from(clock));
        }

        void delete(String type) throws IOException {
            deleteSource(type);
            Files.delete(classes.resolve("com/acme/" + type + ".class"));
        }

        void deleteSource(String type) throws IOException {
            Files.delete(src.resolve(type + ".java"));
        }

        Path fingerprintFile() {
            return classes.resolve("com/acme/" + FingerprintFile.NAME);
        }

        /** @return the fingerprints of the generated chain, as the runtime loads them: {@code id fingerprint} */
        List<String> fingerprints() throws IOException {
            return Javac.loadFingerprints(classes);
        }

        /** @return the fingerprints a build of every source from clean gives, in another output directory */
        List<String> fingerprintsOfACleanBuild() throws IOException {
            Path clean = Files.createTempDirectory(classes.getParent(), "clean");
            List<String> args = new ArrayList<>(List.of("-d", clean.toString(), "-s", clean.toString(),
                    "-classpath", System.getProperty("java.class.path")));
            try (Stream<Path> sources = Files.list(src)) {
                sources.map(Path::toString).sorted().forEach(args::add);
            }
            assertThat(Javac.run(args).errors()).isEmpty();
            return Javac.loadFingerprints(clean);
        }

        FileTime chainSourceTime() throws IOException {
            return Files.getLastModifiedTime(generated.resolve("com/acme/" + GENERATED_CHAIN + ".java"));
        }

        /**
         * @param sourcePath whether to pass the source roots as {@code -sourcepath}, as Maven does
         * @param types      the types to compile; {@value #GENERATED_CHAIN} means the generated source
         */
        Result compile(boolean sourcePath, String... types) throws IOException {
            List<String> args = new ArrayList<>(List.of("-Xlint:all",
                    "-d", classes.toString(), "-s", generated.toString(),
                    "-classpath", classes + File.pathSeparator + System.getProperty("java.class.path")));
            if (sourcePath) {
                args.addAll(List.of("-sourcepath", src.getParent().getParent() + File.pathSeparator + generated));
            }
            for (String type : types) {
                args.add(type.equals(GENERATED_CHAIN)
                        ? generated.resolve("com/acme/" + GENERATED_CHAIN + ".java").toString()
                        : src.resolve(type + ".java").toString());
            }
            Result result = Javac.run(args);
            // What this compilation wrote is newer than every source written before it, and its class files are
            // newer than its generated sources, as on a real clock.
            clock = clock.plusSeconds(10);
            settle(generated, clock);
            clock = clock.plusSeconds(10);
            settle(classes, clock);
            return result;
        }

        private static void settle(Path dir, Instant time) throws IOException {
            Instant now = Instant.now().minusSeconds(60);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (Files.getLastModifiedTime(f).toInstant().isAfter(now)) {
                        Files.setLastModifiedTime(f, FileTime.from(time));
                    }
                }
            }
        }

        /** @return the generated chain in the class output, as the runtime loads it: {@code id from->to} */
        List<String> chain() throws IOException {
            return Javac.loadChain(classes);
        }

        record Result(List<String> diagnostics, List<String> errors, List<String> errorLines) { }
    }
}
