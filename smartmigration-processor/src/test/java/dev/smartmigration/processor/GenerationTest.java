package dev.smartmigration.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.smartmigration.processor.Sources.compile;
import static dev.smartmigration.processor.Sources.migration;
import static dev.smartmigration.processor.Sources.plain;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor generates from a valid chain, and when. */
class GenerationTest {

    private static final String SERVICE_FILE = "META-INF/services/dev.smartmigration.runtime.MigrationChain";

    private static JavaFileObject[] chainInThreePackages() {
        JavaFileObject index = plain("com.acme.users.AddEmailIndex",
                "@Migration(id = \"add-email-index\", from = \"1.0.0\", to = \"1.1.0\",",
                "        description = \"Unique index on users.email\")",
                "public final class AddEmailIndex implements MigrationStep {",
                "    @Override public void up(MigrationContext ctx) { }",
                "}");
        JavaFileObject cleanup = plain("com.acme.orders.Steps",
                "public final class Steps {",
                "    @Migration(id = \"drop-legacy-totals\", from = \"1.2.0-rc.1\", to = \"1.2.0\")",
                "    public static final class DropLegacyTotals implements MigrationStep {",
                "        @Override public void up(MigrationContext ctx) { }",
                "    }",
                "}");
        JavaFileObject backfill = plain("com.acme.orders.billing.BackfillTotals",
                "@Migration(id = \"backfill-totals\", from = \"1.1.0\", to = \"1.2.0-rc.1\", resumable = true,",
                "        description = \"Line \\\"totals\\\"\\nper order\")",
                "public class BackfillTotals implements MigrationStep {",
                "    public BackfillTotals() { }",
                "    @Override public void up(MigrationContext ctx) { }",
                "}");
        return new JavaFileObject[] {cleanup, backfill, index};
    }

    @Test
    void validChainInSeveralPackages_compilesWithoutWarnings_andListsStepsInChainOrder() throws IOException {
        Compilation c = compile(chainInThreePackages());

        assertThat(c).succeededWithoutWarnings();
        String source = c.generatedSourceFile("com.acme.GeneratedMigrationChain").orElseThrow().getCharContent(true)
                .toString();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("CONTENT = \"(sha256:[0-9a-f]{64})\"")
                .matcher(source);
        assertThat(key.find()).isTrue();
        assertThat(c).generatedSourceFile("com.acme.GeneratedMigrationChain").hasSourceEquivalentTo(
                JavaFileObjects.forSourceLines("com.acme.GeneratedMigrationChain",
                        "package com.acme;",
                        "",
                        "import com.acme.orders.Steps;",
                        "import com.acme.orders.billing.BackfillTotals;",
                        "import com.acme.users.AddEmailIndex;",
                        "import dev.smartmigration.runtime.MigrationChain;",
                        "import dev.smartmigration.runtime.MigrationDefinition;",
                        "import dev.smartmigration.runtime.MigrationStep;",
                        "import java.io.IOException;",
                        "import java.io.InputStream;",
                        "import java.nio.charset.StandardCharsets;",
                        "import java.util.Arrays;",
                        "import java.util.Collections;",
                        "import java.util.List;",
                        "import java.util.function.Supplier;",
                        "import javax.annotation.processing.Generated;",
                        "",
                        "@Generated(\"dev.smartmigration.processor.MigrationProcessor\")",
                        "public final class GeneratedMigrationChain implements MigrationChain {",
                        "    private static final String CONTENT = \"" + key.group(1) + "\";",
                        "",
                        "    private static final List<MigrationDefinition> STEPS = createSteps();",
                        "",
                        "    public GeneratedMigrationChain() {",
                        "    }",
                        "",
                        "    @Override",
                        "    public List<MigrationDefinition> steps() {",
                        "        return STEPS;",
                        "    }",
                        "",
                        "    private static void addSteps0(MigrationDefinition[] steps, String[] fingerprints) {",
                        "        steps[0] = step(0, \"add-email-index\", \"1.0.0\", \"1.1.0\", "
                                + "\"Unique index on users.email\", false, fingerprints);",
                        "        steps[1] = step(1, \"backfill-totals\", \"1.1.0\", \"1.2.0-rc.1\", "
                                + "\"Line \\\"totals\\\"\\nper order\", true, fingerprints);",
                        "        steps[2] = step(2, \"drop-legacy-totals\", \"1.2.0-rc.1\", \"1.2.0\", \"\", false, "
                                + "fingerprints);",
                        "    }",
                        "",
                        "    private static List<MigrationDefinition> createSteps() {",
                        "        String[] fingerprints = fingerprints(3);",
                        "        MigrationDefinition[] steps = new MigrationDefinition[3];",
                        "        addSteps0(steps, fingerprints);",
                        "        return Collections.unmodifiableList(Arrays.asList(steps));",
                        "    }",
                        "",
                        "    private static MigrationDefinition step(int index, String id, String from, String to, "
                                + "String description, boolean resumable, String[] fingerprints) {",
                        "        return new MigrationDefinition(id, from, to, description, resumable, "
                                + "new StepFactory(index), \"-\".equals(fingerprints[index]) ? null : "
                                + "fingerprints[index]);",
                        "    }",
                        "",
                        "    private static String[] fingerprints(int size) {",
                        "        String[] fingerprints = new String[size];",
                        "        String text;",
                        "        try (InputStream in = GeneratedMigrationChain.class.getResourceAsStream("
                                + "\"GeneratedMigrationChain.fingerprints\")) {",
                        "            if (in == null) {",
                        "                return fingerprints;",
                        "            }",
                        "            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);",
                        "        } catch (IOException e) {",
                        "            return fingerprints;",
                        "        }",
                        "        int at = 0;",
                        "        while (text.startsWith(\"#\", at)) {",
                        "            at = text.indexOf('\\n', at) + 1;",
                        "            if (at == 0) {",
                        "                return fingerprints;",
                        "            }",
                        "        }",
                        "        String content = \"content \" + CONTENT + \"\\n\";",
                        "        if (!text.startsWith(content, at)) {",
                        "            return fingerprints;",
                        "        }",
                        "        at += content.length();",
                        "        for (int i = 0; i < size && at < text.length(); i++) {",
                        "            int end = text.indexOf('\\n', at);",
                        "            int first = text.indexOf(' ', at);",
                        "            int second = first < 0 ? -1 : text.indexOf(' ', first + 1);",
                        "            if (end < 0 || second < 0 || second > end) {",
                        "                return new String[size];",
                        "            }",
                        "            fingerprints[i] = text.substring(first + 1, second);",
                        "            at = end + 1;",
                        "        }",
                        "        return fingerprints;",
                        "    }",
                        "",
                        "    private static final class StepFactory implements Supplier<MigrationStep> {",
                        "        private final int index;",
                        "",
                        "        StepFactory(int index) {",
                        "            this.index = index;",
                        "        }",
                        "",
                        "        @Override",
                        "        public MigrationStep get() {",
                        "            switch (index) {",
                        "                case 0: return new AddEmailIndex();",
                        "                case 1: return new BackfillTotals();",
                        "                case 2: return new Steps.DropLegacyTotals();",
                        "                default: throw new IndexOutOfBoundsException(String.valueOf(index));",
                        "            }",
                        "        }",
                        "    }",
                        "}"));
        assertThat(c).generatedSourceFile("com.acme.GeneratedMigrationChain").contentsAsUtf8String()
                .startsWith("// Generated by the smartmigration annotation processor from 3 @Migration classes.");
    }

    @Test
    void validChain_withAllLintWarningsAsErrors_compilesWithoutWarnings() {
        Compilation c = Sources.compiler().withOptions("-Xlint:all", "-Werror").compile(chainInThreePackages());

        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void validChain_registersGeneratedChainForServiceLoader() throws IOException {
        Compilation c = compile(chainInThreePackages());

        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, SERVICE_FILE).contentsAsUtf8String()
                .isEqualTo("# Generated by the smartmigration annotation processor. Do not edit.\n"
                        + "com.acme.GeneratedMigrationChain\n");
    }

    @Test
    void packageOption_putsChainAndServiceEntryInThatPackage() {
        Compilation c = Sources.compiler().withOptions("-Asmartmigration.package=com.acme.migrations")
                .compile(chainInThreePackages());

        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("com.acme.migrations.GeneratedMigrationChain").contentsAsUtf8String()
                .contains("package com.acme.migrations;");
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, SERVICE_FILE).contentsAsUtf8String()
                .contains("com.acme.migrations.GeneratedMigrationChain\n");
    }

    @Test
    void invalidPackageOption_reportsInvalidOptions() {
        Compilation c = Sources.compiler().withOptions("-Asmartmigration.package=com.acme.2fast")
                .compile(migration("com.acme.Step", "step", "1.0.0", "1.1.0"));

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_OPTIONS] the processor option "
                + "smartmigration.package = \"com.acme.2fast\" is not a valid Java package name.");
    }

    @Test
    void migrationsWithoutCommonPackage_reportsInvalidOptionsAskingForThePackage() {
        Compilation c = compile(migration("com.acme.First", "first", "1.0.0", "1.1.0"),
                migration("org.example.Second", "second", "1.1.0", "1.2.0"));

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:INVALID_OPTIONS] the @Migration classes share no common "
                + "package (com.acme, org.example), so there is no package to generate GeneratedMigrationChain in. "
                + "Set the processor option -Asmartmigration.package=<package>");
    }

    @Test
    void migrationsInOnePackage_chainGoesToThatPackage() {
        Compilation c = compile(migration("com.acme.data.First", "first", "1.0.0", "1.1.0"),
                migration("com.acme.data.Second", "second", "1.1.0", "1.2.0"));

        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("com.acme.data.GeneratedMigrationChain");
    }

    @Test
    void migrationsInTheUnnamedPackage_chainGoesToTheUnnamedPackage() {
        Compilation c = compile(migration("First", "first", "1.0.0", "1.1.0"),
                migration("Second", "second", "1.1.0", "1.2.0"));

        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("GeneratedMigrationChain").contentsAsUtf8String()
                .containsMatch("(?s)new First\\(\\).*new Second\\(\\)");
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, SERVICE_FILE).contentsAsUtf8String()
                .endsWith("\nGeneratedMigrationChain\n");
    }

    @Test
    void processorBeforeThisOneOnTheProcessorPath_stillGetsMigration_whichThisOneClaims() {
        List<String> seen = new ArrayList<>();
        AbstractProcessor observer = new AbstractProcessor() {
            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("dev.smartmigration.annotations.Migration");
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                annotations.forEach(a -> seen.add(a.getQualifiedName().toString()));
                return false;
            }
        };
        MigrationProcessor processor = new MigrationProcessor();

        Compilation c = com.google.testing.compile.Compiler.javac().withProcessors(observer, processor)
                .withOptions("-Xlint:processing", "-Werror")
                .compile(migration("com.acme.Step", "step", "1.0.0", "1.1.0"));

        assertThat(c).succeededWithoutWarnings();
        assertThat(seen).containsExactly("dev.smartmigration.annotations.Migration");
        assertThat(processor.getSupportedAnnotationTypes()).containsExactly(
                "dev.smartmigration.annotations.Migration", "javax.annotation.processing.Generated");
    }

    @Test
    void noMigrations_generatesNothingAndWarnsNothing() {
        Compilation c = compile(plain("com.acme.Plain", "public class Plain { }"));

        assertThat(c).succeededWithoutWarnings();
        assertThat(c.generatedSourceFiles()).isEmpty();
        assertThat(c.generatedFiles().stream().map(f -> f.toUri().getPath()))
                .containsExactly("/CLASS_OUTPUT/com/acme/Plain.class");
    }

    @Test
    void brokenChain_generatesNoChain(@TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, d -> { }, null, null,
                    List.of(migration("com.acme.First", "first", "1.0.0", "1.1.0"),
                            migration("com.acme.Second", "second", "1.2.0", "1.3.0")));
            task.setProcessors(List.of(new MigrationProcessor()));

            assertThat(task.call()).isFalse();
        }
        assertThat(Files.exists(out.resolve("com/acme/GeneratedMigrationChain.java"))).isFalse();
        assertThat(Files.exists(out.resolve(SERVICE_FILE))).isFalse();
        assertThat(Files.exists(out.resolve("META-INF/smartmigration/chain-index.txt"))).isFalse();
    }

    @Test
    void migrationGeneratedByAnotherProcessor_whenTheSourcesHaveNone_isInTheChain() {
        RoundSourceProcessor other = new RoundSourceProcessor(new RoundSourceProcessor.Source(1,
                "com.acme.GeneratedStep", String.join("\n",
                        "package com.acme;",
                        "@dev.smartmigration.annotations.Migration(id = \"generated\", from = \"1.0.0\", to = \"1.1.0\")",
                        "public class GeneratedStep implements dev.smartmigration.runtime.MigrationStep {",
                        "    @Override public void up(dev.smartmigration.runtime.MigrationContext ctx) { }",
                        "}")));

        Compilation c = com.google.testing.compile.Compiler.javac()
                .withProcessors(new MigrationProcessor(), other)
                .compile(plain("com.acme.Plain", "public class Plain { }"));

        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("com.acme.GeneratedMigrationChain").contentsAsUtf8String()
                .contains("new GeneratedStep()");
    }

    @Test
    void migrationGeneratedAfterTheChainWasWritten_isReportedNotDropped() {
        RoundSourceProcessor other = new RoundSourceProcessor(new RoundSourceProcessor.Source(1, "com.acme.Late",
                String.join("\n",
                        "package com.acme;",
                        "@dev.smartmigration.annotations.Migration(id = \"late\", from = \"1.1.0\", to = \"1.2.0\")",
                        "public class Late implements dev.smartmigration.runtime.MigrationStep {",
                        "    @Override public void up(dev.smartmigration.runtime.MigrationContext ctx) { }",
                        "}")));

        Compilation c = com.google.testing.compile.Compiler.javac()
                .withProcessors(new MigrationProcessor(), other)
                .compile(migration("com.acme.Written", "written", "1.0.0", "1.1.0"));

        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[smartmigration:PROCESSOR_ERROR] com.acme.Late was generated by another "
                + "annotation processor in a later round, after com.acme.GeneratedMigrationChain was written, so it is "
                + "not in the chain.");
    }

    @Test
    void processorJar_declaresItselfAggregatingForGradle() throws IOException {
        try (InputStream in = MigrationProcessor.class.getClassLoader()
                .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("dev.smartmigration.processor.MigrationProcessor,aggregating\n");
        }
    }

    @Test
    void processorJar_registersProcessorForServiceLoader() throws IOException {
        try (InputStream in = MigrationProcessor.class.getClassLoader()
                .getResourceAsStream("META-INF/services/javax.annotation.processing.Processor")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo("dev.smartmigration.processor.MigrationProcessor");
        }
    }
}
